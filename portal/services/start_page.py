"""What a signed-in newcomer's start page shows: what waits for them, their cases, their next activity,
and who to turn to."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from portal.data.contacts import get_contact
from portal.data.objections import OPEN_STATUSES, list_objections_for_person
from portal.data.plans import get_plan_caseworker, get_plan_for_person
from portal.local_time import STOCKHOLM
from portal.models import MunicipalityContact, Objection, Organisation, OrganisationKind, Person, Plan, StaffUser
from portal.services.schedule import Occurrence, next_occurrence
from portal.survey.service import due_milestone


@dataclass(frozen=True)
class StartPage:
    plan_to_confirm: Plan | None = None
    open_objections: list[Objection] = field(default_factory=list)
    next_activity: Occurrence | None = None
    survey_due: bool = False  # the satisfaction survey's questions wait for an answer
    caseworker: StaffUser | None = None
    responsible: Organisation | None = None
    reception: MunicipalityContact | None = None


def start_page_for(person: Person, now: datetime) -> StartPage:
    """The person's own summary; every query is scoped to `person`, never to an id from the request."""
    plan = get_plan_for_person(person)
    shown = plan if plan is not None and plan.visible_to_newcomer else None
    return StartPage(
        plan_to_confirm=shown if shown is not None and shown.awaiting_acknowledgement else None,
        open_objections=[o for o in list_objections_for_person(person) if o.status in OPEN_STATUSES],
        next_activity=next_occurrence(shown, now) if shown is not None else None,
        survey_due=due_milestone(person, now.astimezone(STOCKHOLM).date()) is not None,
        caseworker=get_plan_caseworker(shown) if shown is not None else None,
        responsible=person.responsible_org,
        reception=reception_for(person),
    )


def reception_for(person: Person) -> MunicipalityContact | None:
    """The reception the person can call: their responsible organisation's, else the municipality's
    above it (a Stockholm district has the city's), else their home municipality's.

    Never the region's: its contact details are for the whole region (accessibility, complaints),
    not a reception that knows the person's plan.
    """
    organisation = person.responsible_org
    while organisation is not None and organisation.kind != OrganisationKind.REGION:
        contact = get_contact(organisation)
        if contact is not None:
            return contact
        organisation = organisation.parent
    return get_contact(person.home_municipality) if person.home_municipality is not None else None
