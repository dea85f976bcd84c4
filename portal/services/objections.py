"""Objections: filing, the state machine, deadlines, reviewer independence and notifications.

The workflow is an explicit table, TRANSITIONS: (status, action) → new status. Nothing else
changes a case's status. Some allowed transitions also have a guard (escalation windows,
independence), checked in the function for that action.

    submitted → acknowledged → under_review → decided ─┐
        │             │              │                  ├→ escalated → under_independent_review → final_decision
        └─────────────┴──────────────┴── (overdue) ─────┘

Decisions taken here (the issue leaves them open):
- Deadlines are Europe/Stockholm calendar days. A decision is due OBJECTION_DECISION_DAYS
  after filing; the due date itself is still on time, the day after is overdue. After an
  escalation, the independent reviewer has the same number of days from the escalation.
- The newcomer may escalate a first decision within OBJECTION_ESCALATION_DAYS of it, unless
  it was upheld in full (then there is nothing left to object to). They may also escalate a
  case whose first decision is overdue: otherwise a caseworker who never decides would leave
  them with no instance to turn to, which is the gap this flow exists to close (seed 000).
- The independent reviewer holds the reviewer role at a region organisation above the
  person's organisation, and had no part in the plan: they created no version of it, wrote
  nothing to it (audit trail), did no first-round work on any objection to it, and are not a
  caseworker for the person's organisation. This is checked on every action, not just by
  hiding buttons. The reviewer who starts the independent review is the one who decides it.
- An upheld first decision must link the plan version that carries it out (made after the
  objection was filed): the caseworker revises the plan first, then decides. A partly
  upheld decision may link one. The independent reviewer cannot edit plans, so their upheld
  decision may link a version but need not; the caseworker then revises the plan.
- Every transition is written to the case's timeline, audited, committed, and then the
  newcomer gets an SMS in their language. The SMS names the case and the next date, never
  the decision or its reasons: those are read after signing in.
"""

from __future__ import annotations

import enum
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import wraps
from typing import Any, TypeVar

from flask import current_app
from flask_babel import force_locale, format_date, gettext, ngettext
from sqlalchemy.exc import IntegrityError

from portal.catalogues import activity_label, goal_label
from portal.clients.sms import send_sms
from portal.data.objections import (
    OPEN_STATUSES,
    case_number_exists,
    get_objection_by_idempotency_key,
    plan_versions_since,
    staff_who_took_part_in_plan,
)
from portal.data.people import can_see_person
from portal.data.plans import get_plan_for_person
from portal.extensions import db
from portal.languages import DEFAULT_LANGUAGE, get_language
from portal.models import (
    Decision,
    DecisionStage,
    LanguageSource,
    Objection,
    ObjectionEvent,
    ObjectionStatus,
    Organisation,
    OrganisationKind,
    Outcome,
    Person,
    Plan,
    PlanStatus,
    PlanVersion,
    ReasonCode,
    Role,
    StaffUser,
    TargetKind,
    utcnow,
)
from portal.models.objection import REASONS_MAX_LENGTH, TEXT_MAX_LENGTH, WANTED_MAX_LENGTH
from portal.services import audit, plans
from portal.services.plan_text import day_label, describe_change, time_label, weekdays_label
from portal.services.schedule import STOCKHOLM
from portal.services.text_language import detect_text_language

_T = TypeVar("_T")


class Action(enum.StrEnum):
    ACKNOWLEDGE = "acknowledge"
    START_REVIEW = "start_review"
    DECIDE = "decide"
    ESCALATE = "escalate"
    START_INDEPENDENT_REVIEW = "start_independent_review"
    FINAL_DECIDE = "final_decide"


