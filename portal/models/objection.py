"""Objections to a plan: the case, its timeline, and its decisions.

An objection targets the whole plan, one goal, one activity, or one plan change (a
PlanVersion). At filing we freeze a snapshot of the target and of the plan, because the plan
goes on changing while the case is open: the caseworker and the reviewer must judge what the
newcomer objected to, not what the plan has become since.
"""

from __future__ import annotations

import enum
from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Enum, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.models.base import Base, UTCDateTime, utcnow
from portal.models.organisation import StaffUser
from portal.models.person import Person
from portal.models.plan import Plan, PlanVersion

# Limits on what a person may type; the forms and the assistant API share them.
TEXT_MAX_LENGTH = 4000
WANTED_MAX_LENGTH = 1000
REASONS_MAX_LENGTH = 8000
# A decision's reasons are what the newcomer reads and what a review judges: "." or "Nej." is
# not a reason. Twenty characters is a short sentence in any of our languages.
REASONS_MIN_LENGTH = 20


class ObjectionStatus(enum.StrEnum):
    SUBMITTED = "submitted"
    ACKNOWLEDGED = "acknowledged"  # a caseworker has seen it
    UNDER_REVIEW = "under_review"
    DECIDED = "decided"  # the first decision: upheld, partly upheld or rejected
    ESCALATED = "escalated"  # the newcomer asked for an independent review
    UNDER_INDEPENDENT_REVIEW = "under_independent_review"
    FINAL_DECISION = "final_decision"  # the independent reviewer's decision; the case ends here


# The status groups, defined once: waiting on the first decision, waiting on the independent
# review, and open (either). Queries, deadlines and figures all read these.
FIRST_DECISION_PENDING: tuple[ObjectionStatus, ...] = (
    ObjectionStatus.SUBMITTED,
    ObjectionStatus.ACKNOWLEDGED,
    ObjectionStatus.UNDER_REVIEW,
)
REVIEW_PENDING: tuple[ObjectionStatus, ...] = (ObjectionStatus.ESCALATED, ObjectionStatus.UNDER_INDEPENDENT_REVIEW)
OPEN_STATUSES: tuple[ObjectionStatus, ...] = FIRST_DECISION_PENDING + REVIEW_PENDING


class TargetKind(enum.StrEnum):
    PLAN = "plan"
    GOAL = "goal"
    ACTIVITY = "activity"
    VERSION = "version"  # one plan change


class ReasonCode(enum.StrEnum):
    """Why the newcomer objects. The codes are a contract with the assistant (docs/internal-api.md)."""

    CHILDCARE_CLASH = "childcare_clash"
    HEALTH = "health"
    ALREADY_HAVE_SKILL = "already_have_skill"
    WRONG_LEVEL = "wrong_level"
    TOO_FAR = "too_far"
    WANT_OTHER_PLACEMENT = "want_other_placement"
    TREATMENT_DISCRIMINATION = "treatment_discrimination"
    OTHER = "other"


class Outcome(enum.StrEnum):
    UPHELD = "upheld"
    PARTLY_UPHELD = "partly_upheld"
    REJECTED = "rejected"


class DecisionStage(enum.StrEnum):
    FIRST = "first"  # the caseworker's decision
    INDEPENDENT = "independent"  # the independent reviewer's final decision


class LanguageSource(enum.StrEnum):
    STATED = "stated"  # the newcomer said which language they wrote in
    DETECTED = "detected"  # detected from the text
    ASSUMED = "assumed"  # too short or unclear to detect: the person's own language


