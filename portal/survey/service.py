"""Asking and answering the survey: which milestone is due, and storing an answer apart from the person."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from portal.data.plans import get_plan_for_person
from portal.extensions import db
from portal.models import Person, PlanStatus, SurveyInvitation, SurveyResponse
from portal.survey.questions import FACTORS, OVERALL, SCALE


class SurveyError(Exception):
    pass


def months_between(start: date, end: date) -> int:
    months = (end.year - start.year) * 12 + end.month - start.month
    return max(0, months - (1 if end.day < start.day else 0))


def due_milestone(person: Person, today: date) -> str | None:
    """The milestone the person may answer now: the plan closed, or 3 months since it started; once each."""
    plan = get_plan_for_person(person, contents=False)
    if plan is None or plan.status in (PlanStatus.DRAFT, PlanStatus.PROPOSED):
        return None
    answered = set(
        db.session.scalars(
            select(SurveyInvitation.milestone).where(
                SurveyInvitation.person_id == person.id, SurveyInvitation.answered.is_(True)
            )
        )
    )
    if plan.status == PlanStatus.CLOSED:
        return None if "closed" in answered else "closed"
    if months_between(plan.start_date, today) >= 3 and "three_months" not in answered:
        return "three_months"
    return None


def submit(person: Person, milestone: str, answers: dict[str, int | None], today: date) -> None:
    """Store the answers without the person, and mark the milestone answered. The caller commits.

    Raises SurveyError when the milestone is not due (already answered, or not reached) or an
    overall answer is missing or off the scale.
    """
    if due_milestone(person, today) != milestone:
        raise SurveyError("not due")
    for q in OVERALL:
        if answers.get(q.key) not in SCALE:
            raise SurveyError(q.key)
    for q in FACTORS:
        if answers.get(q.key) is not None and answers[q.key] not in SCALE:
            raise SurveyError(q.key)
    invitation = db.session.scalar(
        select(SurveyInvitation).where(SurveyInvitation.person_id == person.id, SurveyInvitation.milestone == milestone)
    )
    if invitation is None:
        invitation = SurveyInvitation(person_id=person.id, milestone=milestone)
        db.session.add(invitation)
    invitation.answered = True
    plan = get_plan_for_person(person, contents=False)
    db.session.add(
        SurveyResponse(
            milestone=milestone,
            municipality_id=person.home_municipality_id,
            gender=str(person.gender),
            language_group=person.preferred_language,
            months_in_programme=months_between(plan.start_date, today) if plan else 0,
            answered_month=today.replace(day=1),
            **{q.key: answers.get(q.key) for q in (*OVERALL, *FACTORS)},
        )
    )
    db.session.flush()  # the unique (person, milestone) row: a second answer in a race fails here


def save_answers(person: Person, milestone: str, answers: dict[str, int | None], today: date) -> bool:
    """Submit and commit; False (nothing kept) when the milestone was already answered or is not due.

    An answer given twice at once (two tabs) loses the race at the unique (person, milestone)
    row, which rolls back here instead of in the view.
    """
    try:
        submit(person, milestone, answers, today)
    except (SurveyError, IntegrityError):
        db.session.rollback()
        return False
    db.session.commit()
    return True
