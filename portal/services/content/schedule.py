"""Scheduled publishing: a revision waits, "scheduled", until its publish_at; then the queue publishes it.

`publish_due` is the one place that publishes them: the worker runs it every minute
(`schedule_publisher`, with `flask worker --with-scheduler`), and without Redis `flask content
publish-due` does the same from cron. Staleness is computed from the published revisions, so
the translations turn stale at the moment the Swedish goes out, not when it was scheduled, and
the translators' tasks are made then too.

A scheduled text never overwrites a change published after it was scheduled: if the published
text is no longer the one it was based on, it is not published but goes back to its writer as
a draft, where the editor page says the published text changed under it.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from flask import current_app

from portal.data import content as data
from portal.extensions import db
from portal.models import ContentRevision, RevisionStatus, utcnow
from portal.services import audit
from portal.services.content.revisions import publish_copy
from portal.services.content.task_mail import notify_new_tasks

log = logging.getLogger(__name__)

PUBLISHER_JOB_ID = "content-publisher"
PUBLISHER_INTERVAL = timedelta(minutes=1)


def publish_due(now: datetime | None = None) -> dict[str, int]:
    """Publish every scheduled revision whose time has come; {"published": n, "returned": n}."""
    now = now or utcnow()
    counts = {"published": 0, "returned": 0}
    for revision in data.list_due_scheduled(now):
        counts["published" if _publish_one(revision) else "returned"] += 1
    return counts


def _publish_one(scheduled: ContentRevision) -> bool:
    module = scheduled.module
    data.lock_module(module)
    db.session.refresh(scheduled)
    if scheduled.status != RevisionStatus.SCHEDULED:  # another worker, or its writer cancelled it
        db.session.commit()
        return False
    current = data.get_published_revision(module, scheduled.language)
    if (current.id if current else None) != scheduled.base_revision_id:
        scheduled.status = RevisionStatus.DRAFT
        scheduled.publish_at = None
        audit.record(
            "content.schedule_outdated",
            actor=None,
            object_type="content_revision",
            object_id=scheduled.id,
            module=module.slug,
            language=scheduled.language,
        )
        db.session.commit()
        return False
    revision = publish_copy(scheduled, published_by_id=scheduled.published_by_staff_id)
    audit.record(
        "content.publish_scheduled",
        actor=None,
        object_type="content_revision",
        object_id=revision.id,
        module=module.slug,
        language=revision.language,
    )
    db.session.commit()
    notify_new_tasks()
    log.info("scheduled revision published", extra={"module": module.slug, "language": revision.language})
    return True


def run_publisher() -> None:
    """The queue's job: publish what is due, then come back in a minute."""
    from portal.worker import job_context

    with job_context():
        try:
            publish_due()
        finally:
            schedule_publisher(after=PUBLISHER_INTERVAL)


def schedule_publisher(after: timedelta | None = None) -> bool:
    """Put the publisher on the queue (now, or `after` from now); False when there is no queue."""
    if not current_app.config.get("REDIS_URL"):
        return False
    from portal.worker import queue

    if after is None:
        queue().enqueue(run_publisher, job_id=PUBLISHER_JOB_ID)
    else:
        queue().enqueue_in(after, run_publisher, job_id=PUBLISHER_JOB_ID)
    return True