class Objection(Base):
    __tablename__ = "objection"
    # A form or the assistant sends a key once per objection; a repeat returns the same case.
    __table_args__ = (UniqueConstraint("person_id", "idempotency_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    # 8 characters of Crockford base32, stored without the hyphen.
    case_number: Mapped[str] = mapped_column(String(8), unique=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plan.id", ondelete="CASCADE"), index=True)
    target_kind: Mapped[TargetKind] = mapped_column(Enum(TargetKind, native_enum=False, length=10))
    # The goal, activity or plan version id; the plan's own id for the whole plan.
    target_id: Mapped[int | None]
    # The plan version in force when the objection was filed (None if the plan had none yet).
    plan_version_id: Mapped[int | None] = mapped_column(ForeignKey("plan_version.id", ondelete="SET NULL"))
    plan_version_number: Mapped[int | None]
    # {"target": {...}, "plan": {...}}: keys, ids, dates and the notes as written; see services.
    snapshot: Mapped[dict[str, Any]] = mapped_column(JSON)
    reason: Mapped[ReasonCode] = mapped_column(Enum(ReasonCode, native_enum=False, length=30))
    wanted: Mapped[str] = mapped_column(Text, default="")
    text: Mapped[str] = mapped_column(Text)
    text_language: Mapped[str] = mapped_column(String(8))
    text_language_source: Mapped[LanguageSource] = mapped_column(Enum(LanguageSource, native_enum=False, length=10))
    interpreter_wanted: Mapped[bool] = mapped_column(default=False)
    phone_call_wanted: Mapped[bool] = mapped_column(default=False)
    channel: Mapped[str] = mapped_column(String(10), default="web")  # "web" or "assistant"
    idempotency_key: Mapped[str] = mapped_column(String(64))
    status: Mapped[ObjectionStatus] = mapped_column(
        Enum(ObjectionStatus, native_enum=False, length=30), default=ObjectionStatus.SUBMITTED, index=True
    )
    filed_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    # The first decision is due on this date (Europe/Stockholm calendar day, inclusive).
    due_date: Mapped[date]
    escalated_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    escalation_text: Mapped[str | None] = mapped_column(Text)
    # The independent reviewer's decision is due on this date, set at escalation.
    review_due_date: Mapped[date | None]
    reviewer_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)

    person: Mapped[Person] = relationship()
    plan: Mapped[Plan] = relationship()
    plan_version: Mapped[PlanVersion | None] = relationship(foreign_keys=[plan_version_id])
    reviewer: Mapped[StaffUser | None] = relationship(foreign_keys=[reviewer_id])
    events: Mapped[list[ObjectionEvent]] = relationship(
        back_populates="objection", cascade="all, delete-orphan", order_by="ObjectionEvent.id"
    )
    decisions: Mapped[list[Decision]] = relationship(
        back_populates="objection", cascade="all, delete-orphan", order_by="Decision.id"
    )

    @property
    def display_case_number(self) -> str:
        """The case number as people read and type it: XXXX-XXXX."""
        return f"{self.case_number[:4]}-{self.case_number[4:]}"

    @property
    def current_due_date(self) -> date:
        """The date the decision now pending (first or independent) is due."""
        return self.review_due_date or self.due_date

    @property
    def first_decision(self) -> Decision | None:
        return next((d for d in self.decisions if d.stage == DecisionStage.FIRST), None)

    @property
    def final_decision(self) -> Decision | None:
        return next((d for d in self.decisions if d.stage == DecisionStage.INDEPENDENT), None)

    @property
    def latest_decision(self) -> Decision | None:
        return self.final_decision or self.first_decision


class ObjectionEvent(Base):
    """One step on the case's timeline: the status it moved to, when, and who moved it."""

    __tablename__ = "objection_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    objection_id: Mapped[int] = mapped_column(ForeignKey("objection.id", ondelete="CASCADE"), index=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    action: Mapped[str] = mapped_column(String(40))
    status: Mapped[ObjectionStatus] = mapped_column(Enum(ObjectionStatus, native_enum=False, length=30))
    # "newcomer", "assistant" (the newcomer through SMS or chat), "staff" or "system".
    actor_kind: Mapped[str] = mapped_column(String(20))
    actor_staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))

    objection: Mapped[Objection] = relationship(back_populates="events")
    actor: Mapped[StaffUser | None] = relationship()


class Decision(Base):
    """A decision with written reasons; an upheld first decision links the plan version implementing it."""

    __tablename__ = "objection_decision"
    __table_args__ = (UniqueConstraint("objection_id", "stage"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    objection_id: Mapped[int] = mapped_column(ForeignKey("objection.id", ondelete="CASCADE"), index=True)
    stage: Mapped[DecisionStage] = mapped_column(Enum(DecisionStage, native_enum=False, length=12))
    outcome: Mapped[Outcome] = mapped_column(Enum(Outcome, native_enum=False, length=20))
    # Keys of portal.services.objection_text.DECISION_GROUNDS, in the order chosen: the part of
    # the reasons the newcomer reads in their own language. `reasons` is the caseworker's text.
    grounds: Mapped[list[str]] = mapped_column(JSON, default=list)
    reasons: Mapped[str] = mapped_column(Text)
    reasons_language: Mapped[str] = mapped_column(String(8))
    decided_by_id: Mapped[int] = mapped_column(ForeignKey("staff_user.id"))
    decided_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    plan_version_id: Mapped[int | None] = mapped_column(ForeignKey("plan_version.id", ondelete="SET NULL"))

    objection: Mapped[Objection] = relationship(back_populates="decisions")
    decided_by: Mapped[StaffUser] = relationship()
    plan_version: Mapped[PlanVersion | None] = relationship()
