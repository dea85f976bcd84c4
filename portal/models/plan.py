"""The individual introduction plan: goals, activities, occurrence changes and versions."""

from __future__ import annotations

import enum
from datetime import date, datetime, time
from typing import Any

from sqlalchemy import JSON, Enum, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.models.base import Base, UTCDateTime, utcnow
from portal.models.organisation import Organisation, StaffUser
from portal.models.person import Person


class PlanStatus(enum.StrEnum):
    DRAFT = "draft"  # the caseworker is writing it; the newcomer does not see it yet
    PROPOSED = "proposed"  # shown to the newcomer, waiting for their acknowledgement
    ACKNOWLEDGED = "acknowledged"  # the newcomer has read and signed it
    ACTIVE = "active"  # in force
    CLOSED = "closed"


class Horizon(enum.StrEnum):
    SHORT = "short"
    LONG = "long"


class Plan(Base):
    __tablename__ = "plan"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    status: Mapped[PlanStatus] = mapped_column(Enum(PlanStatus, native_enum=False, length=20), default=PlanStatus.DRAFT)
    # The day the introduction started (arrival at the job centre); the 5-day rule counts from it.
    start_date: Mapped[date]
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)
    # Optimistic locking: a form posts the revision it was built from; a mismatch is refused.
    revision: Mapped[int] = mapped_column(default=0)
    acknowledged_revision: Mapped[int | None]
    acknowledged_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # How the newcomer approved: "web" (the plan page) or "paper" (a signed print the
    # caseworker recorded). With acknowledged_revision and acknowledged_at: version, time, channel.
    acknowledged_channel: Mapped[str | None] = mapped_column(String(10))
    # The revision the newcomer was last told about by SMS. Edits to a plan they can see are
    # collected and sent as one SMS when the caseworker sends the changes, not one per edit.
    notified_revision: Mapped[int | None]
    first_activity_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    person: Mapped[Person] = relationship()
    goals: Mapped[list[Goal]] = relationship(back_populates="plan", cascade="all, delete-orphan", order_by="Goal.id")
    activities: Mapped[list[Activity]] = relationship(
        back_populates="plan", cascade="all, delete-orphan", order_by="Activity.id"
    )
    versions: Mapped[list[PlanVersion]] = relationship(
        back_populates="plan", cascade="all, delete-orphan", order_by="PlanVersion.number"
    )

    @property
    def visible_to_newcomer(self) -> bool:
        return self.status != PlanStatus.DRAFT

    @property
    def awaiting_acknowledgement(self) -> bool:
        """Shown to the newcomer and changed since they last acknowledged it."""
        return self.status in (PlanStatus.PROPOSED, PlanStatus.ACKNOWLEDGED, PlanStatus.ACTIVE) and (
            self.acknowledged_revision is None or self.acknowledged_revision < self.revision
        )


class Goal(Base):
    __tablename__ = "plan_goal"

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plan.id", ondelete="CASCADE"), index=True)
    template_key: Mapped[str] = mapped_column(String(40))
    horizon: Mapped[Horizon] = mapped_column(Enum(Horizon, native_enum=False, length=10))
    target_date: Mapped[date | None]
    # Free text stays in the language it was written in, and is shown labelled with it.
    note: Mapped[str | None] = mapped_column(Text)
    note_language: Mapped[str | None] = mapped_column(String(8))

    plan: Mapped[Plan] = relationship(back_populates="goals")


class Activity(Base):
    """A weekly recurring activity (or a single one, when start and end date are the same)."""

    __tablename__ = "plan_activity"

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plan.id", ondelete="CASCADE"), index=True)
    type_key: Mapped[str] = mapped_column(String(40))
    provider_id: Mapped[int | None] = mapped_column(ForeignKey("organisation.id"))
    place: Mapped[str] = mapped_column(String(200), default="")
    # ISO weekdays, 1 = Monday … 7 = Sunday, as a compact string such as "135".
    weekdays: Mapped[str] = mapped_column(String(7))
    start_time: Mapped[time]
    duration_minutes: Mapped[int]
    start_date: Mapped[date]
    end_date: Mapped[date]
    note: Mapped[str | None] = mapped_column(Text)
    note_language: Mapped[str | None] = mapped_column(String(8))

    plan: Mapped[Plan] = relationship(back_populates="activities")
    provider: Mapped[Organisation | None] = relationship()
    changes: Mapped[list[OccurrenceChange]] = relationship(
        back_populates="activity", cascade="all, delete-orphan", order_by="OccurrenceChange.original_date"
    )

    @property
    def weekday_numbers(self) -> list[int]:
        return [int(d) for d in self.weekdays]


class OccurrenceChangeKind(enum.StrEnum):
    CANCELLED = "cancelled"
    MOVED = "moved"


class OccurrenceChange(Base):
    """One occurrence of a recurring activity cancelled or moved."""

    __tablename__ = "plan_occurrence_change"
    __table_args__ = (UniqueConstraint("activity_id", "original_date"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    activity_id: Mapped[int] = mapped_column(ForeignKey("plan_activity.id", ondelete="CASCADE"), index=True)
    original_date: Mapped[date]
    kind: Mapped[OccurrenceChangeKind] = mapped_column(Enum(OccurrenceChangeKind, native_enum=False, length=12))
    new_date: Mapped[date | None]
    new_start_time: Mapped[time | None]
    # A catalogued reason (portal.catalogues.OCCURRENCE_REASONS), so the newcomer reads why in
    # their own language; None for changes made before reasons existed.
    reason: Mapped[str | None] = mapped_column(String(20))

    activity: Mapped[Activity] = relationship(back_populates="changes")


class PlanVersion(Base):
    """A snapshot after every change, with a language-neutral list of what changed."""

    __tablename__ = "plan_version"
    __table_args__ = (UniqueConstraint("plan_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plan.id", ondelete="CASCADE"), index=True)
    number: Mapped[int]
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    status: Mapped[str] = mapped_column(String(20))
    # Keys, ids and dates only, never text in one language: rendered in the reader's language.
    snapshot: Mapped[dict[str, Any]] = mapped_column(JSON)
    changes: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)

    plan: Mapped[Plan] = relationship(back_populates="versions")
    created_by: Mapped[StaffUser | None] = relationship()


class CalendarFeed(Base):
    """A secret calendar URL for a newcomer; only the token's hash is stored."""

    __tablename__ = "calendar_feed"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class PersonTransfer(Base):
    """A newcomer moved to another municipality (a secondary mover)."""

    __tablename__ = "person_transfer"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    from_org_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"))
    to_org_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"))
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    by_staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    # The handover to the receiving caseworkers (staff only; the newcomer is told the move itself).
    note: Mapped[str | None] = mapped_column(Text)

    from_org: Mapped[Organisation] = relationship(foreign_keys=[from_org_id])


class PlanTemplate(Base):
    """A municipality's plan template ("SFI + praktik full time"), saved from a plan.

    The body holds keys, weekdays, times and day offsets only (see services.plan_templates),
    never a person: a template made from someone's plan keeps no name, note or date of theirs.
    """

    __tablename__ = "plan_template"
    __table_args__ = (UniqueConstraint("organisation_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(120))
    body: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id", ondelete="SET NULL"))

    organisation: Mapped[Organisation] = relationship()
