"""Every UI message is translated in all 12 catalogues, with the same placeholders."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from babel.messages.pofile import read_po

from portal.languages import LANGUAGES

LOCALES = Path(__file__).resolve().parents[2] / "locales"
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]|%[sd]|\{(\w*)\}")


def _catalogue(lang):
    with open(LOCALES / lang.babel_locale / "LC_MESSAGES" / "messages.po", "rb") as fh:
        return read_po(fh, locale=lang.babel_locale)


def _template():
    with open(LOCALES / "messages.pot", "rb") as fh:
        return read_po(fh)


def _placeholders(text: str) -> set[str]:
    return {m.group(0) for m in PLACEHOLDER.finditer(text)}


@pytest.mark.parametrize("lang", LANGUAGES, ids=lambda lang: lang.code)
def test_every_message_is_translated_and_keeps_its_placeholders(lang):
    catalogue = _catalogue(lang)
    missing, broken = [], []
    for template_message in _template():
        if not template_message.id:
            continue
        message = catalogue.get(template_message.id, context=template_message.context)
        if message is None or not message.string or (isinstance(message.string, tuple) and not all(message.string)):
            missing.append(template_message.id)
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        expected = _placeholders(ids[0]) | (_placeholders(ids[1]) if len(ids) > 1 else set())
        for string in strings:
            found = _placeholders(string)
            # Plural forms may drop %(num)d in a singular ("one day"), never invent a new one.
            if not found <= expected or (len(ids) == 1 and found != expected):
                broken.append((message.id, string))
    assert not missing, f"{lang.code}: {len(missing)} untranslated, e.g. {missing[:3]}"
    assert not broken, f"{lang.code}: placeholders differ: {broken[:3]}"


@pytest.mark.parametrize("lang", LANGUAGES, ids=lambda lang: lang.code)
def test_no_message_is_marked_fuzzy(lang):
    catalogue = _catalogue(lang)
    fuzzy = [m.id for m in catalogue if m.id and m.fuzzy]
    assert not fuzzy, f"{lang.code}: fuzzy entries are dropped at compile time: {fuzzy[:3]}"
    # A fuzzy header makes `pybabel compile` skip the whole catalogue.
    assert not catalogue.fuzzy, f"{lang.code}: the catalogue header is marked fuzzy"


@pytest.mark.parametrize("lang", LANGUAGES, ids=lambda lang: lang.code)
def test_the_compiled_catalogue_translates(lang):
    from babel.support import Translations

    compiled = LOCALES / lang.babel_locale / "LC_MESSAGES" / "messages.mo"
    assert compiled.exists(), f"{lang.code}: run `flask translate compile`"
    with open(compiled, "rb") as fh:
        translations = Translations(fh)
    translated = translations.gettext("Welcome to Ankomst")
    assert translated and (lang.code == "en" or translated != "Welcome to Ankomst")


def test_review_status_is_recorded_honestly_for_every_catalogue():
    status = yaml.safe_load((LOCALES / "review-status.yml").read_text(encoding="utf-8"))
    catalogues = status["catalogues"]
    assert set(catalogues) == {lang.code for lang in LANGUAGES}
    for code, entry in catalogues.items():
        assert entry["status"] in {"reviewed", "unreviewed-draft"}, code
        if entry["status"] == "reviewed":
            # A review is a person and a date, never a claim.
            assert entry.get("reviewer") and entry.get("reviewed_on"), code
        else:
            assert entry.get("drafted_by"), code


@pytest.mark.parametrize("lang", LANGUAGES, ids=lambda lang: lang.code)
def test_each_catalogue_carries_its_languages_plural_rules(lang):
    from babel.messages.plurals import get_plural

    # Without the header, gettext falls back to English plurals: wrong for Arabic's six forms.
    with open(LOCALES / lang.babel_locale / "LC_MESSAGES" / "messages.po", encoding="utf-8") as fh:
        header = fh.read(2000)
    assert f"nplurals={get_plural(lang.babel_locale).num_plurals};" in header
