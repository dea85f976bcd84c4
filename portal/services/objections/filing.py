"""Filing an objection: validation, the case with its frozen plan, the receipt SMS."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy.exc import IntegrityError

from portal.data.objections import get_objection_by_idempotency_key
from portal.extensions import db
from portal.languages import get_language
from portal.models import (
    LanguageSource,
    Objection,
    ObjectionEvent,
    ObjectionStatus,
    Person,
    Plan,
    PlanVersion,
    ReasonCode,
    utcnow,
)
from portal.models.objection import TEXT_MAX_LENGTH, WANTED_MAX_LENGTH
from portal.services import audit, plans
from portal.services.objections.notices import notify
from portal.services.objections.rules import ObjectionError, decision_days, new_case_number, stockholm_date
from portal.services.objections.targets import Target, objectionable_plan, resolve_target
from portal.services.text_language import detect_text_language


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
    if data.reason == ReasonCode.OTHER and not has_words(text):
        # "😡😡😡" with "something else" says nothing a caseworker can answer; with a chosen
        # reason, the reason says it, and the feeling may stand beside it.
        raise ObjectionError("text_no_words", "text")
    if len((data.wanted or "").strip()) > WANTED_MAX_LENGTH:
        raise ObjectionError("wanted_too_long", "wanted")
    if data.text_language and get_language(data.text_language) is None:
        raise ObjectionError("language", "text_language")
    return plan, target


def has_words(text: str) -> bool:
    """Tell whether `text` holds at least one letter, in any script (not only signs and emoji)."""
    return any(unicodedata.category(ch).startswith("L") for ch in text)


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
