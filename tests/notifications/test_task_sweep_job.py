"""The scheduled sweep makes caseworkers' tasks too, not only the start page (issue 21)."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select

from portal.extensions import db
from portal.models import Task, TaskKind
from portal.notifications.events import run_sweep
from tests.factories import create_person


def test_the_worker_sweep_makes_a_no_plan_task_without_anyone_opening_a_page(app, region):
    person = create_person(region["botkyrka"])
    person.arrival_date = date.today() - timedelta(days=10)
    db.session.commit()
    assert app.config.get("REDIS_URL") is None  # the next sweep is not scheduled in tests
    run_sweep()
    task = db.session.scalar(select(Task).where(Task.person_id == person.id))
    assert task is not None and task.kind == TaskKind.NO_PLAN and task.done_at is None
