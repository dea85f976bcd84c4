"""Conversations with the assistant, over SMS and web chat, and what came of them.

Decisions:
- `Conversation.public_id` is a random URL-safe token. It is the only id Rasa and the action
  server ever see (the Rasa sender id); phone numbers never leave the portal.
- An SMS conversation is keyed by the phone number (one per number). The person is looked up
  again on every inbound message, so a number that changes hands stops reaching the old
  owner's data at once. A web-chat conversation belongs to one browser session, linked to the
  person only while that person is signed in: a personal one is bound to the sign-in session
  (`signin_session_id`) and ends with it, at sign-out or expiry.
- The internal API (the action server) reaches a conversation only while it is live
  (services.assistant_api.is_live), so an id seen once is not a key to someone's data.
- `Message` is the transcript of both channels, in both directions. An outbound SMS is also
  an `SmsMessage` (the one SMS ledger: segments, backend, provider id, delivery status, the
  /dev/outbox page); `Message.sms_message_id` links the two, and a status callback updates both.
- The inbound message is stored (and committed) before anything else happens to it, so an
  assistant outage loses nothing: a message the portal's fallback menu answered keeps
  `handled_by="fallback"` and its `episode_id`.
"""

from __future__ import annotations

import enum
import secrets
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Enum, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.models.auth import SignInSession
from portal.models.base import Base, UTCDateTime, utcnow
from portal.models.messaging import SmsMessage
from portal.models.organisation import Organisation, StaffUser
from portal.models.person import Person


def new_public_id() -> str:
    """A random, URL-safe conversation id (about 22 characters), never derived from a number."""
    return secrets.token_urlsafe(16)


class Channel(enum.StrEnum):
    SMS = "sms"
    CHAT = "chat"


class ConversationState(enum.StrEnum):
    """Which portal-owned menu, if any, the next reply answers."""

    NONE = "none"
    LANGUAGE_MENU = "language_menu"  # we asked which language; the reply is a number or a name
    FALLBACK_MENU = "fallback_menu"  # the assistant was down; digits 1-4 are the portal's menu


class Direction(enum.StrEnum):
    IN = "in"
    OUT = "out"


class HandledBy(enum.StrEnum):
    PENDING = "pending"  # stored, not answered yet
    RASA = "rasa"
    FALLBACK = "fallback"  # the portal's own menu answered
    KEYWORD = "keyword"  # STOP, START, HELP
    LANGUAGE_MENU = "language_menu"
    OPTED_OUT = "opted_out"  # kept, not answered: the number has opted out
    DUPLICATE = "duplicate"
    STAFF = "staff"  # a caseworker answered from the portal (a handoff reply)


class Conversation(Base):
    __tablename__ = "conversation"

    id: Mapped[int] = mapped_column(primary_key=True)
    public_id: Mapped[str] = mapped_column(String(32), unique=True, default=new_public_id)
    channel: Mapped[Channel] = mapped_column(Enum(Channel, native_enum=False, length=8))
    person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"), index=True)
    # Web chat of a signed-in newcomer: the session it belongs to. Sign-out deletes the session,
    # and the database sets this to NULL, which ends the conversation's personal answers.
    signin_session_id: Mapped[int | None] = mapped_column(
        ForeignKey("signin_session.id", ondelete="SET NULL"), index=True
    )
    # E.164, SMS only (where replies go). Never logged, never sent to Rasa.
    phone: Mapped[str | None] = mapped_column(String(20), unique=True)
    # The service's own number they last wrote to (Twilio's "To", E.164): it says whose
    # reception takes a stranger's request for a person (services.reception).
    service_number: Mapped[str | None] = mapped_column(String(20))
    # None until the language is known (stored preference, detection or the menu).
    language: Mapped[str | None] = mapped_column(String(8))
    state: Mapped[ConversationState] = mapped_column(
        Enum(ConversationState, native_enum=False, length=20), default=ConversationState.NONE
    )
    state_data: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    state_expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # An unknown number's opt-out (a registered person's lives on Person.sms_opted_out_at).
    opted_out_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    last_activity_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)

    person: Mapped[Person | None] = relationship()
    signin_session: Mapped[SignInSession | None] = relationship()
    messages: Mapped[list[Message]] = relationship(
        back_populates="conversation", cascade="all, delete-orphan", order_by="Message.id"
    )


