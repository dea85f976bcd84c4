"""Planning reminders: one row per occurrence and kind, kept in step with the plan and the person's choice.

`plan_reminders()` is the one function that decides which reminders exist. It is called after
every plan change (portal.services.plans), after a settings change, and by the planner job
every REMINDER_PLANNER_INTERVAL; each call is idempotent, so calling it too often costs time
and never sends anything twice.
"""

from __future__ import annotations

import logging
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from flask import current_app
from sqlalchemy import and_, or_, select, tuple_
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import joinedload, selectinload

from portal.extensions import db
from portal.models import (
    Activity,
    ActivityReminder,
    Plan,
    PlanStatus,
    ReminderKind,
    ReminderStatus,
)
from portal.reminders import clock
from portal.reminders.preferences import settings_for
from portal.reminders.timing import ReminderRules, plan_occurrence
from portal.services.schedule import expand_activity, occurrences
from portal.worker import job_context

log = logging.getLogger(__name__)

# Plans whose activities are reminded of: shown to the newcomer and not closed. A draft is the
# caseworker's work in progress; a closed plan is over.
REMINDED_PLAN_STATUSES = (PlanStatus.PROPOSED, PlanStatus.ACKNOWLEDGED, PlanStatus.ACTIVE)
PLANNER_JOB_ID = "ankomst-reminder-planner"
# A scheduled row this long past its due time has lost its job (Redis was emptied, or the row
# was planned while Redis was down): the planner gives it a job again.
LOST_JOB_AFTER = timedelta(minutes=10)


@dataclass
class PlanningResult:
    """What one planning pass did (the bench and the CLI print it)."""

    planned: int = 0  # new rows, or rows armed again
    moved: int = 0
    cancelled: int = 0
    unchanged: int = 0
    enqueued: int = 0


def job_id(reminder: ActivityReminder) -> str:
    """The RQ job id of one revision of a reminder: planning twice makes one job, not two."""
    return f"ankomst-reminder-{reminder.id}-{reminder.revision}"


def _current_plans(person_ids: Collection[int] | None) -> dict[int, Plan]:
    """Each person's current plan (as portal.data.plans.get_plan_for_person picks it), if reminded of."""
    query = (
        select(Plan)
        .where(Plan.status != PlanStatus.CLOSED)
        .options(
            joinedload(Plan.person),
            selectinload(Plan.activities).selectinload(Activity.changes),
        )
        .order_by(Plan.person_id, Plan.id.desc())
        # Fresh rows even in a long-lived session: a STOP a moment ago must count.
        .execution_options(populate_existing=True)
    )
    if person_ids is not None:
        query = query.where(Plan.person_id.in_(list(person_ids)))
    current: dict[int, Plan] = {}
    for plan in db.session.scalars(query).unique():
        current.setdefault(plan.person_id, plan)  # the newest one that is not closed
    return {pid: plan for pid, plan in current.items() if plan.status in REMINDED_PLAN_STATUSES}


def find_occurrence(activity: Activity, original_date: date):
    """The occurrence of `activity` first planned for `original_date`, where it is now; None if cancelled."""
    moved = next((c.new_date for c in activity.changes if c.original_date == original_date and c.new_date), None)
    days = [original_date] + ([moved] if moved else [])
    for occ in expand_activity(activity, min(days), max(days)):
        if (occ.moved_from or occ.day) == original_date:
            return occ
    return None


def plan_reminders(person_ids: Collection[int] | None = None, *, now: datetime | None = None) -> PlanningResult:
    """Bring the reminder rows of these people (or everyone) in step with plans and settings; commit, then enqueue."""
    for attempt in (1, 2):
        try:
            return _plan(person_ids, now or clock.now())
        except IntegrityError:
            # Two planners created the same row at once; the second pass sees it and adjusts.
            db.session.rollback()
            if attempt == 2:
                raise
    raise AssertionError("unreachable")


