"""Erasure on request (GDPR art. 17), confirmed by a caseworker of the person's organisation.

What goes: every conversation and message, sign-in codes and sessions, calendar feeds,
handoff requests, objections that were never decided, and the plans they do not need; the
text of every SMS sent to the person; and Rasa's tracker for each of the person's
conversations. The person row stays only as a pseudonym (no name, no number, no dates), so
that what remains can still point at it.

The newcomer asks (request_erasure, from /my-data); a caseworker of their organisation confirms
with a reason (confirm_erasure_request, from the staff person page). Nobody erases themselves
with one click: a signed-in phone in someone else's hand must not wipe its owner's plan.

What stays, minimised, because the municipality must keep it: decided objections (the case
number, reason code, status, dates and the decision with its reasons; the newcomer's own
words and the plan snapshot are removed) with the plan they belong to, and the audit log.
The erasure itself is audited with the confirming caseworker and the reason given.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from flask import current_app
from sqlalchemy import bindparam, create_engine, delete, or_, select, text, update
from sqlalchemy.exc import SQLAlchemyError

from portal.data.erasure_requests import get_pending_erasure_request, list_pending_erasure_requests
from portal.data.people import get_person_for_staff, visible_org_ids
from portal.extensions import db
from portal.models import (
    Activity,
    ActivityReminder,
    CalendarFeed,
    Conversation,
    Decision,
    ErasureRequest,
    ErasureRequestStatus,
    Gender,
    Goal,
    HandoffRequest,
    Objection,
    Person,
    Plan,
    PlanVersion,
    ReminderPreference,
    Role,
    SignInCode,
    SignInSession,
    SmsMessage,
    StaffNotification,
    StaffUser,
    Task,
    WhatsAppWindow,
    utcnow,
)
from portal.services import audit

log = logging.getLogger(__name__)

KEPT_REASON = "decided objection: the municipality must keep its decisions (minimised)"


@dataclass
class ErasureReport:
    conversations: int = 0
    objections_deleted: int = 0
    objections_kept: int = 0
    plans_deleted: int = 0
    rasa_trackers: int | None = None  # None: no tracker store configured to clean
    kept: list[str] = field(default_factory=list)


def request_erasure(person: Person, channel: str = "web") -> ErasureRequest:
    """Record the person's request (or return the one already pending), audit it and commit."""
    existing = get_pending_erasure_request(person)
    if existing is not None:
        return existing
    request = ErasureRequest(person_id=person.id, channel=channel)
    db.session.add(request)
    db.session.flush()
    audit.record(
        "person.erase_requested",
        person=person,
        object_type="erasure_request",
        object_id=request.id,
        actor_kind="newcomer",
    )
    db.session.commit()
    log.info("erasure requested", extra={"person_id": person.id})
    return request


def pending_requests_for(staff: StaffUser) -> list[ErasureRequest]:
    """The pending requests in the caseworker's organisations; the listing is audited and committed."""
    found = list_pending_erasure_requests(visible_org_ids(staff, Role.CASEWORKER))
    audit.record_and_commit("erasure_request.list", object_type="erasure_request", count=len(found))
    return found


def confirm_erasure_request(staff: StaffUser, person_id: int, reason: str) -> ErasureReport | None:
    """A caseworker confirms the person's pending request: erase them (audited) and commit.

    None when the person is not this caseworker's to see or has no pending request.
    """
    person = get_person_for_staff(staff, person_id)
    request = get_pending_erasure_request(person) if person is not None else None
    if person is None or request is None:
        return None
    return erase_person(person, confirmed_by=staff, reason=reason)