_S = ObjectionStatus
TRANSITIONS: dict[tuple[ObjectionStatus, Action], ObjectionStatus] = {
    (_S.SUBMITTED, Action.ACKNOWLEDGE): _S.ACKNOWLEDGED,
    (_S.ACKNOWLEDGED, Action.START_REVIEW): _S.UNDER_REVIEW,
    (_S.UNDER_REVIEW, Action.DECIDE): _S.DECIDED,
    (_S.DECIDED, Action.ESCALATE): _S.ESCALATED,
    # Only when the first decision is overdue (guarded in escalate()).
    (_S.SUBMITTED, Action.ESCALATE): _S.ESCALATED,
    (_S.ACKNOWLEDGED, Action.ESCALATE): _S.ESCALATED,
    (_S.UNDER_REVIEW, Action.ESCALATE): _S.ESCALATED,
    (_S.ESCALATED, Action.START_INDEPENDENT_REVIEW): _S.UNDER_INDEPENDENT_REVIEW,
    (_S.UNDER_INDEPENDENT_REVIEW, Action.FINAL_DECIDE): _S.FINAL_DECISION,
}
FIRST_DECISION_PENDING = (_S.SUBMITTED, _S.ACKNOWLEDGED, _S.UNDER_REVIEW)
REVIEW_PENDING = (_S.ESCALATED, _S.UNDER_INDEPENDENT_REVIEW)

# Crockford base32: no I, L, O or U, so a case number read aloud or typed on a phone survives.
CASE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CASE_LENGTH = 8
_CASE_READ_AS = str.maketrans({"O": "0", "I": "1", "L": "1"})


class ObjectionError(Exception):
    """A request the service refuses. `code` picks the translated message; `field` the form field."""

    def __init__(self, code: str, field: str | None = None) -> None:
        super().__init__(code)
        self.code = code
        self.field = field

    @property
    def message(self) -> str:
        return error_message(self.code)


def error_message(code: str) -> str:
    """The message for an ObjectionError code, in the current locale."""
    messages = {
        "idempotency_key": gettext("The form had expired. Please go back, reload the page and try again."),
        "no_plan": gettext("You do not have a plan to object to yet."),
        "target": gettext("Choose something that is in your plan."),
        "reason": gettext("Choose the reason that fits best."),
        "text_empty": gettext("Please write why you object. You can write in any language."),
        "text_too_long": gettext("Please write at most %(max)d characters.", max=TEXT_MAX_LENGTH),
        "wanted_too_long": gettext("Please write at most %(max)d characters.", max=WANTED_MAX_LENGTH),
        "escalation_text_too_long": gettext("Please write at most %(max)d characters.", max=WANTED_MAX_LENGTH),
        "language": gettext("Choose a language from the list."),
        "not_allowed": gettext("That step is not possible for this case now. The page shows where the case is."),
        "escalation_closed": gettext("The time to ask for an independent review has passed."),
        "upheld": gettext("Your objection was upheld, so there is nothing to review."),
        "not_overdue": gettext("You can ask for an independent review when there is a decision, or if it is late."),
        "outcome": gettext("Choose a decision."),
        "reasons_empty": gettext("Write the reasons for the decision. The newcomer will read them."),
        "reasons_too_long": gettext("Please write at most %(max)d characters.", max=REASONS_MAX_LENGTH),
        "plan_version_needed": gettext(
            "An upheld objection needs the plan version that carries it out. "
            "Change the plan first, then choose the new version."
        ),
        "plan_version": gettext("Choose a version of this plan made after the objection was filed."),
        "no_access": gettext("You do not have access to this case."),
        "not_independent": gettext("You had a part in this plan, so another reviewer must handle this case."),
        "not_assigned": gettext("Another reviewer is handling this case."),
    }
    return messages.get(code, gettext("Something went wrong on our side"))


# --- case numbers ------------------------------------------------------------------------------


def new_case_number() -> str:
    """A fresh random case number: 8 Crockford base32 characters (40 bits), not guessable."""
    while True:
        number = "".join(secrets.choice(CASE_ALPHABET) for _ in range(CASE_LENGTH))
        if not case_number_exists(number):
            return number


