"""Search analysis: Snowball stemming, the rule set for languages without a stemmer, stop words."""

from __future__ import annotations

import pytest

from portal.services.search.analysis import from_latin, query_words, stem, terms
from portal.services.search.stopwords import stop_words

SAME_TERM = [
    # (what, language, two spellings that must meet in the index)
    ("Swedish definite form", "sv", "tandläkaren", "tandläkare"),
    ("Swedish without å ä ö", "sv", "tandlakare", "tandläkare"),
    ("English plural", "en", "dentists", "dentist"),
    ("Russian case ending", "ru", "пособия", "пособие"),
    ("Russian ё", "ru", "ещё", "еще"),
    ("Arabic article", "ar", "الإقامة", "اقامة"),
    ("Arabic conjunction and article", "ar", "والمدرسة", "مدرسة"),
    ("Persian plural with half-space", "fa", "کتاب‌ها", "کتاب"),
    ("Dari uses the Persian stemmer", "prs", "دندان‌ها", "دندان"),
    ("Ukrainian case ending (rule)", "uk", "стоматолога", "стоматолог"),
    ("Somali definite article (rule)", "so", "dhakhtarka", "dhakhtar"),
    ("Kurmanji plural oblique (rule)", "ku", "diranan", "diran"),
    ("Pashto plural (rule)", "ps", "غاښونه", "غاښ"),
    ("Sorani definite ending (rule)", "ckb", "ددانەکە", "ددان"),
    ("Tigrinya joined preposition (rule)", "ti", "ንሓኪም", "ሓኪም"),
    ("a kept Swedish term in an Arabic text", "ar", "Försäkringskassan", "forsakringskassan"),
]


@pytest.mark.parametrize(("language", "one", "other"), [s[1:] for s in SAME_TERM], ids=[s[0] for s in SAME_TERM])
def test_two_spellings_of_a_word_become_one_term(language, one, other):
    assert terms(one, language) == terms(other, language)


DIFFERENT_TERMS = [
    # (what, language, words that must stay apart)
    ("Swedish", "sv", "skola", "skatt"),
    ("Tigrinya short word keeps its letters", "ti", "ስኒ", "ሓኪም"),
    ("Somali stem is never shorter than three letters", "so", "ka", "ku"),
]


@pytest.mark.parametrize(
    ("language", "one", "other"), [s[1:] for s in DIFFERENT_TERMS], ids=[s[0] for s in DIFFERENT_TERMS]
)
def test_different_words_stay_different(language, one, other):
    assert stem(one, language) != stem(other, language)


STOP_WORDS = [
    # (language, a question, the only words that may count)
    ("en", "how do I get a personnummer", ["personnumm"]),
    ("sv", "var hittar jag en tandläkare", ["tandlak"]),
    ("ar", "عند طبيب", ["طبيب"]),
    ("ru", "где мне найти врача", ["врач"]),
    ("fa", "کجا می‌توانم دندانپزشک پیدا کنم", ["دندانپزشک", "پيدا"]),
    ("so", "sideen u helaa dhakhtar", ["dhakhtar"]),
    # Arabic, Persian, Dari and Pashto typed in Latin letters have function words too.
    ("ar", "wein el sfi w kif bsajjel", ["sfi", "bsajjel"]),
    ("fa", "chetor mitonam dar sfi sabtenam konam", ["sfi", "sabtenam"]),
    ("prs", "man da swedan kar mekhayam", ["swedan", "kar"]),
    ("ps", "za pa stockholm ke kar ghwaram", ["stockholm", "kar"]),
    # Iraqi and Levantine question words in Arabic script ("how much", "I want to know")
    ("ar", "اريد اعرف شكد barnbidrag", ["barnbidrag"]),
    ("ar", "قديش بدك هلق", []),
]


@pytest.mark.parametrize(("language", "query", "expected"), STOP_WORDS, ids=[f"{s[0]}-{s[1][:12]}" for s in STOP_WORDS])
def test_stop_words_leave_only_the_topic(language, query, expected):
    assert [w.term for w in query_words(query, language)] == expected


@pytest.mark.parametrize("language", ["sv", "en", "ar", "fa", "prs", "so", "ti", "uk", "ru", "ckb", "ku", "ps"])
def test_every_language_has_stop_words_and_none_is_a_topic_word(language):
    words = stop_words(language)
    assert len(words) >= 30
    topics = {"1177", "sfi", "bankid", "personnummer", "skatteverket"}
    assert not words & topics


def test_a_query_keeps_at_most_twelve_words_each_once():
    words = query_words(" ".join(f"ord{i} tandläkare" for i in range(30)), "sv")
    assert len(words) == 12 and len({w.term for w in words}) == 12


def test_words_are_split_on_punctuation_and_hyphens():
    assert terms("1177.se – Vård-central, (SFI)!", "en") == ["1177", "se", "vard", "central", "sfi"]


ROMANISED = [
    # (language, typed in Latin letters, Cyrillic)
    ("ru", "vrach", "врач"),
    ("ru", "zhenshchin", "женщин"),
    ("uk", "likar", "лікар"),
    ("uk", "pensiya", "пенсія"),
]


@pytest.mark.parametrize(("language", "typed", "cyrillic"), ROMANISED, ids=[r[1] for r in ROMANISED])
def test_russian_and_ukrainian_typed_in_latin_letters_are_read_in_cyrillic(language, typed, cyrillic):
    assert from_latin(typed, language) == cyrillic


def test_only_russian_and_ukrainian_are_read_back_from_latin():
    assert from_latin("vrach", "sv") is None and from_latin("врач", "ru") is None
