"""The survey by SMS, end to end in two languages: one question a message, numbers as answers,
quiet hours and STOP respected, the answers stored apart from the person."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select

from portal.bidi import strip_isolates
from portal.extensions import db
from portal.models import Gender, Role, SurveyInvitation, SurveyResponse, utcnow
from portal.reminders import clock
from portal.survey.questions import QUESTIONS
from portal.survey.sms import start_due
from tests.factories import create_person, create_plan, create_staff
from tests.helpers import last_sms_to
from tests.servers import text_sms

STOCKHOLM = ZoneInfo("Europe/Stockholm")


@pytest.fixture
def at():
    def move(moment: datetime) -> None:
        clock.set_offset(moment - utcnow())

    yield move
    clock.set_offset(timedelta(0))


def _newcomer(region, language: str):
    caseworker = create_staff(region["sodertalje"], Role.CASEWORKER)
    person = create_person(region["sodertalje"], language=language, gender=Gender.MAN)
    start = datetime.now(STOCKHOLM).date() - timedelta(days=100)
    create_plan(person, caseworker, start=start, status="active")
    return person


def _reply(response) -> str:
    from portal.clients.sms.twilio import twiml_bodies

    (body,) = twiml_bodies(response.get_data(as_text=True))
    return strip_isolates(body)


@pytest.mark.parametrize(
    ("lang", "first_words", "second", "thanks"),
    [("sv", "Allt som allt", "Fråga 2 av 8", "Tack."), ("ar", "بشكل عام", "السؤال 2 من 8", "شكرًا لك.")],
)
def test_the_survey_by_sms_end_to_end(client, region, at, lang, first_words, second, thanks):
    at(datetime.now(STOCKHOLM).replace(hour=12, minute=0))
    person = _newcomer(region, lang)
    assert start_due() == 1
    assert first_words in strip_isolates(last_sms_to(person.phone).body)
    assert start_due() == 0  # asked once per milestone
    replies = [_reply(text_sms(client, person.phone, str(n))) for n in (7, 8, 6, 9, 9, 9, 9, 9)]
    assert replies[0].startswith(second)
    assert all(f"{i + 2}" in reply for i, reply in enumerate(replies[:-1]))  # question 2, 3, ... 8
    assert replies[-1].startswith(thanks)
    db.session.expire_all()
    (answer,) = db.session.scalars(select(SurveyResponse)).all()
    assert (answer.overall_satisfied, answer.overall_expectations, answer.overall_ideal) == (7, 8, 6)
    assert answer.language_group == lang and answer.gender == "man"
    invitation = db.session.scalar(select(SurveyInvitation))
    assert invitation.answered and invitation.sms_answers is None and invitation.sms_question is None
    # A further number is no survey answer any more: the assistant gets it, the survey does not.
    assert db.session.scalar(select(func.count()).select_from(SurveyResponse)) == 1


def test_no_question_in_quiet_hours_nor_after_stop(client, region, at):
    person = _newcomer(region, "sv")
    at(datetime.now(STOCKHOLM).replace(hour=23, minute=0))
    assert start_due() == 0
    person.sms_opted_out_at = utcnow()
    db.session.commit()
    at(datetime.now(STOCKHOLM).replace(hour=12, minute=0))
    assert start_due() == 0
    assert db.session.scalar(select(func.count()).select_from(SurveyInvitation)) == 0


def test_a_number_off_the_scale_is_not_an_answer(client, region, at):
    at(datetime.now(STOCKHOLM).replace(hour=12, minute=0))
    person = _newcomer(region, "sv")
    start_due()
    text_sms(client, person.phone, "11")
    db.session.expire_all()
    invitation = db.session.scalar(select(SurveyInvitation))
    assert invitation.sms_question == 0 and invitation.sms_answers == {}
    assert len(QUESTIONS) == 8


@pytest.mark.parametrize(
    ("lang", "reply", "error", "question"),
    [
        ("en", "11", "Please answer with a number from 1 to 10.", "Question 2 of 8"),
        ("en", "0", "Please answer with a number from 1 to 10.", "Question 2 of 8"),
        ("sv", "12", "Svara med en siffra från 1 till 10.", "Fråga 2 av 8"),
    ],
)
def test_a_number_off_the_scale_gets_the_reason_and_the_same_question(client, region, at, lang, reply, error, question):
    at(datetime.now(STOCKHOLM).replace(hour=12, minute=0))
    person = _newcomer(region, lang)
    start_due()
    text_sms(client, person.phone, "7")
    answer = _reply(text_sms(client, person.phone, reply))
    assert answer.startswith(error) and question in answer
    db.session.expire_all()
    invitation = db.session.scalar(select(SurveyInvitation))
    assert invitation.sms_question == 1 and invitation.sms_answers == {"overall_satisfied": 7}  # nothing lost


@pytest.mark.parametrize(("lang", "skip"), [("en", "-"), ("en", "skip"), ("sv", "Hoppa över"), ("ar", "تخطي")])
def test_a_factor_question_can_be_skipped_and_an_overall_one_cannot(client, region, at, lang, skip):
    at(datetime.now(STOCKHOLM).replace(hour=12, minute=0))
    person = _newcomer(region, lang)
    start_due()
    refused = _reply(text_sms(client, person.phone, skip))  # question 1 makes the index
    db.session.expire_all()
    assert db.session.scalar(select(SurveyInvitation)).sms_question == 0
    assert "1" in refused
    for n in (7, 8, 6):
        factor = _reply(text_sms(client, person.phone, str(n)))
    assert " - " in factor  # the factor question says how to skip it
    for reply in (skip, "9", skip, skip, "4"):
        text_sms(client, person.phone, reply)
    db.session.expire_all()
    (answer,) = db.session.scalars(select(SurveyResponse)).all()
    assert (answer.factor_information, answer.factor_together, answer.factor_available) == (None, 9, None)
    assert (answer.factor_goals, answer.factor_object, answer.overall_ideal) == (None, 4, 6)


def test_a_zero_after_a_reminder_is_left_to_the_reminder_while_a_survey_waits(client, region, at, monkeypatch):
    import portal.survey.sms as survey_sms

    at(datetime.now(STOCKHOLM).replace(hour=12, minute=0))
    person = _newcomer(region, "en")
    start_due()
    assert survey_sms.answer_by_sms(person, "0").startswith("Please answer")  # no reminder: the survey's error
    monkeypatch.setattr(survey_sms, "answered_reminder", lambda person, now: object())
    assert survey_sms.answer_by_sms(person, "0") is None  # "I cannot come" (portal.reminders.replies)
