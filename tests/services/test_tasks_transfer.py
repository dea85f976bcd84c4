"""A person transferred in makes a task for the receiving organisation (issue 21, item 2), on a frozen clock."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select

from portal.extensions import db
from portal.models import Role, Task, TaskKind
from portal.services import plans, tasks
from tests.factories import create_person, create_plan, create_staff

NOW = datetime(2026, 12, 7, 10, 0, tzinfo=UTC)
NOTE = "Tolk på dari bokad; praktikplats söks i Botkyrka, kontakta SFI Tumba."


def _open_transfer_tasks() -> list[Task]:
    stmt = select(Task).where(Task.done_at.is_(None), Task.kind == TaskKind.TRANSFER_RECEIVED)
    return list(db.session.scalars(stmt))


def test_a_transfer_makes_one_task_for_the_receiving_organisation_only(app, region):
    sender = create_staff(region["sodertalje"], Role.CASEWORKER)
    receiver = create_staff(region["botkyrka"], Role.CASEWORKER)
    person = create_person(region["sodertalje"], language="prs")
    create_plan(person, sender)
    tasks.sweep(NOW)
    assert not _open_transfer_tasks()  # no transfer yet
    plans.transfer_person(person, sender, region["botkyrka"], NOTE)
    tasks.sweep(NOW)
    tasks.sweep(NOW)  # twice: still one task
    found = _open_transfer_tasks()
    assert [t.person_id for t in found] == [person.id]
    assert [t.id for t in tasks.list_open_tasks(receiver) if t.kind == TaskKind.TRANSFER_RECEIVED] == [found[0].id]
    assert not [t for t in tasks.list_open_tasks(sender) if t.kind == TaskKind.TRANSFER_RECEIVED]


def test_the_task_stays_until_done_and_a_further_transfer_closes_it(app, region):
    sender = create_staff(region["sodertalje"], Role.CASEWORKER)
    receiver = create_staff(region["botkyrka"], Role.CASEWORKER)
    person = create_person(region["sodertalje"])
    plans.transfer_person(person, sender, region["botkyrka"], NOTE)
    tasks.sweep(NOW)
    first = _open_transfer_tasks()[0]
    plans.transfer_person(
        person,
        receiver,
        region["stockholm"],
        NOTE,
    )
    tasks.sweep(NOW)
    db.session.refresh(first)
    assert first.done_at is not None and first.done_by_id is None  # closed by the sweep
    assert len(_open_transfer_tasks()) == 1 and _open_transfer_tasks()[0].id != first.id
