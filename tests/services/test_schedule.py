"""Recurrence, hours and warnings. Times are Stockholm wall-clock times across DST."""

from __future__ import annotations

from datetime import UTC, date, time, timedelta

import pytest

from portal.models import Activity, OccurrenceChange, OccurrenceChangeKind, Plan
from portal.services.schedule import (
    STOCKHOLM,
    expand_activity,
    hours_by_week,
    hours_per_week,
    hours_periods,
    next_occurrence,
    plan_warnings,
    upcoming,
)


def _activity(**kw) -> Activity:
    fields = {
        "type_key": "sfi",
        "weekdays": "1",
        "start_time": time(9, 0),
        "duration_minutes": 180,
        "start_date": date(2026, 3, 16),
        "end_date": date(2026, 4, 13),
        "place": "",
    }
    fields.update(kw)
    activity = Activity(**fields)
    activity.changes = []
    return activity


def test_a_weekly_activity_keeps_its_local_time_across_the_spring_dst_change():
    # Sweden moves to summer time on Sunday 29 March 2026.
    found = expand_activity(_activity(), date(2026, 3, 16), date(2026, 4, 6))
    assert [o.day for o in found] == [date(2026, 3, 16), date(2026, 3, 23), date(2026, 3, 30), date(2026, 4, 6)]
    assert {o.starts_at.astimezone(STOCKHOLM).time() for o in found} == {time(9, 0)}
    assert [o.starts_at.astimezone(UTC).hour for o in found] == [8, 8, 7, 7]


def test_an_evening_activity_keeps_its_length_on_the_autumn_dst_night():
    # Sweden returns to standard time on Sunday 25 October 2026.
    act = _activity(
        weekdays="7",
        start_time=time(1, 0),
        duration_minutes=180,
        start_date=date(2026, 10, 18),
        end_date=date(2026, 11, 1),
    )
    found = expand_activity(act, date(2026, 10, 18), date(2026, 11, 1))
    assert [o.day for o in found] == [date(2026, 10, 18), date(2026, 10, 25), date(2026, 11, 1)]
    assert all(o.ends_at.astimezone(STOCKHOLM).time() == time(4, 0) for o in found)


def test_cancelled_and_moved_occurrences_are_applied():
    act = _activity(weekdays="13")
    act.changes = [
        OccurrenceChange(original_date=date(2026, 3, 18), kind=OccurrenceChangeKind.CANCELLED),
        OccurrenceChange(
            original_date=date(2026, 3, 23),
            kind=OccurrenceChangeKind.MOVED,
            new_date=date(2026, 3, 24),
            new_start_time=time(13, 0),
        ),
    ]
    found = expand_activity(act, date(2026, 3, 16), date(2026, 3, 25))
    assert [(o.day, o.starts_at.time(), o.moved_from) for o in found] == [
        (date(2026, 3, 16), time(9, 0), None),
        (date(2026, 3, 24), time(13, 0), date(2026, 3, 23)),
        (date(2026, 3, 25), time(9, 0), None),
    ]


def test_an_occurrence_moved_into_the_window_from_outside_it_is_shown():
    act = _activity()
    act.changes = [
        OccurrenceChange(original_date=date(2026, 3, 30), kind=OccurrenceChangeKind.MOVED, new_date=date(2026, 3, 27))
    ]
    found = expand_activity(act, date(2026, 3, 25), date(2026, 3, 28))
    assert [o.day for o in found] == [date(2026, 3, 27)]


def _plan(*activities, start=date(2026, 3, 16)) -> Plan:
    plan = Plan(start_date=start)
    plan.activities = list(activities)
    return plan


def test_hours_per_week_is_the_typical_week():
    plan = _plan(
        _activity(weekdays="12345", duration_minutes=210),
        _activity(type_key="praktik", weekdays="1234", start_time=time(13), duration_minutes=270),
    )
    assert hours_per_week(plan) == 35.5


def test_weeks_without_activities_are_found():
    plan = _plan(
        _activity(start_date=date(2026, 5, 4), end_date=date(2026, 6, 8)),
        _activity(start_date=date(2026, 8, 17), end_date=date(2026, 9, 7)),
        start=date(2026, 5, 4),
    )
    weeks = hours_by_week(plan)
    empty = [monday for monday, hours in weeks.items() if hours == 0]
    assert empty[0] == date(2026, 6, 15) and empty[-1] == date(2026, 8, 10) and len(empty) == 9
    gap = next(w for w in plan_warnings(plan, date(2026, 5, 4), 40) if w.kind == "gap_weeks")
    assert gap.params["count"] == 9


@pytest.mark.parametrize(
    ("weekdays", "minutes", "warned"),
    [("12345", 480, False), ("12345", 420, True), ("135", 180, True)],
)
def test_a_plan_under_full_time_is_warned(weekdays, minutes, warned):
    plan = _plan(_activity(weekdays=weekdays, duration_minutes=minutes, start_time=time(8)))
    kinds = {w.kind for w in plan_warnings(plan, date(2026, 3, 16), 40)}
    assert ("under_full_time" in kinds) is warned


