"""Reliability at scale (issue 13, item 7): an SMS conversation whose turns alternate between two
portal processes and two Rasa processes completes without losing state.

Started here, each on its own free port and on databases of its own:
- two portals (gunicorn, as in production) on one PostgreSQL database, each with its own Rasa;
- two Rasas sharing one PostgreSQL tracker store (Rasa's SQLTrackerStore, from an endpoints file
  in a temporary folder), and one action server (bot/actions_server.py) that both call;
- the RQ worker on Redis. The second portal is given no time to wait for its Rasa, so every
  reply it gets goes out late, through the worker, as it does in production when Rasa is slow.

The newcomer objects to their plan in five turns (start, the activity, the reason, the wanted
outcome, yes); the turns go to portal A, B, A, B, A, and so to Rasa 1, 2, 1, 2, 1. The form's
state lives only in the shared tracker store, so a Rasa that lost it would ask again, and the
case number would never come. The objection is filed once.
"""

from __future__ import annotations

import os
import secrets
import subprocess
import time
import uuid
from collections.abc import Iterator
from datetime import datetime, timedelta
from datetime import time as clock
from pathlib import Path

import pytest
import requests
from flask import Flask
from flask_babel import force_locale
from sqlalchemy import create_engine, select, text

from portal import create_app
from portal.catalogues import activity_label
from portal.extensions import db
from portal.models import Conversation, Direction, Message, Objection, Person
from portal.services.schedule import STOCKHOLM
from testkit.stack import (
    AssistantStack,
    free_port,
    missing_bot,
    start_portal,
    start_worker,
    stop_process,
    text_live_portal,
)
from tests.conftest import _config_dict
from tests.e2e.test_assistant_rasa import CASE_NUMBER, SCRIPTS
from tests.factories import create_person, create_plan, create_region, create_staff

pytestmark = [pytest.mark.rasa, pytest.mark.postgres]

PG = "postgresql+psycopg://postgres@127.0.0.1:5432"
REDIS_URL = os.environ.get("ANKOMST_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")
TWILIO_TOKEN = "scale-twilio-auth-token"
PHONE = "+46701114455"
LATE_REPLY_TIMEOUT = 180.0


