"""Phone numbers: read what people type as a mobile number, key it for rate limits, mask it for screens."""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass

import phonenumbers
from flask import current_app

# Where newcomers' phones come from: the countries our 12 languages are spoken in, the countries
# people most often cross on the way here, the Nordics and the EU/EEA. ISO 3166 region codes, as
# phonenumbers reports them. ANKOMST_SIGNIN_COUNTRIES overrides it ("*" allows every country).
HOME_REGIONS = frozenset(
    {
        "SY",
        "IQ",
        "LB",
        "JO",
        "PS",
        "EG",
        "SD",
        "YE",
        "LY",  # Arabic, Kurdish
        "IR",
        "AF",
        "PK",  # Persian, Dari, Pashto
        "SO",
        "DJ",
        "ET",
        "KE",
        "ER",  # Somali, Tigrinya
        "UA",
        "RU",
        "BY",
        "MD",
        "GE",  # Ukrainian, Russian
        "TR",
        "AM",
    }
)  # Kurmanji; Turkey is also where many Syrians first lived
NORDIC_REGIONS = frozenset({"SE", "NO", "DK", "FI", "IS", "AX", "FO", "GL"})
EU_EEA_REGIONS = frozenset({"AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE",
                            "IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE",
                            "NO", "IS", "LI", "CH", "GB"})  # fmt: skip
DEFAULT_SIGNIN_REGIONS = HOME_REGIONS | NORDIC_REGIONS | EU_EEA_REGIONS
ANY_REGION = "*"
HOME_CALLING_CODE = 46  # Sweden

_MOBILE = (phonenumbers.PhoneNumberType.MOBILE, phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE)


class InvalidPhoneNumber(ValueError):
    """The text is not a phone number we can send a sign-in code to."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason  # "malformed", "not_mobile" or "country_not_allowed"


@dataclass(frozen=True)
class MobileNumber:
    e164: str
    region: str  # ISO 3166, e.g. "UA"
    calling_code: int  # e.g. 380: what an SMS costs depends on it, so it is what we rate-limit

    @property
    def masked(self) -> str:
        """The number as people write it, with every digit hidden but the country code and the last two."""
        return mask_national_digits(self.e164)


def parse_mobile(raw: str, *, regions: frozenset[str] | str = ANY_REGION, default_region: str = "SE") -> MobileNumber:
    """Read what someone typed as a mobile number of an allowed country, or raise InvalidPhoneNumber.

    A number without a country code is read as Swedish; "+380…" and "00380…" are read as foreign.
    Only mobile numbers are accepted (the code is an SMS), and only from `regions`: an SMS to any
    country costs money, and premium-rate ranges are the classic toll-fraud target.
    """
    text = (raw or "").strip()
    if not text or len(text) > 32:
        raise InvalidPhoneNumber("malformed")
    try:
        number = phonenumbers.parse(text, default_region)
    except phonenumbers.NumberParseException as exc:
        raise InvalidPhoneNumber("malformed") from exc
    if not phonenumbers.is_valid_number(number):
        raise InvalidPhoneNumber("malformed")
    region = phonenumbers.region_code_for_number(number) or ""
    if regions != ANY_REGION and region not in regions:
        raise InvalidPhoneNumber("country_not_allowed")
    if phonenumbers.number_type(number) not in _MOBILE:
        raise InvalidPhoneNumber("not_mobile")
    e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    return MobileNumber(e164=e164, region=region, calling_code=number.country_code)


def parse_regions(text: str | None) -> frozenset[str] | str:
    """Read ANKOMST_SIGNIN_COUNTRIES: "*" for every country, else region codes split by commas or spaces."""
    if text is None or not text.strip():
        return DEFAULT_SIGNIN_REGIONS
    if text.strip() == ANY_REGION:
        return ANY_REGION
    return frozenset(code.upper() for code in text.replace(",", " ").split())


def phone_digest(e164: str) -> str:
    """A keyed hash of a number, so unknown numbers can be rate-limited without being stored."""
    key = current_app.config["SECRET_KEY"].encode()
    return hmac.new(key, e164.encode(), hashlib.sha256).hexdigest()


def mask_national_digits(e164: str) -> str:
    """ "+380671234567" → "+380 •• ••• ••67": enough for a person to recognise their own number."""
    number = phonenumbers.parse(e164, None)
    written = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
    prefix = f"+{number.country_code}"
    rest = written.removeprefix(prefix)
    shown = 2
    masked = []
    for ch in reversed(rest):
        if ch.isdigit():
            masked.append(ch if shown > 0 else "•")
            shown -= 1
        else:
            masked.append(ch)
    return prefix + "".join(reversed(masked))