@pytest.mark.parametrize(
    ("arrival", "first_activity_day", "today", "warned"),
    [
        (None, None, date(2026, 3, 20), False),
        (None, None, date(2026, 3, 22), True),
        (None, date(2026, 3, 20), date(2026, 4, 1), False),
        (None, date(2026, 3, 23), date(2026, 4, 1), True),
        # Counted from arrival, not from the plan's start: arrived 1 March, plan written 16 March.
        (date(2026, 3, 1), date(2026, 3, 16), date(2026, 3, 16), True),
        (date(2026, 3, 1), None, date(2026, 3, 6), False),
        (date(2026, 3, 1), None, date(2026, 3, 7), True),
        (date(2026, 3, 14), date(2026, 3, 16), date(2026, 3, 16), False),
    ],
)
def test_no_activity_plan_within_five_days_of_arrival_is_warned(arrival, first_activity_day, today, warned):
    from datetime import datetime

    from portal.models import Person

    plan = _plan(start=date(2026, 3, 16))
    plan.person = Person(arrival_date=arrival)
    plan.first_activity_at = (
        datetime.combine(first_activity_day, time(10), tzinfo=STOCKHOLM) if first_activity_day else None
    )
    kinds = {w.kind for w in plan_warnings(plan, today, 40)}
    assert ("late_activity_plan" in kinds) is warned


def _spring_and_autumn_plan() -> Plan:
    """27 h a week until 30 June (SFI and an internship), then 12 h of SFI from 17 August."""
    return _plan(
        _activity(weekdays="12345", duration_minutes=180, start_date=date(2026, 3, 16), end_date=date(2026, 6, 30)),
        _activity(
            type_key="praktik",
            weekdays="12",
            start_time=time(13),
            duration_minutes=360,
            start_date=date(2026, 3, 16),
            end_date=date(2026, 6, 30),
        ),
        _activity(weekdays="1234", duration_minutes=180, start_date=date(2026, 8, 17), end_date=date(2026, 12, 18)),
    )


def test_hours_are_told_per_period_not_as_one_median():
    periods = hours_periods(_spring_and_autumn_plan())
    assert [(p.start, p.end, p.hours) for p in periods] == [
        (date(2026, 3, 16), date(2026, 6, 30), 27.0),
        (date(2026, 8, 17), date(2026, 12, 18), 12.0),
    ]
    # The headline figure is the period running on the day asked about.
    assert hours_per_week(_spring_and_autumn_plan(), date(2026, 5, 4)) == 27.0
    assert hours_per_week(_spring_and_autumn_plan(), date(2026, 7, 10)) == 12.0


def test_a_weekend_between_two_activities_does_not_split_a_period():
    plan = _plan(
        _activity(weekdays="135", start_date=date(2026, 3, 16), end_date=date(2026, 3, 27)),
        _activity(weekdays="135", start_date=date(2026, 3, 30), end_date=date(2026, 4, 24)),
    )
    assert [(p.start, p.end, p.hours) for p in hours_periods(plan)] == [(date(2026, 3, 16), date(2026, 4, 24), 9.0)]


@pytest.mark.parametrize(
    ("last_day", "warned"),
    [
        (date(2026, 6, 30), True),
        (date(2026, 6, 1), True),
        (date(2026, 8, 14), True),
        (date(2026, 8, 15), False),
        (date(2026, 5, 29), False),
        (date(2026, 12, 18), False),
    ],
)
def test_a_plan_that_ends_before_the_autumn_is_warned(last_day, warned):
    plan = _plan(_activity(weekdays="12345", start_date=date(2026, 3, 16), end_date=last_day))
    found = {w.kind: w for w in plan_warnings(plan, date(2026, 3, 16), 40)}
    assert ("ends_before_autumn" in found) is warned
    if warned:
        assert found["ends_before_autumn"].params == {"date": last_day}


def test_upcoming_groups_fourteen_days_by_day():
    plan = _plan(_activity(weekdays="14", end_date=date(2026, 6, 1)))
    days = upcoming(plan, date(2026, 3, 16), 14)
    assert list(days) == [date(2026, 3, 16), date(2026, 3, 19), date(2026, 3, 23), date(2026, 3, 26)]


def test_the_next_occurrence_skips_one_that_has_ended():
    from datetime import datetime

    plan = _plan(_activity(weekdays="12"))
    now = datetime(2026, 3, 16, 12, 30, tzinfo=STOCKHOLM)  # Monday's lesson ended at 12:00
    assert next_occurrence(plan, now).day == date(2026, 3, 17)
    assert next_occurrence(plan, now - timedelta(hours=2)).day == date(2026, 3, 16)
