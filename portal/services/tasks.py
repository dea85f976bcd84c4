"""Caseworkers' tasks: made by events in the cases, assigned within the organisation, done with a note.

`sweep(now)` looks at the cases and makes a task for each event that calls for one:
- no activity plan NO_PLAN_AFTER_DAYS days after arrival;
- a plan proposed or changed and not confirmed for UNCONFIRMED_AFTER_DAYS days;
- an objection acknowledged but not decided, due within OBJECTION_DUE_WITHIN_DAYS days;
- an independent reviewer upheld an objection (the caseworker must change the plan);
- a request to talk to a person open for HANDOFF_WAITING_HOURS hours;
- a person transferred to the organisation (their latest transfer, until a caseworker marks
  it done; a further transfer closes it).
An open task whose event no longer holds (the plan was written, the objection decided) is
closed by the sweep. The clock is a parameter, so every rule is tested on a frozen one.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from flask_babel import gettext
from sqlalchemy import and_, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import joinedload

from portal.data.people import can_see_person, visible_org_ids
from portal.extensions import db
from portal.models import (
    Decision,
    DecisionStage,
    HandoffRequest,
    HandoffStatus,
    Membership,
    Objection,
    ObjectionStatus,
    Outcome,
    Person,
    PersonTransfer,
    Plan,
    PlanStatus,
    PlanVersion,
    Role,
    StaffUser,
    Task,
    TaskKind,
)
from portal.services import audit
from portal.services.schedule import STOCKHOLM, activity_plan_deadline

# Early enough to act before the 5-day deadline of seed 001.
NO_PLAN_AFTER_DAYS = 3
UNCONFIRMED_AFTER_DAYS = 7
OBJECTION_DUE_WITHIN_DAYS = 3
HANDOFF_WAITING_HOURS = 24
NOTE_MAX_LENGTH = 1000


class TaskError(ValueError):
    """A task change that is refused; `code` picks the message."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


@dataclass(frozen=True)
class _Event:
    kind: TaskKind
    key: str
    person_id: int
    due: date | None = None
    case_number: str | None = None


def _in_orgs(stmt, org_ids: Collection[int] | None):
    return stmt if org_ids is None else stmt.where(Person.responsible_org_id.in_(org_ids))


