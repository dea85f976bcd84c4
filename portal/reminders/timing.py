"""When a reminder is due: the person's choice, quiet hours, and the activity's own start.

Pure functions on aware datetimes, so they are tested without a database or a clock. Quiet
hours and the evening hour are wall-clock times in the configured zone (Europe/Stockholm): 21:00
is 21:00 in winter and in summer, so its UTC time moves by an hour at the DST changes. That is
why nothing here adds hours to a local time; each wall-clock moment is built from a date and a
time in the zone, and only then compared in UTC.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from portal.models import ReminderKind

# A reminder handed to the network this close to the start of quiet hours would reach the phone
# inside them (delivery takes seconds, a queue of reminders longer), so it waits for the morning.
SEND_MARGIN = timedelta(minutes=1)


def wall_clock(day: date, at: time, zone: ZoneInfo) -> datetime:
    """`at` on `day` in `zone`, as UTC.

    A time that does not exist on a spring-forward night (02:30) is read with the offset before
    the change, which lands after the gap (03:30); one that exists twice in autumn is the first.
    """
    return datetime.combine(day, at, tzinfo=zone).astimezone(UTC)


@dataclass(frozen=True)
class QuietHours:
    """Hours in which nothing personal is sent: [start, end) in `zone`, across midnight if start > end."""

    start: time
    end: time
    zone: ZoneInfo

    def contains(self, moment: datetime) -> bool:
        """True when `moment` falls inside quiet hours."""
        if self.start == self.end:
            return False
        local = moment.astimezone(self.zone).time()
        if self.start < self.end:
            return self.start <= local < self.end
        return local >= self.start or local < self.end

    def next_allowed(self, moment: datetime) -> datetime:
        """`moment` itself outside quiet hours, else the end of the quiet hours it is in (UTC)."""
        if not self.contains(moment):
            return moment.astimezone(UTC)
        local = moment.astimezone(self.zone)
        day = local.date()
        if self.start > self.end and local.time() >= self.start:
            day += timedelta(days=1)  # evening: quiet hours end tomorrow morning
        return wall_clock(day, self.end, self.zone)


@dataclass(frozen=True)
class ReminderSetting:
    """One person's reminders: the evening before (at an hour), and/or some hours before."""

    evening_before: bool
    evening_hour: int
    hours_before: int | None

    @property
    def enabled(self) -> bool:
        return self.evening_before or self.hours_before is not None

    @property
    def kinds(self) -> tuple[ReminderKind, ...]:
        kinds = []
        if self.evening_before:
            kinds.append(ReminderKind.EVENING_BEFORE)
        if self.hours_before is not None:
            kinds.append(ReminderKind.HOURS_BEFORE)
        return tuple(kinds)


OFF = ReminderSetting(evening_before=False, evening_hour=18, hours_before=None)


@dataclass(frozen=True)
class ReminderRules:
    """The configured zone and quiet hours (from REMINDER_* in the config)."""

    zone: ZoneInfo
    quiet: QuietHours

    @classmethod
    def from_config(cls, config: Mapping[str, Any]) -> ReminderRules:
        zone = ZoneInfo(config["REMINDER_TIMEZONE"])
        start, end = config["REMINDER_QUIET_HOURS"]
        return cls(zone=zone, quiet=QuietHours(start, end, zone))


def raw_due(kind: ReminderKind, starts_at: datetime, setting: ReminderSetting, zone: ZoneInfo) -> datetime:
    """The moment the person asked for, before quiet hours: evening before at the hour, or N hours before."""
    if kind is ReminderKind.EVENING_BEFORE:
        day_before = starts_at.astimezone(zone).date() - timedelta(days=1)
        return wall_clock(day_before, time(setting.evening_hour), zone)
    # "Two hours before" is two real hours, also on a DST night.
    return starts_at.astimezone(UTC) - timedelta(hours=setting.hours_before or 0)


def due_time(
    kind: ReminderKind, starts_at: datetime, setting: ReminderSetting, rules: ReminderRules, *, not_before: datetime
) -> datetime | None:
    """When to send, or None when the reminder could only arrive after the activity has begun.

    `not_before` is when the reminder was planned: a moment already past then (an activity
    added at 19:00 for tomorrow morning, after the 18:00 reminder) is sent as soon as it may be.
    Quiet hours make it wait; waiting past the start drops it, as a reminder of something that
    has begun is no use and a message at night is worse.
    """
    due = max(raw_due(kind, starts_at, setting, rules.zone), not_before)
    due = rules.quiet.next_allowed(due)
    return due if due < starts_at else None


def plan_occurrence(
    starts_at: datetime, setting: ReminderSetting, rules: ReminderRules, *, not_before: datetime
) -> dict[ReminderKind, datetime]:
    """The due time of each reminder this person gets for one occurrence.

    When quiet hours or lateness push the evening reminder to the same moment as the
    hours-before one (or later), only the hours-before one is sent: two texts about one lesson
    in the same minute is noise.
    """
    planned = {
        kind: due
        for kind in setting.kinds
        if (due := due_time(kind, starts_at, setting, rules, not_before=not_before)) is not None
    }
    evening, hours = planned.get(ReminderKind.EVENING_BEFORE), planned.get(ReminderKind.HOURS_BEFORE)
    if evening is not None and hours is not None and evening >= hours:
        del planned[ReminderKind.EVENING_BEFORE]
    return planned


def may_send_now(now: datetime, starts_at: datetime, rules: ReminderRules) -> tuple[bool, datetime | None]:
    """At send time: (True, None) to send now; (False, later) to wait; (False, None) to drop.

    Checked again when the job runs, because a worker may run it late: after a restart, a
    backlog, or a Redis outage.
    """
    if now >= starts_at:
        return False, None
    if rules.quiet.contains(now) or rules.quiet.contains(now + SEND_MARGIN):
        later = rules.quiet.next_allowed(now + SEND_MARGIN)
        return False, (later if later < starts_at else None)
    return True, None


def alarm_triggers(starts_at: datetime, setting: ReminderSetting, rules: ReminderRules) -> list[timedelta]:
    """VALARM triggers (relative to the event's start) matching the SMS reminders' timing.

    Relative triggers are the ones every calendar app honours. They are computed from the
    same due times as the SMS (quiet hours included), without lateness: the feed describes
    the plan, not what the worker happens to be doing.
    """
    planned = plan_occurrence(starts_at, setting, rules, not_before=datetime.min.replace(tzinfo=UTC))
    return sorted(due - starts_at.astimezone(UTC) for due in planned.values())
