"""A newcomer's plan as JSON-ready dicts, in the active locale.

Shared by the newcomer's JSON API (/api/v1/me/...) and the assistant's internal API, so a
plan reads the same on every channel.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

from flask_babel import gettext

from portal.catalogues import activity_label, goal_label
from portal.channels.schedule_words import KINDS, ScheduleQuestion, Span
from portal.data.plans import get_plan_for_person
from portal.models import Person, Plan
from portal.services.plan_text import map_url, status_label
from portal.services.schedule import (
    STOCKHOLM,
    Occurrence,
    hours_per_week,
    next_occurrence,
    occurrences,
    upcoming,
    weekly_hours,
)

MAX_SCHEDULE_DAYS = 31
SCHEDULE_PATH = "/plan/upcoming"  # the newcomer's page with every coming activity


def now() -> datetime:
    return datetime.now(STOCKHOLM)


def visible_plan(person: Person) -> Plan | None:
    """The person's plan once it has been shown to them (drafts stay with the caseworker)."""
    plan = get_plan_for_person(person)
    return plan if plan is not None and plan.visible_to_newcomer else None


def activity_dict(occurrence: Occurrence) -> dict[str, Any]:
    """One occurrence: title in the current locale, times in Stockholm time."""
    activity = occurrence.activity
    return {
        "title": str(activity_label(activity.type_key)),
        "starts_at": occurrence.starts_at.isoformat(),
        "ends_at": occurrence.ends_at.isoformat(),
        "place": activity.place or None,
        "provider": activity.provider.name if activity.provider else None,
        "map_url": map_url(activity.place or ""),
    }


def next_activity_for(person: Person) -> dict[str, Any]:
    plan = visible_plan(person)
    occurrence = next_occurrence(plan, now()) if plan else None
    return {"activity": activity_dict(occurrence) if occurrence else None}


def schedule_for(person: Person, days: int) -> dict[str, Any]:
    """The coming `days` days that have activities (1..MAX_SCHEDULE_DAYS; the caller validates)."""
    plan = visible_plan(person)
    today: date = now().date()
    grouped = upcoming(plan, today, days) if plan else {}
    return {
        "days": [
            {"date": day.isoformat(), "activities": [activity_dict(o) for o in occurrences]}
            for day, occurrences in grouped.items()
        ]
    }


def schedule_answer_for(person: Person, question: ScheduleQuestion, moment: datetime) -> dict[str, Any]:
    """The occurrences a schedule question asks about; when there are none, the next one after them.

    A kind asked about ("SFI on Friday?") filters the days; when it leaves them empty but other
    activities are there, those are the answer.
    """
    plan = visible_plan(person)
    types = question.activity_types
    days: dict[date, list[Occurrence]] = {}
    following: Occurrence | None = None
    if plan is not None and question.span == Span.NEXT:
        following = next_occurrence(plan, moment, types)
    elif plan is not None and question.first_day and question.last_day:
        found = occurrences(plan.activities, question.first_day, question.last_day)
        # "Do I have class on Friday?" when Friday has only the internship: show the internship
        # rather than "nothing booked", so the person sees what the day really holds.
        wanted = [o for o in found if o.activity.type_key in types] if types else found
        for occ in wanted or found:
            days.setdefault(occ.day, []).append(occ)
        if not days:
            after = datetime.combine(question.last_day + timedelta(days=1), time(0), tzinfo=STOCKHOLM)
            following = next_occurrence(plan, max(after, moment), types)
    return {
        "question": {
            "span": question.span.value,
            "first_day": question.first_day.isoformat() if question.first_day else None,
            "last_day": question.last_day.isoformat() if question.last_day else None,
            "day_word": question.day_word.value if question.day_word else None,
            "activity_types": list(types),
            "kind_label": kind_label(question.kind) if question.kind else None,
        },
        "days": [
            {"date": day.isoformat(), "activities": [activity_dict(o) for o in found]} for day, found in days.items()
        ],
        "next": activity_dict(following) if following else None,
    }


def kind_label(kind: str) -> str:
    """What a person called the activities they asked about, in the current locale ("SFI", "Lessons")."""
    if kind in KINDS and len(KINDS[kind]) == 1:
        return str(activity_label(KINDS[kind][0]))
    return gettext("Lessons")


def plan_summary_for(person: Person) -> dict[str, Any]:
    plan = visible_plan(person)
    if plan is None:
        return {"plan": None}
    return {
        "plan": {
            "status": plan.status.value,
            "status_label": status_label(plan.status),
            "hours_per_week": hours_per_week(plan),
            "awaiting_acknowledgement": plan.awaiting_acknowledgement,
            "goals": [{"title": str(goal_label(g.template_key)), "horizon": g.horizon.value} for g in plan.goals],
            "activities": [
                {"id": a.id, "title": str(activity_label(a.type_key)), "hours_per_week": round(weekly_hours(a), 1)}
                for a in plan.activities
                if a.end_date >= now().date()
            ],
            "url": "/plan",
        }
    }
