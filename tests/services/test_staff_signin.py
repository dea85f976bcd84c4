from __future__ import annotations

import pyotp
import pytest

from portal.models import Role
from tests.factories import PASSWORD, create_staff
from tests.helpers import check_page, sign_in_staff


@pytest.fixture
def caseworker(region):
    return create_staff(region["sodertalje"], Role.CASEWORKER, email="elin@sodertalje.se")


def test_password_then_totp_signs_in(client, caseworker):
    sign_in_staff(client, caseworker)
    assert client.get("/staff/").status_code == 200


def test_a_password_alone_does_not_sign_in(client, caseworker):
    client.post("/staff/signin", data={"email": caseworker.email, "password": PASSWORD})
    assert client.get("/staff/").status_code == 302


def test_wrong_password_and_unknown_email_look_the_same(client, caseworker):
    a = client.post("/staff/signin", data={"email": caseworker.email, "password": "nope"})
    b = client.post("/staff/signin", data={"email": "nobody@x.se", "password": "nope"})
    assert a.status_code == b.status_code == 422
    assert check_page(a).select_one(".error").get_text() == check_page(b).select_one(".error").get_text()


def test_this_address_waits_after_five_failures(client, caseworker):
    for _ in range(5):
        client.post("/staff/signin", data={"email": caseworker.email, "password": "wrong"})
    response = client.post("/staff/signin", data={"email": caseworker.email, "password": PASSWORD})
    assert response.status_code == 422  # even the right password is refused while it waits


def test_wrong_totp_codes_count_towards_the_wait(client, caseworker, db):
    client.post("/staff/signin", data={"email": caseworker.email, "password": PASSWORD})
    for _ in range(5):
        client.post("/staff/signin/totp", data={"code": "000000"})
    response = client.post("/staff/signin/totp", data={"code": pyotp.TOTP(caseworker.totp_secret).now()})
    assert response.status_code == 422


def test_a_totp_code_cannot_be_replayed(client, caseworker, app):
    sign_in_staff(client, caseworker)
    client.post("/signout", data={})
    code = pyotp.TOTP(caseworker.totp_secret).now()
    client.post("/staff/signin", data={"email": caseworker.email, "password": PASSWORD})
    assert client.post("/staff/signin/totp", data={"code": code}).status_code == 422


def test_a_new_staff_member_enrols_a_second_factor(client, region, db):
    staff = create_staff(region["botkyrka"], Role.EDITOR, totp=False)
    response = client.post("/staff/signin", data={"email": staff.email, "password": PASSWORD})
    assert response.location.endswith("/staff/signin/enrol")
    soup = check_page(client.get("/staff/signin/enrol"))
    assert soup.select_one("svg") is not None
    db.session.refresh(staff)
    assert client.post("/staff/signin/enrol", data={"code": "123456"}).status_code == 422
    response = client.post("/staff/signin/enrol", data={"code": pyotp.TOTP(staff.totp_secret).now()})
    assert response.status_code == 302
    db.session.refresh(staff)
    assert staff.totp_confirmed
    assert client.get("/staff/").status_code == 200


def test_enrolment_is_not_reachable_for_an_enrolled_account(client, caseworker):
    client.post("/staff/signin", data={"email": caseworker.email, "password": PASSWORD})
    assert client.get("/staff/signin/enrol").location.endswith("/staff/signin")
