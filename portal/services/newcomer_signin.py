"""Newcomer sign-in with a one-time code sent by SMS.

Rules: 6 random digits, stored hashed, valid 10 minutes, single use, at most 5 tries per
code, at most 5 codes per number per hour. The answer is the same whether or not the number
belongs to someone, so the form cannot be used to find out who is registered.

Mobile numbers of other countries sign in too (people who just arrived still have their home
SIM), from the countries in SIGNIN_COUNTRIES; codes sent to each foreign country calling code are
capped per hour (SIGNIN_CODES_PER_COUNTRY), so a flood of sign-ins cannot run up the SMS bill.
"""

from __future__ import annotations

import logging
import secrets
from dataclasses import dataclass
from datetime import timedelta

from flask import current_app
from flask_babel import gettext
from limits import parse as parse_limit
from sqlalchemy import func, select, update
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from portal.clients.sms import send_sms
from portal.data.people import get_person_by_phone
from portal.extensions import db, limiter
from portal.i18n import in_language
from portal.models import Person, SignInCode, SignInThrottle, utcnow
from portal.phones import HOME_CALLING_CODE, MobileNumber, parse_mobile, phone_digest
from portal.services.hashing import burn_time, hash_secret, verify_secret

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class CodeRequest:
    phone_digest: str
    masked_number: str  # for the code page: "+380 •• ••• ••67"


def new_code() -> str:
    """Six digits from the OS's CSPRNG, leading zeros allowed."""
    return f"{secrets.randbelow(1_000_000):06d}"


def request_code(raw_phone: str) -> CodeRequest:
    """Send a code if the number belongs to a newcomer. Raises InvalidPhoneNumber on bad input.

    Every limit (per number, per country) refuses in silence, with the same result as a sent
    code: telling would show which numbers are registered.

    Whatever happens after validation, the caller gets the same result and shows the same page.
    """
    number = parse_mobile(raw_phone, regions=current_app.config["SIGNIN_COUNTRIES"])
    e164 = number.e164
    digest = phone_digest(e164)
    result = CodeRequest(digest, number.masked)
    _lock_number(digest)
    since = utcnow() - timedelta(hours=1)
    recent = db.session.scalar(
        select(func.count())
        .select_from(SignInCode)
        .where(SignInCode.phone_digest == digest, SignInCode.created_at >= since)
    )
    if recent >= current_app.config["SIGNIN_CODES_PER_NUMBER_PER_HOUR"]:
        db.session.commit()  # releases the lock
        log.info("signin code refused: hourly limit")
        burn_time("000000")
        return result

    person = get_person_by_phone(e164)
    if person is not None and not _country_allows_one_more(number):
        db.session.commit()  # releases the lock; nothing is recorded, nothing is sent
        log.warning("signin code refused: country limit", extra={"calling_code": number.calling_code})
        burn_time("000000")
        return result
    code = new_code()
    # Record a row for unknown numbers too: the hourly limit then applies to them as well,
    # and the work done (one hash, one insert) is the same either way.
    db.session.add(
        SignInCode(
            phone_digest=digest,
            person_id=person.id if person else None,
            code_hash=hash_secret(code),
            expires_at=utcnow() + current_app.config["SIGNIN_CODE_TTL"],
        )
    )
    db.session.commit()  # the new code counts, and the lock is released
    if person is not None:
        _send_code(person, code)
        log.info("signin code sent", extra={"person_id": person.id})
    else:
        log.info("signin code requested for an unknown number")
    return result


def _country_allows_one_more(number: MobileNumber) -> bool:
    """Count one SMS to this number's country calling code; False when its hourly cap is reached.

    Kept in the rate-limit storage (Redis in production, so every portal process shares it; its
    increment is atomic). Only codes that are actually sent count: unknown numbers cost nothing,
    so a flood of made-up numbers cannot lock out the real people of a country. Swedish numbers
    are not capped: they are most sign-ins, cheap, and not a toll-fraud destination.
    """
    if number.calling_code == HOME_CALLING_CODE or not current_app.config["RATELIMIT_ENABLED"]:
        return True
    cap = parse_limit(current_app.config["SIGNIN_CODES_PER_COUNTRY"])
    return limiter.limiter.hit(cap, "signin-country", str(number.calling_code))


def _lock_number(digest: str) -> None:
    """Hold this number's throttle row until the next commit, so one request counts at a time.

    The row is created on a number's first request (a concurrent first request waits on the
    unique key, then finds it). The UPDATE takes PostgreSQL's row lock, or SQLite's write lock.
    """
    dialect = db.session.get_bind().dialect.name
    insert = postgresql_insert if dialect == "postgresql" else sqlite_insert
    db.session.execute(insert(SignInThrottle).values(phone_digest=digest, updated_at=utcnow()).on_conflict_do_nothing())
    db.session.execute(update(SignInThrottle).where(SignInThrottle.phone_digest == digest).values(updated_at=utcnow()))


def _send_code(person: Person, code: str) -> None:
    with in_language(person.preferred_language):
        body = gettext("Your Ankomst code is %(code)s. It is valid for 10 minutes. Never share it.", code=code)
    send_sms(person, body, purpose="signin_code", sensitive=True, required=True)


def verify_code(digest: str, code: str) -> Person | None:
    """Return the person when `code` is the live code for `digest`; count the try either way.

    The try is counted before the code is checked, by one conditional UPDATE that only succeeds
    while tries are left; using the code is another, that only succeeds while it is unused.
    Parallel tries therefore cannot pass the limit, nor use one code twice.
    """
    code = "".join(ch for ch in (code or "") if ch.isdigit())
    now = utcnow()
    record = db.session.execute(
        select(SignInCode.id, SignInCode.code_hash, SignInCode.person_id)
        .where(SignInCode.phone_digest == digest, SignInCode.used_at.is_(None), SignInCode.expires_at > now)
        .order_by(SignInCode.created_at.desc(), SignInCode.id.desc())
        .limit(1)
    ).first()
    if record is None or not _count_try(record.id):
        burn_time("000000")
        return None
    if not (len(code) == 6 and verify_secret(record.code_hash, code)) or record.person_id is None:
        return None
    used = db.session.execute(
        update(SignInCode)
        .where(SignInCode.id == record.id, SignInCode.used_at.is_(None))
        .values(used_at=now)
        .execution_options(synchronize_session=False)
    )
    db.session.commit()
    if used.rowcount != 1:
        return None  # a parallel try with the same code was first
    return db.session.get(Person, record.person_id)


def _count_try(code_id: int) -> bool:
    """Count one try at a code; False when its tries are used up (then nothing is counted)."""
    counted = db.session.execute(
        update(SignInCode)
        .where(
            SignInCode.id == code_id,
            SignInCode.used_at.is_(None),
            SignInCode.attempts < current_app.config["SIGNIN_CODE_MAX_TRIES"],
        )
        .values(attempts=SignInCode.attempts + 1)
        .execution_options(synchronize_session=False)
    )
    db.session.commit()
    return counted.rowcount == 1
