from __future__ import annotations

import os
from pathlib import Path

import pytest

from actions import i18n
from actions.i18n import Messages, babel_locale, native_name
from tests.bot.actions.catalogues import write_catalogue

LOCALES = {
    "sv": "sv",
    "en": "en",
    "ar": "ar",
    "fa": "fa",
    "prs": "fa_AF",
    "so": "so",
    "ti": "ti",
    "uk": "uk",
    "ru": "ru",
    "ckb": "ckb",
    "ku": "ku",
    "ps": "ps",
}


@pytest.mark.parametrize(("language", "locale"), LOCALES.items())
def test_every_conversation_language_maps_to_its_babel_locale(language, locale):
    assert babel_locale(language) == locale
    assert Messages(language).date("2026-11-23")  # Babel has data for every one of them


@pytest.mark.parametrize(
    ("language", "direction"),
    [
        ("ar", "rtl"),
        ("fa", "rtl"),
        ("prs", "rtl"),
        ("ckb", "rtl"),
        ("ps", "rtl"),
        ("sv", "ltr"),
        ("ti", "ltr"),
        ("ku", "ltr"),
        ("uk", "ltr"),
    ],
)
def test_script_direction_follows_the_language(language, direction):
    assert Messages(language).direction == direction


def test_missing_catalogue_falls_back_to_the_english_msgid():
    assert Messages("ti")._("You are welcome!") == "You are welcome!"


def test_catalogue_translation_is_used_and_placeholders_are_filled():
    write_catalogue(Path(os.environ["ANKOMST_LOCALES_DIR"]), "sv", {"Read more: %(url)s": "Läs mer: %(url)s"})
    i18n.clear_cache()

    assert Messages("sv")._("Read more: %(url)s", url="/info") == "Läs mer: /info"


def test_dari_falls_back_to_the_persian_catalogue_when_it_has_none_of_its_own():
    write_catalogue(Path(os.environ["ANKOMST_LOCALES_DIR"]), "fa", {"You are welcome!": "خواهش می‌کنم!"})
    i18n.clear_cache()

    assert Messages("prs")._("You are welcome!") == "خواهش می‌کنم!"


def test_plural_forms_use_the_number_formatted_for_the_locale():
    messages = Messages("sv")

    assert messages.ngettext("%(n)s day", "%(n)s days", 1) == "1 day"
    assert messages.ngettext("%(n)s day", "%(n)s days", 7) == "7 days"


def test_unknown_language_is_treated_as_swedish():
    assert Messages("xx").language == "sv"


@pytest.mark.parametrize(
    ("language", "name"),
    [("sv", "svenska"), ("ar", "العربية"), ("prs", "دری"), ("ti", "ትግርኛ"), ("ckb", "کوردیی ناوەندی")],
)
def test_languages_are_named_in_their_own_language(language, name):
    assert native_name(language) == name