def erase_person(person: Person, confirmed_by: StaffUser, reason: str) -> ErasureReport:
    """Erase `person` as described above (their pending request, if any, is confirmed); commit."""
    report = ErasureReport()
    request = get_pending_erasure_request(person)
    if request is not None:
        request.status = ErasureRequestStatus.CONFIRMED
        request.confirmed_at = utcnow()
        request.confirmed_by_id = confirmed_by.id
    conversations = list(
        db.session.scalars(
            select(Conversation).where(or_(Conversation.person_id == person.id, Conversation.phone == person.phone))
        )
    )
    sender_ids = [c.public_id for c in conversations]
    # The number's WhatsApp window says when they last wrote (portal.whatsapp).
    db.session.execute(delete(WhatsAppWindow).where(WhatsAppWindow.phone == person.phone))
    # Staff notifications name the person (portal.notifications): they go before the requests they point to.
    db.session.execute(delete(StaffNotification).where(StaffNotification.person_id == person.id))
    db.session.execute(delete(HandoffRequest).where(HandoffRequest.person_id == person.id))
    for conversation in conversations:
        db.session.delete(conversation)  # its messages go with it
    report.conversations = len(conversations)
    db.session.execute(
        update(SmsMessage)
        .where(or_(SmsMessage.person_id == person.id, SmsMessage.to_number == person.phone))
        .values(body="", to_number="", person_id=None)
        .execution_options(synchronize_session=False)
    )
    # Reminders and the reminder choice go too (portal.reminders): they say when the person is where.
    # Tasks go too: a done task's note is a caseworker's words about the person.
    for model in (SignInCode, SignInSession, CalendarFeed, ActivityReminder, ReminderPreference, Task):
        db.session.execute(delete(model).where(model.person_id == person.id))

    decided = set(db.session.scalars(select(Decision.objection_id)))
    kept_plans: set[int] = set()
    for objection in db.session.scalars(select(Objection).where(Objection.person_id == person.id)).all():
        if objection.id in decided:
            objection.text, objection.wanted, objection.escalation_text = "", "", None
            objection.snapshot = {}
            kept_plans.add(objection.plan_id)
            report.objections_kept += 1
        else:
            db.session.delete(objection)
            report.objections_deleted += 1
    for plan in db.session.scalars(select(Plan).where(Plan.person_id == person.id)).all():
        if plan.id in kept_plans:
            # The decisions point at the plan; what the plan said about the person goes.
            for model in (Goal, Activity, PlanVersion):
                db.session.execute(delete(model).where(model.plan_id == plan.id))
        else:
            db.session.delete(plan)
            report.plans_deleted += 1
    if report.objections_kept:
        report.kept.append(KEPT_REASON)

    _pseudonymise(person)
    audit.record(
        "person.erase",
        person=person,
        actor=confirmed_by,
        object_type="person",
        object_id=person.id,
        reason=reason[:200],
        conversations=report.conversations,
        objections_kept=report.objections_kept,
        request_id=request.id if request is not None else None,
    )
    db.session.commit()
    report.rasa_trackers = forget_trackers(sender_ids)
    log.info("person erased", extra={"person_id": person.id, "objections_kept": report.objections_kept})
    return report


def _pseudonymise(person: Person) -> None:
    person.name = ""
    person.phone = f"erased:{person.id}"[:20]  # unique, and never a number anyone can text
    person.interpreter_language = None
    person.gender = Gender.UNSPECIFIED
    person.arrival_date = None
    person.identity_number_encrypted = None
    person.identity_number_kind = None
    person.sms_opted_out_at = utcnow()  # nothing is ever sent to it again


def forget_trackers(sender_ids: list[str]) -> int | None:
    """Delete Rasa's tracker events for these conversation ids; None when no store is configured.

    RASA_TRACKER_DB_URL names Rasa's SQL tracker store (bot/tracker.db by default in
    development, the PostgreSQL database in production); Rasa's own HTTP API cannot delete.
    """
    url = current_app.config.get("RASA_TRACKER_DB_URL")
    if not url or not sender_ids:
        return None
    engine = create_engine(url)
    try:
        with engine.begin() as conn:
            statement = text("DELETE FROM events WHERE sender_id IN :ids").bindparams(bindparam("ids", expanding=True))
            return conn.execute(statement, {"ids": sender_ids}).rowcount
    except SQLAlchemyError as error:
        # The portal's erasure stands; the tracker must then be cleaned by hand (the log says so).
        log.error("rasa tracker not cleaned after an erasure", extra={"error": type(error).__name__})
        return None
    finally:
        engine.dispose()