class AssistantEpisode(Base):
    """A stretch of time in which the assistant was down or too slow and the portal answered."""

    __tablename__ = "assistant_episode"

    id: Mapped[int] = mapped_column(primary_key=True)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    reason: Mapped[str] = mapped_column(String(40))  # "unreachable", "timeout", "error", "empty"
    messages_handled: Mapped[int] = mapped_column(default=0)


class Message(Base):
    __tablename__ = "conversation_message"

    id: Mapped[int] = mapped_column(primary_key=True)
    conversation_id: Mapped[int] = mapped_column(ForeignKey("conversation.id", ondelete="CASCADE"), index=True)
    direction: Mapped[Direction] = mapped_column(Enum(Direction, native_enum=False, length=4))
    body: Mapped[str] = mapped_column(Text)
    # Twilio's MessageSid of an inbound SMS: the unique constraint makes webhooks idempotent.
    provider_sid: Mapped[str | None] = mapped_column(String(64), unique=True)
    segments: Mapped[int | None]
    encoding: Mapped[str | None] = mapped_column(String(8))
    status: Mapped[str] = mapped_column(String(20), default="received")
    handled_by: Mapped[HandledBy] = mapped_column(
        Enum(HandledBy, native_enum=False, length=20), default=HandledBy.PENDING
    )
    # An outbound message answers one inbound message.
    reply_to_id: Mapped[int | None] = mapped_column(ForeignKey("conversation_message.id", ondelete="SET NULL"))
    # "twiml" (in the webhook's answer), "rest" (later, through the SMS client) or "chat".
    delivery: Mapped[str | None] = mapped_column(String(8))
    sms_message_id: Mapped[int | None] = mapped_column(ForeignKey("sms_message.id", ondelete="SET NULL"))
    episode_id: Mapped[int | None] = mapped_column(ForeignKey("assistant_episode.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)

    conversation: Mapped[Conversation] = relationship(back_populates="messages")
    sms_message: Mapped[SmsMessage | None] = relationship()
    episode: Mapped[AssistantEpisode | None] = relationship()


class HandoffStatus(enum.StrEnum):
    OPEN = "open"
    CLOSED = "closed"


class HandoffRequest(Base):
    """A newcomer asked the assistant for a person; caseworkers of their organisation see it.

    A stranger's request (a number that belongs to no registered person) has no person: its
    organisation is the reception that takes it (services.reception), and the only way back to
    them is the conversation's number.
    """

    __tablename__ = "handoff_request"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    conversation_id: Mapped[int | None] = mapped_column(ForeignKey("conversation.id", ondelete="SET NULL"))
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"), index=True)
    language: Mapped[str] = mapped_column(String(8))
    channel: Mapped[str] = mapped_column(String(8))
    note: Mapped[str | None] = mapped_column(Text)
    # The language of the interpreter the person asked for, if any (the conversation's own
    # language is `language`; they differ when, say, someone writes English but needs Dari).
    interpreter_language: Mapped[str | None] = mapped_column(String(8))
    status: Mapped[HandoffStatus] = mapped_column(
        Enum(HandoffStatus, native_enum=False, length=10), default=HandoffStatus.OPEN, index=True
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    closed_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    # Closing records what came of it: a key of HANDOFF_OUTCOMES and the caseworker's note
    # (staff only, never shown to the newcomer).
    outcome: Mapped[str | None] = mapped_column(String(20))
    closing_note: Mapped[str | None] = mapped_column(Text)

    person: Mapped[Person | None] = relationship()
    conversation: Mapped[Conversation | None] = relationship()
    organisation: Mapped[Organisation] = relationship()
    closed_by: Mapped[StaffUser | None] = relationship()
