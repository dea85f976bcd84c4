"""Personnummer and samordningsnummer (issue 21, item 7): check digit, dates, masking, encryption, audit."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from portal.models import AuditEvent, Role
from portal.services.identity_numbers import (
    SAMORDNINGSNUMMER,
    IdentityNumberError,
    parse_identity_number,
    reveal_identity_number,
    set_identity_number,
    stored_identity_number,
)
from tests.factories import create_person, create_staff

TODAY = date(2026, 12, 7)


@pytest.mark.parametrize(
    ("raw", "digits"),
    [
        ("811218-9876", "198112189876"),
        ("8112189876", "198112189876"),
        ("19811218-9876", "198112189876"),
        (" 19121212 1212 ", "191212121212"),
        ("121212+1212", "191212121212"),  # "+" is 100 years or older
        ("121212-1212", "201212121212"),  # ten digits take the latest century not in the future
    ],
)
def test_valid_numbers_in_the_usual_forms(raw, digits):
    assert parse_identity_number(raw, TODAY).digits == digits


def test_a_samordningsnummer_adds_sixty_to_the_day():
    number = parse_identity_number("701063-2391", TODAY)
    assert number.kind == SAMORDNINGSNUMMER and number.digits == "197010632391"


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("811218-9877", "check_digit"),  # one digit wrong
        ("811218-9867", "check_digit"),  # two digits swapped
        ("19810230-1234", "date"),  # 30 February
        ("20301218-9876", "date"),  # born in the future
        ("81121-89876", "format"),
        ("abc", "format"),
        ("", "format"),
    ],
)
def test_wrong_numbers_are_refused_with_their_reason(raw, code):
    with pytest.raises(IdentityNumberError) as error:
        parse_identity_number(raw, TODAY)
    assert error.value.code == code


def test_masking_hides_the_last_four_digits():
    number = parse_identity_number("811218-9876", TODAY)
    assert number.masked == "19811218-••••" and "9876" not in number.masked
    assert number.formatted == "19811218-9876"


def test_the_number_is_stored_encrypted_and_every_change_and_showing_is_audited(app, db, region):
    caseworker = create_staff(region["sodertalje"], Role.CASEWORKER)
    person = create_person(region["sodertalje"])
    set_identity_number(person, caseworker, "811218-9876")
    assert person.identity_number_encrypted and "9876" not in person.identity_number_encrypted
    assert "811218" not in person.identity_number_encrypted
    assert stored_identity_number(person).digits == "198112189876"
    assert reveal_identity_number(person, caseworker).formatted == "19811218-9876"
    actions = [e.action for e in db.session.scalars(select(AuditEvent).order_by(AuditEvent.id))]
    assert "person.identity_number_set" in actions and "person.identity_number_shown" in actions
    assert all("9876" not in str(e.details) for e in db.session.scalars(select(AuditEvent)))
    set_identity_number(person, caseworker, "")
    assert person.identity_number_encrypted is None and stored_identity_number(person) is None


def test_without_a_key_no_number_is_stored(app, db, region, monkeypatch):
    caseworker = create_staff(region["sodertalje"], Role.CASEWORKER)
    person = create_person(region["sodertalje"])
    monkeypatch.setitem(app.config, "IDENTITY_NUMBER_KEY", None)
    with pytest.raises(IdentityNumberError) as error:
        set_identity_number(person, caseworker, "811218-9876")
    assert error.value.code == "no_key" and person.identity_number_encrypted is None


def test_production_refuses_the_public_development_key(monkeypatch):
    from portal import create_app
    from portal.config import DevelopmentConfig, ProductionConfig

    class Prod(ProductionConfig):
        SECRET_KEY = "a-real-secret-for-this-test-only-123"  # noqa: S105
        INTERNAL_API_TOKEN = "a-real-token-for-this-test-only-456"  # noqa: S105
        IDENTITY_NUMBER_KEY = DevelopmentConfig.IDENTITY_NUMBER_KEY
        SQLALCHEMY_DATABASE_URI = "sqlite://"

    with pytest.raises(RuntimeError, match="IDENTITY_NUMBER_KEY"):
        create_app(Prod)


def test_erasure_removes_the_number(app, db, region):
    from portal.services.erasure import erase_person

    caseworker = create_staff(region["sodertalje"], Role.CASEWORKER)
    person = create_person(region["sodertalje"])
    set_identity_number(person, caseworker, "811218-9876")
    erase_person(person, confirmed_by=caseworker, reason="asked at the desk")
    db.session.refresh(person)
    assert person.identity_number_encrypted is None and person.identity_number_kind is None


def test_the_persons_own_data_export_has_the_number_not_the_ciphertext(app, db, region):
    from portal.services.data_export import export_person

    caseworker = create_staff(region["sodertalje"], Role.CASEWORKER)
    person = create_person(region["sodertalje"])
    set_identity_number(person, caseworker, "811218-9876")
    profile = export_person(person)["profile"]
    assert profile["identity_number"] == "19811218-9876"
    assert "identity_number_encrypted" not in profile
