"""The log of searches with no good answer: aggregated, no personal data, rare ones hidden, expiring."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from portal.models import UnansweredQuery
from portal.services.search.unanswered import (
    MIN_COUNT,
    RETENTION_DAYS,
    add_to_section,
    iso_week,
    record_unanswered,
    scrub,
    unanswered_report,
)

DAY = date(2026, 12, 7)

PRIVATE = [
    # (what, typed, kept)
    ("a phone number", "ring mig 070-123 45 67 om bostad", "ring mig om bostad"),
    ("a personal identity number", "mitt personnummer 19900101-1234 fungerar inte", "mitt personnummer fungerar inte"),
    ("an e-mail address", "skriv till ali@example.se om skolan", "skriv till om skolan"),
    ("an international number", "my number +46701234567 housing", "my number housing"),
]


@pytest.mark.parametrize(("typed", "kept"), [p[1:] for p in PRIVATE], ids=[p[0] for p in PRIVATE])
def test_numbers_and_addresses_never_reach_the_log(typed, kept):
    assert scrub(typed) == kept


def test_a_query_with_nothing_left_is_not_kept():
    assert scrub("0701234567") is None and scrub("   ") is None


def test_greetings_and_stop_words_alone_are_not_counted(db):
    for text, language in (("hej", "sv"), ("hello, how are you", "en"), ("ok thanks", "en")):
        record_unanswered(text, language, today=DAY)
    assert db.session.scalars(select(UnansweredQuery)).all() == []


def test_the_log_holds_words_language_week_and_a_count_only(db):
    for _ in range(3):
        record_unanswered("Var bor jag?  ", "sv", today=DAY)
    (row,) = db.session.scalars(select(UnansweredQuery)).all()
    assert (row.language, row.week, row.text, row.count) == ("sv", "2026-W50", "var bor jag?", 3)
    assert set(UnansweredQuery.__table__.columns.keys()) == {"id", "language", "week", "text", "count"}


def test_queries_asked_fewer_than_three_times_in_a_week_are_not_shown(db):
    for _ in range(MIN_COUNT - 1):
        record_unanswered("sällsynt fråga", "sv", today=DAY)
    for _ in range(MIN_COUNT):
        record_unanswered("vanlig fråga", "sv", today=DAY)
    record_unanswered("vanlig fråga", "sv", today=DAY + timedelta(days=7))  # a new week counts anew
    report = unanswered_report("sv", today=DAY)
    assert [(r.text, r.week, r.count) for r in report] == [("vanlig fråga", "2026-W50", 3)]
    assert unanswered_report("en", today=DAY) == []


def test_weeks_past_retention_are_not_shown_even_before_they_are_deleted(db):
    for _ in range(MIN_COUNT):
        record_unanswered("gammal fråga", "sv", today=DAY)
    assert unanswered_report("sv", today=DAY + timedelta(days=RETENTION_DAYS))
    assert unanswered_report("sv", today=DAY + timedelta(days=RETENTION_DAYS + 14)) == []


def test_weeks_older_than_ninety_days_are_deleted(db):
    for _ in range(MIN_COUNT):
        record_unanswered("gammal fråga", "sv", today=DAY)
    record_unanswered("ny fråga", "sv", today=DAY + timedelta(days=RETENTION_DAYS))
    assert db.session.scalar(select(UnansweredQuery.id).where(UnansweredQuery.text == "gammal fråga")) is not None
    record_unanswered("ny fråga", "sv", today=DAY + timedelta(days=RETENTION_DAYS + 14))
    assert db.session.scalar(select(UnansweredQuery.id).where(UnansweredQuery.text == "gammal fråga")) is None


def test_iso_weeks_sort_in_time_order():
    weeks = [iso_week(date(2025, 12, 29)), iso_week(date(2026, 1, 12)), iso_week(date(2026, 11, 30))]
    assert weeks == sorted(weeks) == ["2026-W01", "2026-W03", "2026-W49"]


def test_a_question_is_added_to_the_sections_questions_block():
    body = "Intro.\n\n## A {#a}\n\nText a.\n\n```questions\nFörsta?\n```\n\n## B {#b}\n\nText b.\n"
    added = add_to_section(body, "a", "Andra?")
    assert "```questions\nFörsta?\nAndra?\n```\n\n## B {#b}" in added
    made = add_to_section(body, "b", "Ny?")
    assert made.endswith("Text b.\n\n```questions\nNy?\n```\n")
    assert add_to_section(body, "finns-inte", "X?") is None