@pytest.fixture
def databases() -> Iterator[tuple[str, str]]:
    """A PostgreSQL database for the portals and one for Rasa's trackers, dropped afterwards."""
    suffix = uuid.uuid4().hex[:8]
    names = (f"ankomst_scale_{suffix}", f"ankomst_scale_tracker_{suffix}")
    admin = create_engine(f"{PG}/postgres", isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        for name in names:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield names
    finally:
        with admin.connect() as conn:
            for name in names:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture
def scale_app(databases) -> Iterator[Flask]:
    """This test's view of the portals' database: the schema, and a newcomer with an active plan."""
    app = create_app({**_config_dict(), "SQLALCHEMY_DATABASE_URI": f"{PG}/{databases[0]}"})
    with app.app_context():
        db.create_all()
        region = create_region()
        caseworker = create_staff(region["sodertalje"])
        person = create_person(region["sodertalje"], language="sv", phone=PHONE)
        tomorrow = datetime.now(STOCKHOLM).date() + timedelta(days=1)
        create_plan(
            person,
            caseworker,
            start=tomorrow - timedelta(days=20),
            status="active",
            activities=[
                {
                    "type_key": "sfi",
                    "place": "Folkets hus, Hallunda",
                    "weekdays": [tomorrow.isoweekday()],
                    "start_time": clock(10, 0),
                    "start_date": tomorrow,
                    "end_date": tomorrow + timedelta(weeks=8),
                }
            ],
        )
        db.session.commit()
        try:
            yield app
        finally:
            db.session.remove()
            db.engine.dispose()


@pytest.fixture
def scaled_out(scale_app, databases, tmp_path):
    """Two portals, two Rasas on one tracker store, one action server and the worker, started in turn."""
    problem = missing_bot()
    if problem:
        pytest.fail(problem, pytrace=False)
    internal_token = secrets.token_urlsafe(24)
    portal_env = {
        **os.environ,
        "ANKOMST_ENV": "development",
        "DATABASE_URL": f"{PG}/{databases[0]}",
        "SECRET_KEY": secrets.token_urlsafe(32),
        "ANKOMST_INTERNAL_TOKEN": internal_token,
        "TWILIO_AUTH_TOKEN": TWILIO_TOKEN,
        "TWILIO_ACCOUNT_SID": "AC" + "1" * 32,
        "REDIS_URL": REDIS_URL,
        "ANKOMST_WORKER_QUEUE": f"ankomst-scale-{uuid.uuid4().hex[:8]}",  # this test's jobs only
        "RASA_TRACKER_DB_URL": f"{PG}/{databases[1]}",
        "ANKOMST_RASA_TIMEOUT": "90",
        "PYTHONUNBUFFERED": "1",
    }
    portal_env.pop("TEST_DATABASE_URL", None)
    tracker_store = (
        "tracker_store:\n"
        "  type: SQL\n"
        '  dialect: "postgresql"\n'
        '  url: "127.0.0.1"\n'
        "  port: 5432\n"
        f'  db: "{databases[1]}"\n'
        '  username: "postgres"\n'
    )
    started: list[subprocess.Popen] = []
    stack = None
    try:
        # One process at a time: there are only two cores, and Rasa loads its model for a minute.
        # The action server calls portal A (its port chosen now; it starts once Rasa 1 is up);
        # both portals share the database, so portal A sees the turns portal B took too.
        port_a = free_port()
        stack = AssistantStack.start(
            portal_url=f"http://127.0.0.1:{port_a}",
            token=internal_token,
            log_dir=tmp_path,
            tracker_store=tracker_store,
            # This test is about state, not latency: on two busy cores the action server's call to
            # file the objection can take longer than its production 3 s.
            extra_env={"ANKOMST_PORTAL_TIMEOUT": "30"},
        )
        rasa_2 = stack.add_rasa(tmp_path / "rasa-2.log")
        portal_a, process = start_portal(
            {**portal_env, "ANKOMST_RASA_URL": stack.rasa_url, "ANKOMST_SMS_REPLY_DEADLINE": "90"},
            tmp_path / "portal-a.log",
            port=port_a,
        )
        started.append(process)
        # Portal B never waits for its Rasa: each of its replies is recorded late and sent by the worker.
        portal_b, process = start_portal(
            {**portal_env, "ANKOMST_RASA_URL": rasa_2, "ANKOMST_SMS_REPLY_DEADLINE": "0"}, tmp_path / "portal-b.log"
        )
        started.append(process)
        started.append(start_worker(portal_env, tmp_path / "worker.log"))
        yield {
            "portals": [portal_a, portal_b],
            "rasas": [stack.rasa_url, rasa_2],
            "tracker_url": f"{PG}/{databases[1]}",
            "logs": tmp_path,
        }
    except RuntimeError as error:
        pytest.fail(f"the scaled-out stack did not start: {error}\n{_log_tails(tmp_path)}", pytrace=False)
    finally:
        for process in reversed(started):
            stop_process(process)
        if stack is not None:
            stack.stop()


def _log_tails(folder: Path, lines: int = 15) -> str:
    tails = []
    for log in sorted(folder.glob("*.log")):
        tail = log.read_text(errors="replace").splitlines()[-lines:]
        tails.append(f"--- {log.name}\n" + "\n".join(tail))
    return "\n".join(tails)


def _late_replies_sent(conversation_id: int) -> list[Message]:
    db.session.expire_all()
    return list(
        db.session.scalars(
            select(Message)
            .where(
                Message.conversation_id == conversation_id,
                Message.direction == Direction.OUT,
                Message.delivery == "rest",
                Message.status == "sent",
                Message.sms_message_id.is_not(None),
            )
            .order_by(Message.id)
        )
    )


def _wait_for_late_reply(count: int) -> str:
    """The body of the `count`th reply the worker sent by the REST path (the outbox here)."""
    deadline = time.monotonic() + LATE_REPLY_TIMEOUT
    while time.monotonic() < deadline:
        conversation = db.session.scalar(select(Conversation).where(Conversation.phone == PHONE))
        sent = _late_replies_sent(conversation.id) if conversation is not None else []
        if len(sent) >= count:
            return sent[count - 1].body
        time.sleep(0.5)
    raise AssertionError(f"reply {count} was not sent by the worker within {LATE_REPLY_TIMEOUT:.0f} s")


def test_an_objection_by_sms_alternating_between_two_portals_and_two_rasas_is_filed_once(scaled_out, scale_app):
    script = SCRIPTS[0]  # Swedish
    turns = [script.objection, "1", script.reason, script.wanted, script.yes]
    replies, late = [], 0
    for number, body in enumerate(turns):
        portal = scaled_out["portals"][number % 2]
        status, twiml, _seconds = text_live_portal(portal, PHONE, body, TWILIO_TOKEN)
        assert status == 200, f"turn {number + 1} on {portal}: {status}\n{_log_tails(scaled_out['logs'])}"
        if number % 2 == 0:
            assert len(twiml) == 1, f"turn {number + 1}: expected one TwiML reply, got {twiml!r}"
            replies.append(twiml[0])
        else:
            assert twiml == [], f"portal B answered at once, so the worker path was not used: {twiml!r}"
            late += 1
            replies.append(_wait_for_late_reply(late))

    with force_locale("sv"):
        sfi = str(activity_label("sfi"))
    assert sfi in replies[0], f"the activities were not listed: {replies[0]!r}"
    assert "5" in replies[1], f"the reasons were not listed (state lost between Rasa 1 and 2?): {replies[1]!r}"
    found = CASE_NUMBER.search(replies[-1])
    assert found, f"no case number at the end; the replies were {replies!r}"

    person = db.session.scalar(select(Person).where(Person.phone == PHONE))
    objections = list(db.session.scalars(select(Objection).where(Objection.person_id == person.id)))
    assert len(objections) == 1, f"{len(objections)} objections filed"
    assert objections[0].display_case_number == found.group() and objections[0].reason.value == "too_far"
    # Both Rasas kept the conversation in the shared tracker store, under the opaque id only.
    conversation = db.session.scalar(select(Conversation).where(Conversation.phone == PHONE))
    tracker = create_engine(scaled_out["tracker_url"])
    with tracker.connect() as conn:
        events = conn.scalar(text("SELECT COUNT(*) FROM events WHERE sender_id = :id"), {"id": conversation.public_id})
        phones = conn.scalar(text("SELECT COUNT(*) FROM events WHERE sender_id = :phone"), {"phone": PHONE})
    tracker.dispose()
    assert events > 0 and phones == 0
    assert requests.get(f"{scaled_out['rasas'][1]}/status", timeout=10).ok  # still up at the end
