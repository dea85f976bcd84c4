"""Reading what people type as a mobile number, from Sweden or abroad, and masking it."""

from __future__ import annotations

import pytest

from portal.phones import (
    ANY_REGION,
    DEFAULT_SIGNIN_REGIONS,
    InvalidPhoneNumber,
    mask_national_digits,
    parse_mobile,
    parse_regions,
)


@pytest.mark.parametrize(
    ("typed", "e164", "region", "calling_code"),
    [
        ("070-111 22 33", "+46701112233", "SE", 46),
        ("+46 70 111 22 33", "+46701112233", "SE", 46),
        ("+380 67 123 4567", "+380671234567", "UA", 380),
        ("00380671234567", "+380671234567", "UA", 380),
        ("+963 944 123 456", "+963944123456", "SY", 963),
        ("+93 70 123 4567", "+93701234567", "AF", 93),
        ("+252 61 1234567", "+252611234567", "SO", 252),
        ("+291 7 123 456", "+2917123456", "ER", 291),
        ("+964 750 123 4567", "+9647501234567", "IQ", 964),
        ("+98 912 345 6789", "+989123456789", "IR", 98),
        ("+47 412 34 567", "+4741234567", "NO", 47),
    ],
)
def test_mobile_numbers_of_the_countries_newcomers_come_from_are_read(typed, e164, region, calling_code):
    number = parse_mobile(typed, regions=DEFAULT_SIGNIN_REGIONS)
    assert (number.e164, number.region, number.calling_code) == (e164, region, calling_code)


@pytest.mark.parametrize(
    ("typed", "reason"),
    [
        ("", "malformed"),
        ("hello", "malformed"),
        ("+380 12", "malformed"),
        ("08-123 456 78", "not_mobile"),  # a Stockholm landline
        ("+380 44 123 4567", "not_mobile"),  # a Kyiv landline
        ("+49 30 1234567", "not_mobile"),  # a Berlin landline
        ("+1 202 555 0143", "country_not_allowed"),  # not on the default list
        ("+86 138 0013 8000", "country_not_allowed"),
    ],
)
def test_landlines_and_countries_off_the_list_are_refused_with_a_reason(typed, reason):
    with pytest.raises(InvalidPhoneNumber) as refused:
        parse_mobile(typed, regions=DEFAULT_SIGNIN_REGIONS)
    assert refused.value.reason == reason


def test_every_country_can_be_allowed():
    assert parse_mobile("+86 138 0013 8000", regions=ANY_REGION).region == "CN"


def test_the_default_list_covers_where_our_languages_come_from_the_nordics_and_the_eu():
    assert {"UA", "SY", "AF", "SO", "ER", "ET", "IQ", "IR", "RU", "TR"} <= DEFAULT_SIGNIN_REGIONS
    assert {"SE", "NO", "DK", "FI", "IS", "DE", "PL", "FR", "ES"} <= DEFAULT_SIGNIN_REGIONS
    assert not {"US", "CN", "CU", "NG"} & DEFAULT_SIGNIN_REGIONS


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (None, DEFAULT_SIGNIN_REGIONS),
        ("", DEFAULT_SIGNIN_REGIONS),
        ("*", ANY_REGION),
        ("se, ua  SY", {"SE", "UA", "SY"}),
    ],
)
def test_the_country_setting_is_read_from_the_environment_form(text, expected):
    assert parse_regions(text) == expected


@pytest.mark.parametrize(
    ("e164", "masked"),
    [
        ("+380671234567", "+380 •• ••• ••67"),
        ("+46701112233", "+46 •• ••• •• 33"),
        ("+963944123456", "+963 ••• ••• •56"),
    ],
)
def test_a_masked_number_shows_only_the_country_code_and_the_last_two_digits(e164, masked):
    assert mask_national_digits(e164) == masked
    assert sum(ch.isdigit() for ch in masked) == len(str(parse_mobile(e164).calling_code)) + 2
