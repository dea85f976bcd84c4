"""What a signed-in newcomer's start page shows: what waits for them, their cases, their next activity."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from portal.data.objections import OPEN_STATUSES, list_objections_for_person
from portal.data.plans import get_plan_for_person
from portal.models import Objection, Person, Plan
from portal.services.schedule import Occurrence, next_occurrence


@dataclass(frozen=True)
class StartPage:
    plan_to_confirm: Plan | None = None
    open_objections: list[Objection] = field(default_factory=list)
    next_activity: Occurrence | None = None


def start_page_for(person: Person, now: datetime) -> StartPage:
    """The person's own summary; every query is scoped to `person`, never to an id from the request."""
    plan = get_plan_for_person(person)
    shown = plan if plan is not None and plan.visible_to_newcomer else None
    return StartPage(
        plan_to_confirm=shown if shown is not None and shown.awaiting_acknowledgement else None,
        open_objections=[o for o in list_objections_for_person(person) if o.status in OPEN_STATUSES],
        next_activity=next_occurrence(shown, now) if shown is not None else None,
    )
