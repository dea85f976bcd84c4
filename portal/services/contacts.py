"""The receptions' contact details: who may change them, saving them, and reading them out.

Who may edit (issue 14, item 4): a municipality's contact belongs to that municipality's
editors and admins (a membership in the municipality or in one of its districts); the
region's contact (where accessibility reports go) to the region's editors and admins; a
region admin may also correct any municipality under the region. Caseworkers may not: the
contact page is public text, and the municipality's editors already answer for its local
texts. Every change is audited.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import time

from flask_babel import LazyString, format_time, get_locale, gettext
from flask_babel import lazy_gettext as _l

from portal.bidi import find_runs
from portal.data.contacts import get_contact, organisations_under
from portal.extensions import db
from portal.models import MunicipalityContact, Organisation, OrganisationKind, Role, StaffUser
from portal.services import audit

WEEKDAYS = range(7)  # Monday 0 … Sunday 6, as date.weekday()

# Lines the help and contact pages always give, whatever the municipality: (number, what for).
# The numbers are dialled as written; portal.bidi makes them tel: links and keeps them left to
# right in right-to-left pages.
NATIONAL_LINES: tuple[tuple[str, LazyString], ...] = (
    ("112", _l("Emergency: police, ambulance, fire. Free, day and night.")),
    ("1177", _l("Health care advice by phone, day and night. You can ask for an interpreter.")),
    ("114 14", _l("Police, when it is not an emergency.")),
    ("020-50 50 50", _l("Kvinnofridslinjen: for women subjected to violence. Free, day and night.")),
)
_HHMM = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)$")


class ContactError(ValueError):
    """Contact details the service refuses; `field` names the form field."""

    def __init__(self, code: str, field: str) -> None:
        super().__init__(code)
        self.code = code
        self.field = field


def editable_organisations(staff: StaffUser) -> list[Organisation]:
    """The municipalities and regions whose contact details this staff member may change."""
    found: dict[int, Organisation] = {}
    for membership in staff.memberships:
        if membership.role not in (Role.EDITOR, Role.ADMIN):
            continue
        org = membership.organisation
        if org.kind == OrganisationKind.REGION:
            found[org.id] = org
            if membership.role == Role.ADMIN:
                found.update({m.id: m for m in organisations_under(org)})
        elif org.municipality is not None:
            found[org.municipality.id] = org.municipality
    return sorted(found.values(), key=lambda o: (o.kind == OrganisationKind.REGION, o.name))


def may_edit(staff: StaffUser, organisation: Organisation) -> bool:
    return any(o.id == organisation.id for o in editable_organisations(staff))


def is_dialable(phone: str) -> bool:
    """A number the pages can make a tel: link of: the whole text is one phone-number run."""
    runs = list(find_runs(phone.strip()))
    return len(runs) == 1 and runs[0].tel is not None and runs[0].text == phone.strip()


def parse_hours(rows: dict[int, tuple[str, str]]) -> list[list]:
    """Opening hours from the form ({weekday: (opens, closes)}); a day with both empty is closed."""
    hours: list[list] = []
    for day in WEEKDAYS:
        opens, closes = (v.strip() for v in rows.get(day, ("", "")))
        if not opens and not closes:
            continue
        if not (_HHMM.match(opens) and _HHMM.match(closes)) or closes <= opens:
            raise ContactError("hours", f"closes_{day}")
        hours.append([day, opens, closes])
    return hours


def save_contact(
    organisation: Organisation,
    staff: StaffUser,
    *,
    phone: str,
    email: str | None,
    address: str,
    hours: list[list],
) -> MunicipalityContact:
    """Record the contact details, audited."""
    if not may_edit(staff, organisation):
        raise ContactError("not_allowed", "phone")
    phone = " ".join(phone.split())
    if not is_dialable(phone):
        raise ContactError("phone", "phone")
    contact = get_contact(organisation) or MunicipalityContact(organisation=organisation)
    contact.phone = phone
    contact.email = (email or "").strip() or None
    contact.address = address.strip()
    contact.opening_hours = hours
    contact.updated_by = staff
    db.session.add(contact)
    db.session.flush()
    audit.record("contact.update", object_type="municipality_contact", object_id=contact.id, actor=staff)
    db.session.commit()
    return contact


def error_message(code: str) -> str:
    """The message for a ContactError code, in the current locale."""
    messages = {
        "phone": gettext("Write the number as people dial it, for example 08-523 010 00."),
        "hours": gettext("Give both times as HH:MM, with the closing time after the opening time."),
        "not_allowed": gettext("You can change the contact details of your own municipality only."),
    }
    return messages[code]


def weekday_names() -> list[str]:
    """Monday to Sunday in the current locale."""
    from babel.dates import get_day_names

    names = get_day_names("wide", locale=get_locale())
    return [names[d] for d in WEEKDAYS]


@dataclass(frozen=True)
class OpeningDay:
    weekday: str  # the day's name in the current locale
    hours: str  # "09:00–12:00" in the current locale's time format


def opening_days(contact: MunicipalityContact) -> list[OpeningDay]:
    """The opening hours in the current locale, one line per open day."""
    names = weekday_names()
    days = []
    for weekday, opens, closes in contact.opening_hours:
        start, end = (time.fromisoformat(t) for t in (opens, closes))
        days.append(OpeningDay(names[weekday], f"{format_time(start, 'short')}–{format_time(end, 'short')}"))
    return days
