"""Erasure on request: the person's data goes, decided objections stay minimised, Rasa forgets."""

from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy import func, select

from portal.models import (
    AuditEvent,
    CalendarFeed,
    Conversation,
    Decision,
    ErasureRequest,
    ErasureRequestStatus,
    HandoffRequest,
    Message,
    Objection,
    Person,
    Plan,
    SignInSession,
    SmsMessage,
)
from portal.services import calendar_feed
from portal.services.erasure import KEPT_REASON, erase_person, request_erasure
from tests.factories import (
    create_conversation,
    create_decided_objection,
    create_handoff,
    create_objection,
    create_objectionable_plan,
    create_person,
    create_staff,
)
from tests.servers import text_sms

WORDS = "Min son är sjuk och jag kan inte komma på tisdagar."


@pytest.fixture
def caseworker(region):
    return create_staff(region["sodertalje"])


@pytest.fixture
def tracker_store(config, tmp_path):
    """A Rasa-like SQL tracker store with events for two senders (RASA_TRACKER_DB_URL, restored)."""
    path = tmp_path / "tracker.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE events (id INTEGER PRIMARY KEY, sender_id TEXT, data TEXT)")
    config["RASA_TRACKER_DB_URL"] = f"sqlite:///{path}"
    return path


def _events(path) -> list[str]:
    with sqlite3.connect(path) as conn:
        return [row[0] for row in conn.execute("SELECT sender_id FROM events ORDER BY id")]


def _count(db, model, *where) -> int:
    return db.session.scalar(select(func.count()).select_from(model).where(*where))


@pytest.mark.usefixtures("fake_rasa")
def test_erasure_removes_the_person_and_keeps_decided_objections_minimised(
    client, db, region, caseworker, tracker_store
):
    person = create_person(region["sodertalje"], phone="+46701230077", name="Amina Yusuf", language="so")
    create_objectionable_plan(person, caseworker)
    decided = create_decided_objection(person, caseworker, text=WORDS)
    open_case = create_objection(person, text="Jag vill byta praktikplats.")
    text_sms(client, person.phone, "goorma ayuu yahay casharka")
    sms = db.session.scalar(select(Conversation).where(Conversation.phone == person.phone))
    chat = create_conversation(channel="chat", person=person)
    create_handoff(person, note="ring mig")
    calendar_feed.create_feed(person)
    other = create_person(region["sodertalje"])
    others_chat = create_conversation(channel="chat", person=other)
    with sqlite3.connect(tracker_store) as conn:
        conn.executemany(
            "INSERT INTO events (sender_id, data) VALUES (?, ?)",
            [(sms.public_id, "{}"), (chat.public_id, "{}"), (others_chat.public_id, "{}")],
        )
    case_number, decided_id, open_id = decided.case_number, decided.id, open_case.id

    report = erase_person(person, caseworker, "asked at the reception, 2026-12-07")

    db.session.expire_all()
    erased = db.session.get(Person, person.id)
    assert erased.name == "" and "4670" not in erased.phone and erased.arrival_date is None
    assert erased.sms_opted_out
    assert _count(db, Conversation, Conversation.id.in_([sms.id, chat.id])) == 0
    assert _count(db, Message, Message.conversation_id.in_([sms.id, chat.id])) == 0
    assert _count(db, HandoffRequest, HandoffRequest.person_id == person.id) == 0
    assert _count(db, CalendarFeed, CalendarFeed.person_id == person.id) == 0
    assert _count(db, SignInSession, SignInSession.person_id == person.id) == 0
    assert all(body == "" for body in db.session.scalars(select(SmsMessage.body)))
    assert db.session.get(Objection, open_id) is None
    kept = db.session.get(Objection, decided_id)
    assert kept.case_number == case_number and kept.text == "" and kept.snapshot == {}
    assert _count(db, Decision, Decision.objection_id == decided_id) == 1
    plan = db.session.get(Plan, kept.plan_id)
    assert plan is not None and plan.goals == [] and plan.activities == []
    assert report.objections_kept == 1 and report.objections_deleted == 1 and report.kept == [KEPT_REASON]
    assert report.rasa_trackers == 2 and _events(tracker_store) == [others_chat.public_id]
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "person.erase"))
    assert event.actor_staff_id == caseworker.id and event.details["reason"].startswith("asked at")
    # Nobody's words are left anywhere in the database.
    for column in (Message.body, Objection.text, SmsMessage.body):
        assert WORDS not in " ".join(db.session.scalars(select(column)))
    # The other person is untouched.
    assert db.session.get(Conversation, others_chat.id) is not None


@pytest.mark.usefixtures("fake_rasa")
def test_an_erased_number_no_longer_reaches_anything(client, db, region, caseworker):
    person = create_person(region["sodertalje"], phone="+46701230078")
    erase_person(person, caseworker, "request by letter")
    text_sms(client, "+46701230078", "hej")
    conversation = db.session.scalar(select(Conversation).where(Conversation.phone == "+46701230078"))
    assert conversation.person_id is None  # a stranger now, not the erased person


def test_without_a_tracker_store_the_report_says_so(config, db, region, caseworker):
    config["RASA_TRACKER_DB_URL"] = None
    person = create_person(region["sodertalje"])
    create_conversation(channel="chat", person=person)
    assert erase_person(person, caseworker, "test").rasa_trackers is None


def test_the_cli_needs_a_caseworker_of_the_persons_organisation(app, db, region, caseworker):
    person = create_person(region["sodertalje"], name="Kept Name")
    stranger = create_staff(region["botkyrka"])
    runner = app.test_cli_runner()
    refused = runner.invoke(args=["people", "erase", str(person.id), "--by", stranger.email, "--reason", "x", "--yes"])
    assert refused.exit_code != 0
    db.session.expire_all()
    assert db.session.get(Person, person.id).name == "Kept Name"
    done = runner.invoke(args=["people", "erase", str(person.id), "--by", caseworker.email, "--reason", "x", "--yes"])
    assert done.exit_code == 0 and "erased:" in done.output
    db.session.expire_all()
    assert db.session.get(Person, person.id).name == ""


def test_an_erasure_confirms_the_persons_pending_request_and_asking_twice_is_one_request(db, region, caseworker):
    person = create_person(region["sodertalje"])
    first = request_erasure(person)
    assert request_erasure(person).id == first.id
    erase_person(person, confirmed_by=caseworker, reason="asked at the desk")
    [request] = db.session.scalars(select(ErasureRequest)).all()
    assert request.status is ErasureRequestStatus.CONFIRMED and request.confirmed_by_id == caseworker.id
    assert request.confirmed_at is not None
