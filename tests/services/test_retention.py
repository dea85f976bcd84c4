"""The retention job, on a frozen clock: each kind of data goes when its period is over, not before."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from portal.models import (
    AuditEvent,
    Channel,
    Conversation,
    Direction,
    Message,
    SignInCode,
    SignInSession,
    SignInThrottle,
    SmsMessage,
    StaffSignInThrottle,
)
from portal.services.retention import purge_expired
from tests.factories import create_person

NOW = datetime(2027, 3, 1, 12, 0, tzinfo=UTC)  # the frozen clock
SECOND = timedelta(seconds=1)


@pytest.fixture
def periods(config):
    """RETENTION_PERIODS for one test (restored afterwards)."""
    config["RETENTION_PERIODS"] = dict(config["RETENTION_PERIODS"])  # a copy: the class attribute stays as it is
    return config["RETENTION_PERIODS"]


def _count(db, model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def test_the_documented_default_periods(app):
    assert app.config["RETENTION_PERIODS"] == {
        "signin_codes": timedelta(days=1),
        "expired_sessions": timedelta(days=1),
        "message_bodies": timedelta(days=90),
        "audit": timedelta(days=730),
    }


def _code(db, made: datetime) -> SignInCode:
    code = SignInCode(phone_digest="d" * 64, code_hash="h", created_at=made, expires_at=made + timedelta(minutes=10))
    db.session.add(code)
    db.session.commit()
    return code


def test_sign_in_codes_go_a_day_after_they_were_made(db, periods):
    _code(db, NOW - periods["signin_codes"] - SECOND)
    kept = _code(db, NOW - periods["signin_codes"] + SECOND)
    assert purge_expired(NOW)["signin_codes"] == 1
    assert db.session.scalars(select(SignInCode.id)).all() == [kept.id]


def test_the_code_period_is_configurable(db, periods):
    periods["signin_codes"] = timedelta(days=7)
    _code(db, NOW - timedelta(days=3))
    assert purge_expired(NOW)["signin_codes"] == 0
    assert purge_expired(NOW + timedelta(days=5))["signin_codes"] == 1


def test_sessions_go_a_day_after_they_expired(app, db, region, periods):
    person = create_person(region["botkyrka"])
    idle, absolute = app.config["SESSION_IDLE_TIMEOUT"], app.config["SESSION_ABSOLUTE_LIFETIME"]
    grace = periods["expired_sessions"]
    rows = {
        "idle long ago": SignInSession(
            token_hash="a" * 64,
            person_id=person.id,
            created_at=NOW - idle - grace - SECOND * 2,
            last_seen_at=NOW - idle - grace - SECOND,
        ),
        "too old": SignInSession(
            token_hash="b" * 64,
            person_id=person.id,
            created_at=NOW - absolute - grace - SECOND,
            last_seen_at=NOW,
        ),
        "expired just now": SignInSession(
            token_hash="c" * 64,
            person_id=person.id,
            created_at=NOW - idle * 2,
            last_seen_at=NOW - idle - SECOND,
        ),
        "live": SignInSession(token_hash="d" * 64, person_id=person.id, created_at=NOW, last_seen_at=NOW),
    }
    db.session.add_all(rows.values())
    db.session.commit()
    assert purge_expired(NOW)["expired_sessions"] == 2
    left = set(db.session.scalars(select(SignInSession.token_hash)))
    assert left == {"c" * 64, "d" * 64}


def _conversation(db, phone: str, last: datetime, body: str) -> Conversation:
    conversation = Conversation(channel=Channel.SMS, phone=phone, language="sv", last_activity_at=last)
    db.session.add(conversation)
    db.session.flush()
    sms = SmsMessage(direction="out", to_number=phone, body=body, purpose="assistant", backend="twiml", created_at=last)
    db.session.add_all(
        [
            Message(conversation_id=conversation.id, direction=Direction.IN, body=body, created_at=last),
            Message(conversation_id=conversation.id, direction=Direction.OUT, body=body, sms_message=sms),
        ]
    )
    db.session.commit()
    return conversation


def test_message_texts_are_emptied_90_days_after_the_conversation_ended_and_the_rows_stay(db, periods):
    old = _conversation(db, "+46700000001", NOW - periods["message_bodies"] - SECOND, "min adress är Storgatan 1")
    recent = _conversation(db, "+46700000002", NOW - periods["message_bodies"] + SECOND, "hej")
    counts = purge_expired(NOW)
    assert counts["message_bodies"] == 2 and counts["sms_bodies"] == 1
    bodies = {m.conversation_id: m.body for m in db.session.scalars(select(Message))}
    assert bodies[old.id] == "" and bodies[recent.id] == "hej"
    assert _count(db, Message) == 4
    assert "Storgatan" not in " ".join(db.session.scalars(select(SmsMessage.body)))
    # A second run finds nothing more to do.
    assert purge_expired(NOW)["message_bodies"] == 0


def test_audit_events_go_after_two_years(db, periods):
    db.session.add_all(
        [
            AuditEvent(action="person.read", at=NOW - periods["audit"] - SECOND),
            AuditEvent(action="person.read", at=NOW - periods["audit"] + SECOND),
        ]
    )
    db.session.commit()
    assert purge_expired(NOW)["audit"] == 1 and _count(db, AuditEvent) == 1


def test_throttle_rows_go_once_they_limit_nothing(app, db):
    db.session.add_all(
        [
            SignInThrottle(phone_digest="a" * 64, updated_at=NOW - timedelta(days=2)),
            SignInThrottle(phone_digest="b" * 64, updated_at=NOW - timedelta(minutes=5)),
            StaffSignInThrottle(
                account_digest="c" * 64,
                address="10.0.0.1",
                failures=9,
                last_failure_at=NOW - app.config["STAFF_FAILURE_MEMORY"] - SECOND,
                wait_until=NOW - SECOND,
            ),
            StaffSignInThrottle(
                account_digest="d" * 64,
                address="10.0.0.1",
                failures=9,
                last_failure_at=NOW - timedelta(minutes=1),
                wait_until=NOW + timedelta(minutes=5),
            ),
        ]
    )
    db.session.commit()
    assert purge_expired(NOW)["throttles"] == 2
    assert db.session.scalars(select(SignInThrottle.phone_digest)).all() == ["b" * 64]
    assert db.session.scalars(select(StaffSignInThrottle.account_digest)).all() == ["d" * 64]


def test_the_cli_runs_the_purge(app, db):
    _code(db, datetime.now(UTC) - timedelta(days=3))
    result = app.test_cli_runner().invoke(args=["retention", "run"])
    assert result.exit_code == 0 and "signin_codes: 1" in result.output
    assert _count(db, SignInCode) == 0


def test_the_job_schedules_its_next_run_on_the_queue(app, db):
    from redis import Redis
    from rq import Queue

    from portal.services import retention

    url = "redis://127.0.0.1:6379/15"
    saved = app.config.get("REDIS_URL")
    app.config["REDIS_URL"] = url
    redis = Redis.from_url(url)
    try:
        retention.run_retention()
        scheduled = Queue(app.config["WORKER_QUEUE"], connection=redis).scheduled_job_registry
        assert "ankomst-retention" in scheduled.get_job_ids()
    finally:
        app.config["REDIS_URL"] = saved
        from rq.job import Job

        Job.fetch("ankomst-retention", connection=redis).delete()
