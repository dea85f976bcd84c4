"""Tasks made by events in the cases, each rule on a frozen clock; assigned in the organisation; done with a note."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import func, select

from portal.extensions import db
from portal.models import AuditEvent, Role, Task, TaskKind
from portal.services import objections, tasks
from portal.services.tasks import TaskError
from tests.factories import (
    create_decided_objection,
    create_handoff,
    create_objection,
    create_objectionable_plan,
    create_person,
    create_plan,
    create_staff,
)

NOW = datetime(2026, 12, 7, 10, 0, tzinfo=UTC)  # Monday 7 December, 11:00 in Stockholm


@pytest.fixture
def caseworker(region):
    return create_staff(region["sodertalje"], Role.CASEWORKER, name="Elin Berg")


def _open(kind: TaskKind | None = None) -> list[Task]:
    stmt = select(Task).where(Task.done_at.is_(None))
    if kind is not None:
        stmt = stmt.where(Task.kind == kind)
    return list(db.session.scalars(stmt))


@pytest.mark.parametrize(("days_ago", "made"), [(2, False), (3, True), (30, True)])
def test_no_plan_some_days_after_arrival_makes_a_task(app, region, days_ago, made):
    arrival = NOW.date() - timedelta(days=days_ago)
    person = create_person(region["sodertalje"], arrival_date=arrival)
    tasks.sweep(NOW)
    found = _open(TaskKind.NO_PLAN)
    assert bool(found) is made
    if made:
        assert found[0].person_id == person.id and found[0].due_date == arrival + timedelta(days=5)


def test_a_person_with_an_activity_plan_gets_no_no_plan_task_and_an_open_one_closes(app, region, caseworker):
    person = create_person(region["sodertalje"], arrival_date=NOW.date() - timedelta(days=10))
    tasks.sweep(NOW)
    assert len(_open(TaskKind.NO_PLAN)) == 1
    create_plan(person, caseworker)  # a draft with an activity: the activity plan exists
    tasks.sweep(NOW + timedelta(hours=1))
    assert _open(TaskKind.NO_PLAN) == []
    closed = db.session.scalar(select(Task).where(Task.kind == TaskKind.NO_PLAN))
    assert closed.done_at is not None and closed.done_by_id is None


def test_the_sweep_makes_each_task_once(app, region):
    create_person(region["sodertalje"], arrival_date=NOW.date() - timedelta(days=10))
    assert tasks.sweep(NOW) == 1
    assert tasks.sweep(NOW + timedelta(minutes=5)) == 0
    assert db.session.scalar(select(func.count()).select_from(Task)) == 1


@pytest.mark.parametrize(("days_later", "made"), [(6, False), (7, True)])
def test_a_plan_waiting_for_confirmation_for_a_week_makes_a_task(app, region, caseworker, days_later, made):
    person = create_person(region["sodertalje"])
    plan = create_plan(person, caseworker, status="proposed")
    proposed_at = plan.versions[-1].created_at
    tasks.sweep(proposed_at + timedelta(days=days_later))
    assert bool(_open(TaskKind.UNCONFIRMED)) is made


def test_a_confirmed_plan_makes_no_confirmation_task(app, region, caseworker):
    plan = create_plan(create_person(region["sodertalje"]), caseworker, status="acknowledged")
    tasks.sweep(plan.versions[-1].created_at + timedelta(days=30))
    assert _open(TaskKind.UNCONFIRMED) == []


@pytest.mark.parametrize(
    ("acknowledged", "days_before_due", "made"), [(True, 4, False), (True, 3, True), (False, 1, False)]
)
def test_an_acknowledged_objection_near_its_deadline_makes_a_task(
    app, region, caseworker, acknowledged, days_before_due, made
):
    person = create_person(region["sodertalje"])
    create_objectionable_plan(person, caseworker)
    filed = datetime(2026, 11, 2, 11, tzinfo=UTC)
    objection = create_objection(person, now=filed)
    if acknowledged:
        objections.acknowledge(objection, caseworker, now=filed)
    due = objection.due_date
    tasks.sweep(datetime(due.year, due.month, due.day, 10, tzinfo=UTC) - timedelta(days=days_before_due))
    found = _open(TaskKind.OBJECTION_DUE)
    assert bool(found) is made
    if made:
        assert found[0].due_date == due and found[0].case_number == objection.case_number


@pytest.mark.parametrize(("outcome", "made"), [("upheld", True), ("partly_upheld", True), ("rejected", False)])
def test_an_independent_reviewer_upholding_makes_a_task(app, region, caseworker, outcome, made):
    reviewer = create_staff(region["region"], Role.REVIEWER)
    person = create_person(region["sodertalje"])
    create_objectionable_plan(person, caseworker)
    objection = create_decided_objection(person, caseworker)
    objections.escalate(objection, person)
    objections.start_independent_review(objection, reviewer)
    objections.final_decide(
        objection, reviewer, outcome=outcome, grounds=["rules_followed"], reasons="The travel time is unreasonable."
    )
    tasks.sweep(NOW)
    found = _open(TaskKind.REVIEW_UPHELD)
    assert bool(found) is made
    if made:
        # The decision stays; only the caseworker can say the plan was changed, so it stays open.
        tasks.sweep(NOW + timedelta(days=3))
        assert len(_open(TaskKind.REVIEW_UPHELD)) == 1


@pytest.mark.parametrize(("hours", "made"), [(23, False), (24, True)])
def test_a_request_to_talk_that_waits_makes_a_task(app, region, hours, made):
    handoff = create_handoff(create_person(region["sodertalje"]))
    tasks.sweep(handoff.created_at + timedelta(hours=hours, minutes=1))
    assert bool(_open(TaskKind.HANDOFF_WAITING)) is made


def test_the_sweep_of_a_start_page_stays_in_the_organisation(app, region, caseworker):
    create_person(region["botkyrka"], arrival_date=NOW.date() - timedelta(days=10))
    mine = create_person(region["sodertalje"], arrival_date=NOW.date() - timedelta(days=10))
    assert [t.person_id for t in tasks.tasks_for_start_page(caseworker, NOW)] == [mine.id]


def test_a_task_is_assigned_within_the_organisation_only(app, region, caseworker):
    create_person(region["sodertalje"], arrival_date=NOW.date() - timedelta(days=10))
    tasks.sweep(NOW)
    task = _open()[0]
    colleague = create_staff(region["sodertalje"], Role.CASEWORKER, name="Gul Colleague")
    stranger = create_staff(region["botkyrka"], Role.CASEWORKER, name="Botkyrka Stranger")
    assert [s.name for s in tasks.colleagues(caseworker)] == ["Elin Berg", "Gul Colleague"]
    with pytest.raises(TaskError) as error:
        tasks.assign_task(caseworker, task.id, stranger.id)
    assert error.value.code == "assignee"
    assert tasks.assign_task(stranger, task.id, stranger.id) is None  # not theirs to see
    tasks.assign_task(caseworker, task.id, colleague.id)
    assert task.assigned_to_id == colleague.id
    assert db.session.scalar(select(AuditEvent).where(AuditEvent.action == "task.assign")).person_id == task.person_id


@pytest.mark.parametrize(("note", "code"), [("", "note_empty"), ("   ", "note_empty"), ("x" * 1001, "note_too_long")])
def test_a_task_is_done_only_with_a_note(app, region, caseworker, note, code):
    create_person(region["sodertalje"], arrival_date=NOW.date() - timedelta(days=10))
    tasks.sweep(NOW)
    task = _open()[0]
    with pytest.raises(TaskError) as error:
        tasks.complete_task(caseworker, task.id, note, NOW)
    assert error.value.code == code and task.done_at is None


def test_a_done_task_keeps_its_note_and_who_did_it(app, region, caseworker):
    create_person(region["sodertalje"], arrival_date=date(2026, 11, 1))
    tasks.sweep(NOW)
    task = _open()[0]
    tasks.complete_task(caseworker, task.id, "Ringde med tolk, möte bokat på torsdag.", NOW)
    assert task.done_by_id == caseworker.id and task.done_note.startswith("Ringde")
    assert tasks.list_open_tasks(caseworker) == []
    with pytest.raises(TaskError):
        tasks.complete_task(caseworker, task.id, "Again.", NOW)
    # Done by hand is done: the sweep does not make it again while the event still holds.
    tasks.sweep(NOW + timedelta(days=1))
    assert tasks.list_open_tasks(caseworker) == []


def test_erasing_a_person_erases_their_tasks_and_notes(app, region, caseworker):
    from portal.services import erasure

    person = create_person(region["sodertalje"], arrival_date=NOW.date() - timedelta(days=10))
    tasks.sweep(NOW)
    tasks.complete_task(caseworker, _open()[0].id, "Ringde, hon mår dåligt och vill vänta.", NOW)
    erasure.erase_person(person, caseworker, "Asked by phone, checked.")
    assert db.session.scalar(select(func.count()).select_from(Task)) == 0