def _plan(person_ids: Collection[int] | None, now: datetime) -> PlanningResult:
    config = current_app.config
    rules = ReminderRules.from_config(config)
    horizon_end = now + config["REMINDER_HORIZON"]
    plans = _current_plans(person_ids)
    settings = settings_for(plans.keys())
    first_day = now.astimezone(rules.zone).date()
    last_day = horizon_end.astimezone(rules.zone).date()

    # The occurrences within the horizon, by the key a reminder row has.
    wanted: dict[tuple[int, date], tuple[int, datetime]] = {}
    for person_id, plan in plans.items():
        if plan.person.sms_opted_out or not settings[person_id].enabled:
            continue  # STOP stops reminders; their open rows are cancelled below
        for occ in occurrences(plan.activities, first_day, last_day):
            if now < occ.starts_at <= horizon_end:
                wanted[(occ.activity.id, occ.moved_from or occ.day)] = (person_id, occ.starts_at)

    rows = _existing_rows(person_ids, wanted)
    result = PlanningResult()
    to_enqueue: list[ActivityReminder] = []
    seen: set[int] = set()
    for (activity_id, original_date), (person_id, starts_at) in wanted.items():
        mine = {kind: rows.get((activity_id, original_date, kind)) for kind in ReminderKind}
        same_time = [r.planned_at for r in mine.values() if r is not None and r.starts_at == starts_at]
        # A row keeps the moment it was first planned for this start, so planning again is stable.
        not_before = min(same_time) if same_time else now
        due = plan_occurrence(starts_at, settings[person_id], rules, not_before=not_before)
        for kind in ReminderKind:
            row = mine[kind]
            if row is not None:
                seen.add(row.id)
            change = _apply(row, due.get(kind), starts_at, not_before, now)
            if change == "new":
                row = ActivityReminder(
                    person_id=person_id,
                    activity_id=activity_id,
                    original_date=original_date,
                    kind=kind,
                    status=ReminderStatus.SCHEDULED,
                    revision=1,
                    starts_at=starts_at,
                    due_at=due[kind],
                    planned_at=not_before,
                )
                db.session.add(row)
            if change in ("new", "armed", "moved"):
                to_enqueue.append(row)  # type: ignore[arg-type]
                if change == "moved":
                    result.moved += 1
                else:
                    result.planned += 1
            elif change == "cancelled":
                result.cancelled += 1
            elif change == "unchanged":
                result.unchanged += 1

    # Scheduled rows whose occurrence is gone: cancelled, moved beyond the horizon, the plan
    # closed, reminders turned off, STOP.
    for row in rows.values():
        if row.id not in seen and row.status == ReminderStatus.SCHEDULED:
            row.status = ReminderStatus.DROPPED if row.starts_at <= now else ReminderStatus.CANCELLED
            result.cancelled += 1
    db.session.flush()
    lost = _lost_rows(now) if person_ids is None else []
    db.session.commit()
    result.enqueued = schedule_jobs([*to_enqueue, *lost], check=lost)
    return result


def _apply(row: ActivityReminder | None, due: datetime | None, starts_at: datetime, not_before: datetime, now) -> str:
    """Change one row towards `due` (None: no reminder of this kind); say what changed."""
    if due is None:
        if row is not None and row.status == ReminderStatus.SCHEDULED:
            row.status = ReminderStatus.CANCELLED
            return "cancelled"
        return "none"
    if row is None:
        return "new"
    if row.status == ReminderStatus.SCHEDULED:
        if row.starts_at == starts_at and row.due_at == due:
            return "unchanged"
        moved = row.starts_at != starts_at
        _arm(row, due, starts_at, not_before)
        return "moved" if moved else "armed"
    if row.status in (ReminderStatus.SENT, ReminderStatus.SENDING):
        reminded_of = row.sent_starts_at or row.starts_at
        if reminded_of == starts_at:
            return "unchanged"  # already reminded of this very time
        # Moved after the reminder went out: the old time was wrong, so remind of the new one.
        _arm(row, due, starts_at, not_before)
        return "moved"
    if row.status in (ReminderStatus.DROPPED, ReminderStatus.SKIPPED) and row.starts_at == starts_at:
        return "unchanged"  # its moment passed; planning again must not resurrect it
    moved = row.starts_at != starts_at
    _arm(row, due, starts_at, not_before)  # cancelled before (turned off, cancelled, moved away)
    return "moved" if moved else "armed"


def _arm(row: ActivityReminder, due: datetime, starts_at: datetime, not_before: datetime) -> None:
    row.status = ReminderStatus.SCHEDULED
    row.revision += 1
    row.starts_at = starts_at
    row.due_at = due
    row.planned_at = not_before
    row.claimed_at = None


