#!/usr/bin/env python3
"""Hand untranslated catalogue entries to a translator as JSON, and merge the answers back.

    scripts/po_todo.py export ar > /tmp/ar.json   # entries with no translation yet
    scripts/po_todo.py import ar /tmp/ar.json     # write the translations into the .po

The JSON is a list of {"id": msgid, "plural": msgid_plural|null, "context": ..., "string": ""|[...]}.
Translators fill "string" (a list, one per plural form, for plural entries) and keep every
%(placeholder)s exactly. Entries are never marked reviewed here; see locales/review-status.yml.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from portal.languages import get_language  # noqa: E402


def _po_path(code: str) -> Path:
    lang = get_language(code)
    if lang is None:
        raise SystemExit(f"unknown language {code}")
    return ROOT / "locales" / lang.babel_locale / "LC_MESSAGES" / "messages.po"


def _load(code: str):
    with open(_po_path(code), "rb") as fh:
        return read_po(fh, locale=get_language(code).babel_locale)


def export(code: str) -> None:
    catalogue = _load(code)
    todo = []
    for message in catalogue:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if all(strings) and not message.fuzzy:
            continue
        plural = isinstance(message.id, tuple)
        todo.append({
            "context": message.context,
            "id": message.id[0] if plural else message.id,
            "plural": message.id[1] if plural else None,
            "plural_forms": catalogue.num_plurals if plural else None,
            "string": [""] * catalogue.num_plurals if plural else "",
        })
    json.dump(todo, sys.stdout, ensure_ascii=False, indent=1)


def import_(code: str, path: str) -> None:
    catalogue = _load(code)
    answers = json.loads(Path(path).read_text(encoding="utf-8"))
    done = 0
    for entry in answers:
        message = catalogue.get(entry["id"], context=entry.get("context"))
        if message is None or not entry.get("string"):
            continue
        message.string = tuple(entry["string"]) if isinstance(message.id, tuple) else entry["string"]
        message.flags.discard("fuzzy")
        done += 1
    catalogue.fuzzy = False  # a fuzzy header makes `pybabel compile` skip the whole catalogue
    with open(_po_path(code), "wb") as fh:
        write_po(fh, catalogue, omit_header=False, sort_output=True, width=100)
    print(f"{code}: {done} entries merged")


if __name__ == "__main__":
    if len(sys.argv) >= 3 and sys.argv[1] == "export":
        export(sys.argv[2])
    elif len(sys.argv) >= 4 and sys.argv[1] == "import":
        import_(sys.argv[2], sys.argv[3])
    else:
        raise SystemExit(__doc__)
