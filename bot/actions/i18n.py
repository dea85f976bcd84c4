"""Reply texts from the shared gettext catalogues, and dates and numbers through Babel.

The bot and the portal share one translation workflow: msgids are written in English in
``_("...")`` and ``ngettext(...)`` calls in ``bot/actions/*.py``, extracted by pybabel into
``locales/`` and compiled to ``locales/<babel_locale>/LC_MESSAGES/messages.mo``.
A missing catalogue falls back to the English msgid, so a new language never crashes the bot.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any

from babel import Locale
from babel.dates import (
    format_date,
    format_interval,
    format_skeleton,
    format_time,
    get_datetime_format,
    get_timezone,
)
from babel.lists import format_list
from babel.numbers import format_decimal
from babel.support import NullTranslations, Translations

from actions.sms_budget import is_gsm7

DEFAULT_LANGUAGE = "sv"
TIMEZONE = get_timezone("Europe/Stockholm")
CATALOGUE_DOMAIN = "messages"

# Conversation language code -> Babel locale. The order is the order of the portal's one list
# of languages, and so the numbering of the language menu ("3" means Arabic everywhere).
BABEL_LOCALES: dict[str, str] = {
    "sv": "sv",
    "en": "en",
    "ar": "ar",
    "fa": "fa",
    "prs": "fa_AF",
    "so": "so",
    "ti": "ti",
    "uk": "uk",
    "ru": "ru",
    "ckb": "ckb",
    "ku": "ku",
    "ps": "ps",
}


def locales_dir() -> Path:
    """Return the folder with the compiled catalogues (``ANKOMST_LOCALES_DIR`` or <repo>/locales)."""
    configured = os.environ.get("ANKOMST_LOCALES_DIR")
    if configured:
        return Path(configured)
    return Path(__file__).resolve().parents[2] / "locales"


def babel_locale(language: str | None) -> str:
    """Return the Babel locale for a conversation language, Swedish when it is unknown."""
    return BABEL_LOCALES.get(language or "", BABEL_LOCALES[DEFAULT_LANGUAGE])


def native_name(language: str) -> str:
    """Return a language's name written in that language, from CLDR (e.g. prs -> دری)."""
    locale = Locale.parse(babel_locale(language))
    names = locale.languages
    return names.get(str(locale)) or names.get(language) or locale.get_language_name() or language


@cache
def _translations(locale: str, directory: str) -> NullTranslations:
    # Translations.load returns NullTranslations when the .mo is missing, so msgids (English)
    # are shown instead of an error. gettext also tries the bare language (fa_AF -> fa).
    return Translations.load(directory, locales=[locale], domain=CATALOGUE_DOMAIN)


def clear_cache() -> None:
    """Forget loaded catalogues, so a freshly compiled .mo is read again."""
    _translations.cache_clear()


class Messages:
    """Gettext lookups and Babel formatting in one conversation language."""

    def __init__(self, language: str | None) -> None:
        self.language = language if language in BABEL_LOCALES else DEFAULT_LANGUAGE
        self.locale = Locale.parse(babel_locale(self.language))
        self._catalogue = _translations(str(self.locale), str(locales_dir()))

    @property
    def direction(self) -> str:
        """Return "rtl" or "ltr" for the conversation language."""
        return "rtl" if self.locale.character_order == "right-to-left" else "ltr"

    def _(self, msgid: str, **params: Any) -> str:
        """Translate a whole sentence and fill its named %(placeholders)s."""
        text = self._catalogue.gettext(msgid)
        return text % params if params else text

    def pgettext(self, context: str, msgid: str) -> str:
        """Translate a msgid whose context tells translators how it is used."""
        return self._catalogue.pgettext(context, msgid)

    def ngettext(self, singular: str, plural: str, n: int, **params: Any) -> str:
        """Translate a sentence whose form depends on the number ``n`` (passed as %(n)s too)."""
        text = self._catalogue.ngettext(singular, plural, n)
        return text % {"n": self.number(n), **params}

    def number(self, value: float) -> str:
        """Format a number the local way (32,5 in Swedish)."""
        return format_decimal(value, locale=self.locale)

    def date(self, value: dt.date | dt.datetime | str) -> str:
        """Format a day as weekday, day and month (``mån 23 november``)."""
        value = _parse(value)
        if isinstance(value, dt.datetime):
            return format_skeleton("MMMMEd", value, tzinfo=TIMEZONE, locale=self.locale)
        return format_skeleton("MMMMEd", value, locale=self.locale)

    def short_date(self, value: dt.date | dt.datetime | str) -> str:
        """Format a day as weekday and day of the month, for lines within one week (``mån 23``)."""
        value = _parse(value)
        if isinstance(value, dt.datetime):
            return format_skeleton("Ed", value, tzinfo=TIMEZONE, locale=self.locale)
        return format_skeleton("Ed", value, locale=self.locale)

    def long_date(self, value: dt.date | str) -> str:
        """Format a date with its year, as for a deadline (``6 december 2026``)."""
        value = _parse(value)
        if isinstance(value, dt.datetime):
            value = value.astimezone(TIMEZONE).date()
        return format_date(value, "long", locale=self.locale)

    def time(self, value: dt.datetime | str) -> str:
        """Format a clock time in Stockholm time (``09:00``, ``9:00 AM``)."""
        return _gsm7_if_possible(format_time(_parse(value), "short", tzinfo=TIMEZONE, locale=self.locale))

    def time_range(self, start: dt.datetime | str, end: dt.datetime | str | None) -> str:
        """Format a start time, or a start-end range when the end is known (``09:00-12:00``)."""
        if not end:
            return self.time(start)
        # The locale's short time pattern says whether it uses a 12- or 24-hour clock.
        skeleton = "hm" if "h" in self.locale.time_formats["short"].pattern else "Hm"
        interval = format_interval(_parse(start), _parse(end), skeleton, tzinfo=TIMEZONE, locale=self.locale)
        return _gsm7_if_possible(interval)

    def when(self, start: dt.datetime | str, end: dt.datetime | str | None = None, *, short: bool = False) -> str:
        """Format weekday, date and time (or time range) in the locale's own word order.

        ``short`` writes the day as weekday and day of the month (``mån 23 09:00-12:00``).
        """
        # CLDR's date-time glue pattern ({1} = date, {0} = time) keeps the local word order.
        pattern = get_datetime_format("medium", locale=self.locale)
        day = self.short_date(start) if short else self.date(start)
        return pattern.replace("{1}", day).replace("{0}", self.time_range(start, end))

    def list(self, items: Iterable[str]) -> str:
        """Join items the local way (``A, B och C``)."""
        return format_list(list(items), locale=self.locale)


# CLDR writes time ranges with an en dash and thin or narrow no-break spaces (English
# "9:00 AM – 12:00 PM" has four of them). None is in GSM-7, so one turns a whole SMS into UCS-2,
# which costs more than twice as much. Where the plain forms make the time GSM-7, they are used.
_PLAIN_TIME = str.maketrans({"\u2009": " ", "\u202f": " ", "\u200a": " ", "\u00a0": " ", "–": "-", "—": "-"})


def _gsm7_if_possible(text: str) -> str:
    plain = text.translate(_PLAIN_TIME)
    return plain if is_gsm7(plain) else text


def _parse(value: Any) -> Any:
    if isinstance(value, str):
        if "T" in value:
            # Python 3.10's fromisoformat does not read a trailing "Z".
            return dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
        return dt.date.fromisoformat(value)
    return value
