"""Reminder settings by SMS: the reminder word tells the setting, with a number changes it, in 12 languages."""

from __future__ import annotations

from datetime import time

import pytest
from flask_babel import force_locale, gettext
from sqlalchemy import select

from portal.bidi import strip_isolates
from portal.channels.keywords import REMINDER_WORDS, match_reminder_command
from portal.languages import LANGUAGES
from portal.models import ActivityReminder, AuditEvent, ReminderKind, ReminderPreference, ReminderStatus
from portal.reminders.preferences import setting_for
from portal.services.plan_text import time_label
from tests.servers import text_sms


def _reply(response) -> str:
    from portal.clients.sms.twilio import twiml_bodies

    (body,) = twiml_bodies(response.get_data(as_text=True))
    return strip_isolates(body)


def _active_kinds(db) -> set[ReminderKind]:
    db.session.expire_all()
    rows = db.session.scalars(select(ActivityReminder).where(ActivityReminder.status == ReminderStatus.SCHEDULED))
    return {r.kind for r in rows}


@pytest.mark.parametrize("lang", LANGUAGES, ids=lambda lang: lang.code)
def test_the_reminder_word_and_an_hour_sets_the_evening_reminder_in_every_language(client, db, newcomer, lang):
    person, *_ = newcomer
    person.preferred_language = lang.code
    db.session.commit()
    word = REMINDER_WORDS[lang.code][0]
    reply = _reply(text_sms(client, person.phone, f"{word} 19"))
    db.session.expire_all()
    row = db.session.get(ReminderPreference, person.id)
    assert (row.evening_before, row.evening_hour, row.hours_before) == (True, 19, None)
    with force_locale(lang.babel_locale):
        assert strip_isolates(time_label(time(19))).replace("\u202f", " ") in reply
    if lang.code != "en":
        assert "Your reminder settings are saved" not in reply  # written in the person's language
    assert db.session.scalar(select(AuditEvent).where(AuditEvent.action == "reminders.setting")) is not None


def test_a_number_of_hours_replaces_the_evening_reminder(client, db, newcomer):
    person, *_ = newcomer
    assert _active_kinds(db) == {ReminderKind.EVENING_BEFORE}
    text_sms(client, person.phone, "PÅMINN 2")
    setting = setting_for(person)
    assert (setting.evening_before, setting.hours_before) == (False, 2)
    assert _active_kinds(db) == {ReminderKind.HOURS_BEFORE}  # planned again at once


def test_zero_turns_reminders_off_and_cancels_the_planned_ones(client, db, newcomer):
    person, *_ = newcomer
    reply = _reply(text_sms(client, person.phone, "paminn 0"))
    assert not setting_for(person).enabled
    assert _active_kinds(db) == set()
    with force_locale("sv"):
        assert gettext("Reminders are off.") in reply


def test_the_word_alone_tells_the_setting_and_changes_nothing(client, db, newcomer, fake_rasa):
    person, *_ = newcomer
    person.preferred_language = "en"
    db.session.commit()
    reply = _reply(text_sms(client, person.phone, "Reminder"))
    assert "evening before at 6:00 PM" in reply and "REMIND 0" in reply
    assert db.session.get(ReminderPreference, person.id) is None
    assert fake_rasa.calls == []


def test_a_number_that_is_not_a_choice_gets_the_choices(client, db, newcomer):
    person, *_ = newcomer
    person.preferred_language = "en"
    db.session.commit()
    reply = _reply(text_sms(client, person.phone, "REMIND 9"))
    assert "from 16 to 20" in reply and "1, 2, 3, 4, or 6" in reply
    assert db.session.get(ReminderPreference, person.id) is None


def test_an_unknown_number_cannot_change_anyones_reminders(client, db, newcomer, fake_rasa):
    text_sms(client, "+46709999999", "PÅMINN 0")
    assert db.session.scalars(select(ReminderPreference)).all() == []
    assert fake_rasa.calls  # an ordinary message for the assistant


def test_after_stop_the_reminder_word_is_not_answered(client, db, newcomer):
    person, *_ = newcomer
    text_sms(client, person.phone, "STOPP")
    response = text_sms(client, person.phone, "PÅMINN 19")
    assert "<Message" not in response.get_data(as_text=True)
    assert db.session.get(ReminderPreference, person.id) is None


@pytest.mark.parametrize(
    ("text", "number"),
    [("PÅMINN", None), ("påminn 18", 18), ("تذكير ١٨", 18), ("یادآوری ۲", 2), ("REMIND 18:00", 18), ("Xasuusi 0", 0)],
)
def test_reminder_commands_are_read_with_any_digits(text, number):
    command = match_reminder_command(text)
    assert command is not None and command.number == number


@pytest.mark.parametrize("text", ["remind me tomorrow", "PÅMINN 123", "18", "STOPP", "påminnelse om sfi"])
def test_other_messages_are_not_reminder_commands(text):
    assert match_reminder_command(text) is None
