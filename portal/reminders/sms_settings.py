"""Reminder settings by SMS: a reminder word alone tells the setting, with a number changes it.

    PÅMINN        the current setting, and how to change it
    PÅMINN 18     the evening before at 18:00 (an hour of REMINDER_EVENING_HOURS, 16-20)
    PÅMINN 2      2 hours before the start (one of REMINDER_HOURS_BEFORE_CHOICES: 1, 2, 3, 4, 6)
    PÅMINN 0      no reminders

The words are in every language (portal.channels.keywords.REMINDER_WORDS). The two ranges of
numbers do not overlap, so one number says which kind is meant. By SMS a choice replaces the
whole setting (one kind at a time): "PÅMINN 2" means "two hours before", not "also two hours
before", which is what a person who reads one line of instructions expects. Both kinds at once
are chosen on the web page. Only a registered person with a known number can change anything,
and STOP still stops everything: an opted-out number never reaches this (the webhook keeps its
messages unanswered until START).
"""

from __future__ import annotations

from datetime import time

from babel.lists import format_list
from flask import current_app
from flask_babel import get_locale, gettext

from portal.channels.keywords import match_reminder_command, reminder_word
from portal.models import Person
from portal.reminders.preferences import change_setting, setting_for
from portal.reminders.text import in_language_of
from portal.reminders.timing import ReminderSetting
from portal.services.plan_text import time_label


def answer_reminder_command(person: Person, body: str) -> str | None:
    """Handle a reminder word from `person`; return the answer, or None when `body` is not one."""
    command = match_reminder_command(body)
    if command is None:
        return None
    config = current_app.config
    current = setting_for(person)
    number = command.number
    new: ReminderSetting | None = None
    if number == 0:
        new = ReminderSetting(evening_before=False, evening_hour=current.evening_hour, hours_before=None)
    elif number in config["REMINDER_EVENING_HOURS"]:
        new = ReminderSetting(evening_before=True, evening_hour=number, hours_before=None)
    elif number in config["REMINDER_HOURS_BEFORE_CHOICES"]:
        new = ReminderSetting(evening_before=False, evening_hour=current.evening_hour, hours_before=number)
    with in_language_of(person):
        if new is not None:
            change_setting(person, new)  # saved, audited, and the person's reminders planned again
            return " ".join([gettext("Your reminder settings are saved."), *_describe(new)])
        # The word alone, or a number that is not a choice: the setting and the choices.
        return " ".join([*_describe(current), how_to_change(person)])


def _describe(setting: ReminderSetting) -> list[str]:
    if not setting.enabled:
        return [gettext("Reminders are off.")]
    lines = []
    if setting.evening_before:
        lines.append(
            gettext("You get a reminder the evening before at %(time)s.", time=time_label(time(setting.evening_hour)))
        )
    if setting.hours_before is not None:
        lines.append(
            gettext("You get a reminder this many hours before the start: %(hours)s.", hours=setting.hours_before)
        )
    return lines


def how_to_change(person: Person) -> str:
    """How to change reminders by SMS, in the current locale (also shown with its cost to staff)."""
    config = current_app.config
    evening = config["REMINDER_EVENING_HOURS"]
    return gettext(
        "To change this, reply %(word)s and an hour from %(first)s to %(last)s for the evening before, "
        "%(word)s and %(choices)s for that many hours before the start, or %(word)s 0 for no reminders.",
        word=reminder_word(person.preferred_language),
        first=min(evening),
        last=max(evening),
        choices=format_list([str(n) for n in config["REMINDER_HOURS_BEFORE_CHOICES"]], style="or", locale=get_locale()),
    )
