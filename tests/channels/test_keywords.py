"""STOP / START / HELP words: whole messages only, every language, no word of two kinds."""

from __future__ import annotations

import pytest

from portal.channels.keywords import KEYWORDS, TWILIO_ENGLISH, Keyword, match_keyword, normalise, reply_word
from portal.languages import CODES


def test_every_language_has_stop_start_and_help_words():
    assert set(KEYWORDS) == set(CODES)
    for language, table in KEYWORDS.items():
        assert set(table) == set(Keyword), language
        assert all(table[k] for k in Keyword), language


def test_twilios_english_keywords_are_all_there():
    assert TWILIO_ENGLISH[Keyword.STOP] == ("STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT")
    assert TWILIO_ENGLISH[Keyword.START] == ("START", "YES", "UNSTOP")
    assert TWILIO_ENGLISH[Keyword.HELP] == ("HELP", "INFO")


def test_no_word_is_a_keyword_of_two_kinds():
    kinds: dict[str, set[Keyword]] = {}
    for table in KEYWORDS.values():
        for keyword, words in table.items():
            for word in words:
                kinds.setdefault(normalise(word), set()).add(keyword)
    assert {word: k for word, k in kinds.items() if len(k) > 1} == {}


@pytest.mark.parametrize(
    ("text", "keyword", "language"),
    [
        ("STOP", Keyword.STOP, None),
        ("stop.", Keyword.STOP, None),
        ("  Unsubscribe! ", Keyword.STOP, None),
        ("STOPP", Keyword.STOP, "sv"),
        ("sluta", Keyword.STOP, "sv"),
        ("Avanmäl", Keyword.STOP, "sv"),
        ("قف", Keyword.STOP, "ar"),
        ("أوقف", Keyword.STOP, "ar"),
        ("اوقف", Keyword.STOP, "ar"),
        ("إلغاء", Keyword.STOP, "ar"),
        ("لغو", Keyword.STOP, None),  # Persian and Dari share it
        ("JOOJI", Keyword.STOP, "so"),
        ("ka bax", Keyword.STOP, "so"),
        ("ኣቋርጽ", Keyword.STOP, "ti"),
        ("ጠጠው በል", Keyword.STOP, "ti"),
        ("ЗУПИНИТИ", Keyword.STOP, "uk"),
        ("стоп", Keyword.STOP, None),  # Ukrainian and Russian share it
        ("отписаться", Keyword.STOP, "ru"),
        ("وەستان", Keyword.STOP, "ckb"),
        ("raweste", Keyword.STOP, "ku"),
        ("ودروه", Keyword.STOP, "ps"),
        ("start", Keyword.START, None),
        ("Yes", Keyword.START, None),
        ("Börja", Keyword.START, "sv"),
        ("ابدا", Keyword.START, "ar"),
        ("bilow", Keyword.START, "so"),
        ("ጀምር", Keyword.START, "ti"),
        ("начать", Keyword.START, "ru"),
        ("dest pê bike", Keyword.START, "ku"),
        ("HELP", Keyword.HELP, None),
        ("info", Keyword.HELP, None),
        ("hjälp", Keyword.HELP, "sv"),
        ("hjalp", Keyword.HELP, "sv"),
        ("مساعدة", Keyword.HELP, "ar"),
        ("مساعده", Keyword.HELP, "ar"),  # ta marbuta typed as ha
        ("کمک", Keyword.HELP, None),
        ("كمك", Keyword.HELP, None),  # Arabic kaf for Persian kaf
        ("caawi", Keyword.HELP, "so"),
        ("ሓገዝ", Keyword.HELP, "ti"),
        ("допомога", Keyword.HELP, "uk"),
        ("یارمەتی", Keyword.HELP, "ckb"),
        ("alîkarî", Keyword.HELP, "ku"),
        ("مرسته", Keyword.HELP, "ps"),
    ],
)
def test_keywords_are_recognised_in_every_language(text, keyword, language):
    match = match_keyword(text)
    assert match is not None
    assert match.keyword is keyword
    assert match.language == language


@pytest.mark.parametrize(
    "text",
    [
        "stop sending me the plan",
        "när slutar sfi",
        "I need help with my plan",
        "ok",
        "tack",
        "بس",
        "شكرا",
        "",
        "   ",
        "stopp stopp stopp stopp stopp stopp stopp",
    ],
)
def test_other_messages_are_not_keywords(text):
    assert match_keyword(text) is None


@pytest.mark.parametrize(
    ("language", "stop", "start"),
    [
        ("sv", "STOPP", "START"),
        ("ar", "توقف", "ابدأ"),
        ("so", "JOOJI", "BILOW"),
        ("ti", "ኣቋርጽ", "ጀምር"),
        (None, "STOP", "START"),
    ],
)
def test_the_word_we_tell_people_to_send_back_is_in_their_language(language, stop, start):
    assert reply_word(Keyword.STOP, language) == stop
    assert reply_word(Keyword.START, language) == start


@pytest.mark.parametrize("language", CODES)
def test_the_reply_word_of_every_language_is_recognised_again(language):
    for keyword in Keyword:
        match = match_keyword(reply_word(keyword, language))
        assert match is not None and match.keyword is keyword


def test_every_language_has_a_reminder_word_that_is_recognised_again_and_is_no_other_keyword():
    from portal.channels.keywords import REMINDER_WORDS, match_reminder_command, reminder_word

    assert set(REMINDER_WORDS) == set(CODES)
    for code, words in REMINDER_WORDS.items():
        assert match_reminder_command(reminder_word(code)).languages.count(code) == 1
        for word in words:
            assert match_keyword(word) is None, word
