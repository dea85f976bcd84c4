"""Activity reminders by SMS, and each newcomer's choice of them (portal.reminders explains the flow)."""

from __future__ import annotations

import enum
from datetime import date, datetime

from sqlalchemy import Enum, ForeignKey, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.models.base import Base, UTCDateTime, utcnow
from portal.models.person import Person
from portal.models.plan import Activity


class ReminderKind(enum.StrEnum):
    EVENING_BEFORE = "evening_before"  # the evening before, at the chosen hour
    HOURS_BEFORE = "hours_before"  # a chosen number of hours before the start


class ReminderStatus(enum.StrEnum):
    SCHEDULED = "scheduled"  # waiting for its time (in RQ's scheduled registry, or for `send-due`)
    SENDING = "sending"  # claimed by one worker; nobody else may send it
    SENT = "sent"
    CANCELLED = "cancelled"  # the occurrence was cancelled, or reminders were turned off
    DROPPED = "dropped"  # it could only have arrived after the activity began (quiet hours, a late worker)
    SKIPPED = "skipped"  # not sent at its time: STOP, no shown plan, nothing to remind of


class ActivityReminder(Base):
    """One reminder of one occurrence: (activity, original date, kind) is unique.

    The occurrence is named by its *original* date, as in the calendar feed's UID, so a moved
    occurrence keeps its reminder row and only its times change. Claiming the row (status
    scheduled → sending, for the revision the job was made for) is the one atomic step before
    an SMS goes out, so neither a second job nor a restarted worker can send it again.
    """

    __tablename__ = "activity_reminder"
    __table_args__ = (UniqueConstraint("activity_id", "original_date", "kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    activity_id: Mapped[int] = mapped_column(ForeignKey("plan_activity.id", ondelete="CASCADE"))
    original_date: Mapped[date]
    kind: Mapped[ReminderKind] = mapped_column(Enum(ReminderKind, native_enum=False, length=20))
    status: Mapped[ReminderStatus] = mapped_column(
        Enum(ReminderStatus, native_enum=False, length=12), default=ReminderStatus.SCHEDULED, index=True
    )
    # Bumped whenever due_at or starts_at change: a job carries the revision it was made for,
    # and a job for an older revision (the occurrence moved since) does nothing.
    revision: Mapped[int] = mapped_column(default=1)
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime())  # the occurrence's start when planned
    due_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)  # after quiet hours
    # When the times were last set: a reminder whose moment has already passed then goes as soon
    # as it may (rather than never), and planning again later gives the same due time.
    planned_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    claimed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # The start the sent reminder named: a move after sending plans a new one for the new time.
    sent_starts_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    sms_message_id: Mapped[int | None] = mapped_column(ForeignKey("sms_message.id", ondelete="SET NULL"))
    # The person answered "I can't come": the request their caseworkers see.
    handoff_id: Mapped[int | None] = mapped_column(ForeignKey("handoff_request.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)

    person: Mapped[Person] = relationship()
    activity: Mapped[Activity] = relationship()


class ReminderPreference(Base):
    """A newcomer's own reminder choice; without a row the configured default applies."""

    __tablename__ = "reminder_preference"

    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), primary_key=True)
    evening_before: Mapped[bool] = mapped_column(default=True)
    # The hour of the evening reminder (None: REMINDER_EVENING_HOUR).
    evening_hour: Mapped[int | None]
    # Hours before the start (None: no such reminder).
    hours_before: Mapped[int | None]
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)

    @property
    def enabled(self) -> bool:
        return self.evening_before or self.hours_before is not None
