"""Handling a case: who may act (caseworker, independent reviewer) and each step of the table."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime, timedelta
from functools import wraps
from typing import Any, TypeVar

from portal.data.objections import plan_versions_since, staff_who_took_part_in_plan
from portal.data.people import can_see_person
from portal.extensions import db
from portal.languages import DEFAULT_LANGUAGE
from portal.models import (
    Decision,
    DecisionStage,
    Objection,
    ObjectionEvent,
    ObjectionStatus,
    Organisation,
    OrganisationKind,
    Outcome,
    Person,
    PlanVersion,
    Role,
    StaffUser,
    utcnow,
)
from portal.models.objection import REASONS_MAX_LENGTH, REASONS_MIN_LENGTH, WANTED_MAX_LENGTH
from portal.services import audit
from portal.services.objection_text import DECISION_GROUNDS_BY_KEY
from portal.services.objections.notices import notify
from portal.services.objections.rules import (
    TRANSITIONS,
    Action,
    ObjectionError,
    decision_days,
    escalation_refusal,
    stockholm_date,
)
from portal.services.text_language import detect_text_language

_T = TypeVar("_T")


def caseworker_may_handle(staff: StaffUser, objection: Objection) -> bool:
    """Caseworkers handle cases of people their own organisation is responsible for."""
    return staff.has_role(Role.CASEWORKER) and can_see_person(staff, objection.person, Role.CASEWORKER)


def reviewer_regions(staff: StaffUser) -> list[Organisation]:
    """The regions where `staff` is an independent reviewer (the role counts only at regional level)."""
    return [o for o in staff.organisations_with(Role.REVIEWER) if o.kind == OrganisationKind.REGION]


def reviewer_covers(staff: StaffUser, objection: Objection) -> bool:
    """The objection was escalated and concerns a person in one of the reviewer's regions."""
    if objection.escalated_at is None:
        return False
    regions = {o.id for o in reviewer_regions(staff)}
    return bool(regions & {o.id for o in objection.person.responsible_org.lineage()})


def is_independent(staff: StaffUser, objection: Objection) -> bool:
    """The reviewer had no part in the plan and is not a caseworker for the person."""
    if staff.id in staff_who_took_part_in_plan(objection):
        return False
    return not can_see_person(staff, objection.person, Role.CASEWORKER)


def reviewer_refusal(staff: StaffUser, objection: Objection) -> str | None:
    """Why this reviewer may not handle the case (an error code), or None."""
    if not reviewer_covers(staff, objection):
        return "no_access"
    if not is_independent(staff, objection):
        return "not_independent"
    if objection.reviewer_id is not None and objection.reviewer_id != staff.id:
        return "not_assigned"
    return None


def _require_caseworker(staff: StaffUser, objection: Objection) -> None:
    if not caseworker_may_handle(staff, objection):
        raise ObjectionError("no_access")


def _require_reviewer(staff: StaffUser, objection: Objection) -> None:
    refusal = reviewer_refusal(staff, objection)
    if refusal:
        raise ObjectionError(refusal)


# --- transitions ---------------------------------------------------------------------------------


def _apply(
    objection: Objection,
    action: Action,
    *,
    actor_kind: str,
    staff: StaffUser | None,
    now: datetime,
    **details: Any,
) -> ObjectionStatus:
    """Move the case along the table, or refuse. The caller commits, then notifies."""
    new_status = TRANSITIONS.get((objection.status, action))
    if new_status is None:
        raise ObjectionError("not_allowed")
    objection.status = new_status
    objection.events.append(
        ObjectionEvent(
            at=now,
            action=action.value,
            status=new_status,
            actor_kind=actor_kind,
            actor_staff_id=staff.id if staff else None,
        )
    )
    audit.record(
        f"objection.{action.value}",
        person=objection.person,
        object_type="objection",
        object_id=objection.id,
        actor=staff,
        actor_kind=actor_kind,
        status=new_status.value,
        **details,
    )
    return new_status


def _refusals_roll_back(func: Callable[..., _T]) -> Callable[..., _T]:
    """A refused step leaves nothing behind: no half change, and no row lock held."""

    @wraps(func)
    def wrapped(*args: Any, **kwargs: Any) -> _T:
        try:
            return func(*args, **kwargs)
        except ObjectionError:
            db.session.rollback()
            raise

    return wrapped


def _lock(objection: Objection) -> None:
    # Two staff acting at once: reload under a row lock, so the later one sees the new status
    # and is refused by the table instead of both transitions happening.
    db.session.refresh(objection, with_for_update=True)


def _finish(objection: Objection, action: Action) -> Objection:
    db.session.commit()
    notify(objection, action.value)
    return objection


@_refusals_roll_back
def acknowledge(objection: Objection, staff: StaffUser, *, now: datetime | None = None) -> Objection:
    """A caseworker has seen the objection."""
    _require_caseworker(staff, objection)
    _lock(objection)
    _apply(objection, Action.ACKNOWLEDGE, actor_kind="staff", staff=staff, now=now or utcnow())
    return _finish(objection, Action.ACKNOWLEDGE)


@_refusals_roll_back
def start_review(objection: Objection, staff: StaffUser, *, now: datetime | None = None) -> Objection:
    """A caseworker starts to review the objection."""
    _require_caseworker(staff, objection)
    _lock(objection)
    _apply(objection, Action.START_REVIEW, actor_kind="staff", staff=staff, now=now or utcnow())
    return _finish(objection, Action.START_REVIEW)


