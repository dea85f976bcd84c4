"""The survey by SMS: one question a message, a number as the answer.

`start_due` (the worker's sweep, `flask survey send-due`) asks the first question of each
milestone that is due, never in quiet hours (the reminders' own, portal.reminders.timing) and
never to a number that said STOP (send_sms refuses those). `answer_by_sms` takes a reply of
1-10 while a survey is waiting, asks the next question, and after the last stores the answers
apart from the person (portal.survey.service.submit) and forgets them on the invitation.

A factor question may be skipped, as on the web form: "-" (easy on every keyboard, and what
the question tells people to send) or a skip word in any of our languages. The three overall
questions make the index and cannot be skipped. A number off the scale, or a skip of an
overall question, gets the reason and the same question again, and the answers so far are kept.
"""

from __future__ import annotations

from datetime import datetime

from flask import current_app
from flask_babel import gettext
from sqlalchemy import select

from portal.channels.keywords import normalise
from portal.clients.sms import send_sms
from portal.extensions import db
from portal.models import Person, Plan, PlanStatus, SurveyInvitation
from portal.reminders import clock
from portal.reminders.replies import answered_reminder, is_cannot_come
from portal.reminders.text import in_language_of
from portal.reminders.timing import ReminderRules
from portal.services.schedule import STOCKHOLM
from portal.survey.questions import QUESTIONS, SCALE
from portal.survey.service import SurveyError, due_milestone, submit

# Skip words, whole messages only and folded as the STOP words are (portal.channels.keywords);
# any language's word counts, because only a person with a survey waiting is asked for one.
SKIP = "-"
SKIP_WORDS = frozenset(
    normalise(word)
    for word in (
        "hoppa", "hoppa över", "pass",  # sv
        "skip", "next",  # en
        "تخطي", "تخطى", "التالي",  # ar
        "رد", "بعدی",  # fa, prs
        "gudub", "ka gudub",  # so
        "ሕለፍ",  # ti
        "пропустити", "далі",  # uk
        "пропустить", "далее",  # ru
        "تێپەڕ", "تێپەڕێنە",  # ckb
        "derbas", "derbas bike",  # ku
        "تېر", "تیر",  # ps
    )
)  # fmt: skip


def is_skip(text: str) -> bool:
    """True when the whole message asks to skip the question."""
    stripped = text.strip()
    return stripped in (SKIP, "–", "—") or normalise(stripped) in SKIP_WORDS


def _question_text(person: Person, index: int) -> str:
    question = QUESTIONS[index]
    with in_language_of(person):
        if question.overall:
            return gettext(
                "Question %(number)s of %(count)s: %(question)s Answer with a number.",
                number=index + 1,
                count=len(QUESTIONS),
                question=str(question.text),
            )
        return gettext(
            "Question %(number)s of %(count)s: %(question)s Answer with a number, or send - to skip this question.",
            number=index + 1,
            count=len(QUESTIONS),
            question=str(question.text),
        )


def _again(person: Person, index: int, skipped: bool) -> str:
    """Why the reply was no answer, and the same question again."""
    with in_language_of(person):
        if skipped:
            reason = gettext(
                "This question cannot be skipped: it makes the index. Please answer with a number from 1 to 10."
            )
        else:
            reason = gettext("Please answer with a number from 1 to 10.")
    return reason + "\n" + _question_text(person, index)


def start_due(now: datetime | None = None) -> int:
    """Ask the first question to everyone whose milestone is due; returns how many were asked."""
    now = now or clock.now()
    rules = ReminderRules.from_config(current_app.config)
    if rules.quiet.contains(now):
        return 0  # the next sweep after quiet hours asks them
    today = now.astimezone(STOCKHOLM).date()
    people = db.session.scalars(
        select(Person)
        .join(Plan, Plan.person_id == Person.id)
        .where(Plan.status.in_((PlanStatus.ACKNOWLEDGED, PlanStatus.ACTIVE, PlanStatus.CLOSED)))
        .where(Person.sms_opted_out_at.is_(None))
        .distinct()
    ).all()
    asked = 0
    for person in people:
        milestone = due_milestone(person, today)
        if milestone is None:
            continue
        exists = db.session.scalar(
            select(SurveyInvitation.id).where(
                SurveyInvitation.person_id == person.id, SurveyInvitation.milestone == milestone
            )
        )
        if exists is not None:
            continue  # asked once already (by SMS or they opened the web form): never again
        db.session.add(SurveyInvitation(person_id=person.id, milestone=milestone, sms_question=0, sms_answers={}))
        db.session.commit()
        with in_language_of(person):
            intro = gettext(
                "Ankomst asks what you think of your introduction. Your answers are saved without your name. "
                "You can also answer on the web."
            )
        if send_sms(person, intro + "\n" + _question_text(person, 0), purpose="survey") is not None:
            asked += 1
    return asked


def answer_by_sms(person: Person, body: str) -> str | None:
    """The reply to a number or a skip sent while a survey waits; None when `body` is neither (others answer it)."""
    text = body.strip()
    skipped = is_skip(text)
    if not skipped and not text.isdecimal():  # isdigit() would let "²" through to int()
        return None
    if not skipped and int(text) not in SCALE and is_cannot_come(text) and answered_reminder(person, clock.now()):
        return None  # "0" after a reminder: the person cannot come (portal.reminders.replies)
    invitation = db.session.scalar(
        select(SurveyInvitation).where(
            SurveyInvitation.person_id == person.id,
            SurveyInvitation.answered.is_(False),
            SurveyInvitation.sms_question.is_not(None),
        )
    )
    if invitation is None:
        return None
    index = invitation.sms_question or 0
    if (skipped and QUESTIONS[index].overall) or (not skipped and int(text) not in SCALE):
        return _again(person, index, skipped)
    index = invitation.sms_question or 0
    answers = {**(invitation.sms_answers or {}), QUESTIONS[index].key: None if skipped else int(text)}
    if index + 1 < len(QUESTIONS):
        invitation.sms_answers = answers
        invitation.sms_question = index + 1
        db.session.commit()
        return _question_text(person, index + 1)
    invitation.sms_answers = None
    invitation.sms_question = None
    try:
        submit(person, invitation.milestone, answers, clock.now().astimezone(STOCKHOLM).date())
    except SurveyError:
        db.session.rollback()
        return None
    db.session.commit()
    with in_language_of(person):
        return gettext("Thank you. Your answers are saved without your name.")