def normalise_case_number(raw: str | None) -> str | None:
    """Case-insensitive, hyphen and spaces optional, O→0 and I/L→1; None if it cannot be a case number."""
    if not raw:
        return None
    cleaned = "".join(raw.split()).replace("-", "").upper().translate(_CASE_READ_AS)
    if len(cleaned) != CASE_LENGTH or any(ch not in CASE_ALPHABET for ch in cleaned):
        return None
    return cleaned


def format_case_number(number: str) -> str:
    return f"{number[:4]}-{number[4:]}"


# --- deadlines ----------------------------------------------------------------------------------


def stockholm_date(moment: datetime | None = None) -> date:
    """The calendar day in Sweden at `moment` (now by default)."""
    return (moment or utcnow()).astimezone(STOCKHOLM).date()


def decision_days() -> int:
    return int(current_app.config["OBJECTION_DECISION_DAYS"])


def escalation_days() -> int:
    return int(current_app.config["OBJECTION_ESCALATION_DAYS"])


def is_overdue(objection: Objection, today: date | None = None) -> bool:
    """A decision is pending and its due date has passed."""
    today = today or stockholm_date()
    if objection.status in FIRST_DECISION_PENDING:
        return today > objection.due_date
    if objection.status in REVIEW_PENDING:
        return objection.review_due_date is not None and today > objection.review_due_date
    return False


def escalation_deadline(objection: Objection) -> date | None:
    """The last day the first decision may be escalated (None before there is one)."""
    decision = objection.first_decision
    if decision is None:
        return None
    return stockholm_date(decision.decided_at) + timedelta(days=escalation_days())


def escalation_refusal(objection: Objection, today: date | None = None) -> str | None:
    """Why the newcomer cannot escalate now (an error code), or None when they can."""
    today = today or stockholm_date()
    if (objection.status, Action.ESCALATE) not in TRANSITIONS:
        return "not_allowed"
    if objection.status in FIRST_DECISION_PENDING:
        return None if is_overdue(objection, today) else "not_overdue"
    decision = objection.first_decision
    if decision is None:
        return "not_allowed"
    if decision.outcome == Outcome.UPHELD:
        return "upheld"
    deadline = escalation_deadline(objection)
    return None if deadline is not None and today <= deadline else "escalation_closed"


def can_escalate(objection: Objection, today: date | None = None) -> bool:
    return escalation_refusal(objection, today) is None


# --- what a newcomer can object to ---------------------------------------------------------------


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


def describe_target(frozen: dict[str, Any]) -> str:
    """What an objection points at, as a phrase in the current locale (from the frozen target)."""
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
    return gettext("My whole plan")


# --- filing ------------------------------------------------------------------------------------


@dataclass
class ObjectionInput:
    target: str
    reason: str
    text: str
    wanted: str = ""
    text_language: str | None = None  # None or "": detect it
    interpreter: bool = False
    phone_call: bool = False
    idempotency_key: str = ""
    channel: str = "web"  # "web" or "assistant"
    # The language to assume for a text too short to detect; the person's own when None.
    language_hint: str | None = None


def validate_objection(person: Person, data: ObjectionInput) -> tuple[Plan, Target]:
    """Check everything before anything is saved; raise ObjectionError for the first problem."""
    key = (data.idempotency_key or "").strip()
    if not 8 <= len(key) <= 64:
        raise ObjectionError("idempotency_key", "idempotency_key")
    plan = objectionable_plan(person)
    if plan is None:
        raise ObjectionError("no_plan", "target")
    target = resolve_target(plan, data.target)
    if target is None:
        raise ObjectionError("target", "target")
    if data.reason not in {r.value for r in ReasonCode}:
        raise ObjectionError("reason", "reason")
    text = (data.text or "").strip()
    if not text:
        raise ObjectionError("text_empty", "text")
    if len(text) > TEXT_MAX_LENGTH:
        raise ObjectionError("text_too_long", "text")
    if len((data.wanted or "").strip()) > WANTED_MAX_LENGTH:
        raise ObjectionError("wanted_too_long", "wanted")
    if data.text_language and get_language(data.text_language) is None:
        raise ObjectionError("language", "text_language")
    return plan, target


