"""Staff notifications (an inbox per staff member) and the e-mails that point to it.

portal.notifications explains who is told what and when.
"""

from __future__ import annotations

import enum
from datetime import date, datetime

from sqlalchemy import Enum, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.models.base import Base, UTCDateTime, utcnow
from portal.models.conversation import HandoffRequest
from portal.models.objection import Objection
from portal.models.organisation import StaffUser
from portal.models.person import Person


class NotificationKind(enum.StrEnum):
    NEW_OBJECTION = "new_objection"  # a newcomer filed an objection (caseworkers)
    HANDOFF = "handoff"  # a newcomer asks to talk to a person (caseworkers)
    OBJECTION_DUE = "objection_due"  # a pending decision is due within a few days
    OBJECTION_OVERDUE = "objection_overdue"  # a pending decision is past its due date
    ESCALATION = "escalation"  # an objection reached the independent reviewers


class MailMode(enum.StrEnum):
    EACH = "each"  # one e-mail per notification (the default)
    DAILY = "daily"  # one digest a day
    OFF = "off"  # the inbox only


class StaffNotification(Base):
    """One thing one staff member should see; (staff, kind, subject_key) is unique.

    `subject_key` names the event ("objection:12", "objection:12:first:2026-12-20"), so a
    sweep run twice, or an event noticed both at once and by the sweep, tells a person once.
    The row names the person, so it goes when the person's data is erased.
    """

    __tablename__ = "staff_notification"
    __table_args__ = (UniqueConstraint("staff_id", "kind", "subject_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff_user.id", ondelete="CASCADE"))
    kind: Mapped[NotificationKind] = mapped_column(Enum(NotificationKind, native_enum=False, length=20))
    subject_key: Mapped[str] = mapped_column(String(80))
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    objection_id: Mapped[int | None] = mapped_column(ForeignKey("objection.id", ondelete="CASCADE"))
    handoff_id: Mapped[int | None] = mapped_column(ForeignKey("handoff_request.id", ondelete="CASCADE"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    read_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # Told by e-mail (its own or a digest): a digest counts only what no e-mail has told yet.
    mailed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    staff: Mapped[StaffUser] = relationship()
    person: Mapped[Person] = relationship()
    objection: Mapped[Objection | None] = relationship()
    handoff: Mapped[HandoffRequest | None] = relationship()


class StaffNotificationSetting(Base):
    """A staff member's choice of e-mails; without a row they get one per notification."""

    __tablename__ = "staff_notification_setting"

    staff_id: Mapped[int] = mapped_column(ForeignKey("staff_user.id", ondelete="CASCADE"), primary_key=True)
    mail_mode: Mapped[MailMode] = mapped_column(Enum(MailMode, native_enum=False, length=10), default=MailMode.EACH)
    # The Stockholm day of the last digest, so a sweep run often sends one a day.
    last_digest_on: Mapped[date | None]
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)


class MailMessage(Base):
    """An e-mail we sent (or, with the local outbox backend, would have sent).

    Staff e-mails hold no personal data, only a link to the inbox, so the body is kept as sent.
    """

    __tablename__ = "mail_message"

    id: Mapped[int] = mapped_column(primary_key=True)
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id", ondelete="SET NULL"), index=True)
    to_address: Mapped[str] = mapped_column(String(254))
    subject: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text)
    purpose: Mapped[str] = mapped_column(String(30), default="notification")
    backend: Mapped[str] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(20), default="queued")
    error_code: Mapped[str | None] = mapped_column(String(40))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)
