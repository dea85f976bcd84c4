from __future__ import annotations

import pytest
from babel import Locale

from portal.languages import (
    CODES,
    LANGUAGES,
    TAG_TO_CODE,
    get_language,
    match_tag,
    negotiate,
    resolve_choice,
    words_for_language,
)


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


# What devices really send for our languages: BCP 47 tags, ISO 639-3 codes, CLDR locales.
DEVICE_TAGS = [
    ("sv", "sv"), ("sv-SE", "sv"), ("sv-FI", "sv"), ("swe", "sv"),
    ("en", "en"), ("en-GB", "en"), ("en-US", "en"), ("eng", "en"),
    ("ar", "ar"), ("ar-SY", "ar"), ("ar-IQ", "ar"), ("ar-SA", "ar"), ("ar-EG", "ar"), ("ar-001", "ar"),
    ("ara", "ar"), ("arb", "ar"), ("apc", "ar"), ("acm", "ar"),
    ("fa", "fa"), ("fa-IR", "fa"), ("pes", "fa"), ("fas", "fa"), ("per", "fa"),
    ("prs", "prs"), ("prs-AF", "prs"), ("fa-AF", "prs"), ("fa_AF", "prs"), ("FA-af", "prs"), ("fa-Arab-AF", "prs"),
    ("so", "so"), ("so-SO", "so"), ("so-ET", "so"), ("so-KE", "so"), ("som", "so"),
    ("ti", "ti"), ("ti-ER", "ti"), ("ti-ET", "ti"), ("tir", "ti"),
    ("uk", "uk"), ("uk-UA", "uk"), ("ukr", "uk"),
    ("ru", "ru"), ("ru-RU", "ru"), ("ru-UA", "ru"), ("rus", "ru"),
    ("ckb", "ckb"), ("ckb-IQ", "ckb"), ("ckb-IR", "ckb"), ("ckb-Arab", "ckb"),
    ("ku-Arab", "ckb"), ("ku-Arab-IQ", "ckb"), ("ku-IQ", "ckb"), ("ku-IR", "ckb"),
    ("ku", "ku"), ("kmr", "ku"), ("kmr-Latn", "ku"), ("kmr-TR", "ku"), ("kur", "ku"),
    ("ku-Latn", "ku"), ("ku-Latn-IQ", "ku"), ("ku-TR", "ku"), ("ku-SY", "ku"),
    ("ps", "ps"), ("ps-AF", "ps"), ("ps-PK", "ps"), ("pbt", "ps"), ("pbu", "ps"), ("pst", "ps"), ("pus", "ps"),
]  # fmt: skip


@pytest.mark.parametrize(("tag", "expected"), DEVICE_TAGS)
def test_every_tag_a_device_sends_finds_its_language(tag, expected):
    found = match_tag(tag)
    assert found is not None and found.code == expected


@pytest.mark.parametrize("tag", ["de", "de-DE", "am", "am-ET", "fr", "tr", "", "*", "-", "x-klingon", "kurdish"])
def test_tags_of_languages_we_do_not_serve_find_none(tag):
    assert match_tag(tag) is None


def test_no_tag_is_claimed_by_two_languages():
    claimed: dict[str, str] = {}
    for lang in LANGUAGES:
        for tag in {t.lower().replace("_", "-") for t in (lang.code, lang.babel_locale, *lang.tags)}:
            assert claimed.setdefault(tag, lang.code) == lang.code, f"{tag} is both {claimed[tag]} and {lang.code}"
    assert claimed == TAG_TO_CODE


def test_negotiation_takes_the_first_language_we_serve_and_skips_refused_ones():
    assert negotiate([("de-DE", 1), ("de", 0.9), ("prs", 0.8), ("en", 0.5)]).code == "prs"
    assert negotiate([("uk", 0), ("ru-RU", 0.7)]).code == "ru"
    assert negotiate([("de", 1), ("am", 0.5)]) is None


def test_every_language_names_the_word_language_once_in_the_header_words():
    words = words_for_language(get_language("ti"))
    assert words[0] == ("ቋንቋ", get_language("ti"))
    assert all(lang.word_for_language for lang in LANGUAGES)
    assert len({word for word, _ in words}) == len(words) == len({lang.word_for_language for lang in LANGUAGES})
