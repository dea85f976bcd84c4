"""Swedish identity numbers on a person: personnummer or samordningsnummer (issue 21, item 7).

Optional: many newcomers have neither at first. When given:
- it is validated: a real date (a samordningsnummer adds 60 to the day) and the Luhn check
  digit over the ten digits YYMMDDNNNC, as Skatteverket defines it;
- it is stored encrypted (Fernet, key IDENTITY_NUMBER_KEY from the environment), never in
  clear text, never logged, and never in the audit log's details;
- it is shown masked ("19850312-••••": the date of birth staff already see on papers, not the
  four digits that make it a key to the person); showing it in full is a POST that is audited,
  and so is setting or removing it.
Without a key (production with IDENTITY_NUMBER_KEY unset) numbers cannot be stored; the page
says so instead of storing them some weaker way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from cryptography.fernet import Fernet, InvalidToken
from flask import current_app

from portal.extensions import db
from portal.local_time import stockholm_today
from portal.models import Person, StaffUser
from portal.services import audit

PERSONNUMMER = "personnummer"
SAMORDNINGSNUMMER = "samordningsnummer"


class IdentityNumberError(ValueError):
    """`code` names the translated message: "format", "date", "check_digit", "no_key"."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


@dataclass(frozen=True)
class IdentityNumber:
    digits: str  # twelve digits, YYYYMMDDNNNC
    kind: str

    @property
    def formatted(self) -> str:
        return f"{self.digits[:8]}-{self.digits[8:]}"

    @property
    def masked(self) -> str:
        return f"{self.digits[:8]}-••••"


def luhn_ok(ten_digits: str) -> bool:
    """The Luhn check over YYMMDDNNNC (weights 2,1,2,1,…), as on every Swedish identity number."""
    total = 0
    for i, ch in enumerate(ten_digits):
        n = int(ch) * (2 if i % 2 == 0 else 1)
        total += n - 9 if n > 9 else n
    return total % 10 == 0


def parse_identity_number(raw: str, today: date | None = None) -> IdentityNumber:
    """Validate a personnummer or samordningsnummer in any usual form; raise IdentityNumberError."""
    today = today or stockholm_today()
    text = re.sub(r"\s", "", raw or "")
    match = re.fullmatch(r"(\d{2})?(\d{6})([-+]?)(\d{4})", text)
    if match is None:
        raise IdentityNumberError("format")
    century, yymmdd, sign, last4 = match.groups()
    year2, month, day = int(yymmdd[:2]), int(yymmdd[2:4]), int(yymmdd[4:6])
    kind = PERSONNUMMER
    if day > 60:
        kind, day = SAMORDNINGSNUMMER, day - 60
    if century is None:
        # Ten digits: the century is the latest that is not in the future; "+" means 100 years or older.
        full = (today.year // 100) * 100 + year2
        if full > today.year:
            full -= 100
        if sign == "+":
            full -= 100
    else:
        full = int(century + yymmdd[:2])
    try:
        born = date(full, month, day)
    except ValueError:
        raise IdentityNumberError("date") from None
    if born > today:
        raise IdentityNumberError("date")
    if not luhn_ok(yymmdd + last4):
        raise IdentityNumberError("check_digit")
    return IdentityNumber(digits=f"{full:04d}{yymmdd[2:]}{last4}", kind=kind)


def _fernet() -> Fernet:
    key = current_app.config.get("IDENTITY_NUMBER_KEY")
    if not key:
        raise IdentityNumberError("no_key")
    return Fernet(key.encode() if isinstance(key, str) else key)


def stored_identity_number(person: Person) -> IdentityNumber | None:
    """The person's number, decrypted for use in this request (masked unless shown on purpose)."""
    if not person.identity_number_encrypted:
        return None
    try:
        digits = _fernet().decrypt(person.identity_number_encrypted.encode()).decode()
    except (InvalidToken, IdentityNumberError):
        return None  # a rotated or missing key: the page says "stored, cannot be read"
    return IdentityNumber(digits=digits, kind=person.identity_number_kind or PERSONNUMMER)


def set_identity_number(person: Person, staff: StaffUser, raw: str) -> IdentityNumber | None:
    """Store (or with an empty value remove) the person's number, encrypted, and audit the change."""
    if not (raw or "").strip():
        person.identity_number_encrypted = None
        person.identity_number_kind = None
        audit.record(
            "person.identity_number_removed", person=person, object_type="person", object_id=person.id, actor=staff
        )
        db.session.commit()
        return None
    number = parse_identity_number(raw)
    person.identity_number_encrypted = _fernet().encrypt(number.digits.encode()).decode()
    person.identity_number_kind = number.kind
    audit.record(
        "person.identity_number_set",
        person=person,
        object_type="person",
        object_id=person.id,
        actor=staff,
        kind=number.kind,
    )
    db.session.commit()
    return number


def reveal_identity_number(person: Person, staff: StaffUser) -> IdentityNumber | None:
    """The full number for a caseworker who asked to see it; every showing is audited."""
    number = stored_identity_number(person)
    if number is not None:
        audit.record(
            "person.identity_number_shown", person=person, object_type="person", object_id=person.id, actor=staff
        )
        db.session.commit()
    return number
