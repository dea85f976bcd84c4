"""Every newcomer sign-in rule has its own test."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from portal.models import SignInCode, SignInSession, SmsMessage
from tests.factories import create_person
from tests.helpers import check_page, code_from_outbox, sign_in_newcomer


@pytest.fixture
def person(region):
    return create_person(region["sodertalje"], language="ar", phone="+46701112233")


def _request(client, phone="070-111 22 33"):
    return client.post("/signin", data={"phone": phone})


def _send(client, code):
    return client.post("/signin/code", data={"code": code})


def _outbox_count(db) -> int:
    return db.session.scalar(select(func.count()).select_from(SmsMessage))


def test_a_code_is_six_digits_sent_in_the_persons_language(client, person, db):
    assert _request(client).status_code == 302
    message = db.session.scalar(select(SmsMessage))
    code = code_from_outbox(person.phone)
    assert len(code) == 6 and code.isdigit()
    assert message.purpose == "signin_code"
    assert message.to_number == "+46701112233"


def test_the_code_is_stored_only_as_a_hash(client, person, db):
    _request(client)
    code = code_from_outbox(person.phone)
    stored = db.session.scalar(select(SignInCode))
    assert code not in stored.code_hash and stored.code_hash.startswith("$argon2id$")


def test_the_right_code_signs_in_and_lands_on_a_page(client, person):
    sign_in_newcomer(client, person)
    assert client.get("/").status_code == 200


def test_a_code_works_only_once(client, person, db):
    _request(client)
    code = code_from_outbox(person.phone)
    assert _send(client, code).status_code == 302
    client.post("/signout", data={})
    _request(client)  # new pending sign-in, old code reused
    db.session.execute(SignInCode.__table__.delete().where(SignInCode.used_at.is_(None)))
    db.session.commit()
    assert _send(client, code).status_code == 422


@pytest.mark.parametrize(
    ("elapsed", "status"),
    [(timedelta(minutes=9, seconds=50), 302), (timedelta(minutes=10, seconds=10), 422)],
    ids=["just before ten minutes", "just after ten minutes"],
)
def test_a_code_expires_after_ten_minutes(client, person, db, elapsed, status):
    _request(client)
    code = code_from_outbox(person.phone)
    # As if the code had been sent `elapsed` ago: its lifetime is the one it was given.
    record = db.session.scalar(select(SignInCode))
    record.created_at -= elapsed
    record.expires_at -= elapsed
    db.session.commit()
    response = _send(client, code)
    assert response.status_code == status
    if status == 422:
        check_page(response)


def test_a_code_dies_after_five_wrong_tries(client, person):
    _request(client)
    code = code_from_outbox(person.phone)
    wrong = f"{(int(code) + 1) % 1_000_000:06d}"
    for _ in range(5):
        assert _send(client, wrong).status_code == 422
    assert _send(client, code).status_code == 422  # the right code is now useless


def test_at_most_five_codes_per_number_per_hour(client, person, db):
    for _ in range(7):
        assert _request(client).status_code == 302
    assert _outbox_count(db) == 5


def test_unknown_numbers_get_the_same_answer_and_no_sms(client, person, db):
    known = _request(client, "0701112233")
    unknown = _request(client, "0709998877")
    assert known.status_code == unknown.status_code == 302
    assert known.location == unknown.location
    assert client.get("/signin/code").get_data(as_text=True)  # same page either way
    assert _outbox_count(db) == 1


def test_unknown_numbers_are_not_stored(client, db, person):
    _request(client, "0709998877")
    codes = db.session.scalars(select(SignInCode)).all()
    assert all("+46709998877" not in (c.phone_digest or "") for c in codes)
    assert all(c.person_id is None for c in codes)


def test_sign_in_issues_a_fresh_session_id(client, person, db):
    with client.session_transaction() as sess:
        sess["planted"] = "attacker"
    sign_in_newcomer(client, person)
    with client.session_transaction() as sess:
        assert "planted" not in sess
    assert db.session.scalar(select(func.count()).select_from(SignInSession)) == 1


def test_sign_out_ends_the_session_on_the_server(client, person, db):
    sign_in_newcomer(client, person)
    client.post("/signout", data={})
    assert db.session.scalar(select(func.count()).select_from(SignInSession)) == 0


def test_a_session_ends_after_thirty_idle_minutes(client, person, db, app):
    sign_in_newcomer(client, person)
    record = db.session.scalar(select(SignInSession))
    record.last_seen_at -= timedelta(minutes=31)
    db.session.commit()
    soup = check_page(client.get("/"))
    assert soup.select_one("form[action='/signout']") is None


def test_a_session_ends_after_twelve_hours_however_active(client, person, db):
    sign_in_newcomer(client, person)
    record = db.session.scalar(select(SignInSession))
    record.created_at -= timedelta(hours=12, minutes=1)
    db.session.commit()
    soup = check_page(client.get("/"))
    assert soup.select_one("form[action='/signout']") is None


def test_an_active_session_stays_signed_in(client, person, db):
    sign_in_newcomer(client, person)
    record = db.session.scalar(select(SignInSession))
    record.last_seen_at -= timedelta(minutes=20)
    db.session.commit()
    assert check_page(client.get("/")).select_one("form[action='/signout']") is not None


def test_one_address_is_limited_across_numbers(client, app, person, monkeypatch):
    monkeypatch.setitem(app.config, "SIGNIN_IP_LIMIT", "3 per hour")  # the app is shared: restore it
    statuses = [_request(client, f"07011100{n:02d}").status_code for n in range(5)]
    assert statuses[:3] == [302, 302, 302]
    assert statuses[3] == 429


@pytest.mark.parametrize(
    ("phone", "status"),
    [
        ("", 422),
        ("hello", 422),
        ("123", 422),
        ("0" * 40, 422),
        ("+4420 7946 0958", 422),
        ("+1 202 555 0143", 422),
        ("08-123 456 78", 422),
    ],
)
def test_bad_numbers_get_a_clear_message_and_no_sms(client, db, phone, status):
    response = client.post("/signin?lang=ar", data={"phone": phone})
    assert response.status_code == status
    soup = check_page(response, lang="ar")
    assert soup.select_one(".error-summary") is not None
    field = soup.select_one("#phone")
    assert field["aria-invalid"] == "true"
    assert field.get("value", "") == phone[:32] or len(phone) > 32
    assert _outbox_count(db) == 0


def test_the_code_page_without_a_pending_sign_in_goes_back(client):
    assert client.get("/signin/code").location.endswith("/signin")


def test_a_newcomer_cannot_open_staff_pages(client, person):
    sign_in_newcomer(client, person)
    assert client.get("/staff/people").status_code == 403
