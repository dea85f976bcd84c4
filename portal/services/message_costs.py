"""What each automatic message costs, in every language, before it is sent (issue 15, item 6).

The texts newcomers get on a schedule or at a step of their case come from the catalogues, not
from a form, so "before it is used" means: staff see each one as it will be sent, with sample
values (an SFI lesson at a street address, a case number, a date), in all 12 languages, with
its encoding and number of segments counted exactly as the SMS client counts them (the text
as sent: `portal.clients.sms.as_sent`). A text in Latin letters fits GSM-7 (160 characters,
153 a segment when split); Arabic, Persian, Dari, Pashto, Sorani, Tigrinya, Ukrainian and
Russian need UCS-2 (70, 67 a segment), so the same message costs about two to three times as
much. The relative cost is segments divided by the Swedish text's. WhatsApp is priced per
message, not per segment, and is not counted here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from types import SimpleNamespace

from flask_babel import gettext

from portal.clients.sms import as_sent
from portal.clients.sms.segments import count_segments
from portal.i18n import in_language
from portal.languages import LANGUAGES
from portal.local_time import STOCKHOLM, stockholm_today


@dataclass(frozen=True)
class LanguageCost:
    language: str
    text: str
    encoding: str
    characters: int
    segments: int
    relative: float  # segments compared with the Swedish text


@dataclass(frozen=True)
class MessageCost:
    key: str
    label: str
    rows: list[LanguageCost]


def _sample_occurrence() -> SimpleNamespace:
    day = stockholm_today() + timedelta(days=1)
    activity = SimpleNamespace(type_key="sfi", place="Storgatan 1, Södertälje", provider=None)
    return SimpleNamespace(activity=activity, day=day, starts_at=datetime.combine(day, time(9, 0), tzinfo=STOCKHOLM))


def _person(code: str) -> SimpleNamespace:
    return SimpleNamespace(preferred_language=code)


def _reminder(code: str) -> str:
    from portal.reminders.text import reminder_text

    return reminder_text(_person(code), _sample_occurrence())  # type: ignore[arg-type]


def _cannot_come(code: str) -> str:
    from portal.reminders.text import cannot_come_text

    return cannot_come_text(_person(code), _sample_occurrence())  # type: ignore[arg-type]


def _objection_received(code: str) -> str:
    from portal.services.objections import sms_body

    objection = SimpleNamespace(display_case_number="7K-4MQ2", current_due_date=stockholm_today() + timedelta(days=14))
    return sms_body(objection, "submit")  # type: ignore[arg-type]


def _reminder_choices(code: str) -> str:
    from portal.reminders.sms_settings import how_to_change

    return how_to_change(_person(code))  # type: ignore[arg-type]


def _messages() -> list[tuple[str, Callable[[], str], Callable[[str], str]]]:
    return [
        ("reminder", lambda: gettext("Activity reminder"), _reminder),
        ("cannot_come", lambda: gettext("Answer to \u201cI cannot come\u201d"), _cannot_come),
        ("objection_received", lambda: gettext("Objection received"), _objection_received),
        ("reminder_choices", lambda: gettext("How to change reminders by SMS"), _reminder_choices),
    ]


def message_costs() -> list[MessageCost]:
    """Every automatic message in every language, with encoding, segments and cost against Swedish."""
    result = []
    for key, label, build in _messages():
        rows = []
        for lang in LANGUAGES:
            with in_language(lang.code):
                text = as_sent(build(lang.code))
            info = count_segments(text)
            rows.append((lang.code, text, info))
        swedish = next(info.segments for code, _text, info in rows if code == "sv")
        costs = [
            LanguageCost(code, text, info.encoding, len(text), info.segments, info.segments / swedish)
            for code, text, info in rows
        ]
        result.append(MessageCost(key, label(), costs))
    return result


def ucs2_factor(costs: list[MessageCost]) -> float | None:
    """How many times more, on average, a UCS-2 language's message costs than a GSM-7 one's."""
    gsm = [r.segments for m in costs for r in m.rows if r.encoding == "GSM-7"]
    ucs = [r.segments for m in costs for r in m.rows if r.encoding == "UCS-2"]
    if not gsm or not ucs:
        return None
    return (sum(ucs) / len(ucs)) / (sum(gsm) / len(gsm))
