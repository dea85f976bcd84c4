"""Queries about plans."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from portal.extensions import db
from portal.models import (
    Activity,
    CalendarFeed,
    Organisation,
    OrganisationKind,
    Person,
    PersonTransfer,
    Plan,
    PlanStatus,
    PlanVersion,
    StaffUser,
)


def get_plan_for_person(person: Person, *, contents: bool = True) -> Plan | None:
    """The person's current plan: the newest one that is not closed (else the newest closed).

    With `contents=False` only the plan rows are read; `load_plan_contents` fills in the rest
    when it is needed (the newcomer's pages render contents from a cache most of the time).
    """
    query = select(Plan).where(Plan.person_id == person.id).order_by(Plan.id.desc())
    if contents:
        query = query.options(*_CONTENTS)
    plans = db.session.scalars(query).all()
    return next((p for p in plans if p.status != PlanStatus.CLOSED), plans[0] if plans else None)


def load_plan_contents(plan: Plan) -> Plan:
    """Load the goals, activities, providers and occurrence changes of `plan` in a few queries."""
    db.session.scalars(select(Plan).where(Plan.id == plan.id).options(*_CONTENTS)).all()
    return plan


# Goals, activities, their providers and occurrence changes are always shown with the plan:
# load them in a few queries rather than one per row.
_CONTENTS = (
    selectinload(Plan.goals),
    selectinload(Plan.activities).selectinload(Activity.changes),
    selectinload(Plan.activities).joinedload(Activity.provider),
)


def get_plan_caseworker(plan: Plan) -> StaffUser | None:
    """The caseworker who last changed the plan: the one the newcomer has been dealing with.

    There is no assigned caseworker in the model; the newest version written by staff names
    who is working on the plan now (a newcomer's confirmation makes a version without staff).
    """
    return db.session.scalar(
        select(StaffUser)
        .join(PlanVersion, PlanVersion.created_by_id == StaffUser.id)
        .where(PlanVersion.plan_id == plan.id)
        .order_by(PlanVersion.number.desc(), PlanVersion.id.desc())
        .limit(1)
    )


def get_activity_in_plan(plan: Plan, activity_id: int) -> Activity | None:
    return next((a for a in plan.activities if a.id == activity_id), None)


def list_providers() -> list[Organisation]:
    """Every provider in the region: a plan may use one in another municipality (seed 004)."""
    return list(
        db.session.scalars(
            select(Organisation).where(Organisation.kind == OrganisationKind.PROVIDER).order_by(Organisation.name)
        )
    )


def list_municipal_organisations() -> list[Organisation]:
    """Municipalities and districts: where a person can be transferred to."""
    return list(
        db.session.scalars(
            select(Organisation)
            .where(
                Organisation.kind.in_([OrganisationKind.MUNICIPALITY, OrganisationKind.DISTRICT]),
                Organisation.accepts_transfers,
            )
            .order_by(Organisation.name)
        )
    )


def get_calendar_feed(token_hash: str) -> CalendarFeed | None:
    return db.session.scalar(select(CalendarFeed).where(CalendarFeed.token_hash == token_hash))


def active_calendar_feed(person: Person) -> CalendarFeed | None:
    return db.session.scalar(
        select(CalendarFeed).where(CalendarFeed.person_id == person.id, CalendarFeed.revoked_at.is_(None))
    )


def list_people_with_plans(org_ids: set[int], *, exclude_plan_id: int | None = None) -> list[Person]:
    """People of these organisations whose open plan has at least one activity, by name."""
    query = (
        select(Person)
        .join(Plan, Plan.person_id == Person.id)
        .where(
            Person.responsible_org_id.in_(org_ids),
            Plan.status != PlanStatus.CLOSED,
            select(Activity.id).where(Activity.plan_id == Plan.id).exists(),
        )
        .order_by(Person.name)
        .distinct()
    )
    if exclude_plan_id is not None:
        query = query.where(Plan.id != exclude_plan_id)
    return list(db.session.scalars(query).all())


def get_handover(person: Person) -> PersonTransfer | None:
    """The transfer that brought the person to the organisation now responsible, with its note."""
    latest = db.session.scalar(
        select(PersonTransfer).where(PersonTransfer.person_id == person.id).order_by(PersonTransfer.id.desc()).limit(1)
    )
    return latest if latest is not None and latest.to_org_id == person.responsible_org_id else None
