"""The newcomer."""

from __future__ import annotations

import enum
from datetime import date, datetime

from flask_login import UserMixin
from sqlalchemy import Enum, ForeignKey, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.models.base import Base, UTCDateTime, utcnow
from portal.models.organisation import Organisation


class Gender(enum.StrEnum):
    # Collected only for the aggregate equality follow-up (seed 003: women got a worse
    # introduction); "unspecified" is always allowed.
    WOMAN = "woman"
    MAN = "man"
    OTHER = "other"
    UNSPECIFIED = "unspecified"


class Person(UserMixin, Base):
    __tablename__ = "person"

    id: Mapped[int] = mapped_column(primary_key=True)
    # E.164, normalised with phonenumbers. Never logged.
    phone: Mapped[str] = mapped_column(String(20), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    preferred_language: Mapped[str] = mapped_column(String(8), default="sv")
    # Set when the person asks for an interpreter (by SMS or chat); never changes their language.
    interpreter_language: Mapped[str | None] = mapped_column(String(8))
    gender: Mapped[Gender] = mapped_column(Enum(Gender, native_enum=False, length=20), default=Gender.UNSPECIFIED)
    home_municipality_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"))
    # The municipality or district whose caseworkers are responsible; staff access follows it.
    responsible_org_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"), index=True)
    arrival_date: Mapped[date | None]
    # Personnummer or samordningsnummer, optional: Fernet-encrypted, never in clear text
    # (services.identity_numbers); `identity_number_kind` says which of the two it is.
    identity_number_encrypted: Mapped[str | None] = mapped_column(Text)
    identity_number_kind: Mapped[str | None] = mapped_column(String(20))
    sms_opted_out_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # Where reminders and notices go: "sms" or "whatsapp" (the person's own choice; SMS is the
    # fallback whenever WhatsApp cannot deliver). STOP stops both.
    message_channel: Mapped[str] = mapped_column(String(10), default="sms", server_default=text("'sms'"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    home_municipality: Mapped[Organisation] = relationship(foreign_keys=[home_municipality_id])
    responsible_org: Mapped[Organisation] = relationship(foreign_keys=[responsible_org_id])

    kind = "newcomer"
    session_token = None  # set per request by the session loader; not a column
    signin_session_id = None  # that session's row id (web chat binds to it); not a column

    def get_id(self) -> str | None:
        return self.session_token

    @property
    def sms_opted_out(self) -> bool:
        return self.sms_opted_out_at is not None
