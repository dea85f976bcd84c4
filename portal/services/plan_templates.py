"""Plan templates and copying: a plan built in a few minutes instead of fifty form posts.

A template body is plain data: goal keys with a target offset, and activities with weekdays,
time, length, provider, place and day offsets. It never holds a person's notes or dates, so
a municipality's template saved from someone's plan carries nothing about them.

Offsets count from the Monday of the plan's first week, so a template keeps every activity on
its weekdays whatever weekday the new plan starts on. An activity that would start before the
new plan starts is started on the plan's first day instead; one that would be over by then is
left out (and counted, so the caseworker is told).

Applying a template or copying a plan is one change: one version, one audit record, and the
newcomer is not sent an SMS until the caseworker proposes the plan or sends the changes.
Anything that clashes with what the plan already holds refuses the whole batch, with the clash
named, rather than half-applying it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time, timedelta
from typing import Any

from flask_babel import LazyString
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from portal.catalogues import GOAL_TEMPLATES_BY_KEY
from portal.data.people import get_person_for_staff, visible_org_ids
from portal.data.plans import get_plan_for_person
from portal.extensions import db
from portal.models import Activity, Goal, Horizon, Plan, StaffUser, utcnow
from portal.models.plan import PlanTemplate
from portal.services import audit, plans
from portal.services.plans import ActivityInput, PlanError

TEMPLATE_WEEKS = 26  # a region template runs half a year; the plan is followed up before then


def _activity(type_key: str, weekdays: str, start: str, minutes: int, weeks: int = TEMPLATE_WEEKS) -> dict[str, Any]:
    return {
        "type": type_key,
        "weekdays": weekdays,
        "start_time": start,
        "duration_minutes": minutes,
        "start_offset_days": 0,
        "length_days": weeks * 7 - 3,  # Monday of the first week to Friday of the last
        "provider_id": None,
        "place": "",
    }


@dataclass(frozen=True)
class RegionTemplate:
    key: str
    name: LazyString
    body: dict[str, Any]


# The region's starting points, offered in every municipality. They add up to full time
# (PLAN_FULL_TIME_HOURS, 40 h) where the name says so; a municipality saves its own beside them.
REGION_TEMPLATES: tuple[RegionTemplate, ...] = (
    RegionTemplate(
        "sfi_praktik_full_time",
        _l("SFI + internship, full time"),
        {
            "goals": [
                {"key": "pass_sfi_b", "target_offset_days": TEMPLATE_WEEKS * 7},
                {"key": "get_internship", "target_offset_days": TEMPLATE_WEEKS * 7},
                {"key": "any_job", "target_offset_days": None},
            ],
            "activities": [
                _activity("sfi", "1234", "08:30", 240),  # 16 h
                _activity("praktik", "1234", "13:00", 240),  # 16 h
                _activity("civic_orientation", "5", "09:00", 240),  # 4 h
                _activity("job_search", "5", "13:00", 240),  # 4 h
            ],
        },
    ),
    RegionTemplate(
        "sfi_health",
        _l("SFI + health"),
        {
            "goals": [
                {"key": "pass_sfi_b", "target_offset_days": TEMPLATE_WEEKS * 7},
                {"key": "health_check", "target_offset_days": 12 * 7},
            ],
            "activities": [
                _activity("sfi", "1234", "08:30", 180),  # 12 h
                _activity("health_support", "24", "13:00", 120),  # 4 h
                _activity("civic_orientation", "5", "09:00", 180),  # 3 h
                _activity("health_assessment", "3", "13:00", 60, weeks=1),
            ],
        },
    ),
    RegionTemplate(
        "literacy_sfi",
        _l("Literacy + SFI"),
        {
            "goals": [
                {"key": "read_write", "target_offset_days": TEMPLATE_WEEKS * 7},
                {"key": "pass_sfi_b", "target_offset_days": None},
            ],
            "activities": [
                _activity("literacy", "13", "08:30", 180),
                _activity("sfi", "24", "08:30", 180),
                _activity("civic_orientation", "5", "09:00", 180),
            ],
        },
    ),
)
REGION_TEMPLATES_BY_KEY = {t.key: t for t in REGION_TEMPLATES}


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def body_from_plan(plan: Plan) -> dict[str, Any]:
    """A plan as a template body: keys, days, times and offsets; no notes, no person."""
    base = _monday(plan.start_date)
    return {
        "goals": [
            {
                "key": g.template_key,
                "target_offset_days": (g.target_date - plan.start_date).days if g.target_date else None,
            }
            for g in plan.goals
        ],
        "activities": [
            {
                "type": a.type_key,
                "weekdays": a.weekdays,
                "start_time": a.start_time.strftime("%H:%M"),
                "duration_minutes": a.duration_minutes,
                "start_offset_days": (a.start_date - base).days,
                "length_days": (a.end_date - a.start_date).days,
                "provider_id": a.provider_id,
                "place": a.place,
            }
            for a in plan.activities
        ],
    }


def template_choices(staff: StaffUser) -> list[tuple[str, str]]:
    """The templates a caseworker may use: the region's, then their organisations' own."""
    own = db.session.scalars(
        select(PlanTemplate).where(PlanTemplate.organisation_id.in_(visible_org_ids(staff))).order_by(PlanTemplate.name)
    ).all()
    return [(f"region:{t.key}", str(t.name)) for t in REGION_TEMPLATES] + [(f"org:{t.id}", t.name) for t in own]


def resolve_template(staff: StaffUser, choice: str) -> dict[str, Any] | None:
    """The body of a template chosen from `template_choices`, or None if it is not the caseworker's."""
    kind, _, ident = (choice or "").partition(":")
    if kind == "region":
        found = REGION_TEMPLATES_BY_KEY.get(ident)
        return found.body if found else None
    if kind == "org" and ident.isdecimal():
        template = db.session.get(PlanTemplate, int(ident))
        if template is not None and template.organisation_id in visible_org_ids(staff):
            return template.body
    return None


