"""Sending: in the person's language, never after STOP, never twice (also across a worker restart)."""

from __future__ import annotations

import secrets
from datetime import time

import pytest
from redis import Redis
from rq import Queue, SimpleWorker
from rq.registry import ScheduledJobRegistry
from sqlalchemy import select

from portal.models import ActivityReminder, HandoffRequest, ReminderStatus, SmsMessage
from portal.reminders.planning import job_id, plan_reminders, schedule_jobs
from portal.reminders.sending import send_due, send_reminder
from tests.helpers import sign_in_staff
from tests.reminders.conftest import local
from tests.servers import text_sms

REDIS_URL = "redis://127.0.0.1:6379/15"


def reminder_sms(db) -> list[SmsMessage]:
    db.session.expire_all()
    return list(db.session.scalars(select(SmsMessage).where(SmsMessage.purpose == "reminder").order_by(SmsMessage.id)))


def the_reminder(db) -> ActivityReminder:
    db.session.expire_all()
    return db.session.scalars(select(ActivityReminder)).one()


def test_the_reminder_says_what_where_when_and_how_to_say_i_cannot_come_in_the_persons_language(db, region, at):
    from tests.factories import create_person, create_plan, create_staff

    at(local(2026, 12, 8, 10, 0))
    person = create_person(region["sodertalje"], language="ar")
    create_plan(
        person,
        create_staff(region["sodertalje"]),
        start=local(2026, 12, 7).date(),
        status="active",
        activities=[{"weekdays": [3], "start_time": time(9, 0), "place": "Storgatan 1, Södertälje"}],
    )
    at(local(2026, 12, 8, 18, 0, 30))
    assert send_due() == {"sent": 1}
    [sms] = reminder_sms(db)
    assert sms.to_number == person.phone
    assert "تذكير" in sms.body  # "reminder" in Arabic
    assert "Storgatan 1, Södertälje" in sms.body
    assert "https://www.openstreetmap.org/search?query=Storgatan" in sms.body
    assert "0" in sms.body.splitlines()[-1]


def test_a_reminder_is_sent_once_however_often_its_job_runs(db, newcomer, at):
    row = the_reminder(db)
    at(local(2026, 12, 8, 18, 0, 30))
    assert send_reminder(row.id, row.revision) == "sent"
    assert send_reminder(row.id, row.revision) == "not-claimed"
    assert send_due() == {}
    assert len(reminder_sms(db)) == 1
    assert the_reminder(db).status == ReminderStatus.SENT


def test_a_job_is_not_run_before_its_time(db, newcomer, at):
    row = the_reminder(db)
    at(local(2026, 12, 8, 17, 59))
    assert send_reminder(row.id, row.revision) == "not-claimed"
    assert reminder_sms(db) == []


def test_a_worker_running_late_into_quiet_hours_holds_the_reminder_until_the_morning(db, newcomer, at):
    row = the_reminder(db)
    at(local(2026, 12, 8, 21, 30))
    assert send_reminder(row.id, row.revision) == "deferred"
    row = the_reminder(db)
    assert row.status == ReminderStatus.SCHEDULED and row.due_at == local(2026, 12, 9, 8, 0)
    assert reminder_sms(db) == []
    at(local(2026, 12, 9, 8, 0, 5))
    assert send_due() == {"sent": 1}


def test_stop_stops_reminders_and_start_lets_the_next_ones_through(client, db, newcomer, at, fake_rasa):
    person, *_ = newcomer
    text_sms(client, person.phone, "STOPP")
    at(local(2026, 12, 8, 18, 0, 30))
    assert send_due() == {"skipped": 1}
    assert reminder_sms(db) == []
    # The planner plans nothing for someone who said STOP...
    at(local(2026, 12, 14, 10, 0))
    plan_reminders()
    assert [r.status for r in db.session.scalars(select(ActivityReminder))] == [ReminderStatus.SKIPPED]
    # ...until they say START.
    text_sms(client, person.phone, "START")
    plan_reminders()
    at(local(2026, 12, 15, 18, 0, 30))
    assert send_due() == {"sent": 1}


