"""A newcomer asks the assistant for a person: a request the caseworkers of their organisation see."""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import gettext

from portal.catalogues import HANDOFF_OUTCOMES_BY_KEY
from portal.clients.sms import SmsSendError, send_sms
from portal.data.conversations import get_handoff, get_open_handoff
from portal.data.people import can_see_person, visible_org_ids
from portal.extensions import db
from portal.i18n import in_language
from portal.languages import get_language
from portal.models import (
    Channel,
    Conversation,
    Direction,
    HandledBy,
    HandoffRequest,
    HandoffStatus,
    Message,
    Person,
    Role,
    StaffUser,
    utcnow,
)
from portal.services import audit

REPLY_MAX_LENGTH = 800  # about five SMS segments in Latin letters; a longer answer is a phone call
CLOSING_NOTE_MAX_LENGTH = 1000


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
        return ask_again(existing, note, language=language, interpreter=interpreter)
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


def ask_again(
    existing: HandoffRequest, note: str | None, *, language: str, interpreter: str | None = None
) -> HandoffRequest:
    """Add to the request already open and commit: asking twice (or a retry) is one request."""
    if interpreter:
        existing.interpreter_language = interpreter
    if note and note not in (existing.note or ""):
        existing.note = f"{existing.note}\n{note}" if existing.note else note
    existing.language = language
    db.session.commit()
    return existing


def get_handoff_for_staff(staff: StaffUser, handoff_id: int) -> HandoffRequest | None:
    """The request, or None when it does not exist or is another organisation's."""
    handoff = get_handoff(handoff_id)
    if handoff is None:
        return None
    if handoff.person is None:
        # A stranger's request (services.reception) belongs to the reception that takes it.
        return handoff if handoff.organisation_id in visible_org_ids(staff, Role.CASEWORKER) else None
    return handoff if can_see_person(staff, handoff.person) else None


def close_handoff(staff: StaffUser, handoff_id: int, outcome: str, note: str | None = None) -> HandoffRequest | None:
    """Mark a request handled with what came of it; None when it does not exist or is another organisation's."""
    if outcome not in HANDOFF_OUTCOMES_BY_KEY:
        raise ValueError("unknown outcome")
    handoff = get_handoff_for_staff(staff, handoff_id)
    if handoff is None:
        return None
    if handoff.status == HandoffStatus.OPEN:
        handoff.status = HandoffStatus.CLOSED
        handoff.closed_at = utcnow()
        handoff.closed_by_id = staff.id
        handoff.outcome = outcome
        handoff.closing_note = (note or "").strip()[:CLOSING_NOTE_MAX_LENGTH] or None
        audit.record(
            "handoff.closed",
            person=handoff.person,
            object_type="handoff",
            object_id=handoff.id,
            actor=staff,
            outcome=outcome,
        )
    db.session.commit()
    return handoff


def reply_text(handoff: HandoffRequest, staff: StaffUser, text: str) -> str:
    """The reply as the newcomer receives it: a label in their language, then the caseworker's Swedish."""
    preferred = handoff.person.preferred_language if handoff.person else None
    lang = get_language(handoff.language) or get_language(preferred) or get_language("sv")
    with in_language(lang.code):
        label = gettext(
            "Message from your caseworker at %(organisation)s. They wrote it in Swedish:",
            organisation=handoff.organisation.name,
        )
    return f"{label}\n{text.strip()}"


@dataclass(frozen=True)
class ReplyResult:
    message: Message | None  # the reply in the conversation, None without a conversation
    sent_by_sms: bool  # False when the person said no to SMS or the provider refused it


def reply_to_handoff(staff: StaffUser, handoff: HandoffRequest, text: str) -> ReplyResult:
    """Send a caseworker's reply to the person by the channel they asked on, kept in the conversation.

    - An SMS conversation gets the reply as an SMS from the service's number, in the thread.
    - A web chat gets it in the chat; and because a browser chat is often closed by the time a
      caseworker answers, a registered person also gets it by SMS.
    - A request made on the web without a conversation is answered by SMS.

    The result says whether the SMS went, so the caseworker knows to call instead. The message
    text is never logged or put in the audit log: the audit records who replied, and when.
    """
    if handoff.person is None:
        # A stranger is called back: nothing is written to a number nobody has registered.
        raise ValueError("a stranger's request has no one to write to")
    text = text.strip()
    if not text or len(text) > REPLY_MAX_LENGTH:
        raise ValueError("bad reply length")
    body = reply_text(handoff, staff, text)
    conversation = handoff.conversation
    person = handoff.person
    message = None
    if conversation is not None:
        message = Message(
            conversation_id=conversation.id,
            direction=Direction.OUT,
            body=body,
            handled_by=HandledBy.STAFF,
            delivery="chat" if conversation.channel == Channel.CHAT else "rest",
            status="delivered" if conversation.channel == Channel.CHAT else "queued",
        )
        conversation.last_activity_at = utcnow()
        db.session.add(message)
        db.session.flush()
    try:
        sms = send_sms(person, body, purpose="handoff_reply")  # None when the person opted out
    except SmsSendError:
        sms = None
    if message is not None and conversation.channel == Channel.SMS:
        if sms is None:
            message.status = "suppressed" if person.sms_opted_out else "failed"
        else:
            message.sms_message_id = sms.id
            message.status = "failed" if sms.status == "failed" else "sent"
    audit.record(
        "handoff.replied",
        person=person,
        object_type="handoff",
        object_id=handoff.id,
        actor=staff,
        channel=conversation.channel.value if conversation else "sms",
        sms=sms is not None,
    )
    db.session.commit()
    return ReplyResult(message=message, sent_by_sms=sms is not None and sms.status != "failed")


# --- staff reads, audited and committed here so the staff views stay thin ---------------------


def record_list(count: int) -> None:
    audit.record_and_commit("handoff.list", object_type="handoff", count=count)


def record_read_denied(handoff_id: int) -> None:
    audit.record_and_commit("handoff.read_denied", object_type="handoff", object_id=handoff_id)


def record_read(handoff: HandoffRequest) -> None:
    # The page shows the phone number and the conversation: every opening is audited.
    audit.record_and_commit("handoff.read", person=handoff.person, object_type="handoff", object_id=handoff.id)
