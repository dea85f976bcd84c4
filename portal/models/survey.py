"""The NKI satisfaction survey (issue 17): who has answered apart from what was answered.

`SurveyInvitation` knows the person and the milestone, and only whether they have answered
(no time, no link to the answer): it makes "one answer per person per milestone" hold.
`SurveyResponse` knows the answers and only the five coarse facts the figures break down by
(municipality, gender, language, months in the programme, milestone) plus the month it was
answered; no person, no invitation, no exact time, so an answer cannot be joined back to anyone.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from portal.models.base import Base, UTCDateTime, utcnow


class SurveyInvitation(Base):
    __tablename__ = "survey_invitation"
    __table_args__ = (UniqueConstraint("person_id", "milestone"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    milestone: Mapped[str] = mapped_column(String(20))  # "three_months" or "closed"
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    answered: Mapped[bool] = mapped_column(default=False)
    # By SMS, one question a message: the index of the question awaiting its number, and the
    # numbers so far. Both are cleared when the last answer moves to the anonymous table.
    sms_question: Mapped[int | None]
    sms_answers: Mapped[dict[str, Any] | None] = mapped_column(JSON)


class SurveyResponse(Base):
    __tablename__ = "survey_response"

    id: Mapped[int] = mapped_column(primary_key=True)
    milestone: Mapped[str] = mapped_column(String(20))
    municipality_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"), index=True)
    gender: Mapped[str] = mapped_column(String(20))
    language_group: Mapped[str] = mapped_column(String(8))
    months_in_programme: Mapped[int]
    answered_month: Mapped[date]  # the first day of the month: a day or a time could tell a reader apart
    demo: Mapped[bool] = mapped_column(default=False)  # synthetic answers made by `flask seed-demo`
    overall_satisfied: Mapped[int]
    overall_expectations: Mapped[int]
    overall_ideal: Mapped[int]
    factor_information: Mapped[int | None]
    factor_together: Mapped[int | None]
    factor_available: Mapped[int | None]
    factor_goals: Mapped[int | None]
    factor_object: Mapped[int | None]
