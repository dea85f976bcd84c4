"""Turning weekly activities into dated occurrences, hours per week, and plan warnings.

All times are wall-clock times in Europe/Stockholm: an SFI lesson at 09:00 stays at 09:00
across the daylight-saving changes, while its UTC time moves by an hour.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from statistics import median
from zoneinfo import ZoneInfo

from portal.models import Activity, OccurrenceChangeKind, Plan

STOCKHOLM = ZoneInfo("Europe/Stockholm")
NEXT_OCCURRENCE_DAYS = 60  # how far ahead "your next activity" looks
ACTIVITY_PLAN_DAYS = 5  # an activity plan is due within five days of arriving at the job centre (seed 001)


@dataclass(frozen=True)
class Occurrence:
    activity: Activity
    starts_at: datetime  # aware, Europe/Stockholm
    ends_at: datetime
    moved_from: date | None = None

    @property
    def day(self) -> date:
        return self.starts_at.date()


@dataclass(frozen=True)
class PlanWarning:
    kind: str  # "under_full_time", "gap_weeks", "late_activity_plan"
    params: dict = field(default_factory=dict)


def _at(day: date, activity: Activity, start_time=None) -> tuple[datetime, datetime]:
    start = datetime.combine(day, start_time or activity.start_time, tzinfo=STOCKHOLM)
    # Add the duration in wall-clock terms, so a lesson keeps its length on a DST night too.
    end = start + timedelta(minutes=activity.duration_minutes)
    return start, end


def expand_activity(activity: Activity, start: date, end: date) -> list[Occurrence]:
    """The activity's occurrences with a date in [start, end], after cancellations and moves."""
    changes = {c.original_date: c for c in activity.changes}
    found: list[Occurrence] = []
    first, last = max(start, activity.start_date), min(end, activity.end_date)
    day = first
    weekdays = set(activity.weekday_numbers)
    while day <= last:
        if day.isoweekday() in weekdays:
            change = changes.get(day)
            if change is None:
                found.append(Occurrence(activity, *_at(day, activity)))
            elif change.kind == OccurrenceChangeKind.MOVED and change.new_date and start <= change.new_date <= end:
                found.append(Occurrence(activity, *_at(change.new_date, activity, change.new_start_time), day))
        day += timedelta(days=1)
    # A move can bring an occurrence into the window from outside it.
    for change in changes.values():
        if (
            change.kind == OccurrenceChangeKind.MOVED
            and change.new_date
            and start <= change.new_date <= end
            and not (first <= change.original_date <= last)
            and activity.start_date <= change.original_date <= activity.end_date
        ):
            found.append(
                Occurrence(activity, *_at(change.new_date, activity, change.new_start_time), change.original_date)
            )
    return sorted(found, key=lambda o: o.starts_at)


def occurrences(activities: Iterable[Activity], start: date, end: date) -> list[Occurrence]:
    """All occurrences of `activities` in [start, end], in time order."""
    return sorted((o for a in activities for o in expand_activity(a, start, end)), key=lambda o: o.starts_at)


def upcoming(plan: Plan, today: date, days: int = 14) -> dict[date, list[Occurrence]]:
    """The next `days` days of a plan, grouped by day (days without activities left out)."""
    grouped: dict[date, list[Occurrence]] = {}
    for occ in occurrences(plan.activities, today, today + timedelta(days=days - 1)):
        grouped.setdefault(occ.day, []).append(occ)
    return grouped


def next_occurrence(plan: Plan, now: datetime, activity_types: Collection[str] = ()) -> Occurrence | None:
    """The first occurrence that has not ended yet (of one of `activity_types`, when given)."""
    today = now.astimezone(STOCKHOLM).date()
    activities = [a for a in plan.activities if not activity_types or a.type_key in activity_types]
    for occ in occurrences(activities, today, today + timedelta(days=NEXT_OCCURRENCE_DAYS)):
        if occ.ends_at > now:
            return occ
    return None


def weekly_hours(activity: Activity) -> float:
    """Scheduled hours in an ordinary week of the activity."""
    return len(set(activity.weekdays)) * activity.duration_minutes / 60


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def hours_by_week(plan: Plan) -> dict[date, float]:
    """Scheduled hours for every week from the plan's start to its last activity (Monday → hours)."""
    if not plan.activities:
        return {}
    first = _monday(min(plan.start_date, *(a.start_date for a in plan.activities)))
    last = max(a.end_date for a in plan.activities)
    weeks: dict[date, float] = {}
    monday = first
    while monday <= last:
        weeks[monday] = 0.0
        monday += timedelta(days=7)
    for occ in occurrences(plan.activities, first, last):
        weeks[_monday(occ.day)] = weeks.get(_monday(occ.day), 0.0) + occ.activity.duration_minutes / 60
    return weeks


def hours_per_week(plan: Plan, today: date | None = None) -> float:
    """The plan's hours in a typical week: the median of its weeks that have any activity."""
    weeks = hours_by_week(plan)
    busy = [h for h in weeks.values() if h > 0]
    return round(median(busy), 1) if busy else 0.0


def plan_warnings(plan: Plan, today: date, full_time_hours: float) -> list[PlanWarning]:
    """What the caseworker should fix: under full time, empty weeks, a late activity plan."""
    warnings: list[PlanWarning] = []
    weeks = hours_by_week(plan)
    typical = hours_per_week(plan)
    if plan.activities and typical < full_time_hours:
        warnings.append(PlanWarning("under_full_time", {"hours": typical, "threshold": full_time_hours}))
    gaps = [monday for monday, hours in weeks.items() if hours == 0 and monday >= _monday(plan.start_date)]
    if gaps:
        warnings.append(PlanWarning("gap_weeks", {"count": len(gaps), "first": gaps[0], "last": gaps[-1]}))
    deadline = plan.start_date + timedelta(days=ACTIVITY_PLAN_DAYS)
    first = plan.first_activity_at.astimezone(STOCKHOLM).date() if plan.first_activity_at else None
    if (first is None and today > deadline) or (first is not None and first > deadline):
        warnings.append(PlanWarning("late_activity_plan", {"deadline": deadline}))
    return warnings
