"""Compile a small gettext catalogue for a test, as pybabel would into locales/."""

from __future__ import annotations

from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo


def write_catalogue(locales_dir: Path, locale: str, translations: dict[str, str]) -> Path:
    """Write locales/<locale>/LC_MESSAGES/messages.mo with the given msgid -> msgstr pairs."""
    catalog = Catalog(locale=locale)
    for msgid, msgstr in translations.items():
        catalog.add(msgid, msgstr)
    path = locales_dir / locale / "LC_MESSAGES" / "messages.mo"
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as handle:
        write_mo(handle, catalog)
    return path