def test_a_reply_of_zero_tells_the_caseworker_which_occurrence_the_person_cannot_come_to(
    client, db, newcomer, at, fake_rasa
):
    person, plan, caseworker = newcomer
    at(local(2026, 12, 8, 18, 0, 30))
    send_due()
    at(local(2026, 12, 8, 18, 30))
    response = text_sms(client, person.phone, "0")
    assert "9 december" in response.get_data(as_text=True)
    assert fake_rasa.calls == []
    handoff = db.session.scalars(select(HandoffRequest)).one()
    assert (handoff.person_id, handoff.organisation_id, handoff.channel) == (
        person.id,
        person.responsible_org_id,
        "sms",
    )
    assert the_reminder(db).handoff_id == handoff.id
    sign_in_staff(client, caseworker)
    page = client.get("/staff/handoffs").get_data(as_text=True)
    assert "9 december" in page and "09:00" in page


def test_a_zero_without_a_recent_reminder_is_left_to_the_assistant(client, db, newcomer, fake_rasa):
    person, *_ = newcomer
    text_sms(client, person.phone, "0")
    assert db.session.scalars(select(HandoffRequest)).all() == []
    assert fake_rasa.calls


@pytest.fixture
def redis_queue(app):
    name = "test-reminders-" + secrets.token_hex(4)
    app.config.update(REDIS_URL=REDIS_URL, WORKER_QUEUE=name)
    connection = Redis.from_url(REDIS_URL)
    yield Queue(name, connection=connection)
    app.config.update(REDIS_URL=None, WORKER_QUEUE="ankomst")
    queue = Queue(name, connection=connection)
    ScheduledJobRegistry(queue=queue).remove_jobs() if hasattr(ScheduledJobRegistry, "remove_jobs") else None
    for key in connection.scan_iter(f"rq:*{name}*"):
        connection.delete(key)
    queue.delete(delete_jobs=True)


def test_no_duplicate_after_a_worker_restart_on_real_redis(app, db, newcomer, at, redis_queue):
    person, *_ = newcomer
    row = the_reminder(db)
    # Planned with Redis: the job waits in RQ's scheduled registry for 18:00.
    plan_reminders([person.id])  # unchanged: no second job
    schedule_jobs([row])  # the planner again after a restart: the same job id, not a second job
    registry = ScheduledJobRegistry(queue=redis_queue)
    assert registry.get_job_ids() == [job_id(row)]

    # 18:00 has come (the clock runs ahead; RQ's scheduler sees the job as due now).
    at(local(2026, 12, 8, 18, 0, 30))
    schedule_jobs([the_reminder(db)])
    # The first worker runs the job, then "dies" before RQ records it as done: RQ hands the
    # job out again, as it does for a job whose worker was killed.
    job = redis_queue.connection and registry.get_job_ids()[0]
    assert send_reminder(row.id, row.revision) == "sent"
    redis_queue.enqueue(send_reminder, row.id, row.revision, job_id=job + "-again")
    # A new worker starts (with its scheduler) and runs everything that is due.
    worker = SimpleWorker([redis_queue], connection=redis_queue.connection)
    worker.work(burst=True, with_scheduler=True)
    assert len(reminder_sms(db)) == 1
    assert the_reminder(db).status == ReminderStatus.SENT
    # And the planner after the restart plans nothing new for it.
    result = plan_reminders()
    assert result.planned == 0 and result.moved == 0
    assert len(reminder_sms(db)) == 1


def test_without_redis_reminders_wait_in_the_database_for_send_due(app, db, newcomer, at):
    assert not app.config.get("REDIS_URL")
    assert the_reminder(db).status == ReminderStatus.SCHEDULED  # planned, nothing sent inline
    at(local(2026, 12, 8, 18, 0, 30))
    result = app.test_cli_runner().invoke(args=["reminders", "send-due"])
    assert result.exit_code == 0, result.output
    assert "sent: 1" in result.output
    assert len(reminder_sms(db)) == 1