def _existing_rows(
    person_ids: Collection[int] | None, wanted: dict[tuple[int, date], tuple[int, datetime]]
) -> dict[tuple[int, date, ReminderKind], ActivityReminder]:
    """Rows of the wanted occurrences, and every scheduled row in scope (those may need cancelling)."""
    scheduled = ActivityReminder.status == ReminderStatus.SCHEDULED
    if person_ids is not None:
        scheduled = and_(scheduled, ActivityReminder.person_id.in_(list(person_ids)))
    conditions = [scheduled]
    keys = list(wanted)
    for start in range(0, len(keys), 500):
        chunk = keys[start : start + 500]
        conditions.append(tuple_(ActivityReminder.activity_id, ActivityReminder.original_date).in_(chunk))
    rows = db.session.scalars(select(ActivityReminder).where(or_(*conditions)))
    return {(r.activity_id, r.original_date, r.kind): r for r in rows}


def _lost_rows(now: datetime) -> list[ActivityReminder]:
    return list(
        db.session.scalars(
            select(ActivityReminder).where(
                ActivityReminder.status == ReminderStatus.SCHEDULED, ActivityReminder.due_at < now - LOST_JOB_AFTER
            )
        )
    )


def schedule_jobs(rows: Iterable[ActivityReminder], *, check: Iterable[ActivityReminder] = ()) -> int:
    """Give each row an RQ job at its due time; return how many were scheduled.

    Without REDIS_URL nothing is scheduled: rows wait in the database for `flask reminders
    send-due`. With Redis down, the rows wait too, and the planner gives them jobs later.
    Rows in `check` get a job only if theirs is gone.
    """
    rows = list(rows)
    if not rows or not current_app.config.get("REDIS_URL"):
        return 0
    from redis.exceptions import RedisError
    from rq.job import Job

    from portal.reminders.sending import send_reminder
    from portal.worker import queue

    q = queue()
    check_ids = {r.id for r in check}
    try:
        if check_ids:
            pipe = q.connection.pipeline()
            for row in rows:
                if row.id in check_ids:
                    pipe.exists(Job.key_for(job_id(row)))
            exists = iter(pipe.execute())
            rows = [r for r in rows if r.id not in check_ids or not next(exists)]
        pipe = q.connection.pipeline()
        real_now = clock.wall(clock.now())
        for row in rows:
            options = {
                "job_id": job_id(row),
                "result_ttl": 0,  # nothing reads the result; the row records what happened
                "failure_ttl": 7 * 24 * 3600,
                "pipeline": pipe,
            }
            at = clock.wall(row.due_at)
            if at <= real_now:
                # Already due (planned late, or a lost job): straight onto the queue, so it does
                # not wait for a scheduler (after a crash, a new worker gets the lock later).
                q.enqueue(send_reminder, row.id, row.revision, **options)
            else:
                q.enqueue_at(at, send_reminder, row.id, row.revision, **options)
        pipe.execute()
    except RedisError:
        log.warning("worker queue unavailable; reminders wait for the planner", extra={"count": len(rows)})
        return 0
    return len(rows)


def plan_for_person(person_id: int) -> None:
    """Plan one person's reminders after a change to their plan or setting; never fails the caller."""
    try:
        plan_reminders([person_id])
    except Exception:
        # The change itself is saved; the planner job plans again within the hour.
        db.session.rollback()
        log.exception("reminder planning failed", extra={"person_id": person_id})


def run_planner() -> None:
    """Worker job: plan everyone's reminders, then schedule the next run."""
    with job_context():
        result = plan_reminders()
        log.info("reminders planned", extra={"result": result.__dict__})
        schedule_planner(current_app.config["REMINDER_PLANNER_INTERVAL"])


def schedule_planner(after: timedelta | None = None) -> bool:
    """Put the planner on the queue (now, or `after` from now); False when there is no queue."""
    if not current_app.config.get("REDIS_URL"):
        return False
    from portal.worker import queue

    if after is None:
        queue().enqueue(run_planner, job_id=PLANNER_JOB_ID)
    else:
        queue().enqueue_in(after, run_planner, job_id=PLANNER_JOB_ID)
    return True
