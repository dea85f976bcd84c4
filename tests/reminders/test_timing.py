"""Due times and quiet hours, on wall-clock time in Stockholm, across midnight and both DST changes."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

import pytest

from portal.models import ReminderKind
from portal.reminders.timing import (
    QuietHours,
    ReminderRules,
    ReminderSetting,
    alarm_triggers,
    due_time,
    may_send_now,
    plan_occurrence,
)
from tests.reminders.conftest import STOCKHOLM, local

RULES = ReminderRules(zone=STOCKHOLM, quiet=QuietHours(time(21, 0), time(8, 0), STOCKHOLM))
EVENING = ReminderSetting(evening_before=True, evening_hour=18, hours_before=None)
TWO_HOURS = ReminderSetting(evening_before=False, evening_hour=18, hours_before=2)
BOTH = ReminderSetting(evening_before=True, evening_hour=18, hours_before=2)
LONG_AGO = datetime(2000, 1, 1, tzinfo=UTC)


@pytest.mark.parametrize(
    ("hour", "minute", "quiet"),
    [
        (20, 59, False),
        (21, 0, True),
        (23, 59, True),
        (0, 0, True),
        (3, 30, True),
        (7, 59, True),
        (8, 0, False),
        (12, 0, False),
    ],
)
def test_quiet_hours_run_from_the_evening_across_midnight_to_the_morning(hour, minute, quiet):
    assert RULES.quiet.contains(local(2026, 12, 8, hour, minute)) is quiet


def test_quiet_hours_that_do_not_cross_midnight_also_work():
    lunch = QuietHours(time(12, 0), time(13, 0), STOCKHOLM)
    assert lunch.contains(local(2026, 12, 8, 12, 30))
    assert not lunch.contains(local(2026, 12, 8, 13, 0))
    assert lunch.next_allowed(local(2026, 12, 8, 12, 30)) == local(2026, 12, 8, 13, 0)


def test_a_reminder_due_late_in_the_evening_waits_until_eight_the_next_morning():
    starts = local(2026, 12, 9, 10, 0)
    # Ten hours before a 10:00 lesson is 00:00, inside quiet hours.
    setting = ReminderSetting(evening_before=False, evening_hour=18, hours_before=10)
    assert due_time(ReminderKind.HOURS_BEFORE, starts, setting, RULES, not_before=LONG_AGO) == local(2026, 12, 9, 8, 0)


def test_a_reminder_that_could_only_arrive_after_the_activity_has_begun_is_dropped():
    # 2 h before 08:00 is 06:00 (quiet); the morning comes at 08:00, when the lesson begins.
    assert due_time(ReminderKind.HOURS_BEFORE, local(2026, 12, 9, 8, 0), TWO_HOURS, RULES, not_before=LONG_AGO) is None
    # 08:30 still gets it at 08:00.
    assert due_time(
        ReminderKind.HOURS_BEFORE, local(2026, 12, 9, 8, 30), TWO_HOURS, RULES, not_before=LONG_AGO
    ) == local(2026, 12, 9, 8, 0)


def test_spring_forward_the_morning_is_eight_oclock_summer_time():
    # 29 March 2026: clocks go from 02:00 to 03:00. A reminder at 23:30 (winter time) waits until
    # 08:00 summer time, which is 06:00 UTC, not 07:00 as eleven hours later in winter would be.
    waiting = local(2026, 3, 28, 23, 30)
    assert RULES.quiet.next_allowed(waiting) == datetime(2026, 3, 29, 6, 0, tzinfo=UTC)
    assert RULES.quiet.contains(datetime(2026, 3, 29, 5, 59, tzinfo=UTC))  # 07:59 summer time
    assert not RULES.quiet.contains(datetime(2026, 3, 29, 6, 0, tzinfo=UTC))
    # And 21:00 that evening is 19:00 UTC.
    assert RULES.quiet.contains(datetime(2026, 3, 29, 19, 0, tzinfo=UTC))
    assert not RULES.quiet.contains(datetime(2026, 3, 29, 18, 59, tzinfo=UTC))


def test_fall_back_the_morning_is_eight_oclock_winter_time():
    # 25 October 2026: clocks go from 03:00 back to 02:00. 08:00 winter time is 07:00 UTC.
    waiting = local(2026, 10, 24, 22, 0)  # summer time, 20:00 UTC
    assert RULES.quiet.next_allowed(waiting) == datetime(2026, 10, 25, 7, 0, tzinfo=UTC)
    assert RULES.quiet.contains(datetime(2026, 10, 25, 6, 30, tzinfo=UTC))  # 07:30 winter time
    # The repeated hour (02:00-03:00 twice) is quiet both times.
    assert RULES.quiet.contains(datetime(2026, 10, 25, 0, 30, tzinfo=UTC))
    assert RULES.quiet.contains(datetime(2026, 10, 25, 1, 30, tzinfo=UTC))


@pytest.mark.parametrize(
    ("starts", "expected_utc"),
    [
        # The evening before a Sunday lesson on the spring-forward night: 18:00 winter time.
        (local(2026, 3, 29, 10, 0), datetime(2026, 3, 28, 17, 0, tzinfo=UTC)),
        # The evening before the Monday after: 18:00 summer time.
        (local(2026, 3, 30, 9, 0), datetime(2026, 3, 29, 16, 0, tzinfo=UTC)),
        # The evening before the fall-back Sunday: 18:00 summer time; the Monday after: winter time.
        (local(2026, 10, 25, 10, 0), datetime(2026, 10, 24, 16, 0, tzinfo=UTC)),
        (local(2026, 10, 26, 9, 0), datetime(2026, 10, 25, 17, 0, tzinfo=UTC)),
    ],
)
def test_the_evening_reminder_is_at_six_local_time_on_both_sides_of_a_dst_change(starts, expected_utc):
    assert due_time(ReminderKind.EVENING_BEFORE, starts, EVENING, RULES, not_before=LONG_AGO) == expected_utc


def test_hours_before_are_real_hours_across_the_dst_night():
    # 05:00 summer time on 29 March is 03:00 UTC; eight real hours before is 19:00 UTC (20:00 winter).
    starts = local(2026, 3, 29, 5, 0) + timedelta(hours=4)  # 09:00 summer time
    setting = ReminderSetting(evening_before=False, evening_hour=18, hours_before=8)
    # 09:00 CEST = 07:00 UTC; minus 8 h = 23:00 UTC = 00:00 CET: quiet, so 08:00 CEST.
    assert due_time(ReminderKind.HOURS_BEFORE, starts, setting, RULES, not_before=LONG_AGO) == datetime(
        2026, 3, 29, 6, 0, tzinfo=UTC
    )


def test_a_reminder_planned_after_its_moment_goes_as_soon_as_quiet_hours_allow():
    # The lesson was added at 19:30, after the 18:00 reminder: it goes at once.
    now = local(2026, 12, 8, 19, 30)
    starts = local(2026, 12, 9, 9, 0)
    assert due_time(ReminderKind.EVENING_BEFORE, starts, EVENING, RULES, not_before=now) == now
    # Added at 22:00: it waits for 08:00, before the 09:00 lesson.
    late = local(2026, 12, 8, 22, 0)
    assert due_time(ReminderKind.EVENING_BEFORE, starts, EVENING, RULES, not_before=late) == local(2026, 12, 9, 8, 0)


def test_when_the_evening_reminder_is_pushed_onto_the_other_only_one_is_sent():
    late = local(2026, 12, 8, 23, 0)  # both would come at 08:00 for a 09:30 lesson
    planned = plan_occurrence(local(2026, 12, 9, 9, 30), BOTH, RULES, not_before=late)
    assert planned == {ReminderKind.HOURS_BEFORE: local(2026, 12, 9, 8, 0)}
    on_time = plan_occurrence(local(2026, 12, 9, 13, 0), BOTH, RULES, not_before=LONG_AGO)
    assert on_time == {
        ReminderKind.EVENING_BEFORE: local(2026, 12, 8, 18, 0),
        ReminderKind.HOURS_BEFORE: local(2026, 12, 9, 11, 0),
    }


@pytest.mark.parametrize(
    ("now", "starts", "expected"),
    [
        (local(2026, 12, 8, 18, 0), local(2026, 12, 9, 9, 0), (True, None)),
        # A late worker at 21:10: the reminder waits until the morning...
        (local(2026, 12, 8, 21, 10), local(2026, 12, 9, 9, 0), (False, local(2026, 12, 9, 8, 0))),
        # ...and a minute before quiet hours is too late for tonight.
        (local(2026, 12, 8, 20, 59, 30), local(2026, 12, 9, 9, 0), (False, local(2026, 12, 9, 8, 0))),
        # ...or is dropped when the morning is after the start.
        (local(2026, 12, 9, 6, 0), local(2026, 12, 9, 7, 30), (False, None)),
        # Once the activity has begun it is never sent.
        (local(2026, 12, 9, 9, 1), local(2026, 12, 9, 9, 0), (False, None)),
    ],
)
def test_the_send_time_check_catches_a_late_worker(now, starts, expected):
    assert may_send_now(now, starts, RULES) == expected


def test_calendar_alarms_follow_the_same_times():
    starts = local(2026, 3, 29, 10, 0)  # Sunday, summer time; the evening before was winter time
    assert alarm_triggers(starts, BOTH, RULES) == [timedelta(hours=-15), timedelta(hours=-2)]
    assert alarm_triggers(local(2026, 12, 9, 8, 0), TWO_HOURS, RULES) == []  # dropped: none
