"""Queries about assistant conversations, their messages, fallback episodes and handoffs."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from portal.extensions import db
from portal.models import (
    AssistantEpisode,
    Channel,
    Conversation,
    Direction,
    HandoffRequest,
    HandoffStatus,
    Message,
    Person,
    SmsMessage,
)


def get_conversation(public_id: str) -> Conversation | None:
    """The conversation with this opaque id (the Rasa sender id), or None."""
    if not public_id or len(public_id) > 32:
        return None
    return db.session.scalar(select(Conversation).where(Conversation.public_id == public_id))


def get_sms_conversation(phone: str) -> Conversation | None:
    return db.session.scalar(select(Conversation).where(Conversation.phone == phone))


def get_or_create_sms_conversation(phone: str) -> Conversation:
    """The one SMS conversation of a number, created on its first message (race-safe)."""
    conversation = get_sms_conversation(phone)
    if conversation is not None:
        return conversation
    conversation = Conversation(channel=Channel.SMS, phone=phone)
    db.session.add(conversation)
    try:
        db.session.commit()
    except IntegrityError:
        # Two first messages from the same number at once: the other request created it.
        db.session.rollback()
        conversation = get_sms_conversation(phone)
        assert conversation is not None
    return conversation


def create_chat_conversation(person: Person | None, language: str | None) -> Conversation:
    """A new web-chat conversation; a signed-in person's is bound to their sign-in session."""
    conversation = Conversation(
        channel=Channel.CHAT,
        person_id=person.id if person else None,
        signin_session_id=person.signin_session_id if person else None,
        language=language,
    )
    db.session.add(conversation)
    db.session.commit()
    return conversation


def get_message_by_sid(sid: str) -> Message | None:
    return db.session.scalar(select(Message).where(Message.provider_sid == sid))


def get_message(message_id: int) -> Message | None:
    return db.session.get(Message, message_id)


def replies_to(message: Message) -> list[Message]:
    """The outbound messages that answered `message`."""
    return list(
        db.session.scalars(
            select(Message)
            .where(Message.reply_to_id == message.id, Message.direction == Direction.OUT)
            .order_by(Message.id)
        )
    )


def list_messages(conversation: Conversation, limit: int = 50) -> list[Message]:
    """The latest `limit` messages of a conversation, oldest first."""
    newest = db.session.scalars(
        select(Message).where(Message.conversation_id == conversation.id).order_by(Message.id.desc()).limit(limit)
    ).all()
    return list(reversed(newest))


def get_sms_by_provider_sid(sid: str) -> SmsMessage | None:
    return db.session.scalar(select(SmsMessage).where(SmsMessage.provider_sid == sid))


def messages_for_sms(sms: SmsMessage) -> list[Message]:
    return list(db.session.scalars(select(Message).where(Message.sms_message_id == sms.id)))


def get_open_episode() -> AssistantEpisode | None:
    """The assistant outage going on now, if any."""
    return db.session.scalar(
        select(AssistantEpisode)
        .where(AssistantEpisode.ended_at.is_(None))
        .order_by(AssistantEpisode.id.desc())
        .limit(1)
    )


def list_episodes(limit: int = 50) -> list[AssistantEpisode]:
    return list(db.session.scalars(select(AssistantEpisode).order_by(AssistantEpisode.id.desc()).limit(limit)))


def list_open_handoffs(org_ids: Iterable[int]) -> list[HandoffRequest]:
    """Open requests for a person, for the organisations given (the staff member's), oldest first."""
    ids = list(org_ids)
    if not ids:
        return []
    return list(
        db.session.scalars(
            select(HandoffRequest)
            .where(HandoffRequest.organisation_id.in_(ids), HandoffRequest.status == HandoffStatus.OPEN)
            .order_by(HandoffRequest.created_at, HandoffRequest.id)
        )
    )


def count_open_handoffs(org_ids: Iterable[int]) -> int:
    """How many requests wait for the organisations given, a stranger's among them (the start page)."""
    ids = list(org_ids)
    if not ids:
        return 0
    return (
        db.session.scalar(
            select(func.count())
            .select_from(HandoffRequest)
            .where(HandoffRequest.organisation_id.in_(ids), HandoffRequest.status == HandoffStatus.OPEN)
        )
        or 0
    )


def list_handoffs_for_person(person: Person) -> list[HandoffRequest]:
    """All of one person's requests to talk to a person, newest first."""
    return list(
        db.session.scalars(
            select(HandoffRequest)
            .where(HandoffRequest.person_id == person.id)
            .order_by(HandoffRequest.created_at.desc(), HandoffRequest.id.desc())
        )
    )


def get_handoff(handoff_id: int) -> HandoffRequest | None:
    return db.session.get(HandoffRequest, handoff_id)


def get_open_handoff(person: Person, conversation: Conversation) -> HandoffRequest | None:
    """The request still open from this conversation, if any."""
    return db.session.scalar(
        select(HandoffRequest)
        .where(
            HandoffRequest.person_id == person.id,
            HandoffRequest.conversation_id == conversation.id,
            HandoffRequest.status == HandoffStatus.OPEN,
        )
        .limit(1)
    )
