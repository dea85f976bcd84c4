"""Phone numbers: parse what people type into E.164, and key them for rate limits."""

from __future__ import annotations

import hashlib
import hmac

import phonenumbers
from flask import current_app


class InvalidPhoneNumber(ValueError):
    """The text is not a phone number we can send an SMS to."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason  # "malformed" or "not_swedish_mobile"


def normalise_phone(raw: str, *, region: str = "SE") -> str:
    """Return `raw` as E.164, or raise InvalidPhoneNumber.

    We only send codes to Swedish mobile numbers: Twilio can reach foreign ones, but a newcomer
    registered here has a Swedish number, and foreign premium numbers would be an abuse vector.
    """
    text = (raw or "").strip()
    if not text or len(text) > 32:
        raise InvalidPhoneNumber("malformed")
    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException as exc:
        raise InvalidPhoneNumber("malformed") from exc
    if not phonenumbers.is_valid_number(number):
        raise InvalidPhoneNumber("malformed")
    if phonenumbers.region_code_for_number(number) != "SE" or phonenumbers.number_type(number) not in (
        phonenumbers.PhoneNumberType.MOBILE,
        phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE,
    ):
        raise InvalidPhoneNumber("not_swedish_mobile")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def phone_digest(e164: str) -> str:
    """A keyed hash of a number, so unknown numbers can be rate-limited without being stored."""
    key = current_app.config["SECRET_KEY"].encode()
    return hmac.new(key, e164.encode(), hashlib.sha256).hexdigest()


def mask_phone(e164: str) -> str:
    """Show only the last two digits, for staff screens that must identify a number."""
    return "•" * max(len(e164) - 2, 0) + e164[-2:]
