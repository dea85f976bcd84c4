"""Staff sign-in: email and password (Argon2), then a TOTP second factor, with lockout."""

from __future__ import annotations

import enum
import logging
import time

import pyotp
from flask import current_app
from sqlalchemy import func, select

from portal.extensions import db
from portal.models import StaffUser, utcnow
from portal.services.hashing import burn_time, hash_secret, verify_secret

log = logging.getLogger(__name__)
TOTP_ISSUER = "Ankomst"


class PasswordResult(enum.Enum):
    OK = "ok"
    INVALID = "invalid"
    LOCKED = "locked"


def check_password(email: str, password: str) -> tuple[PasswordResult, StaffUser | None]:
    """First factor. Wrong email and wrong password look the same to the caller."""
    staff = db.session.scalar(select(StaffUser).where(func.lower(StaffUser.email) == email.strip().lower()))
    if staff is None:
        burn_time(password or "x")
        return PasswordResult.INVALID, None
    if is_locked(staff):
        return PasswordResult.LOCKED, None
    if not verify_secret(staff.password_hash, password):
        register_failure(staff)
        return (PasswordResult.LOCKED if is_locked(staff) else PasswordResult.INVALID), None
    return PasswordResult.OK, staff


def is_locked(staff: StaffUser) -> bool:
    return staff.locked_until is not None and staff.locked_until > utcnow()


def register_failure(staff: StaffUser) -> None:
    """Count a failed password or TOTP; lock the account for a while after too many."""
    staff.failed_attempts += 1
    if staff.failed_attempts >= current_app.config["STAFF_MAX_FAILED_ATTEMPTS"]:
        staff.locked_until = utcnow() + current_app.config["STAFF_LOCKOUT"]
        staff.failed_attempts = 0
        log.warning("staff account locked", extra={"staff_id": staff.id})
    db.session.commit()


def verify_totp(staff: StaffUser, code: str) -> bool:
    """Second factor: accept the current code (±1 step), never the same step twice."""
    if not staff.totp_secret or is_locked(staff):
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
            staff.failed_attempts = 0
            db.session.commit()
            return True
    register_failure(staff)
    return False


def start_enrolment(staff: StaffUser) -> str:
    """Give the staff member an unconfirmed TOTP secret (kept until confirmed); return its URI."""
    if not staff.totp_secret:
        staff.totp_secret = pyotp.random_base32()
        staff.totp_confirmed = False
        db.session.commit()
    return pyotp.TOTP(staff.totp_secret).provisioning_uri(name=staff.email, issuer_name=TOTP_ISSUER)


def confirm_enrolment(staff: StaffUser, code: str) -> bool:
    """Confirm the new secret with a first valid code."""
    if verify_totp(staff, code):
        staff.totp_confirmed = True
        db.session.commit()
        return True
    return False


def set_password(staff: StaffUser, password: str) -> None:
    staff.password_hash = hash_secret(password)
