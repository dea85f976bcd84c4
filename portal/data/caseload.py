"""Queries behind a caseworker's caseload: a handful of queries for the whole page, never one per person.

Every query is scoped to the organisations the caseworker may see (`visible_org_ids`), by a
join on the person's responsible organisation, so a list of 500 people costs the same few
round trips as a list of five.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from datetime import date

from sqlalchemy import func, or_, select
from sqlalchemy.orm import joinedload, selectinload

from portal.data.objections import OPEN_STATUSES
from portal.extensions import db
from portal.models import Activity, HandoffRequest, HandoffStatus, Objection, ObjectionStatus, Person, Plan, PlanStatus

# A municipality's whole caseload is read at once; this guards against a runaway page.
CASELOAD_LIMIT = 2000


def list_caseload_people(org_ids: Collection[int], query: str = "") -> list[Person]:
    """The people the organisations are responsible for, optionally by name or the end of the number."""
    if not org_ids:
        return []
    stmt = (
        select(Person)
        .where(Person.responsible_org_id.in_(org_ids))
        .options(joinedload(Person.responsible_org))
        .order_by(Person.name, Person.id)
        .limit(CASELOAD_LIMIT)
    )
    q = query.strip()
    if q:
        stmt = stmt.where(or_(func.lower(Person.name).like(f"%{q.lower()}%"), Person.phone.like(f"%{q}")))
    return list(db.session.scalars(stmt))


def current_plans_by_person(org_ids: Collection[int]) -> dict[int, Plan]:
    """Each person's current plan (the newest not closed, else the newest), activities loaded.

    The same rule as `get_plan_for_person`, for a whole caseload in three queries.
    """
    if not org_ids:
        return {}
    plans = db.session.scalars(
        select(Plan)
        .join(Person, Plan.person_id == Person.id)
        .where(Person.responsible_org_id.in_(org_ids))
        .options(selectinload(Plan.activities).selectinload(Activity.changes))
        .order_by(Plan.id.desc())
    ).all()
    found: dict[int, Plan] = {}
    for plan in plans:
        current = found.get(plan.person_id)
        if current is None or (current.status == PlanStatus.CLOSED and plan.status != PlanStatus.CLOSED):
            found[plan.person_id] = plan
    return found


def open_objection_deadlines(org_ids: Collection[int]) -> dict[int, list[tuple[str, ObjectionStatus, date]]]:
    """For each person, their open objections as (case number, status, the date the pending decision is due)."""
    if not org_ids:
        return {}
    rows = db.session.execute(
        select(
            Objection.person_id, Objection.case_number, Objection.status, Objection.due_date, Objection.review_due_date
        )
        .join(Person, Objection.person_id == Person.id)
        .where(Person.responsible_org_id.in_(org_ids), Objection.status.in_(OPEN_STATUSES))
        .order_by(Objection.due_date, Objection.id)
    ).all()
    found: dict[int, list[tuple[str, ObjectionStatus, date]]] = defaultdict(list)
    for person_id, case_number, status, due, review_due in rows:
        found[person_id].append((case_number, status, review_due or due))
    return dict(found)


def open_handoff_counts(org_ids: Collection[int]) -> dict[int, int]:
    """How many requests to talk to a person each person has open."""
    if not org_ids:
        return {}
    rows = db.session.execute(
        select(HandoffRequest.person_id, func.count())
        .join(Person, HandoffRequest.person_id == Person.id)
        .where(Person.responsible_org_id.in_(org_ids), HandoffRequest.status == HandoffStatus.OPEN)
        .group_by(HandoffRequest.person_id)
    ).all()
    return {person_id: count for person_id, count in rows}
