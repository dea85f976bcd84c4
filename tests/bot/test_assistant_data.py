"""The assistant's data and domain: Rasa's own validation, the intent contract, the catalogues."""

from __future__ import annotations

import inspect
import pkgutil
import re
import subprocess
from pathlib import Path

import pytest
import yaml
from babel.messages.extract import extract_from_dir
from rasa_sdk import Action

import actions

REPO = Path(__file__).resolve().parents[2]
BOT = REPO / "bot"
CONTRACT_INTENTS = {
    "greet",
    "goodbye",
    "thanks",
    "help",
    "choose_language",
    "ask_next_activity",
    "ask_schedule",
    "ask_plan",
    "file_objection",
    "objection_status",
    "ask_civic_info",
    "talk_to_human",
    "affirm",
    "deny",
    "bot_challenge",
    "out_of_scope",
    # Added where people need them (bot/README.md), never renaming one of the above.
    "ask_acknowledge",
    "request_review",
    "cancel",
    "ask_interpreter",
    "emergency",
    "choose_option",
}


def custom_action_names() -> set[str]:
    names = set()
    for module in pkgutil.iter_modules(actions.__path__):
        imported = __import__(f"actions.{module.name}", fromlist=["_"])
        for _, cls in inspect.getmembers(imported, inspect.isclass):
            if issubclass(cls, Action) and cls.__module__ == imported.__name__ and not inspect.isabstract(cls):
                names.add(cls().name())
    return names


@pytest.mark.slow
def test_rasa_data_validate_passes_on_config_domain_and_data():
    result = subprocess.run(
        [
            str(BOT / ".venv" / "bin" / "rasa"),
            "data",
            "validate",
            "--data",
            "bot/data",
            "--domain",
            "bot/domain.yml",
            "--config",
            "bot/config.yml",
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=600,
    )

    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]


def test_domain_lists_exactly_the_contract_intents_and_nlu_fallback():
    domain = yaml.safe_load((BOT / "domain.yml").read_text())

    assert set(domain["intents"]) == CONTRACT_INTENTS | {"nlu_fallback"}


def test_domain_has_no_literal_responses():
    domain = yaml.safe_load((BOT / "domain.yml").read_text())

    assert not domain.get("responses")


def test_every_action_in_the_domain_has_exactly_one_class_and_vice_versa():
    domain = yaml.safe_load((BOT / "domain.yml").read_text())

    assert set(domain["actions"]) == custom_action_names()


def test_every_action_class_has_a_one_line_docstring():
    for module in pkgutil.iter_modules(actions.__path__):
        imported = __import__(f"actions.{module.name}", fromlist=["_"])
        for _, cls in inspect.getmembers(imported, inspect.isclass):
            if issubclass(cls, Action) and cls.__module__ == imported.__name__:
                assert cls.__doc__ and "\n" not in cls.__doc__.strip(), cls.__name__


def test_every_contract_intent_is_handled_by_a_rule_or_story():
    steps = []
    for path in (BOT / "data").glob("[rs]*/*.yml"):
        document = yaml.safe_load(path.read_text())
        for block in document.get("rules", []) + document.get("stories", []):
            steps += block["steps"]
    handled = {step["intent"] for step in steps if "intent" in step}

    assert CONTRACT_INTENTS | {"nlu_fallback"} <= handled


def test_msgids_are_whole_english_sentences_with_named_placeholders():
    messages = list(extract_from_dir(str(BOT / "actions"), method_map=[("**.py", "python")]))
    msgids = [m[2] if isinstance(m[2], str) else m[2][0] for m in messages]

    assert len(msgids) > 40
    for msgid in msgids:
        assert not re.search(r"%[sd]", msgid), f"unnamed placeholder in {msgid!r}"
        assert msgid.strip() == msgid and msgid, f"fragment-like msgid {msgid!r}"


@pytest.fixture(scope="module")
def script():
    """bot/scripts/spelling_variants.py, loaded from its path (scripts is no package)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("spelling_variants", BOT / "scripts" / "spelling_variants.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_spelling_variants_are_what_the_script_writes_from_the_current_examples(script):
    for language in (*script.FOLDED, *script.TRANSLITERATED):
        written = (BOT / "data" / "nlu" / language / script.OUTPUT).read_text(encoding="utf-8")
        assert written == script.render(language), f"run bot/scripts/spelling_variants.py ({language})"


def test_transliteration_and_folding_write_as_people_type(script):
    assert script.transliterate("где моё дело", "ru", second_way=False) == "gde moe delo"
    assert script.transliterate("де моя справа", "uk", second_way=True) == "de moya sprava"
    assert script.transliterate("хочу", "uk", second_way=False) == "hochu"
    assert script.fold("var hittar jag en tandläkare") == "var hittar jag en tandlakare"
    assert script.fold("ez dixwazim bi kurmancî binivîsim") == "ez dixwazim bi kurmanci binivisim"
