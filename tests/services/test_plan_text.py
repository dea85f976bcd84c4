"""Change sentences read in the newcomer's language, dates included."""

from __future__ import annotations

import pytest
from flask_babel import force_locale

from portal.services.plan_text import describe_change, describe_warning, hours_period_labels, weekdays_label
from portal.services.schedule import hours_periods
from tests.services.test_schedule import _spring_and_autumn_plan

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


def test_hours_per_period_read_as_sentences_with_their_dates(app):
    periods = hours_periods(_spring_and_autumn_plan())
    with app.test_request_context(), force_locale("en"):
        assert hours_period_labels(periods) == ["27 hours a week until Jun 30", "12 hours a week from Aug 17"]
    with app.test_request_context(), force_locale("sv"):
        assert hours_period_labels(periods) == ["27 timmar i veckan till 30 juni", "12 timmar i veckan från 17 aug."]
    with app.test_request_context(), force_locale("ar"):
        arabic = hours_period_labels(periods)
    assert len(arabic) == 2 and all("hours a week" not in label for label in arabic)


def test_a_single_period_needs_no_dates(app):
    with app.test_request_context(), force_locale("en"):
        assert hours_period_labels(hours_periods(_spring_and_autumn_plan())[:1]) == ["27 hours a week"]


def test_staff_warnings_use_swedish_number_formats(app):
    with app.test_request_context(), force_locale("sv"):
        text = describe_warning("under_full_time", {"hours": 27.5, "threshold": 40.0})
    assert "27,5" in text and "27.5" not in text