def _check_decision(
    objection: Objection,
    outcome: str | None,
    reasons: str | None,
    plan_version_id: int | None,
    *,
    grounds: Sequence[str],
    version_required: bool,
) -> tuple[Outcome, str, PlanVersion | None]:
    if outcome not in {o.value for o in Outcome}:
        raise ObjectionError("outcome", "outcome")
    # At least one catalogued ground: the newcomer must be able to read why in their own
    # language, whatever language the caseworker writes their own words in.
    if not grounds:
        raise ObjectionError("grounds_empty", "grounds")
    if any(key not in DECISION_GROUNDS_BY_KEY for key in grounds):
        raise ObjectionError("grounds_unknown", "grounds")
    text = (reasons or "").strip()
    if not text:
        raise ObjectionError("reasons_empty", "reasons")
    if len(text) > REASONS_MAX_LENGTH:
        raise ObjectionError("reasons_too_long", "reasons")
    if len(text) < REASONS_MIN_LENGTH:
        raise ObjectionError("reasons_too_short", "reasons")
    result = Outcome(outcome)
    version = None
    if plan_version_id and result != Outcome.REJECTED:
        version = next((v for v in plan_versions_since(objection) if v.id == plan_version_id), None)
        if version is None:
            raise ObjectionError("plan_version", "plan_version")
    if version is None and result == Outcome.UPHELD and version_required:
        raise ObjectionError("plan_version_needed", "plan_version")
    return result, text, version


@_refusals_roll_back
def decide(
    objection: Objection,
    staff: StaffUser,
    *,
    outcome: str | None,
    reasons: str | None,
    grounds: Sequence[str] = (),
    plan_version_id: int | None = None,
    now: datetime | None = None,
) -> Decision:
    """The caseworker's decision, always with written reasons."""
    _require_caseworker(staff, objection)
    result, text, version = _check_decision(
        objection, outcome, reasons, plan_version_id, grounds=grounds, version_required=True
    )
    _lock(objection)
    now = now or utcnow()
    _apply(objection, Action.DECIDE, actor_kind="staff", staff=staff, now=now, outcome=result.value)
    decision = _decision(objection, DecisionStage.FIRST, staff, result, grounds, text, version, now)
    _finish(objection, Action.DECIDE)
    return decision


@_refusals_roll_back
def escalate(
    objection: Objection,
    person: Person,
    *,
    text: str | None = None,
    actor_kind: str = "newcomer",
    now: datetime | None = None,
) -> Objection:
    """The newcomer asks for an independent review."""
    if objection.person_id != person.id:
        raise ObjectionError("no_access")
    note = (text or "").strip()
    if len(note) > WANTED_MAX_LENGTH:
        raise ObjectionError("escalation_text_too_long", "text")
    _lock(objection)
    now = now or utcnow()
    refusal = escalation_refusal(objection, stockholm_date(now))
    if refusal:
        raise ObjectionError(refusal)
    _apply(objection, Action.ESCALATE, actor_kind=actor_kind, staff=None, now=now)
    objection.escalated_at = now
    objection.escalation_text = note or None
    objection.review_due_date = stockholm_date(now) + timedelta(days=decision_days())
    return _finish(objection, Action.ESCALATE)


@_refusals_roll_back
def start_independent_review(objection: Objection, staff: StaffUser, *, now: datetime | None = None) -> Objection:
    """An independent reviewer takes the escalated case."""
    _require_reviewer(staff, objection)
    _lock(objection)
    _apply(objection, Action.START_INDEPENDENT_REVIEW, actor_kind="staff", staff=staff, now=now or utcnow())
    objection.reviewer_id = staff.id
    return _finish(objection, Action.START_INDEPENDENT_REVIEW)


@_refusals_roll_back
def final_decide(
    objection: Objection,
    staff: StaffUser,
    *,
    outcome: str | None,
    reasons: str | None,
    grounds: Sequence[str] = (),
    plan_version_id: int | None = None,
    now: datetime | None = None,
) -> Decision:
    """The independent reviewer's final decision, always with written reasons."""
    _require_reviewer(staff, objection)
    result, text, version = _check_decision(
        objection, outcome, reasons, plan_version_id, grounds=grounds, version_required=False
    )
    _lock(objection)
    if objection.reviewer_id != staff.id:
        raise ObjectionError("not_assigned" if objection.reviewer_id else "not_allowed")
    now = now or utcnow()
    _apply(objection, Action.FINAL_DECIDE, actor_kind="staff", staff=staff, now=now, outcome=result.value)
    decision = _decision(objection, DecisionStage.INDEPENDENT, staff, result, grounds, text, version, now)
    _finish(objection, Action.FINAL_DECIDE)
    return decision


def _decision(
    objection: Objection,
    stage: DecisionStage,
    staff: StaffUser,
    outcome: Outcome,
    grounds: Sequence[str],
    reasons: str,
    version: PlanVersion | None,
    now: datetime,
) -> Decision:
    reasons_language, _source = detect_text_language(reasons, staff.language or DEFAULT_LANGUAGE)
    decision = Decision(
        stage=stage,
        outcome=outcome,
        grounds=list(dict.fromkeys(grounds)),  # in the order chosen, each once
        reasons=reasons,
        reasons_language=reasons_language,
        decided_by_id=staff.id,
        decided_at=now,
        plan_version_id=version.id if version else None,
    )
    objection.decisions.append(decision)
    return decision
