"""The worker queue: RQ on Redis when REDIS_URL is set, inline without it."""

from __future__ import annotations

import secrets

import pytest
from redis import Redis
from rq import Queue
from sqlalchemy import select

from portal.models import Channel, Conversation, Direction, Message, SmsMessage
from portal.services.conversations import deliver_reply
from portal.worker import enqueue

REDIS_URL = "redis://127.0.0.1:6379/15"


@pytest.fixture
def reply(db):
    conversation = Conversation(channel=Channel.SMS, phone="+46701112233", language="sv")
    db.session.add(conversation)
    db.session.flush()
    message = Message(
        conversation_id=conversation.id, direction=Direction.OUT, body="Hej!", delivery="rest", status="pending"
    )
    db.session.add(message)
    db.session.commit()
    return message


def test_without_redis_a_job_runs_at_once(app, db, reply):
    assert not app.config.get("REDIS_URL")
    enqueue(deliver_reply, reply.id)
    db.session.expire_all()
    assert db.session.get(Message, reply.id).status == "sent"
    assert db.session.scalar(select(SmsMessage.body)) == "Hej!"


def test_with_redis_a_job_waits_for_the_worker_and_carries_no_text_or_number(app, config, db, reply):
    queue_name = "test-" + secrets.token_hex(4)
    config.update(REDIS_URL=REDIS_URL, WORKER_QUEUE=queue_name)
    connection = Redis.from_url(REDIS_URL)
    try:
        enqueue(deliver_reply, reply.id)
        db.session.expire_all()
        assert db.session.get(Message, reply.id).status == "pending"  # not sent yet: queued
        queue = Queue(queue_name, connection=connection)
        job = queue.jobs[0]
        assert job.args == (reply.id,)
        assert job.retries_left == 3
        result = app.test_cli_runner().invoke(args=["worker", "--burst"])
        assert result.exit_code == 0, result.output
        db.session.expire_all()
        assert db.session.get(Message, reply.id).status == "sent"
    finally:
        Queue(queue_name, connection=connection).delete(delete_jobs=True)


def test_a_job_is_run_inline_when_redis_is_down(config, db, reply):
    config["REDIS_URL"] = "redis://127.0.0.1:1/0"
    enqueue(deliver_reply, reply.id)
    db.session.expire_all()
    assert db.session.get(Message, reply.id).status == "sent"


def test_the_worker_command_needs_redis(app):
    result = app.test_cli_runner().invoke(args=["worker", "--burst"])
    assert result.exit_code != 0 and "REDIS_URL" in result.output
