"""Change sentences read in the newcomer's language, dates included."""

from __future__ import annotations

import pytest
from flask_babel import force_locale

from portal.services.plan_text import describe_change, weekdays_label

MOVE = {"kind": "occurrence_moved", "activity": "praktik", "from": "2026-05-04", "to": "2026-05-11", "time": "13:00"}


def test_a_moved_internship_reads_as_a_sentence_in_english(app):
    with app.test_request_context(), force_locale("en"):
        assert (
            describe_change(MOVE)
            == "Your Internship (praktik) moved from Monday, May 4, 2026 to Monday, May 11, 2026 at 1:00\u202fPM."
        )


@pytest.mark.parametrize(
    ("locale", "monday"),
    [("sv", "måndag"), ("ar", "الاثنين"), ("ti", "ሰኑይ"), ("uk", "понеділок"), ("fa", "دوشنبه"), ("so", "Isniin")],
)
def test_change_sentences_use_the_readers_language_and_calendar_words(app, locale, monday):
    with app.test_request_context(), force_locale("en"):
        english = describe_change(MOVE)
    with app.test_request_context(), force_locale(locale):
        sentence = describe_change(MOVE)
    assert monday in sentence.casefold() or monday in sentence
    assert sentence != english
    assert "moved from" not in sentence  # the sentence template itself is translated, not only the dates


def test_weekday_lists_use_the_locales_list_pattern(app):
    with app.test_request_context(), force_locale("sv"):
        assert weekdays_label("135") == "måndag, onsdag och fredag"
