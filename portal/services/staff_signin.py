"""Staff sign-in: email and password (Argon2), then a TOTP second factor.

Failures are counted per account and client address, and past STAFF_FREE_ATTEMPTS each one
doubles the wait before that address may try that account again (up to STAFF_LONGEST_WAIT).
Nobody can lock a caseworker out from elsewhere, and a known and an unknown email get the same
answers and the same waits.
"""

from __future__ import annotations

import enum
import hashlib
import hmac
import logging
import time

import pyotp
from flask import current_app
from sqlalchemy import delete, func, select, update
from sqlalchemy.exc import IntegrityError

from portal.extensions import db
from portal.models import StaffSignInThrottle, StaffUser, utcnow
from portal.services.hashing import burn_time, verify_secret

log = logging.getLogger(__name__)
TOTP_ISSUER = "Ankomst"


class PasswordResult(enum.Enum):
    OK = "ok"
    INVALID = "invalid"
    WAIT = "wait"  # too many failures from this address for this account: try again later


def check_password(email: str, password: str, address: str | None) -> tuple[PasswordResult, StaffUser | None]:
    """First factor. A wrong email and a wrong password look the same, waits included."""
    key = account_digest(email)
    if must_wait(key, address):
        burn_time(password or "x")
        return PasswordResult.WAIT, None
    staff = db.session.scalar(select(StaffUser).where(func.lower(StaffUser.email) == email.strip().lower()))
    if staff is None:
        burn_time(password or "x")
    elif verify_secret(staff.password_hash, password):
        return PasswordResult.OK, staff
    register_failure(key, address)
    return (PasswordResult.WAIT if must_wait(key, address) else PasswordResult.INVALID), None


def account_digest(email: str) -> str:
    """A keyed hash of the normalised email: unknown emails are throttled without being stored."""
    key = current_app.config["SECRET_KEY"].encode()
    return hmac.new(key, email.strip().lower().encode(), hashlib.sha256).hexdigest()


def must_wait(key: str, address: str | None) -> bool:
    """Whether this address must wait before trying this account again."""
    record = db.session.get(StaffSignInThrottle, (key, _address(address)))
    return record is not None and record.wait_until is not None and record.wait_until > utcnow()


def register_failure(key: str, address: str | None) -> None:
    """Count a failed password or TOTP from `address`; past the free tries, each doubles the wait.

    The count goes up in one UPDATE, so parallel failures are all counted.
    """
    cfg = current_app.config
    now, addr = utcnow(), _address(address)
    where = (StaffSignInThrottle.account_digest == key, StaffSignInThrottle.address == addr)
    record = db.session.get(StaffSignInThrottle, (key, addr))
    if record is not None and now - record.last_failure_at > cfg["STAFF_FAILURE_MEMORY"]:
        db.session.execute(update(StaffSignInThrottle).where(*where).values(failures=0, wait_until=None))
    elif record is None:
        db.session.add(StaffSignInThrottle(account_digest=key, address=addr, failures=0, last_failure_at=now))
        try:
            db.session.flush()
        except IntegrityError:  # a parallel first failure created it
            db.session.rollback()
    db.session.execute(
        update(StaffSignInThrottle)
        .where(*where)
        .values(failures=StaffSignInThrottle.failures + 1, last_failure_at=now)
        .execution_options(synchronize_session=False)
    )
    failures = db.session.scalar(select(StaffSignInThrottle.failures).where(*where))
    beyond = failures - cfg["STAFF_FREE_ATTEMPTS"]
    if beyond >= 0:
        wait = min(cfg["STAFF_FIRST_WAIT"] * (2**beyond), cfg["STAFF_LONGEST_WAIT"])
        db.session.execute(update(StaffSignInThrottle).where(*where).values(wait_until=now + wait))
        log.warning("staff sign-in throttled", extra={"failures": failures, "wait_seconds": wait.total_seconds()})
    db.session.commit()


def clear_failures(staff: StaffUser, address: str | None) -> None:
    """A full sign-in (password and second factor) from this address wipes its count."""
    db.session.execute(
        delete(StaffSignInThrottle).where(
            StaffSignInThrottle.account_digest == account_digest(staff.email),
            StaffSignInThrottle.address == _address(address),
        )
    )
    db.session.commit()


def _address(address: str | None) -> str:
    return (address or "unknown")[:45]


def verify_totp(staff: StaffUser, code: str, address: str | None) -> bool:
    """Second factor: accept the current code (±1 step), never the same step twice.

    Failures count towards the same wait as wrong passwords, from the same address.
    """
    key = account_digest(staff.email)
    if not staff.totp_secret or must_wait(key, address):
        return False
    totp = pyotp.TOTP(staff.totp_secret)
    code = "".join(ch for ch in (code or "") if ch.isdigit())
    now = time.time()
    for drift in (0, -1, 1):
        step = totp.timecode(now) + drift
        # compare_digest via pyotp.utils.strings_equal keeps this constant-time.
        if pyotp.utils.strings_equal(totp.generate_otp(step), code):
            if staff.totp_last_step is not None and step <= staff.totp_last_step:
                break  # replay of a code already used
            staff.totp_last_step = step
            db.session.commit()
            return True
    register_failure(key, address)
    return False


def start_enrolment(staff: StaffUser) -> str:
    """Give the staff member an unconfirmed TOTP secret (kept until confirmed); return its URI."""
    if not staff.totp_secret:
        staff.totp_secret = pyotp.random_base32()
        staff.totp_confirmed = False
        db.session.commit()
    return pyotp.TOTP(staff.totp_secret).provisioning_uri(name=staff.email, issuer_name=TOTP_ISSUER)


def confirm_enrolment(staff: StaffUser, code: str, address: str | None) -> bool:
    """Confirm the new secret with a first valid code."""
    if verify_totp(staff, code, address):
        staff.totp_confirmed = True
        db.session.commit()
        return True
    return False
