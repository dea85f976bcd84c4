"""What a newcomer can object to: the plan, a goal, an activity or a recent change."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from flask_babel import gettext, ngettext

from portal.catalogues import activity_label, goal_label
from portal.data.plans import get_plan_for_person
from portal.models import Person, Plan, PlanStatus, TargetKind
from portal.services import plans
from portal.services.objections.rules import stockholm_date
from portal.services.plan_text import day_label, describe_change, time_label, weekdays_label

MAX_VERSION_TARGETS = 10
_STATUS_ONLY = {"status_changed", "plan_created"}


@dataclass(frozen=True)
class Target:
    """Something in the plan an objection can point at; `frozen` is what the case keeps of it."""

    value: str  # "plan", "goal:12", "activity:3", "version:7"
    kind: TargetKind
    id: int
    frozen: dict[str, Any]


def objectionable_plan(person: Person) -> Plan | None:
    """The plan the person can object to: their current plan, once shown to them and until closed."""
    plan = get_plan_for_person(person)
    if plan is None or not plan.visible_to_newcomer or plan.status == PlanStatus.CLOSED:
        return None
    return plan


def plan_targets(plan: Plan) -> list[Target]:
    """Everything in the plan the person may object to, in the order the form lists it."""
    data = plans.snapshot(plan)
    targets = [Target("plan", TargetKind.PLAN, plan.id, {"kind": "plan", "id": plan.id})]
    for goal in plan.goals:
        frozen = {"kind": "goal", "id": goal.id, **data["goals"][str(goal.id)]}
        targets.append(Target(f"goal:{goal.id}", TargetKind.GOAL, goal.id, frozen))
    for activity in plan.activities:
        frozen = {"kind": "activity", "id": activity.id, **data["activities"][str(activity.id)]}
        targets.append(Target(f"activity:{activity.id}", TargetKind.ACTIVITY, activity.id, frozen))
    # Changes made while the plan was a draft were never shown to the newcomer, and a change of
    # status only (shown, confirmed by the newcomer) changes nothing to object to: the whole
    # plan covers it. The newest changes are the ones people object to; older ones stay
    # reachable through "my whole plan".
    shown = [
        v
        for v in reversed(plan.versions)
        if v.status != PlanStatus.DRAFT and any(c.get("kind") not in _STATUS_ONLY for c in v.changes or [])
    ]
    for version in shown[:MAX_VERSION_TARGETS]:
        frozen = {
            "kind": "version",
            "id": version.id,
            "number": version.number,
            "created_at": version.created_at.isoformat(),
            "status": version.status,
            "changes": version.changes,
        }
        targets.append(Target(f"version:{version.id}", TargetKind.VERSION, version.id, frozen))
    return targets


def resolve_target(plan: Plan, value: str | None) -> Target | None:
    """The target named by a form or API value, only if it is in this plan."""
    value = (value or "").strip()
    return next((t for t in plan_targets(plan) if t.value == value), None)


def describe_target(frozen: dict[str, Any], staff: bool = False) -> str:
    """What an objection points at, as a phrase in the current locale (from the frozen target).

    The newcomer reads it in the first person ("My whole plan"); staff in the third.
    """
    kind = frozen.get("kind")
    if kind == "goal":
        return gettext("Goal: %(goal)s", goal=goal_label(frozen["key"]))
    if kind == "activity":
        return gettext(
            "Activity: %(activity)s, %(days)s at %(time)s",
            activity=activity_label(frozen["type"]),
            days=weekdays_label(frozen["weekdays"]),
            time=time_label(frozen["start_time"]),
        )
    if kind == "version":
        created = day_label(stockholm_date(datetime.fromisoformat(frozen["created_at"])))
        changes = [c for c in frozen.get("changes") or [] if c.get("kind") not in _STATUS_ONLY]
        if not changes:
            return gettext("The plan change of %(date)s", date=created)
        more = len(changes) - 1
        if more == 0:
            return gettext("The plan change of %(date)s: %(change)s", date=created, change=describe_change(changes[0]))
        return ngettext(
            "The plan change of %(date)s: %(change)s (and %(num)d more change)",
            "The plan change of %(date)s: %(change)s (and %(num)d more changes)",
            more,
            date=created,
            change=describe_change(changes[0]),
        )
    return gettext("The whole plan") if staff else gettext("My whole plan")
