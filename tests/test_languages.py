from __future__ import annotations

import pytest
from babel import Locale

from portal.languages import CODES, LANGUAGES, get_language, resolve_choice


def test_there_are_twelve_languages_with_five_written_right_to_left():
    assert len(LANGUAGES) == 12
    assert {lang.code for lang in LANGUAGES if lang.is_rtl} == {"ar", "fa", "prs", "ckb", "ps"}


def test_codes_match_the_brief():
    assert set(CODES) == {"sv", "en", "ar", "fa", "prs", "so", "ti", "uk", "ru", "ckb", "ku", "ps"}


@pytest.mark.parametrize("lang", LANGUAGES, ids=lambda lang: lang.code)
def test_every_babel_locale_exists_in_cldr(lang):
    locale = Locale.parse(lang.babel_locale)
    assert locale.language == lang.babel_locale.split("_")[0]


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("3", "ar"),
        ("arabic", "ar"),
        ("عربي", "ar"),
        ("Soomaali", "so"),
        ("ትግርኛ", "ti"),
        ("dari", "prs"),
        ("FA", "fa"),
        ("fa-AF", "prs"),
        ("kurmancî", "ku"),
        ("svenska tack", "sv"),
    ],
)
def test_a_language_is_found_from_what_people_type(typed, expected):
    found = resolve_choice(typed)
    assert found is not None and found.code == expected


@pytest.mark.parametrize("typed", ["", "13", "0", "klingon", "xx"])
def test_unknown_language_choices_are_none(typed):
    assert resolve_choice(typed) is None


def test_get_language_accepts_babel_locales_and_codes():
    assert get_language("fa_AF").code == "prs"
    assert get_language("prs").code == "prs"
    assert get_language("zz") is None
