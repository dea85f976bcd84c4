"""The probe's low findings, one regression test each: staff sign-in throttling per account and
address, the stored language only by a POST with CSRF, a replayed MessageSid from another
number, and bad `next` values."""

from __future__ import annotations

from datetime import timedelta

import pyotp
import pytest
from sqlalchemy import func, select

from portal.models import Message, SmsMessage, StaffSignInThrottle, utcnow
from tests.factories import PASSWORD, create_person, create_staff
from tests.helpers import check_page, sign_in_newcomer
from tests.servers import post_signed, sms_params

HERE = {"REMOTE_ADDR": "10.0.0.1"}
ELSEWHERE = {"REMOTE_ADDR": "10.9.9.9"}


# -- staff sign-in: per account and address, progressive, the same for unknown emails ----------


@pytest.fixture
def caseworker(region):
    return create_staff(region["sodertalje"], email="elin@sodertalje.se")


def _password(client, email: str, password: str, where=HERE):
    return client.post("/staff/signin", data={"email": email, "password": password}, environ_base=where)


def _error(response) -> str:
    return check_page(response).select_one(".error").get_text(strip=True)


def test_five_failures_from_one_address_do_not_lock_the_account_elsewhere(app, client, caseworker):
    for _ in range(app.config["STAFF_FREE_ATTEMPTS"]):
        _password(client, caseworker.email, "wrong")
    assert _password(client, caseworker.email, PASSWORD).status_code == 422  # this address waits
    # The caseworker at their own desk signs in as usual.
    other = app.test_client()
    response = _password(other, caseworker.email, PASSWORD, ELSEWHERE)
    assert response.status_code == 302 and response.location.endswith("/staff/signin/totp")


def test_the_free_tries_pass_without_a_wait(app, client, caseworker):
    for _ in range(app.config["STAFF_FREE_ATTEMPTS"] - 1):
        assert _error(_password(client, caseworker.email, "wrong")) == _error(_password(client, "x@y.se", "wrong"))
    assert _password(client, caseworker.email, PASSWORD).status_code == 302


def test_a_known_and_an_unknown_email_get_the_same_answers_and_waits(app, client, caseworker, db):
    known = [_error(_password(client, caseworker.email, "wrong")) for _ in range(7)]
    unknown = [_error(_password(client, "nobody@sodertalje.se", "wrong")) for _ in range(7)]
    assert known == unknown
    assert known[0] != known[-1]  # first "wrong email or password", then "please wait"
    waits = db.session.scalars(select(StaffSignInThrottle.wait_until)).all()
    assert len(waits) == 2 and all(w is not None for w in waits)


def test_each_failure_past_the_free_ones_doubles_the_wait_up_to_the_longest(app, client, caseworker, db):
    from portal.services import staff_signin

    key = staff_signin.account_digest(caseworker.email)
    free, first, longest = (app.config[k] for k in ("STAFF_FREE_ATTEMPTS", "STAFF_FIRST_WAIT", "STAFF_LONGEST_WAIT"))
    waits = []
    for _ in range(free + 8):
        staff_signin.register_failure(key, "10.0.0.1")
        record = db.session.get(StaffSignInThrottle, (key, "10.0.0.1"))
        db.session.refresh(record)
        if record.wait_until is not None:
            waits.append(round((record.wait_until - record.last_failure_at).total_seconds()))
    expected = [min(first * 2**n, longest).total_seconds() for n in range(9)]
    assert waits == expected
    assert waits[-1] == longest.total_seconds()


def test_the_count_is_forgotten_after_a_quiet_while(app, client, caseworker, db):
    from portal.services import staff_signin

    key = staff_signin.account_digest(caseworker.email)
    for _ in range(app.config["STAFF_FREE_ATTEMPTS"]):
        staff_signin.register_failure(key, "10.0.0.1")
    record = db.session.get(StaffSignInThrottle, (key, "10.0.0.1"))
    record.last_failure_at = utcnow() - app.config["STAFF_FAILURE_MEMORY"] - timedelta(minutes=1)
    record.wait_until = utcnow() - timedelta(minutes=1)
    db.session.commit()
    staff_signin.register_failure(key, "10.0.0.1")
    db.session.refresh(record)
    assert record.failures == 1 and record.wait_until is None


def test_wrong_totp_codes_count_for_the_same_address(app, client, caseworker):
    _password(client, caseworker.email, PASSWORD)
    for _ in range(app.config["STAFF_FREE_ATTEMPTS"]):
        client.post("/staff/signin/totp", data={"code": "000000"}, environ_base=HERE)
    right = pyotp.TOTP(caseworker.totp_secret).now()
    assert client.post("/staff/signin/totp", data={"code": right}, environ_base=HERE).status_code == 422


