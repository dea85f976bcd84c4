"""Noticing the events staff are told about: at once when they happen, and by the sweep."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from portal.extensions import db
from portal.models import (
    HandoffRequest,
    HandoffStatus,
    NotificationKind,
    Objection,
    ObjectionStatus,
    Person,
    StaffNotification,
    StaffUser,
    utcnow,
)
from portal.notifications.recipients import caseworkers_for, reviewers_for

log = logging.getLogger(__name__)


def _objection_key(objection: Objection) -> str:
    return f"objection:{objection.id}"


def _tell(
    kind: NotificationKind,
    key: str,
    person: Person,
    staff: Iterable[StaffUser],
    *,
    objection: Objection | None = None,
    handoff: HandoffRequest | None = None,
    now: datetime | None = None,
) -> list[int]:
    """Make the notification for each staff member not yet told; commit; queue their e-mails."""
    ids = [s.id for s in staff]
    for _attempt in range(2):
        told = set(
            db.session.scalars(
                select(StaffNotification.staff_id).where(
                    StaffNotification.kind == kind,
                    StaffNotification.subject_key == key,
                    StaffNotification.staff_id.in_(ids),
                )
            )
        )
        new = [
            StaffNotification(
                staff_id=staff_id,
                kind=kind,
                subject_key=key,
                person_id=person.id,
                objection_id=objection.id if objection else None,
                handoff_id=handoff.id if handoff else None,
                created_at=now or utcnow(),
            )
            for staff_id in ids
            if staff_id not in told
        ]
        db.session.add_all(new)
        try:
            db.session.commit()
            break
        except IntegrityError:
            # A sweep on another process told someone at the same moment: look again.
            db.session.rollback()
    else:
        return []
    created = [n.id for n in new]
    if created:
        from portal.notifications.mail import queue_mails

        queue_mails(created)
    return created


def notify_objection_step(objection: Objection, action: str) -> None:
    """Tell staff about a step of a case: a new objection (caseworkers), an escalation (reviewers).

    Called after the step is committed; it never fails the step (the sweep tells later).
    """
    try:
        if action == "submit":
            _tell(
                NotificationKind.NEW_OBJECTION,
                _objection_key(objection),
                objection.person,
                caseworkers_for(objection.person),
                objection=objection,
            )
        elif action == "escalate":
            _tell(
                NotificationKind.ESCALATION,
                _objection_key(objection),
                objection.person,
                reviewers_for(objection),
                objection=objection,
            )
    except Exception:
        db.session.rollback()
        log.exception("staff notification failed", extra={"objection_id": objection.id, "action": action})


def notify_handoff(handoff: HandoffRequest) -> None:
    """Tell the person's caseworkers that they asked to talk to someone; never fails the caller."""
    try:
        _tell(
            NotificationKind.HANDOFF,
            f"handoff:{handoff.id}",
            handoff.person,
            caseworkers_for(handoff.person),
            handoff=handoff,
        )
    except Exception:
        db.session.rollback()
        log.exception("staff notification failed", extra={"handoff_id": handoff.id})


def _deadline(objection: Objection, today, within_days: int, now: datetime) -> int:
    """Tell about a pending decision due within `within_days` days or past due; return how many were told."""
    from portal.services.objections import FIRST_DECISION_PENDING, REVIEW_PENDING

    if objection.status in FIRST_DECISION_PENDING:
        stage, due, staff = "first", objection.due_date, caseworkers_for(objection.person)
    elif objection.status in REVIEW_PENDING and objection.review_due_date is not None:
        stage, due = "review", objection.review_due_date
        staff = reviewers_for(objection)
        if objection.reviewer_id is not None:
            # Taken: the reviewer who will decide is the one to tell.
            staff = [s for s in staff if s.id == objection.reviewer_id]
    else:
        return 0
    if today > due:
        kind = NotificationKind.OBJECTION_OVERDUE
    elif (due - today).days <= within_days:
        kind = NotificationKind.OBJECTION_DUE
    else:
        return 0
    # The due date is in the key: an escalation's new deadline is a new event.
    key = f"{_objection_key(objection)}:{stage}:{due.isoformat()}"
    return len(_tell(kind, key, objection.person, staff, objection=objection, now=now))


def sweep(now: datetime | None = None) -> dict[str, int]:
    """Tell what is due or was missed, then send the daily digests; return counts by kind."""
    from portal.notifications.mail import send_digests
    from portal.services.objections import FIRST_DECISION_PENDING, REVIEW_PENDING, stockholm_date
    from portal.services.tasks import OBJECTION_DUE_WITHIN_DAYS

    now = now or utcnow()
    today = stockholm_date(now)
    counts = {"new_objection": 0, "escalation": 0, "handoff": 0, "deadline": 0}
    pending = db.session.scalars(
        select(Objection).where(Objection.status.in_([*FIRST_DECISION_PENDING, *REVIEW_PENDING])).order_by(Objection.id)
    ).all()
    for objection in pending:
        # Missed at filing or escalation (a crash between the commit and the notification).
        if objection.status == ObjectionStatus.SUBMITTED:
            counts["new_objection"] += len(
                _tell(
                    NotificationKind.NEW_OBJECTION,
                    _objection_key(objection),
                    objection.person,
                    caseworkers_for(objection.person),
                    objection=objection,
                    now=now,
                )
            )
        elif objection.status == ObjectionStatus.ESCALATED:
            counts["escalation"] += len(
                _tell(
                    NotificationKind.ESCALATION,
                    _objection_key(objection),
                    objection.person,
                    reviewers_for(objection),
                    objection=objection,
                    now=now,
                )
            )
        counts["deadline"] += _deadline(objection, today, OBJECTION_DUE_WITHIN_DAYS, now)
    # A stranger's request has no person to name in a notification: it waits in the reception's list.
    open_handoffs = select(HandoffRequest).where(
        HandoffRequest.status == HandoffStatus.OPEN, HandoffRequest.person_id.is_not(None)
    )
    for handoff in db.session.scalars(open_handoffs).all():
        counts["handoff"] += len(
            _tell(
                NotificationKind.HANDOFF,
                f"handoff:{handoff.id}",
                handoff.person,
                caseworkers_for(handoff.person),
                handoff=handoff,
                now=now,
            )
        )
    counts["digests"] = send_digests(now)
    return counts


def run_sweep() -> None:
    """Worker job: sweep, then schedule the next sweep."""
    from flask import current_app

    from portal.services.tasks import sweep as sweep_tasks
    from portal.worker import job_context

    with job_context():
        try:
            # Caseworkers' tasks are made here too, so they exist (and reach the inbox) even on
            # a day nobody opens the start page, which also sweeps its own organisations.
            made = sweep_tasks(utcnow())
            counts = sweep()
            counts["tasks_made"] = made
            log.info("notifications swept", extra={"counts": counts})
        finally:
            schedule_sweep(current_app.config["NOTIFICATION_SWEEP_INTERVAL"])


SWEEP_JOB_ID = "ankomst-notifications-sweep"


def schedule_sweep(after=None) -> bool:
    """Put the sweep on the queue (now, or `after` from now); False when there is no queue."""
    from flask import current_app

    if not current_app.config.get("REDIS_URL"):
        return False
    from portal.worker import queue

    if after is None:
        queue().enqueue(run_sweep, job_id=SWEEP_JOB_ID)
    else:
        queue().enqueue_in(after, run_sweep, job_id=SWEEP_JOB_ID)
    return True
