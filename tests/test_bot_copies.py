"""The bot's copies of portal facts equal the portal's.

The action server runs in its own environment (bot/.venv) and cannot import portal, so it
keeps literal copies of the language list (bot/actions/i18n.py) and of the objection reason
codes (bot/actions/objection_reasons.py). This test reads those literals from the bot's source,
without importing it, and compares them with portal/languages.py and ReasonCode.
"""

from __future__ import annotations

import ast
from pathlib import Path

from portal.languages import LANGUAGES
from portal.models import ReasonCode

BOT_ACTIONS = Path(__file__).resolve().parents[1] / "bot" / "actions"


def _literal(module: str, name: str):
    tree = ast.parse((BOT_ACTIONS / module).read_text(encoding="utf-8"))
    for node in tree.body:
        target = node.target if isinstance(node, ast.AnnAssign) else None
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            target = node.targets[0]
        if isinstance(target, ast.Name) and target.id == name and node.value is not None:
            return ast.literal_eval(node.value)
    raise AssertionError(f"bot/actions/{module} no longer defines {name} as a literal")


def test_the_bots_languages_are_the_portals_in_the_portals_order():
    # The order is the language menu's numbering ("3" is Arabic in the portal and in the bot).
    bot = list(_literal("i18n.py", "BABEL_LOCALES").items())
    assert bot == [(lang.code, lang.babel_locale) for lang in LANGUAGES]


def test_the_bots_objection_reasons_are_the_portals():
    bot = _literal("objection_reasons.py", "REASON_CODES")
    assert len(bot) == len(set(bot))
    assert set(bot) == {code.value for code in ReasonCode}
