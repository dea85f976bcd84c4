"""Background jobs on an RQ queue in Redis (REDIS_URL), or inline when there is no Redis.

    enqueue(send_late_reply, message_id)

The embedded default (no REDIS_URL) runs a job at once, in the caller's thread, so `make run`
needs nothing more. With Redis, `flask worker` runs the jobs; a job that raises is retried
(RETRY_INTERVALS), which is how an SMS the provider refused for a moment still goes out.
`flask worker --with-scheduler` also runs jobs scheduled for later with RQ's own `enqueue_at`
and `enqueue_in`: activity reminders (portal.reminders), their hourly planner, retention,
scheduled texts (portal.services.content.schedule) and the daily link check.

Jobs are plain functions taking ids, never phone numbers or texts: job arguments sit in Redis.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import click
from flask import Flask, current_app, has_app_context
from flask.cli import with_appcontext

log = logging.getLogger(__name__)

RETRY_INTERVALS = [10, 60, 300]
_job_app: Flask | None = None


def queue():
    """The worker queue on REDIS_URL."""
    from redis import Redis
    from rq import Queue

    config = current_app.config
    return Queue(config["WORKER_QUEUE"], connection=Redis.from_url(config["REDIS_URL"]))


def enqueue(func: Callable[..., Any], *args: Any) -> None:
    """Run `func(*args)` on the worker queue, or now when no queue is configured."""
    if current_app.config.get("REDIS_URL"):
        from redis.exceptions import RedisError
        from rq import Retry

        try:
            queue().enqueue(func, *args, retry=Retry(max=len(RETRY_INTERVALS), interval=RETRY_INTERVALS))
            return
        except RedisError:
            # Better late and inline than lost: the reply is already recorded, so send it now.
            log.warning("worker queue unavailable; running job inline", extra={"job": func.__name__})
    try:
        func(*args)
    except Exception:
        log.exception("inline job failed", extra={"job": func.__name__})


@contextmanager
def job_context() -> Iterator[None]:
    """An app context for a job: the caller's when there is one, else the worker's own app."""
    global _job_app
    if has_app_context():
        yield
        return
    if _job_app is None:
        from portal import create_app

        _job_app = create_app()
    with _job_app.app_context():
        yield


@click.command("worker")
@click.option("--burst", is_flag=True, help="Run the queued jobs, then stop.")
@click.option(
    "--with-scheduler",
    is_flag=True,
    help="Also run jobs scheduled for later (reminders, the reminder planner, retention).",
)
@with_appcontext
def worker_command(burst: bool, with_scheduler: bool) -> None:
    """Run the background worker (RQ) on REDIS_URL."""
    from redis import Redis
    from rq import SimpleWorker

    config = current_app.config
    if not config.get("REDIS_URL"):
        raise click.ClickException("REDIS_URL is not set: jobs run inline in the portal, no worker is needed.")
    global _job_app
    _job_app = current_app._get_current_object()  # type: ignore[attr-defined]
    # SimpleWorker runs jobs in this process, inside the app context, without forking: a fork
    # would share the parent's database connections.
    if with_scheduler:
        # Reminders are scheduled jobs: the planner plans the coming hours now, and then hourly.
        from portal.reminders.planning import schedule_planner
        from portal.services.content.links import schedule_link_check
        from portal.services.content.schedule import schedule_publisher

        schedule_planner()
        # Staff notifications: deadlines, daily digests and anything missed, every few minutes.
        from portal.notifications.events import schedule_sweep

        schedule_sweep()
        # Scheduled texts go out within a minute of their time; links are checked daily.
        schedule_publisher()
        schedule_link_check()
    # maintenance_interval: a worker that could not take the scheduler lock (a crashed worker's
    # lock lives on for a minute) tries again at each maintenance; RQ's default of ten minutes
    # would hold every scheduled reminder that long after a crash (bench/reminders).
    worker = SimpleWorker(
        [config["WORKER_QUEUE"]], connection=Redis.from_url(config["REDIS_URL"]), maintenance_interval=60
    )
    worker.work(burst=burst, with_scheduler=with_scheduler)