def file_objection(
    person: Person, data: ObjectionInput, *, actor_kind: str = "newcomer", now: datetime | None = None
) -> tuple[Objection, bool]:
    """File an objection and send the receipt SMS. Returns (objection, created).

    The same idempotency key returns the case filed with it (created=False) and sends nothing:
    a double submit, a reload or an assistant retry never makes a second case.
    """
    key = (data.idempotency_key or "").strip()
    existing = get_objection_by_idempotency_key(person, key) if key else None
    if existing is not None:
        return existing, False
    plan, target = validate_objection(person, data)
    now = now or utcnow()
    text = data.text.strip()
    if data.text_language:
        text_language, source = get_language(data.text_language).code, LanguageSource.STATED  # type: ignore[union-attr]
    else:
        text_language, source = detect_text_language(text, data.language_hint or person.preferred_language)
    latest: PlanVersion | None = plan.versions[-1] if plan.versions else None
    objection = Objection(
        case_number=new_case_number(),
        person=person,
        plan=plan,
        target_kind=target.kind,
        target_id=target.id,
        plan_version_id=latest.id if latest else None,
        plan_version_number=latest.number if latest else None,
        snapshot=_freeze(plan, target, latest),
        reason=ReasonCode(data.reason),
        wanted=(data.wanted or "").strip(),
        text=text,
        text_language=text_language,
        text_language_source=source,
        interpreter_wanted=bool(data.interpreter),
        phone_call_wanted=bool(data.phone_call),
        channel=data.channel,
        idempotency_key=key,
        status=ObjectionStatus.SUBMITTED,
        filed_at=now,
        due_date=stockholm_date(now) + timedelta(days=decision_days()),
    )
    objection.events.append(
        ObjectionEvent(at=now, action="submit", status=ObjectionStatus.SUBMITTED, actor_kind=actor_kind)
    )
    db.session.add(objection)
    try:
        db.session.flush()
        audit.record(
            "objection.file",
            person=person,
            object_type="objection",
            object_id=objection.id,
            actor_kind=actor_kind,
            target=target.kind.value,
            channel=data.channel,
        )
        db.session.commit()
    except IntegrityError:
        # Two submits with the same key raced; the other one won. Return its case.
        db.session.rollback()
        existing = get_objection_by_idempotency_key(person, key)
        if existing is None:
            raise
        return existing, False
    notify(objection, "submit")
    return objection, True


def _freeze(plan: Plan, target: Target, latest: PlanVersion | None) -> dict[str, Any]:
    """The target and the whole plan as they are now, kept with the case for its reviewers."""
    return {
        "target": target.frozen,
        "plan": plans.snapshot(plan),
        "plan_version": (
            {"id": latest.id, "number": latest.number, "created_at": latest.created_at.isoformat()} if latest else None
        ),
    }


# --- who may act ---------------------------------------------------------------------------------


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
    version_required: bool,
) -> tuple[Outcome, str, PlanVersion | None]:
    if outcome not in {o.value for o in Outcome}:
        raise ObjectionError("outcome", "outcome")
    text = (reasons or "").strip()
    if not text:
        raise ObjectionError("reasons_empty", "reasons")
    if len(text) > REASONS_MAX_LENGTH:
        raise ObjectionError("reasons_too_long", "reasons")
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
    plan_version_id: int | None = None,
    now: datetime | None = None,
) -> Decision:
    """The caseworker's decision, always with written reasons."""
    _require_caseworker(staff, objection)
    result, text, version = _check_decision(objection, outcome, reasons, plan_version_id, version_required=True)
    _lock(objection)
    now = now or utcnow()
    _apply(objection, Action.DECIDE, actor_kind="staff", staff=staff, now=now, outcome=result.value)
    decision = _decision(objection, DecisionStage.FIRST, staff, result, text, version, now)
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
    plan_version_id: int | None = None,
    now: datetime | None = None,
) -> Decision:
    """The independent reviewer's final decision, always with written reasons."""
    _require_reviewer(staff, objection)
    result, text, version = _check_decision(objection, outcome, reasons, plan_version_id, version_required=False)
    _lock(objection)
    if objection.reviewer_id != staff.id:
        raise ObjectionError("not_assigned" if objection.reviewer_id else "not_allowed")
    now = now or utcnow()
    _apply(objection, Action.FINAL_DECIDE, actor_kind="staff", staff=staff, now=now, outcome=result.value)
    decision = _decision(objection, DecisionStage.INDEPENDENT, staff, result, text, version, now)
    _finish(objection, Action.FINAL_DECIDE)
    return decision


