"""A stranger asks for a person: which reception takes it, and how the stranger reaches it.

A stranger is someone who writes from a number that belongs to no registered person (or no
longer does). They get nothing personal, but a request for a person is not lost: it goes to a
reception's queue (/staff/handoffs of that organisation's caseworkers), and the stranger is
told how to reach that reception.

Decision (issue 21, item 4): the reception is known from the service number the stranger
wrote to, because that is all we know about them. RECEPTION_NUMBERS maps a service number to
the organisation that owns it, so a municipality that gets its own number gets its own
strangers. Every other number (today the region has one) goes to DEFAULT_RECEPTION, the
region's default reception, and without that setting to the region itself. We never guess a
municipality from the message's words or the number's area code: a wrong guess sends someone's
words to the wrong office.

Only an SMS or WhatsApp conversation is queued: the reception can call or write back to its
number. An anonymous web chat has no way back, so it only gets the contact details.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import current_app
from sqlalchemy import select

from portal.data.contacts import get_contact, get_organisation_by_slug
from portal.extensions import db
from portal.models import (
    Channel,
    Conversation,
    HandoffRequest,
    HandoffStatus,
    Organisation,
    OrganisationKind,
)
from portal.services import audit
from portal.services.contacts import opening_days
from portal.services.handoffs import ask_again


def reception_for(conversation: Conversation | None) -> Organisation | None:
    """The organisation whose reception takes this stranger (see the module's decision)."""
    config = current_app.config
    number = conversation.service_number if conversation is not None else None
    slug = (config.get("RECEPTION_NUMBERS") or {}).get(number) if number else None
    for candidate in (slug, config.get("DEFAULT_RECEPTION")):
        organisation = get_organisation_by_slug(candidate) if candidate else None
        if organisation is not None:
            return organisation
    return db.session.scalar(
        select(Organisation)
        .where(Organisation.kind == OrganisationKind.REGION, Organisation.parent_id.is_(None))
        .order_by(Organisation.id)
        .limit(1)
    )


@dataclass(frozen=True)
class ReceptionContact:
    name: str | None  # the organisation's name; None when there is no organisation at all
    phone: str
    hours: str  # in the current locale; may be empty


def contact_for(organisation: Organisation | None) -> ReceptionContact:
    """The reception's phone and opening hours (its contact page's), else the configured ones."""
    contact = get_contact(organisation) if organisation is not None else None
    if contact is None:
        return ReceptionContact(
            name=organisation.name if organisation else None,
            phone=current_app.config.get("RECEPTION_PHONE") or "",
            hours=current_app.config.get("RECEPTION_HOURS") or "",
        )
    return ReceptionContact(name=organisation.name, phone=contact.phone, hours=_hours_text(contact))


def _hours_text(contact) -> str:
    days = opening_days(contact)
    if not days:
        return ""
    # Weekdays with the same hours read as one range ("måndag–fredag 09:00–16:00"), which is
    # short enough for an SMS; days with different hours are listed one by one.
    if len(days) > 1 and len({d.hours for d in days}) == 1 and _consecutive(contact.opening_hours):
        return f"{days[0].weekday}–{days[-1].weekday} {days[0].hours}"
    return ", ".join(f"{d.weekday} {d.hours}" for d in days)


def _consecutive(rows: list[list]) -> bool:
    weekdays = [row[0] for row in rows]
    return weekdays == list(range(weekdays[0], weekdays[0] + len(weekdays)))


def can_queue(conversation: Conversation) -> bool:
    """Whether a stranger's request can wait for the reception: only with a number to call back."""
    return conversation.channel == Channel.SMS and bool(conversation.phone)


def calls_back(conversation: Conversation) -> bool:
    """Whether a stranger's request from this conversation waits at a reception that can call back."""
    return can_queue(conversation) and reception_for(conversation) is not None


def create_stranger_handoff(
    conversation: Conversation, note: str | None, *, interpreter: str | None = None
) -> HandoffRequest | None:
    """Queue a stranger's request at their reception and commit; None when it cannot be queued.

    Asking again in the same conversation adds to the open request, as a registered person's does.
    Nothing is written on a person, and no staff notification is made: the inbox speaks of people,
    and this request has none; the reception's caseworkers see it in their list of requests.
    """
    if not can_queue(conversation):
        return None
    organisation = reception_for(conversation)
    if organisation is None:
        return None
    language = conversation.language or "sv"
    existing = db.session.scalar(
        select(HandoffRequest)
        .where(
            HandoffRequest.person_id.is_(None),
            HandoffRequest.conversation_id == conversation.id,
            HandoffRequest.status == HandoffStatus.OPEN,
        )
        .limit(1)
    )
    if existing is not None:
        return ask_again(existing, note, language=language, interpreter=interpreter)
    handoff = HandoffRequest(
        person_id=None,
        conversation_id=conversation.id,
        organisation_id=organisation.id,
        language=language,
        channel=conversation.channel.value,
        note=note,
        interpreter_language=interpreter,
    )
    db.session.add(handoff)
    db.session.flush()
    audit.record(
        "handoff.requested",
        object_type="handoff",
        object_id=handoff.id,
        actor_kind="stranger",
        organisation=organisation.slug,
    )
    db.session.commit()
    return handoff
