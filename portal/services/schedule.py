"""Turning weekly activities into dated occurrences, hours per week, and plan warnings.

All times are wall-clock times in Europe/Stockholm: an SFI lesson at 09:00 stays at 09:00
across the daylight-saving changes, while its UTC time moves by an hour.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from portal.local_time import STOCKHOLM, stockholm_today
from portal.models import Activity, OccurrenceChangeKind, Plan

NEXT_OCCURRENCE_DAYS = 60  # how far ahead "your next activity" looks
ACTIVITY_PLAN_DAYS = 5  # an activity plan is due within five days of arriving at the job centre (seed 001)
# A plan whose last activity ends in this window stops for the summer with nothing after it:
# the seed documents found most newcomers had a summer break (002). The autumn term of SFI
# and adult education starts in the second half of August.
SUMMER_STARTS = (6, 1)
AUTUMN_STARTS = (8, 15)


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
class HoursPeriod:
    """A stretch of the plan with the same scheduled hours in an ordinary week."""

    start: date
    end: date
    hours: float


@dataclass(frozen=True)
class PlanWarning:
    kind: str  # "under_full_time", "gap_weeks", "ends_before_autumn", "late_activity_plan"
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


def hours_periods(plan: Plan) -> list[HoursPeriod]:
    """The plan's ordinary weekly hours, period by period ("27 h until 30 June; 12 h from 18 August").

    Built from the activities' date ranges, not from single occurrences, so one cancelled
    lesson does not split a period. Stretches without activities are left out; a gap shorter
    than a week (a weekend between two activities) does not split a period of the same hours.
    """
    if not plan.activities:
        return []
    bounds = sorted({a.start_date for a in plan.activities} | {a.end_date + timedelta(days=1) for a in plan.activities})
    periods: list[HoursPeriod] = []
    for first, after in zip(bounds, bounds[1:], strict=False):
        last = after - timedelta(days=1)
        active = [a for a in plan.activities if a.start_date <= first and last <= a.end_date]
        hours = round(sum(weekly_hours(a) for a in active), 1)
        if not hours:
            continue
        previous = periods[-1] if periods else None
        if previous and previous.hours == hours and (first - previous.end).days <= 7:
            periods[-1] = HoursPeriod(previous.start, last, hours)
        else:
            periods.append(HoursPeriod(first, last, hours))
    return periods


def current_period(periods: list[HoursPeriod], today: date) -> HoursPeriod | None:
    """The period `today` falls in, else the next one, else the last one."""
    for period in periods:
        if today <= period.end:
            return period
    return periods[-1] if periods else None


def hours_per_week(plan: Plan, today: date | None = None) -> float:
    """The plan's hours in an ordinary week of the period now running (or the next one)."""
    today = today or stockholm_today()
    period = current_period(hours_periods(plan), today)
    return period.hours if period else 0.0


def activity_plan_deadline(arrival: date) -> date:
    """The day the activity plan is due: five days after arrival at the job centre (seed 001)."""
    return arrival + timedelta(days=ACTIVITY_PLAN_DAYS)


def ends_before_autumn(last_day: date) -> bool:
    """The day falls in the summer break, before the autumn term starts."""
    return date(last_day.year, *SUMMER_STARTS) <= last_day < date(last_day.year, *AUTUMN_STARTS)


@dataclass(frozen=True)
class PlanBreak:
    first: date  # a Monday
    last: date  # a Sunday


def plan_breaks(plan: Plan, today: date) -> list[PlanBreak]:
    """Whole weeks without activities inside the plan, not over yet, joined into runs.

    The newcomer is told about them in plain words (issue 14: "the summer gap is not
    explained"); the caseworker sees the same weeks as a warning in plan_warnings.
    """
    runs: list[PlanBreak] = []
    start = _monday(plan.start_date)
    for monday, hours in sorted(hours_by_week(plan).items()):
        if hours or monday < start:
            continue
        if runs and runs[-1].last + timedelta(days=1) == monday:
            runs[-1] = PlanBreak(runs[-1].first, monday + timedelta(days=6))
        else:
            runs.append(PlanBreak(monday, monday + timedelta(days=6)))
    return [r for r in runs if r.last >= today]


def plan_ends_before_autumn(plan: Plan, today: date) -> date | None:
    """The last activity day, when it falls in the summer break and is still to come."""
    if not plan.activities:
        return None
    last_day = max(a.end_date for a in plan.activities)
    return last_day if last_day >= today and ends_before_autumn(last_day) else None


def plan_warnings(plan: Plan, today: date, full_time_hours: float) -> list[PlanWarning]:
    """What the caseworker should fix: under full time, empty weeks, a summer end, a late activity plan."""
    warnings: list[PlanWarning] = []
    weeks = hours_by_week(plan)
    periods = hours_periods(plan)
    short = [p for p in periods if p.hours < full_time_hours]
    if short:
        hours = current_period(short, today).hours
        warnings.append(PlanWarning("under_full_time", {"hours": hours, "threshold": full_time_hours}))
    gaps = [monday for monday, hours in weeks.items() if hours == 0 and monday >= _monday(plan.start_date)]
    if gaps:
        warnings.append(PlanWarning("gap_weeks", {"count": len(gaps), "first": gaps[0], "last": gaps[-1]}))
    if plan.activities:
        last_day = max(a.end_date for a in plan.activities)
        if last_day >= today and ends_before_autumn(last_day):
            warnings.append(PlanWarning("ends_before_autumn", {"date": last_day}))
    # Counted from the person's arrival, not the plan's start (which defaults to the day the
    # plan is written, so a late plan would never look late); unknown arrival: the plan's start.
    arrival = plan.person.arrival_date if plan.person is not None else None
    deadline = activity_plan_deadline(arrival or plan.start_date)
    first = plan.first_activity_at.astimezone(STOCKHOLM).date() if plan.first_activity_at else None
    if (first is None and today > deadline) or (first is not None and first > deadline):
        warnings.append(PlanWarning("late_activity_plan", {"deadline": deadline}))
    return warnings