def _decision(
    objection: Objection,
    stage: DecisionStage,
    staff: StaffUser,
    outcome: Outcome,
    reasons: str,
    version: PlanVersion | None,
    now: datetime,
) -> Decision:
    reasons_language, _source = detect_text_language(reasons, staff.language or DEFAULT_LANGUAGE)
    decision = Decision(
        stage=stage,
        outcome=outcome,
        reasons=reasons,
        reasons_language=reasons_language,
        decided_by_id=staff.id,
        decided_at=now,
        plan_version_id=version.id if version else None,
    )
    objection.decisions.append(decision)
    return decision


# --- notifications -----------------------------------------------------------------------------


def person_locale(person: Person) -> str:
    """The Babel locale to write to this person in."""
    lang = get_language(person.preferred_language) or get_language(DEFAULT_LANGUAGE)
    return lang.babel_locale  # type: ignore[union-attr]


def notify(objection: Objection, action: str) -> None:
    """Tell the newcomer by SMS, in their language, where their case is now."""
    person = objection.person
    with force_locale(person_locale(person)):
        body = sms_body(objection, action)
    send_sms(person, body, purpose="objection")


def sms_body(objection: Objection, action: str) -> str:
    """The SMS for one step, in the current locale. It names the case and the next date only."""
    case = objection.display_case_number
    due = format_date(objection.current_due_date, "long")
    if action == "submit":
        return gettext(
            "Ankomst: We have received your objection. Your case number is %(case)s. We will answer by %(date)s.",
            case=case,
            date=due,
        )
    if action == "acknowledge":
        return gettext(
            "Ankomst: A caseworker has seen your objection %(case)s. We will answer by %(date)s.", case=case, date=due
        )
    if action == "start_review":
        return gettext(
            "Ankomst: A caseworker is now reviewing your objection %(case)s. We will answer by %(date)s.",
            case=case,
            date=due,
        )
    if action == "decide":
        deadline = escalation_deadline(objection)
        decision = objection.first_decision
        if decision is not None and decision.outcome != Outcome.UPHELD and deadline is not None:
            return gettext(
                "Ankomst: There is a decision on your objection %(case)s. Sign in to Ankomst to read it and the "
                "reasons. If you do not agree, you can ask for an independent review until %(date)s.",
                case=case,
                date=format_date(deadline, "long"),
            )
        return gettext(
            "Ankomst: There is a decision on your objection %(case)s. Sign in to Ankomst to read it and the reasons.",
            case=case,
        )
    if action == "escalate":
        return gettext(
            "Ankomst: Your objection %(case)s has been sent to an independent reviewer. We will answer by %(date)s.",
            case=case,
            date=due,
        )
    if action == "start_independent_review":
        return gettext(
            "Ankomst: An independent reviewer is now reviewing your objection %(case)s. We will answer by %(date)s.",
            case=case,
            date=due,
        )
    if action == "final_decide":
        return gettext(
            "Ankomst: There is a final decision on your objection %(case)s. Sign in to Ankomst to read it and the "
            "reasons.",
            case=case,
        )
    raise ValueError(f"no SMS for action {action!r}")


def is_open(objection: Objection) -> bool:
    return objection.status in OPEN_STATUSES
