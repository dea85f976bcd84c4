"""The words of a reminder and of the answers to it, in the person's language.

Each line is a whole sentence from the catalogues with named placeholders; dates and times go
through Babel, so "Tuesday 9 December at 09:00" reads right in every locale. The reminder names
the day instead of saying "tomorrow": a reminder that waited for the morning, or a worker that
ran late, must still be true when it arrives.
"""

from __future__ import annotations

from contextlib import AbstractContextManager

from flask_babel import gettext

from portal.catalogues import activity_label
from portal.i18n import in_language
from portal.models import Person
from portal.services.plan_text import day_label, map_url, time_label
from portal.services.schedule import Occurrence

# What a person replies when they cannot come. A digit, because it is the same on every keyboard
# and in every script, is never a word of any language's STOP, START or HELP, and no menu of the
# portal uses 0 (the language menu counts from 1, the fallback menu has 1-4).
CANNOT_COME_REPLY = "0"
# The zero of Arabic-Indic and Persian keyboards, which people on those keyboards type.
CANNOT_COME_REPLIES = frozenset({"0", "\u0660", "\u06f0"})


def in_language_of(person: Person) -> AbstractContextManager[None]:
    """Write in the person's stored language (the default language, Swedish, when it is unknown)."""
    return in_language(person.preferred_language)


def reminder_text(person: Person, occ: Occurrence) -> str:
    """The reminder SMS: what, when, where (with a map link), and how to say "I can't come"."""
    activity = occ.activity
    with in_language_of(person):
        lines = [
            gettext(
                "Reminder from Ankomst: %(activity)s, %(day)s at %(time)s.",
                activity=activity_label(activity.type_key),
                day=day_label(occ.day),
                time=time_label(occ.starts_at),
            )
        ]
        if activity.place:
            lines.append(gettext("Place: %(place)s", place=activity.place))
            lines.append(gettext("Map: %(url)s", url=map_url(activity.place)))
        elif activity.provider is not None:
            lines.append(gettext("Place: %(place)s", place=activity.provider.name))
        lines.append(
            gettext("If you cannot come, reply %(zero)s. We will tell your caseworker.", zero=CANNOT_COME_REPLY)
        )
    return "\n".join(lines)


def cannot_come_text(person: Person, occ: Occurrence) -> str:
    """The answer to a 0: the caseworker has been told."""
    with in_language_of(person):
        return gettext(
            "Thank you. We have told your caseworker that you cannot come to %(activity)s on %(day)s.",
            activity=activity_label(occ.activity.type_key),
            day=day_label(occ.day),
        )
