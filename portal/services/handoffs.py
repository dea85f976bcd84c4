"""A newcomer asks the assistant for a person: a request the caseworkers of their organisation see."""

from __future__ import annotations

from portal.data.conversations import get_handoff, get_open_handoff
from portal.data.people import can_see_person
from portal.extensions import db
from portal.models import Conversation, HandoffRequest, HandoffStatus, Person, StaffUser, utcnow
from portal.services import audit


def create_handoff(
    person: Person, conversation: Conversation | None, note: str | None, *, interpreter: str | None = None
) -> HandoffRequest:
    """Open a request (or add to the one already open from this conversation) and commit.

    `interpreter` is the language of an interpreter the person asked for: it is recorded on the
    person (their caseworker books one for every meeting) and on the request.
    """
    language = (conversation.language if conversation else None) or person.preferred_language
    if interpreter:
        person.interpreter_language = interpreter
    existing = get_open_handoff(person, conversation) if conversation is not None else None
    if existing is not None:
        if interpreter:
            existing.interpreter_language = interpreter
        # Asking twice (or a retry of the same call) is one request; a new note is added to it.
        if note and note not in (existing.note or ""):
            existing.note = f"{existing.note}\n{note}" if existing.note else note
        existing.language = language
        db.session.commit()
        return existing
    handoff = HandoffRequest(
        person_id=person.id,
        conversation_id=conversation.id if conversation else None,
        organisation_id=person.responsible_org_id,
        language=language,
        channel=conversation.channel.value if conversation else "web",
        note=note,
        interpreter_language=interpreter,
    )
    db.session.add(handoff)
    db.session.flush()
    audit.record("handoff.requested", person=person, object_type="handoff", object_id=handoff.id, actor_kind="newcomer")
    db.session.commit()
    from portal.notifications import notify_handoff

    notify_handoff(handoff)
    return handoff


def get_handoff_for_staff(staff: StaffUser, handoff_id: int) -> HandoffRequest | None:
    """The request, or None when it does not exist or is another organisation's."""
    handoff = get_handoff(handoff_id)
    if handoff is None or not can_see_person(staff, handoff.person):
        return None
    return handoff


def close_handoff(staff: StaffUser, handoff_id: int) -> HandoffRequest | None:
    """Mark a request handled; None when it does not exist or is another organisation's."""
    handoff = get_handoff_for_staff(staff, handoff_id)
    if handoff is None:
        return None
    if handoff.status == HandoffStatus.OPEN:
        handoff.status = HandoffStatus.CLOSED
        handoff.closed_at = utcnow()
        handoff.closed_by_id = staff.id
        audit.record("handoff.closed", person=handoff.person, object_type="handoff", object_id=handoff.id, actor=staff)
    db.session.commit()
    return handoff
