"""A greeting that opens a message with a question: the question is what the classifier reads."""

from __future__ import annotations

import pytest

from portal.channels.triage import after_greeting, greeting_language

# Written for these tests in the 12 languages (not from an evaluation set).
OPENED = [
    ("sv", "Hej! var ligger vårdcentralen i Botkyrka", "var ligger vårdcentralen i Botkyrka"),
    ("en", "good morning, when is my next class", "when is my next class"),
    ("ar", "السلام عليكم ورحمة الله، متى الدورة القادمة", "متى الدورة القادمة"),
    ("ar", "mar7aba, shu fi bl khetta tab3i", "shu fi bl khetta tab3i"),
    ("fa", "سلام وقتتون بخیر. برنامه من کی شروع میشه", "برنامه من کی شروع میشه"),
    ("prs", "سلام علیکم مه یک سوال دارم", "مه یک سوال دارم"),
    ("ps", "ستړي مه شئ زما کورس کله دی", "زما کورس کله دی"),
    ("so", "asc walaal goorma ayaa fasalka xiga", "walaal goorma ayaa fasalka xiga"),
    ("ti", "ሰላም ንዓኹም። መደበይ እንታይ ኣለዎ ክትነግሩኒ", "መደበይ እንታይ ኣለዎ ክትነግሩኒ"),
    ("uk", "Добрий день! коли наступне заняття з мови", "коли наступне заняття з мови"),
    ("ru", "privet, kogda sleduyushchee zanyatie u menya", "kogda sleduyushchee zanyatie u menya"),
    ("ckb", "سڵاو، کۆرسەکەم کەی دەست پێدەکات", "کۆرسەکەم کەی دەست پێدەکات"),
    ("ku", "silav, kursa min kengi dest pê dike", "kursa min kengi dest pê dike"),
]


@pytest.mark.parametrize(("language", "text", "question"), OPENED)
def test_what_follows_the_greeting_is_the_question(language, text, question):
    assert after_greeting(text) == question


@pytest.mark.parametrize(
    "text",
    [
        "hej",
        "salam alaikum",
        "Добрий день!",
        "hi there, thanks",  # too little after the greeting to be a question of its own
        "när börjar sfi, hej",  # the greeting is not at the start
        "salamat ast, when is sfi",  # a word that starts like a greeting is not one
        "",
    ],
)
def test_no_greeting_or_nothing_after_it_gives_none(text):
    assert after_greeting(text) is None


@pytest.mark.parametrize(
    ("text", "language"),
    [("salaan", "so"), ("سڵاو", "ckb"), ("silav!", "ku"), ("Hej hej", "sv"), ("привіт", "uk"), ("привет", "ru")],
)
def test_a_greeting_of_one_language_names_it(text, language):
    assert greeting_language(text) == language


@pytest.mark.parametrize("text", ["salam", "hi", "سلام", "marhaba", "salaan, goorma ayaa sfi", "hej привет", ""])
def test_a_greeting_said_in_many_languages_or_followed_by_more_names_none(text):
    assert greeting_language(text) is None


def test_a_shared_greeting_beside_one_of_a_single_language_names_that_language():
    assert greeting_language("hello salaan") == "so"
