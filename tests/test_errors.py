"""The database down: readers get the friendly 503 page in their language, Twilio a 503 it may retry.

These use an app of their own whose database refuses connections (nothing listens on port 9),
so the error is the real OperationalError a stopped PostgreSQL gives (bench/faults does the
same against a real PostgreSQL restart).
"""

from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy import text
from twilio.request_validator import RequestValidator

from portal import create_app
from portal.config import TestConfig
from portal.extensions import db

DEAD_DATABASE = "postgresql+psycopg://ankomst@127.0.0.1:9/ankomst?connect_timeout=2"


@pytest.fixture
def down_client():
    config = {k: getattr(TestConfig, k) for k in dir(TestConfig) if k.isupper()}
    app = create_app({**config, "SQLALCHEMY_DATABASE_URI": DEAD_DATABASE})
    return app.test_client()


def _unavailable_page(response, lang: str):
    assert response.status_code == 503
    assert response.mimetype == "text/html"
    assert response.headers["Retry-After"] == "30"
    page = response.get_data(as_text=True)
    assert f'<html lang="{lang}"' in page
    return page


def test_a_page_that_needs_the_database_answers_the_friendly_503_page(down_client):
    response = down_client.get("/info/halsa-och-vard?lang=ar")

    page = _unavailable_page(response, "ar")
    assert 'dir="rtl"' in page
    assert "Ankomst is not available just now" not in page  # it is in Arabic, not English


def test_a_signed_in_person_gets_the_503_page_not_a_500(down_client):
    # Loading the person from their session needs the database too; the page must not try again.
    with down_client.session_transaction() as session:
        session["_user_id"] = "a-session-token"
        session["_fresh"] = True

    response = down_client.get("/plan", headers={"Accept-Language": "uk"})

    _unavailable_page(response, "uk")


def test_an_sms_webhook_is_refused_with_a_503_twilio_can_retry(down_client):
    url = "http://localhost/webhooks/twilio/sms"
    form = {"MessageSid": "SM" + "0" * 32, "AccountSid": TestConfig.TWILIO_ACCOUNT_SID, "From": "+46701234567"}
    form["Body"] = "hej"
    signature = RequestValidator(TestConfig.TWILIO_AUTH_TOKEN).compute_signature(url, form)

    response = down_client.post(url, data=form, headers={"X-Twilio-Signature": signature})

    assert response.status_code == 503
    assert int(response.headers["Retry-After"]) > 0  # the rate limiter's window may set it
    assert response.get_json()["error"] == "error"


def test_a_connection_lost_before_the_end_of_a_request_does_not_turn_the_page_into_a_500(monkeypatch):
    # A database restart while a request holds a connection: the rollback at teardown fails.
    config = {k: getattr(TestConfig, k) for k in dir(TestConfig) if k.isupper()}
    app = create_app({**config, "SQLALCHEMY_DATABASE_URI": "sqlite://"})

    armed, lost = [], []

    @app.get("/_reads-the-database")
    def reads():
        db.session.execute(text("SELECT 1"))  # the transaction stays open until teardown
        armed.append(True)  # the database goes away now
        return "read"

    with app.app_context():
        dialect = db.engine.dialect
    rollback = dialect.do_rollback

    def rollback_on_a_dead_connection(connection):
        if armed and not lost:
            lost.append(True)
            raise sqlite3.OperationalError("server closed the connection unexpectedly")
        rollback(connection)

    monkeypatch.setattr(dialect, "do_rollback", rollback_on_a_dead_connection)
    monkeypatch.setattr(dialect, "is_disconnect", lambda error, connection, cursor: True)
    client = app.test_client()

    assert client.get("/_reads-the-database").get_data(as_text=True) == "read"
    assert lost
    assert client.get("/_reads-the-database").status_code == 200  # a new connection next time
