"""Sending one reminder: claim it, check again what may have changed, send at most once.

The worker runs `send_reminder(id, revision)` at the due time (RQ's scheduler), and `flask
reminders send-due` runs the same function for every due row when there is no Redis.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime

from flask import current_app
from sqlalchemy import select, update

from portal.clients.sms import send_sms
from portal.data.plans import get_plan_for_person
from portal.extensions import db
from portal.models import ActivityReminder, ReminderStatus
from portal.reminders import clock
from portal.reminders.planning import REMINDED_PLAN_STATUSES, find_occurrence, plan_reminders, schedule_jobs
from portal.reminders.preferences import setting_for
from portal.reminders.text import reminder_text
from portal.reminders.timing import ReminderRules, may_send_now
from portal.worker import job_context

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class _Verdict:
    outcome: str  # "send", "defer", "moved", or a final status
    later: datetime | None = None
    occurrence: object | None = None


def send_reminder(reminder_id: int, revision: int) -> str:
    """Worker job: send reminder `reminder_id` if it is still due as planned in `revision`; say what happened."""
    with job_context():
        return _send(reminder_id, revision, clock.now())


def _send(reminder_id: int, revision: int, now: datetime) -> str:
    # The claim comes first and is the only way to "sending": one UPDATE that succeeds for one
    # caller only. A job for an older revision (the occurrence moved, the time changed), a
    # second job for the same revision, or the same job run again after a worker restart all
    # find nothing to claim.
    claimed = db.session.execute(
        update(ActivityReminder)
        .where(
            ActivityReminder.id == reminder_id,
            ActivityReminder.revision == revision,
            ActivityReminder.status == ReminderStatus.SCHEDULED,
            ActivityReminder.due_at <= now,
        )
        .values(status=ReminderStatus.SENDING, claimed_at=now)
        .execution_options(synchronize_session=False)
    ).rowcount
    db.session.commit()
    if claimed != 1:
        return "not-claimed"
    reminder = db.session.get(ActivityReminder, reminder_id)
    assert reminder is not None
    try:
        verdict = _check(reminder, now)
    except Exception:
        # Nothing has been sent: give the row back, so the job's retry can try again.
        db.session.rollback()
        _release(reminder_id)
        raise
    if verdict.outcome == "send":
        return _deliver(reminder, verdict)
    if verdict.outcome == "defer":
        # Quiet hours began while it waited (a late worker): it waits for the morning.
        reminder.status = ReminderStatus.SCHEDULED
        reminder.revision += 1
        reminder.due_at = verdict.later  # type: ignore[assignment]
        reminder.claimed_at = None
        db.session.commit()
        schedule_jobs([reminder])
        return "deferred"
    if verdict.outcome == "moved":
        # The occurrence moved and planning has not caught up: plan this person again.
        reminder.status = ReminderStatus.SCHEDULED
        reminder.claimed_at = None
        db.session.commit()
        plan_reminders([reminder.person_id])
        return "moved"
    reminder.status = ReminderStatus(verdict.outcome)
    db.session.commit()
    log.info("reminder not sent", extra={"reminder_id": reminder_id, "status": verdict.outcome})
    return verdict.outcome


def _check(reminder: ActivityReminder, now: datetime) -> _Verdict:
    person = reminder.person
    if person.sms_opted_out:
        return _Verdict(ReminderStatus.SKIPPED.value)  # STOP stops reminders too
    plan = get_plan_for_person(person)
    activity = reminder.activity
    if plan is None or plan.status not in REMINDED_PLAN_STATUSES or activity.plan_id != plan.id:
        return _Verdict(ReminderStatus.SKIPPED.value)
    if reminder.kind not in setting_for(person).kinds:
        return _Verdict(ReminderStatus.CANCELLED.value)
    occ = find_occurrence(activity, reminder.original_date)
    if occ is None:
        return _Verdict(ReminderStatus.CANCELLED.value)
    if occ.starts_at != reminder.starts_at:
        return _Verdict("moved")
    ok, later = may_send_now(now, reminder.starts_at, ReminderRules.from_config(current_app.config))
    if ok:
        return _Verdict("send", occurrence=occ)
    if later is not None:
        return _Verdict("defer", later=later)
    return _Verdict(ReminderStatus.DROPPED.value)


def _deliver(reminder: ActivityReminder, verdict: _Verdict) -> str:
    # From here on an exception leaves the row "sending": the SMS may have gone out, and a
    # reminder sent twice is worse than one lost (at most once).
    message = send_sms(reminder.person, reminder_text(reminder.person, verdict.occurrence), purpose="reminder")  # type: ignore[arg-type]
    if message is None:
        reminder.status = ReminderStatus.SKIPPED  # opted out a moment ago
    else:
        reminder.status = ReminderStatus.SENT
        reminder.sent_at = clock.now()
        reminder.sent_starts_at = reminder.starts_at
        reminder.sms_message_id = message.id
    db.session.commit()
    return reminder.status.value


def _release(reminder_id: int) -> None:
    db.session.execute(
        update(ActivityReminder)
        .where(ActivityReminder.id == reminder_id, ActivityReminder.status == ReminderStatus.SENDING)
        .values(status=ReminderStatus.SCHEDULED, claimed_at=None)
        .execution_options(synchronize_session=False)
    )
    db.session.commit()


def send_due(now: datetime | None = None) -> dict[str, int]:
    """Send every reminder whose time has come (the way without Redis, and a catch-up with it)."""
    now = now or clock.now()
    due = db.session.execute(
        select(ActivityReminder.id, ActivityReminder.revision)
        .where(ActivityReminder.status == ReminderStatus.SCHEDULED, ActivityReminder.due_at <= now)
        .order_by(ActivityReminder.due_at)
    ).all()
    counts: dict[str, int] = {}
    for reminder_id, revision in due:
        outcome = _send(reminder_id, revision, now)
        counts[outcome] = counts.get(outcome, 0) + 1
    return counts
