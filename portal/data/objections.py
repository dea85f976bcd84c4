"""Queries about objections. Lookups are always scoped: to the person, or to what staff may see."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from sqlalchemy import Select, select

from portal.data.people import visible_org_ids
from portal.extensions import db
from portal.models import (
    AuditEvent,
    Decision,
    DecisionStage,
    Objection,
    ObjectionEvent,
    ObjectionStatus,
    Person,
    PlanVersion,
    Role,
    StaffUser,
)

# OPEN_STATUSES is re-exported: callers read it from the data layer.
from portal.models.objection import FIRST_DECISION_PENDING, REVIEW_PENDING
from portal.models.objection import OPEN_STATUSES as OPEN_STATUSES

FIRST_ROUND_ACTIONS = ("acknowledge", "start_review", "decide")


def case_number_exists(case_number: str) -> bool:
    return db.session.scalar(select(Objection.id).where(Objection.case_number == case_number)) is not None


def get_objection_by_idempotency_key(person: Person, key: str) -> Objection | None:
    return db.session.scalar(
        select(Objection).where(Objection.person_id == person.id, Objection.idempotency_key == key)
    )


def get_objection_for_person(person: Person, case_number: str | None) -> Objection | None:
    """The person's own case with this (normalised) number; another person's case is None."""
    if not case_number:
        return None
    return db.session.scalar(
        select(Objection).where(Objection.person_id == person.id, Objection.case_number == case_number)
    )


def list_objections_for_person(person: Person) -> list[Objection]:
    """The person's cases, newest first."""
    return list(
        db.session.scalars(
            select(Objection).where(Objection.person_id == person.id).order_by(Objection.filed_at.desc(), Objection.id)
        )
    )


def get_objection_by_case_number(case_number: str | None) -> Objection | None:
    """Unscoped: callers must check access (staff views do, through the service)."""
    if not case_number:
        return None
    return db.session.scalar(select(Objection).where(Objection.case_number == case_number))


def _overdue_clause(stmt: Select, today: date) -> Select:
    # Pending on the first decision past its due date, or on the independent review past its own.
    return stmt.where(
        (Objection.status.in_(FIRST_DECISION_PENDING) & (Objection.due_date < today))
        | (Objection.status.in_(REVIEW_PENDING) & (Objection.review_due_date < today))
    )


def list_objections_for_caseworker(
    staff: StaffUser,
    *,
    today: date,
    status: ObjectionStatus | None = None,
    overdue_only: bool = False,
    language: str | None = None,
    limit: int = 500,
) -> list[Objection]:
    """Cases of people the caseworker's organisation is responsible for, most urgent first."""
    org_ids = visible_org_ids(staff, Role.CASEWORKER)
    if not org_ids:
        return []
    stmt = (
        select(Objection).join(Person, Objection.person_id == Person.id).where(Person.responsible_org_id.in_(org_ids))
    )
    if status is not None:
        stmt = stmt.where(Objection.status == status)
    if overdue_only:
        stmt = _overdue_clause(stmt, today)
    if language:
        # The language the case needs: the text's language, or the person's (for an interpreter).
        stmt = stmt.where((Objection.text_language == language) | (Person.preferred_language == language))
    stmt = stmt.order_by(Objection.due_date, Objection.id).limit(limit)
    return list(db.session.scalars(stmt))


def list_escalated_objections(org_ids: Iterable[int], *, today: date, overdue_only: bool = False) -> list[Objection]:
    """Cases that have been escalated, of people in these organisations, oldest due first."""
    ids = list(org_ids)
    if not ids:
        return []
    stmt = (
        select(Objection)
        .join(Person, Objection.person_id == Person.id)
        .where(Person.responsible_org_id.in_(ids), Objection.escalated_at.is_not(None))
    )
    if overdue_only:
        stmt = _overdue_clause(stmt, today)
    return list(db.session.scalars(stmt.order_by(Objection.review_due_date, Objection.id)))


def staff_who_took_part_in_plan(objection: Objection) -> set[int]:
    """Staff ids with a part in the plan: versions, plan writes, and first-round work on any of its objections."""
    plan_id = objection.plan_id
    ids: set[int] = set()
    ids.update(
        db.session.scalars(
            select(PlanVersion.created_by_id).where(
                PlanVersion.plan_id == plan_id, PlanVersion.created_by_id.is_not(None)
            )
        )
    )
    ids.update(
        db.session.scalars(
            select(AuditEvent.actor_staff_id).where(
                AuditEvent.object_type == "plan",
                AuditEvent.object_id == plan_id,
                AuditEvent.actor_staff_id.is_not(None),
            )
        )
    )
    ids.update(
        db.session.scalars(
            select(ObjectionEvent.actor_staff_id)
            .join(Objection, ObjectionEvent.objection_id == Objection.id)
            .where(
                Objection.plan_id == plan_id,
                ObjectionEvent.action.in_(FIRST_ROUND_ACTIONS),
                ObjectionEvent.actor_staff_id.is_not(None),
            )
        )
    )
    ids.update(
        db.session.scalars(
            select(Decision.decided_by_id)
            .join(Objection, Decision.objection_id == Objection.id)
            .where(Objection.plan_id == plan_id, Decision.stage == DecisionStage.FIRST)
        )
    )
    return {i for i in ids if i is not None}


def plan_versions_since(objection: Objection) -> list[PlanVersion]:
    """The plan's versions made after the objection was filed: candidates to carry out a decision."""
    stmt = select(PlanVersion).where(PlanVersion.plan_id == objection.plan_id)
    if objection.plan_version_number is not None:
        stmt = stmt.where(PlanVersion.number > objection.plan_version_number)
    return list(db.session.scalars(stmt.order_by(PlanVersion.number.desc())))