def _events(now: datetime, org_ids: Collection[int] | None) -> list[_Event]:
    today = now.astimezone(STOCKHOLM).date()
    events: list[_Event] = []

    # No activity plan: no plan (other than a closed one) with an activity yet.
    planned = select(Plan.person_id).where(Plan.status != PlanStatus.CLOSED, Plan.first_activity_at.is_not(None))
    rows = db.session.execute(
        _in_orgs(
            select(Person.id, Person.arrival_date).where(
                Person.arrival_date.is_not(None),
                Person.arrival_date <= today - timedelta(days=NO_PLAN_AFTER_DAYS),
                Person.id.not_in(planned),
            ),
            org_ids,
        )
    ).all()
    events += [
        _Event(TaskKind.NO_PLAN, f"person:{pid}:arrived:{arrival.isoformat()}", pid, activity_plan_deadline(arrival))
        for pid, arrival in rows
    ]

    # Unconfirmed: shown to the newcomer, changed since they confirmed, and that change is old.
    rows = db.session.execute(
        _in_orgs(
            select(Plan.id, Plan.person_id, Plan.revision)
            .join(Person, Plan.person_id == Person.id)
            .join(PlanVersion, and_(PlanVersion.plan_id == Plan.id, PlanVersion.number == Plan.revision))
            .where(
                Plan.status.in_([PlanStatus.PROPOSED, PlanStatus.ACKNOWLEDGED, PlanStatus.ACTIVE]),
                func.coalesce(Plan.acknowledged_revision, -1) < Plan.revision,
                PlanVersion.created_at <= now - timedelta(days=UNCONFIRMED_AFTER_DAYS),
            ),
            org_ids,
        )
    ).all()
    events += [_Event(TaskKind.UNCONFIRMED, f"plan:{plan_id}:rev:{rev}", pid) for plan_id, pid, rev in rows]

    # An objection acknowledged (or under review) and not decided, near its deadline.
    rows = db.session.execute(
        _in_orgs(
            select(Objection.id, Objection.person_id, Objection.due_date, Objection.case_number)
            .join(Person, Objection.person_id == Person.id)
            .where(
                Objection.status.in_([ObjectionStatus.ACKNOWLEDGED, ObjectionStatus.UNDER_REVIEW]),
                Objection.due_date <= today + timedelta(days=OBJECTION_DUE_WITHIN_DAYS),
            ),
            org_ids,
        )
    ).all()
    events += [_Event(TaskKind.OBJECTION_DUE, f"objection:{oid}", pid, due, case) for oid, pid, due, case in rows]

    # The independent reviewer upheld (or partly upheld) an objection: the plan must change.
    rows = db.session.execute(
        _in_orgs(
            select(Decision.id, Objection.person_id, Objection.case_number)
            .join(Objection, Decision.objection_id == Objection.id)
            .join(Person, Objection.person_id == Person.id)
            .where(
                Decision.stage == DecisionStage.INDEPENDENT,
                Decision.outcome.in_([Outcome.UPHELD, Outcome.PARTLY_UPHELD]),
            ),
            org_ids,
        )
    ).all()
    events += [_Event(TaskKind.REVIEW_UPHELD, f"decision:{did}", pid, None, case) for did, pid, case in rows]

    # A request to talk to a person that has waited.
    rows = db.session.execute(
        _in_orgs(
            select(HandoffRequest.id, HandoffRequest.person_id)
            .join(Person, HandoffRequest.person_id == Person.id)
            .where(
                HandoffRequest.status == HandoffStatus.OPEN,
                HandoffRequest.created_at <= now - timedelta(hours=HANDOFF_WAITING_HOURS),
            ),
            org_ids,
        )
    ).all()
    events += [_Event(TaskKind.HANDOFF_WAITING, f"handoff:{hid}", pid) for hid, pid in rows]

    # A person transferred here: the latest transfer into the organisation now responsible.
    latest = select(func.max(PersonTransfer.id)).group_by(PersonTransfer.person_id)
    rows = db.session.execute(
        _in_orgs(
            select(PersonTransfer.id, PersonTransfer.person_id)
            .join(Person, PersonTransfer.person_id == Person.id)
            .where(PersonTransfer.id.in_(latest), PersonTransfer.to_org_id == Person.responsible_org_id),
            org_ids,
        )
    ).all()
    events += [_Event(TaskKind.TRANSFER_RECEIVED, f"transfer:{tid}", pid) for tid, pid in rows]
    return events


def sweep(now: datetime, org_ids: Collection[int] | None = None) -> int:
    """Make the tasks the cases call for and close those whose event has passed; returns how many were made.

    `org_ids` limits the sweep to the people of those organisations (a caseworker's start page
    sweeps theirs each time it is opened); None sweeps every organisation, as the worker's
    scheduled notifications sweep does (portal.notifications.events.run_sweep).
    """
    events = _events(now, org_ids)
    existing = {
        (kind, key): (task_id, done)
        for kind, key, task_id, done in db.session.execute(
            _in_orgs(
                select(Task.kind, Task.subject_key, Task.id, Task.done_at).join(Person, Task.person_id == Person.id),
                org_ids,
            )
        )
    }
    made = 0
    for event in events:
        if (event.kind, event.key) in existing:
            continue
        try:
            # A savepoint per task: another portal's sweep may have made the same one just now.
            with db.session.begin_nested():
                db.session.add(
                    Task(
                        kind=event.kind,
                        subject_key=event.key,
                        person_id=event.person_id,
                        due_date=event.due,
                        case_number=event.case_number,
                        created_at=now,
                    )
                )
            made += 1
        except IntegrityError:
            continue
    # The reviewer's decision stays true; only the staff member can say the plan was changed.
    wanted = {(e.kind, e.key) for e in events}
    passed = [
        task_id
        for (kind, key), (task_id, done) in existing.items()
        if done is None and kind != TaskKind.REVIEW_UPHELD and (kind, key) not in wanted
    ]
    if passed:
        for task in db.session.scalars(select(Task).where(Task.id.in_(passed))):
            task.done_at = now
    db.session.commit()
    return made