def save_template(plan: Plan, staff: StaffUser, name: str) -> PlanTemplate:
    """Save a plan's shape as a template of the organisation responsible for the person."""
    name = " ".join(name.split())
    if not name:
        raise PlanError("template_name")
    if not plan.activities:
        raise PlanError("empty_plan")
    org_id = plan.person.responsible_org_id
    taken = db.session.scalar(
        select(PlanTemplate).where(PlanTemplate.organisation_id == org_id, PlanTemplate.name == name)
    )
    if taken is not None:
        raise PlanError("template_exists")
    template = PlanTemplate(organisation_id=org_id, name=name, body=body_from_plan(plan), created_by_id=staff.id)
    db.session.add(template)
    db.session.flush()
    audit.record("plan_template.create", object_type="plan_template", object_id=template.id, actor=staff, plan=plan.id)
    db.session.commit()
    return template


@dataclass(frozen=True)
class Applied:
    activities: int
    goals: int
    skipped: int  # activities over before the plan starts


def apply_body(
    plan: Plan, staff: StaffUser, body: dict[str, Any], expected_revision: int | None, *, action: str, **details: Any
) -> Applied:
    """Add a template's (or another plan's) goals and activities to `plan` as one change."""
    if expected_revision is not None and expected_revision != plan.revision:
        raise PlanError("stale")
    base = _monday(plan.start_date)
    added = skipped = goals = 0
    try:
        for item in body.get("activities", []):
            start = base + timedelta(days=int(item["start_offset_days"]))
            end = start + timedelta(days=int(item["length_days"]))
            if end < plan.start_date:
                skipped += 1
                continue
            hour, minute = (int(part) for part in item["start_time"].split(":"))
            data = ActivityInput(
                type_key=item["type"],
                provider_id=item.get("provider_id"),
                place=item.get("place") or "",
                weekdays=[int(d) for d in item["weekdays"]],
                start_time=time(hour, minute),
                duration_minutes=int(item["duration_minutes"]),
                start_date=max(start, plan.start_date),
                end_date=end,
            )
            try:
                plans.validate_activity(plan, data)
            except PlanError as error:
                if error.code != "no_occurrences":
                    raise
                skipped += 1  # clipped to the plan's start, it has no day left
                continue
            db.session.add(Activity(plan=plan, **plans.activity_fields(data)))
            db.session.flush()  # the next activity's overlap check sees this one
            added += 1
        present = {g.template_key for g in plan.goals}
        for item in body.get("goals", []):
            template = GOAL_TEMPLATES_BY_KEY.get(item["key"])
            if template is None or item["key"] in present:
                continue
            offset = item.get("target_offset_days")
            db.session.add(
                Goal(
                    plan=plan,
                    template_key=item["key"],
                    horizon=Horizon(template.horizon),
                    target_date=plan.start_date + timedelta(days=int(offset)) if offset is not None else None,
                )
            )
            present.add(item["key"])
            goals += 1
    except PlanError:
        db.session.rollback()
        raise
    if not added and not goals:
        db.session.rollback()
        raise PlanError("nothing_to_add")
    if added and plan.first_activity_at is None:
        plan.first_activity_at = utcnow()
    plans.finish_change(plan, staff, action, **details)
    return Applied(activities=added, goals=goals, skipped=skipped)


def apply_template(plan: Plan, staff: StaffUser, choice: str, expected_revision: int | None) -> Applied:
    """Add the chosen template to the plan."""
    body = resolve_template(staff, choice)
    if body is None:
        raise PlanError("unknown_template")
    return apply_body(plan, staff, body, expected_revision, action="plan.template_apply", template=choice)


def copy_from_person(plan: Plan, staff: StaffUser, source_person_id: int, expected_revision: int | None) -> Applied:
    """Copy the activities and goals of another person's plan (one the caseworker may see)."""
    source_person = get_person_for_staff(staff, source_person_id)
    source = get_plan_for_person(source_person) if source_person is not None else None
    if source is None or source.id == plan.id or not source.activities:
        raise PlanError("unknown_source_plan")
    return apply_body(plan, staff, body_from_plan(source), expected_revision, action="plan.copy", source_plan=source.id)
