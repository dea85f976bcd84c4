"""A newcomer downloads all their data as JSON; a caseworker can produce it on request, audited."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from portal.models import AuditEvent
from portal.services import calendar_feed
from tests.factories import (
    create_conversation,
    create_decided_objection,
    create_objectionable_plan,
    create_person,
    create_staff,
)
from tests.helpers import sign_in_newcomer, sign_in_staff
from tests.servers import text_sms


@pytest.fixture
def caseworker(region):
    return create_staff(region["sodertalje"])


@pytest.fixture
def newcomer(region, caseworker):
    person = create_person(region["sodertalje"], language="fa", phone="+46701239876", name="Laleh Ahmadi")
    create_objectionable_plan(person, caseworker)
    create_decided_objection(person, caseworker, text="Kursen ligger för långt bort.")
    return person


@pytest.mark.usefixtures("fake_rasa")
def test_a_newcomer_downloads_everything_held_about_them(client, newcomer, db):
    text_sms(client, newcomer.phone, "när börjar kursen?")
    token = calendar_feed.create_feed(newcomer)
    sign_in_newcomer(client, newcomer)
    response = client.get("/my-data.json")
    assert response.status_code == 200 and response.mimetype == "application/json"
    assert response.headers["Content-Disposition"].startswith("attachment")
    assert response.headers["Cache-Control"] == "no-store"
    data = json.loads(response.get_data(as_text=True))
    assert data["format"] == "ankomst-export-1"
    assert data["profile"]["name"] == "Laleh Ahmadi" and data["profile"]["phone"] == newcomer.phone
    assert data["profile"]["home_municipality"] == newcomer.home_municipality.name
    assert data["consents"]["sms"]["opted_out"] is False
    [plan] = data["plans"]
    assert plan["goals"] and plan["activities"] and plan["versions"]
    [objection] = data["objections"]
    assert objection["text"] == "Kursen ligger för långt bort."
    assert objection["decisions"][0]["outcome"] == "rejected" and objection["events"]
    messages = [m["body"] for c in data["conversations"] for m in c["messages"]]
    assert "när börjar kursen?" in messages
    assert data["calendar_feeds"] and "token_hash" not in data["calendar_feeds"][0]
    text = response.get_data(as_text=True)
    for secret in (token, "code_hash", "token_hash", "idempotency_key", "$argon2"):
        assert secret not in text


def test_only_the_signed_in_newcomer_gets_an_export(client, newcomer, region):
    assert client.get("/my-data.json").status_code == 302  # to the sign-in
    other = create_person(region["botkyrka"])
    sign_in_newcomer(client, other)
    data = client.get("/my-data.json").get_json(force=True)
    assert data["profile"]["id"] == other.id and data["plans"] == [] and data["objections"] == []


def test_a_caseworker_produces_the_export_on_request_and_it_is_audited(client, newcomer, caseworker, db):
    sign_in_staff(client, caseworker)
    response = client.get(f"/staff/people/{newcomer.id}/export.json")
    assert response.status_code == 200
    assert response.get_json()["profile"]["id"] == newcomer.id
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "person.export"))
    assert event.person_id == newcomer.id and event.actor_staff_id == caseworker.id


def test_a_caseworker_elsewhere_gets_a_404_and_the_attempt_is_audited(client, newcomer, region, db):
    stranger = create_staff(region["botkyrka"])
    sign_in_staff(client, stranger)
    assert client.get(f"/staff/people/{newcomer.id}/export.json").status_code == 404
    assert db.session.scalar(select(AuditEvent.action).where(AuditEvent.actor_staff_id == stranger.id)) == (
        "person.export_denied"
    )


def test_an_anonymous_chat_conversation_of_someone_else_is_not_in_the_export(client, newcomer):
    create_conversation(channel="chat", language="fa")
    sign_in_newcomer(client, newcomer)
    data = client.get("/my-data.json").get_json(force=True)
    assert all(c["person_id"] == newcomer.id or c["phone"] == newcomer.phone for c in data["conversations"])
