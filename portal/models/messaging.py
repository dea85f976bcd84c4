"""SMS and WhatsApp messages, in and out (WhatsApp goes through Twilio's same Messages API)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from portal.models.base import Base, UTCDateTime, utcnow


class SmsMessage(Base):
    """An SMS or WhatsApp message we sent (or, with the local outbox backend, would have sent)."""

    __tablename__ = "sms_message"

    id: Mapped[int] = mapped_column(primary_key=True)
    direction: Mapped[str] = mapped_column(String(8), default="out")
    person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"), index=True)
    to_number: Mapped[str] = mapped_column(String(20))
    # Sensitive texts (sign-in codes) are stored masked unless the local outbox is the phone.
    body: Mapped[str] = mapped_column(Text)
    purpose: Mapped[str] = mapped_column(String(30), default="notification")
    backend: Mapped[str] = mapped_column(String(20))
    segments: Mapped[int] = mapped_column(default=1)
    encoding: Mapped[str] = mapped_column(String(8), default="GSM-7")
    status: Mapped[str] = mapped_column(String(20), default="queued")
    provider_sid: Mapped[str | None] = mapped_column(String(64), unique=True)
    error_code: Mapped[str | None] = mapped_column(String(20))
    # "sms" or "whatsapp": the channel this message went on (portal.whatsapp decides).
    channel: Mapped[str] = mapped_column(String(10), default="sms", server_default=text("'sms'"))
    # A WhatsApp message outside the 24-hour window goes as an approved template (Content SID).
    template_sid: Mapped[str | None] = mapped_column(String(40))
    # A WhatsApp message that failed was sent again by SMS: that SMS (so it is sent once).
    fallback_sms_id: Mapped[int | None] = mapped_column(ForeignKey("sms_message.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)


class WhatsAppWindow(Base):
    """Per number: the channel it last wrote on, and when it last wrote on WhatsApp.

    WhatsApp allows free-form messages only within 24 hours of the person's last message
    (the customer service window); after that only approved templates.
    """

    __tablename__ = "whatsapp_window"

    phone: Mapped[str] = mapped_column(String(20), primary_key=True)  # E.164, never logged
    last_channel: Mapped[str] = mapped_column(String(10), default="sms")
    last_whatsapp_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)
