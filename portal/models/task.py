"""A caseworker's task, created by an event in a person's case ("no plan 3 days after arrival").

Tasks are made by a sweep (services.tasks.sweep) from the state of the cases, so every rule
is tested on a frozen clock and a task is never lost when a process dies between two steps.
`subject_key` names the event ("plan:12:rev:4"); with `kind` it is unique, so a sweep run
twice, or on two portals at once, makes one task. A task belongs to its person, and so to the
organisation responsible for them: after a transfer the task follows the person.
"""

from __future__ import annotations

import enum
from datetime import date, datetime

from sqlalchemy import Enum, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.models.base import Base, UTCDateTime, utcnow
from portal.models.organisation import StaffUser
from portal.models.person import Person


class TaskKind(enum.StrEnum):
    NO_PLAN = "no_plan"  # no activity plan some days after arrival
    UNCONFIRMED = "unconfirmed"  # a proposed or changed plan not confirmed for some days
    OBJECTION_DUE = "objection_due"  # an objection acknowledged but not decided, near its deadline
    REVIEW_UPHELD = "review_upheld"  # the independent reviewer upheld an objection: change the plan
    HANDOFF_WAITING = "handoff_waiting"  # a request to talk to a person has waited
    TRANSFER_RECEIVED = "transfer_received"  # a person moved here: read the handover, make contact


class Task(Base):
    __tablename__ = "task"
    __table_args__ = (UniqueConstraint("kind", "subject_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[TaskKind] = mapped_column(Enum(TaskKind, native_enum=False, length=20))
    subject_key: Mapped[str] = mapped_column(String(80))
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    # The objection (case number) a task is about, for its link; None for the other kinds.
    case_number: Mapped[str | None] = mapped_column(String(8))
    due_date: Mapped[date | None]
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    assigned_to_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id", ondelete="SET NULL"))
    done_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), index=True)
    # None with done_at set: the sweep closed it because the event no longer holds.
    done_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id", ondelete="SET NULL"))
    # What was done, in the caseworker's words; shown to staff only, never to the newcomer.
    done_note: Mapped[str | None] = mapped_column(Text)

    person: Mapped[Person] = relationship()
    assigned_to: Mapped[StaffUser | None] = relationship(foreign_keys=[assigned_to_id])
    done_by: Mapped[StaffUser | None] = relationship(foreign_keys=[done_by_id])
