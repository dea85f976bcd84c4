"""A newcomer's own data, all of it, as one JSON document (GDPR art. 15 and 20).

The newcomer downloads it themselves; a caseworker can produce it on request, and that is
audited. Rows are written column by column from the models, so a new column is exported
without anyone remembering to add it; only the secrets that protect the person (code and
token hashes) and other people's data are left out.
"""

from __future__ import annotations

import enum
from datetime import date, datetime, time
from typing import Any

from sqlalchemy import inspect, or_, select

from portal.extensions import db
from portal.models import (
    ActivityReminder,
    CalendarFeed,
    Conversation,
    Decision,
    ErasureRequest,
    HandoffRequest,
    Message,
    Objection,
    ObjectionEvent,
    Person,
    PersonTransfer,
    Plan,
    PlanVersion,
    ReminderPreference,
    StaffUser,
    utcnow,
)
from portal.services import audit

FORMAT = "ankomst-export-1"
# Columns that are never exported: they protect the person, or say nothing about them.
_NEVER = {"token_hash", "code_hash", "idempotency_key", "phone_digest", "provider_sid", "state_data"}


def _identity_number(person: Person) -> str | None:
    from portal.services.identity_numbers import stored_identity_number

    number = stored_identity_number(person)
    return number.formatted if number else None


def export_person(person: Person) -> dict[str, Any]:
    """Everything Ankomst holds about `person`, as a JSON-ready dict."""
    plans = list(db.session.scalars(select(Plan).where(Plan.person_id == person.id).order_by(Plan.id)))
    objections = list(
        db.session.scalars(select(Objection).where(Objection.person_id == person.id).order_by(Objection.id))
    )
    conversations = db.session.scalars(
        select(Conversation)
        .where(or_(Conversation.person_id == person.id, Conversation.phone == person.phone))
        .order_by(Conversation.id)
    )
    return {
        "format": FORMAT,
        "exported_at": utcnow().isoformat(),
        "profile": {
            **{k: v for k, v in _row(person).items() if k != "identity_number_encrypted"},
            # The person's own number in clear: it is theirs; the ciphertext would say nothing.
            "identity_number": _identity_number(person),
            "home_municipality": person.home_municipality.name,
            "responsible_organisation": person.responsible_org.name,
        },
        "consents": {"sms": {"opted_out": person.sms_opted_out, "opted_out_at": _value(person.sms_opted_out_at)}},
        "plans": [_plan(plan) for plan in plans],
        "objections": [_objection(objection) for objection in objections],
        "conversations": [_conversation(c) for c in conversations],
        "handoff_requests": _rows(HandoffRequest, HandoffRequest.person_id == person.id),
        "calendar_feeds": _rows(CalendarFeed, CalendarFeed.person_id == person.id),
        "transfers": _rows(PersonTransfer, PersonTransfer.person_id == person.id),
        "erasure_requests": _rows(ErasureRequest, ErasureRequest.person_id == person.id),
        "reminders": {
            "setting": [
                _row(p)
                for p in db.session.scalars(select(ReminderPreference).where(ReminderPreference.person_id == person.id))
            ],
            "reminders": _rows(ActivityReminder, ActivityReminder.person_id == person.id),
        },
    }


def export_for_staff(staff: StaffUser, person: Person) -> dict[str, Any]:
    """The same export, produced by a caseworker on the person's request; audited."""
    document = export_person(person)
    audit.record("person.export", person=person, actor=staff, object_type="person", object_id=person.id)
    db.session.commit()
    return document


def _plan(plan: Plan) -> dict[str, Any]:
    return {
        **_row(plan),
        "goals": [_row(goal) for goal in plan.goals],
        "activities": [
            {**_row(activity), "changes": [_row(change) for change in activity.changes]} for activity in plan.activities
        ],
        "versions": _rows(PlanVersion, PlanVersion.plan_id == plan.id),
    }


def _objection(objection: Objection) -> dict[str, Any]:
    return {
        **_row(objection),
        "events": _rows(ObjectionEvent, ObjectionEvent.objection_id == objection.id),
        "decisions": _rows(Decision, Decision.objection_id == objection.id),
    }


def _conversation(conversation: Conversation) -> dict[str, Any]:
    return {
        **_row(conversation),
        "messages": _rows(Message, Message.conversation_id == conversation.id),
    }


def _rows(model, condition) -> list[dict[str, Any]]:
    return [_row(obj) for obj in db.session.scalars(select(model).where(condition).order_by(model.id))]


def _row(obj: Any) -> dict[str, Any]:
    """Every column of a model instance, as JSON values, but the never-exported ones."""
    return {
        attr.key: _value(getattr(obj, attr.key)) for attr in inspect(obj).mapper.column_attrs if attr.key not in _NEVER
    }


def _value(value: Any) -> Any:
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return value.value
    return value
