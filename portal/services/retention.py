"""Keep personal data for a bounded time: the retention job.

`purge_expired()` removes what has outlived its period (RETENTION_PERIODS, documented in the
README, each configurable from the environment):

- sign-in codes, a day after they were made (they are valid for ten minutes);
- sign-in sessions, a day after they expired (idle or absolute lifetime);
- the text of SMS and chat messages, 90 days after the conversation's last message: the
  rows stay (delivery figures, outage episodes), their bodies are emptied;
- audit events, after two years;
- the throttle rows of code requests and staff sign-ins, once they no longer limit anything.

The periods are RETENTION_PERIODS in the config (ANKOMST_RETAIN_<NAME>_DAYS in the environment).

It runs as a job on the worker queue (`flask retention run --enqueue`, or daily from cron as
`flask retention run`); with `flask worker --with-scheduler` it schedules its own next run.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import delete, or_, select, update

from portal.extensions import db
from portal.models import (
    AuditEvent,
    Conversation,
    Message,
    SignInCode,
    SignInSession,
    SignInThrottle,
    SmsMessage,
    StaffSignInThrottle,
    utcnow,
)
from portal.worker import job_context

log = logging.getLogger(__name__)

# What an emptied message body reads as: staff screens show that it was removed, not blank.
REMOVED = ""


def purge_expired(now: datetime | None = None) -> dict[str, int]:
    """Remove what has outlived its retention period; return how many rows each rule touched."""
    now = now or utcnow()
    cfg = current_app.config
    periods = cfg["RETENTION_PERIODS"]
    counts: dict[str, int] = {}

    counts["signin_codes"] = _rowcount(delete(SignInCode).where(SignInCode.created_at < now - periods["signin_codes"]))
    grace = periods["expired_sessions"]
    counts["expired_sessions"] = _rowcount(
        delete(SignInSession).where(
            or_(
                SignInSession.last_seen_at < now - cfg["SESSION_IDLE_TIMEOUT"] - grace,
                SignInSession.created_at < now - cfg["SESSION_ABSOLUTE_LIFETIME"] - grace,
            )
        )
    )
    ended = select(Conversation.id).where(Conversation.last_activity_at < now - periods["message_bodies"])
    counts["message_bodies"] = _rowcount(
        update(Message)
        .where(Message.conversation_id.in_(ended), Message.body != REMOVED)
        .values(body=REMOVED)
        .execution_options(synchronize_session=False)
    )
    counts["sms_bodies"] = _rowcount(
        update(SmsMessage)
        .where(SmsMessage.created_at < now - periods["message_bodies"], SmsMessage.body != REMOVED)
        .values(body=REMOVED)
        .execution_options(synchronize_session=False)
    )
    counts["audit"] = _rowcount(delete(AuditEvent).where(AuditEvent.at < now - periods["audit"]))
    # Throttles: a code request row only matters for an hour, a staff one until it is forgotten.
    counts["throttles"] = _rowcount(
        delete(SignInThrottle).where(SignInThrottle.updated_at < now - timedelta(hours=1) - periods["signin_codes"])
    ) + _rowcount(
        delete(StaffSignInThrottle).where(
            StaffSignInThrottle.last_failure_at < now - cfg["STAFF_FAILURE_MEMORY"],
            or_(StaffSignInThrottle.wait_until.is_(None), StaffSignInThrottle.wait_until < now),
        )
    )
    db.session.commit()
    log.info("retention purge done", extra={"counts": counts})
    return counts


def _rowcount(statement) -> int:
    return db.session.execute(statement).rowcount or 0


def run_retention() -> None:
    """Worker job: purge, then (on a queue with a scheduler) schedule tomorrow's run."""
    with job_context():
        purge_expired()
        schedule_next(timedelta(days=1))


def schedule_next(after: timedelta) -> bool:
    """Put the next run on the queue `after` from now; False when there is no queue."""
    if not current_app.config.get("REDIS_URL"):
        return False
    from portal.worker import queue

    queue().enqueue_in(after, run_retention, job_id="ankomst-retention")
    return True