def list_open_tasks(staff: StaffUser) -> list[Task]:
    """The open tasks of the people the staff member's organisations are responsible for, due first."""
    org_ids = visible_org_ids(staff, Role.CASEWORKER)
    if not org_ids:
        return []
    return list(
        db.session.scalars(
            select(Task)
            .join(Person, Task.person_id == Person.id)
            .where(Person.responsible_org_id.in_(org_ids), Task.done_at.is_(None))
            .options(joinedload(Task.person), joinedload(Task.assigned_to))
            .order_by(Task.due_date.is_(None), Task.due_date, Task.created_at, Task.id)
        ).unique()
    )


def tasks_for_start_page(staff: StaffUser, now: datetime) -> list[Task]:
    """Sweep the staff member's organisations, then their open tasks (the sweep commits)."""
    sweep(now, visible_org_ids(staff, Role.CASEWORKER))
    return list_open_tasks(staff)


def colleagues(staff: StaffUser) -> list[StaffUser]:
    """Caseworkers of the organisations the staff member sees: who a task can be assigned to."""
    org_ids = visible_org_ids(staff, Role.CASEWORKER)
    if not org_ids:
        return []
    return list(
        db.session.scalars(
            select(StaffUser)
            .join(Membership, Membership.staff_id == StaffUser.id)
            .where(Membership.role == Role.CASEWORKER, Membership.organisation_id.in_(org_ids))
            .order_by(StaffUser.name, StaffUser.id)
        ).unique()
    )


def _task_for(staff: StaffUser, task_id: int) -> Task | None:
    task = db.session.get(Task, task_id)
    if task is None or not can_see_person(staff, task.person):
        return None
    return task


def assign_task(staff: StaffUser, task_id: int, assignee_id: int) -> Task | None:
    """Give the task to a caseworker who may see the person; None when the task is not the staff's to see."""
    task = _task_for(staff, task_id)
    if task is None:
        return None
    assignee = db.session.get(StaffUser, assignee_id)
    if task.done_at is not None:
        raise TaskError("done")
    if assignee is None or not can_see_person(assignee, task.person):
        raise TaskError("assignee")
    task.assigned_to_id = assignee.id
    audit.record("task.assign", person=task.person, object_type="task", object_id=task.id, actor=staff, to=assignee.id)
    db.session.commit()
    return task


def complete_task(staff: StaffUser, task_id: int, note: str, now: datetime) -> Task | None:
    """Mark the task done with what was done; None when the task is not the staff's to see."""
    task = _task_for(staff, task_id)
    if task is None:
        return None
    text = (note or "").strip()
    if task.done_at is not None:
        raise TaskError("done")
    if not text:
        raise TaskError("note_empty")
    if len(text) > NOTE_MAX_LENGTH:
        raise TaskError("note_too_long")
    task.done_at, task.done_by_id, task.done_note = now, staff.id, text
    audit.record("task.done", person=task.person, object_type="task", object_id=task.id, actor=staff)
    db.session.commit()
    return task


def describe_task(task: Task) -> str:
    """What the task asks, as a sentence in the staff member's language."""
    from portal.services.plan_text import day_label

    name = task.person.name
    case = f"{task.case_number[:4]}-{task.case_number[4:]}" if task.case_number else ""
    due = day_label(task.due_date) if task.due_date else ""
    if task.kind == TaskKind.NO_PLAN:
        return gettext("%(name)s has no activity plan yet. It is due by %(date)s.", name=name, date=due)
    if task.kind == TaskKind.UNCONFIRMED:
        return gettext("%(name)s has not approved the latest version of the plan.", name=name)
    if task.kind == TaskKind.OBJECTION_DUE:
        return gettext("Decide objection %(case)s of %(name)s by %(date)s.", case=case, name=name, date=due)
    if task.kind == TaskKind.REVIEW_UPHELD:
        return gettext(
            "The independent reviewer upheld objection %(case)s of %(name)s. Change the plan.", case=case, name=name
        )
    if task.kind == TaskKind.TRANSFER_RECEIVED:
        return gettext("%(name)s was moved to your organisation. Read the handover note and contact them.", name=name)
    return gettext("%(name)s asked to talk to a person and is still waiting.", name=name)