def test_a_full_sign_in_clears_the_count(app, client, caseworker, db):
    for _ in range(app.config["STAFF_FREE_ATTEMPTS"] - 1):
        _password(client, caseworker.email, "wrong")
    _password(client, caseworker.email, PASSWORD)
    right = pyotp.TOTP(caseworker.totp_secret).now()
    assert client.post("/staff/signin/totp", data={"code": right}, environ_base=HERE).status_code == 302
    assert db.session.scalar(select(func.count()).select_from(StaffSignInThrottle)) == 0


# -- the stored language changes only by a POST with CSRF -------------------------------------


@pytest.fixture
def newcomer(region):
    return create_person(region["botkyrka"], language="ar")


def test_a_cross_site_get_changes_the_page_language_but_not_the_stored_one(client, newcomer, db):
    sign_in_newcomer(client, newcomer)
    response = client.get("/language/ru?next=/")
    assert response.status_code == 302
    assert client.get("/").get_data(as_text=True).count('lang="ru"') >= 1
    db.session.refresh(newcomer)
    assert newcomer.preferred_language == "ar"


def test_a_post_without_csrf_changes_nothing(client, newcomer, db):
    sign_in_newcomer(client, newcomer)
    assert client.post("/language/ru", data={}, csrf=False).status_code == 400
    db.session.refresh(newcomer)
    assert newcomer.preferred_language == "ar"


def test_the_picker_stores_a_signed_in_newcomers_choice_with_a_csrf_form(client, newcomer, db):
    sign_in_newcomer(client, newcomer)
    soup = check_page(client.get("/language?next=/plan"))
    forms = soup.select(".language-list form")
    assert len(forms) == 12 and all(f["method"] == "post" for f in forms)
    assert not soup.select(".language-list a")
    action = next(f["action"] for f in forms if f.button["lang"] == "so")
    response = client.post(action, data={})
    assert response.status_code == 302 and response.location == "/plan"
    db.session.refresh(newcomer)
    assert newcomer.preferred_language == "so"


def test_the_picker_for_someone_not_signed_in_is_links(client):
    soup = check_page(client.get("/language"))
    assert len(soup.select(".language-list a")) == 12 and not soup.select(".language-list form")


# -- a replayed MessageSid answers only to the same number -------------------------------------


@pytest.mark.usefixtures("fake_rasa")
def test_a_message_id_replayed_from_another_number_gets_nothing(client, db, region):
    person = create_person(region["sodertalje"], phone="+46701230001")
    params = sms_params(person.phone, "när är min nästa aktivitet")
    first = post_signed(client, "/webhooks/twilio/sms", params)
    assert "echo:" in first.get_data(as_text=True)
    forged = post_signed(client, "/webhooks/twilio/sms", {**params, "From": "+46709990001"})
    assert forged.status_code == 200 and "<Message" not in forged.get_data(as_text=True)
    # The real repeat still gets the original answer.
    again = post_signed(client, "/webhooks/twilio/sms", params)
    assert again.get_data(as_text=True) == first.get_data(as_text=True)
    assert db.session.scalar(select(func.count()).select_from(Message)) == 2
    assert db.session.scalar(select(func.count()).select_from(SmsMessage)) == 1


# -- bad `next` values are a 400 ------------------------------------------------------------------

BAD_NEXT = [
    "https://evil.example/",
    "//evil.example/",
    "/\\evil.example",
    "javascript:alert(1)",
    "plan",
    "/plan%0d%0aSet-Cookie:%20x=1",
    "/plan%0aLocation:%20https://evil.example",
    "/plan%09",
    "/plan%00",
]


@pytest.mark.parametrize("path", ["/signin", "/staff/signin", "/language", "/language/en"])
@pytest.mark.parametrize("value", BAD_NEXT)
def test_a_bad_next_value_is_a_400(client, path, value):
    assert client.get(f"{path}?next={value}").status_code == 400


@pytest.mark.parametrize("path", ["/signin", "/staff/signin"])
def test_a_bad_next_value_on_a_form_post_is_a_400(client, path):
    response = client.post(f"{path}?next=%0d%0a", data={"phone": "0701234567", "email": "a@b.se", "password": "x"})
    assert response.status_code == 400


def test_a_good_next_value_is_followed(client):
    assert client.get("/language/en?next=/info").location == "/info"
    assert client.get("/language/en").location == "/"
