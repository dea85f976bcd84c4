"""Reminders at scale: 10,000 occurrences of 1,000 people, an 18:00 burst, quiet hours, a worker crash.

    bench/reminders [--people 1000] [--per-person 10] [--crash-at 0.5] [--timeout 600]

Runs on the real Redis at 127.0.0.1:6379 (database 14, a queue of its own) and a throwaway
PostgreSQL database on 127.0.0.1:5432 that it creates, migrates and drops. The portal's own
code plans and sends: `plan_reminders()` here, and the real RQ worker (`flask worker
--with-scheduler`, in a subprocess) at the due times; the SMS backend is the local outbox.

The reminders' clock (portal.reminders.clock) runs ahead of real time in both processes, so
the bench starts at Tuesday 8 December 2026, 17:58:30 in Stockholm and 18:00 comes after a
minute and a half of real time. RQ's scheduler keeps real time; jobs are scheduled at the real
moment their due time comes.

The population: people in all 12 languages, each with `--per-person` single occurrences.
  - 90 % keep the default (the evening before at 18:00); a third of all people also chose
    "1 hour before". Three of their occurrences are on Wednesday (reminded on Tuesday at 18:00,
    inside the run), the rest on Thursday morning (reminded on Wednesday: planned, not due).
  - 10 % chose only "1 hour before": three of their occurrences start on Tuesday between 19:00
    and 19:04 (reminded 18:00-18:04, inside the run), the rest on Thursday.
Quiet hours for the run are 18:01-18:03 (ANKOMST_REMINDER_QUIET_HOURS): the 18:00 burst runs
into them, and the 1-hour reminders due then must wait for 18:03.

In the middle of the burst (when `--crash-at` of the due reminders are sent) the worker gets
SIGKILL and a new one starts at once, as after a crash: RQ hands out again what the dead
worker had started, and the new worker's scheduler waits for the dead one's lock to expire.

Prints and writes to bench/results/reminders.json: reminders due, sent, duplicates (goal 0),
sent inside quiet hours (goal 0), lost to the crash (claimed, never sent: the price of "at most
once"), enqueue throughput (reminders planned and scheduled on RQ per second), and the send
lag (sent minus due, p50/p95/max, in seconds). Exits non-zero if a goal is missed.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import secrets
import signal
import subprocess
import sys
import time as systime
from collections import Counter
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
os.environ.setdefault("ANKOMST_ENV", "development")

from portal.local_time import STOCKHOLM  # noqa: E402

START = datetime(2026, 12, 8, 17, 58, 30, tzinfo=STOCKHOLM)  # Tuesday
QUIET = "18:01-18:03"
REDIS_URL = "redis://127.0.0.1:6379/14"
PG = "postgresql+psycopg://postgres@127.0.0.1:5432"
LANGS = ["sv", "en", "ar", "fa", "prs", "so", "ti", "uk", "ru", "ckb", "ku", "ps"]
ACTIVITY_TYPES = ["sfi", "praktik", "civic_orientation", "job_coaching", "job_search"]


def _env(database_url: str, queue: str) -> dict[str, str]:
    return {
        **os.environ,
        "ANKOMST_ENV": "development",
        "DATABASE_URL": database_url,
        "REDIS_URL": REDIS_URL,
        "ANKOMST_WORKER_QUEUE": queue,
        "ANKOMST_REMINDER_QUIET_HOURS": QUIET,
        "SMS_BACKEND": "outbox",
    }


# -- the worker subprocess -------------------------------------------------------------------------


def run_worker(offset_seconds: float) -> None:
    """`flask worker --with-scheduler`, with the reminders' clock at the bench's offset."""
    from portal import create_app
    from portal.reminders import clock

    clock.set_offset(timedelta(seconds=offset_seconds))
    app = create_app()
    result = app.test_cli_runner().invoke(args=["worker", "--with-scheduler"], catch_exceptions=False)
    sys.exit(result.exit_code)


def start_worker(env: dict[str, str], offset: timedelta, log_path: Path) -> subprocess.Popen:
    log = open(log_path, "ab")  # noqa: SIM115 - the child keeps it
    return subprocess.Popen(
        [sys.executable, __file__, "--worker", str(offset.total_seconds())],
        env=env,
        cwd=REPO,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


# -- setup -------------------------------------------------------------------------------------------


def create_database() -> tuple[str, str]:
    from sqlalchemy import create_engine, text

    name = f"ankomst_bench_reminders_{secrets.token_hex(4)}"
    admin = create_engine(f"{PG}/postgres", isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return name, f"{PG}/{name}"


def drop_database(name: str) -> None:
    from sqlalchemy import create_engine, text

    admin = create_engine(f"{PG}/postgres", isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def populate(people: int, per_person: int) -> dict[str, int]:
    """People, active plans and single occurrences, written in bulk (the plan service is not measured here)."""
    from portal.extensions import db
    from portal.models import Activity, Organisation, OrganisationKind, Person, Plan, PlanStatus, ReminderPreference

    region = Organisation(slug="bench-region", name="Region", kind=OrganisationKind.REGION)
    town = Organisation(slug="bench-town", name="Town", kind=OrganisationKind.MUNICIPALITY, parent=region)
    db.session.add_all([region, town])
    db.session.flush()
    wednesday, thursday, tuesday = date(2026, 12, 9), date(2026, 12, 10), date(2026, 12, 8)
    counts = Counter()
    for i in range(people):
        person = Person(
            phone=f"+4670{i:07d}",
            name=f"Bench {i}",
            preferred_language=LANGS[i % len(LANGS)],
            home_municipality_id=town.id,
            responsible_org_id=town.id,
        )
        db.session.add(person)
        db.session.flush()
        hours_only = i % 10 == 9
        if hours_only:
            db.session.add(ReminderPreference(person_id=person.id, evening_before=False, hours_before=1))
        elif i % 3 == 0:
            db.session.add(ReminderPreference(person_id=person.id, evening_before=True, hours_before=1))
        plan = Plan(person_id=person.id, status=PlanStatus.ACTIVE, start_date=tuesday)
        db.session.add(plan)
        db.session.flush()
        for k in range(per_person):
            if k < 3 and hours_only:
                day, start = tuesday, (datetime(2026, 1, 1, 19, 0) + timedelta(seconds=(i * 7 + k * 80) % 240)).time()
            elif k < 3:
                day, start = wednesday, time(8 + 2 * k, 0)
            else:
                day, start = thursday, time(7 + (k - 3) % 5, 0)  # 07:00-11:00, within the horizon
            counts["occurrences"] += 1
            db.session.add(
                Activity(
                    plan_id=plan.id,
                    type_key=ACTIVITY_TYPES[(i + k) % len(ACTIVITY_TYPES)],
                    place=f"Storgatan {k + 1}, Södertälje",
                    weekdays=str(day.isoweekday()),
                    start_time=start,
                    duration_minutes=45,
                    start_date=day,
                    end_date=day,
                )
            )
        if i % 100 == 99:
            db.session.commit()
    db.session.commit()
    counts["people"] = people
    return dict(counts)


# -- measuring -----------------------------------------------------------------------------------------


def snapshot(offset: timedelta, due_by: datetime):
    """Every reminder SMS and row, as plain tuples."""
    from sqlalchemy import select

    from portal.extensions import db
    from portal.models import ActivityReminder, SmsMessage

    db.session.expire_all()
    sms = db.session.execute(
        select(SmsMessage.id, SmsMessage.person_id, SmsMessage.body, SmsMessage.created_at).where(
            SmsMessage.purpose == "reminder"
        )
    ).all()
    rows = db.session.execute(
        select(ActivityReminder.id, ActivityReminder.status, ActivityReminder.due_at, ActivityReminder.sms_message_id)
    ).all()
    return sms, rows


def percentile(values: list[float], p: float) -> float | None:
    if not values:
        return None
    values = sorted(values)
    return round(values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))], 2)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--people", type=int, default=1000)
    parser.add_argument("--per-person", type=int, default=10)
    parser.add_argument("--crash-at", type=float, default=0.5, help="share of the due reminders sent before the crash")
    parser.add_argument("--timeout", type=float, default=600)
    parser.add_argument("--worker", type=float, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker is not None:
        run_worker(args.worker)
        return 0

    from redis import Redis

    queue = f"bench-reminders-{secrets.token_hex(4)}"
    db_name, database_url = create_database()
    env = _env(database_url, queue)
    os.environ.update(
        {
            k: env[k]
            for k in (
                "DATABASE_URL",
                "REDIS_URL",
                "ANKOMST_WORKER_QUEUE",
                "ANKOMST_REMINDER_QUIET_HOURS",
                "SMS_BACKEND",
            )
        }
    )
    log_path = REPO / "bench" / "results" / "reminders-worker.log.tmp"
    log_path.unlink(missing_ok=True)
    workers: list[subprocess.Popen] = []
    redis = Redis.from_url(REDIS_URL)
    try:
        from flask_migrate import upgrade

        from portal import create_app
        from portal.reminders import clock
        from portal.reminders.planning import plan_reminders

        app = create_app({"SQLALCHEMY_DATABASE_URI": database_url, "REDIS_URL": REDIS_URL, "WORKER_QUEUE": queue})
        with app.app_context():
            upgrade()
            t = systime.perf_counter()
            population = populate(args.people, args.per_person)
            print(f"population: {population} in {systime.perf_counter() - t:.1f} s", flush=True)

            offset = START - datetime.now(UTC)
            clock.set_offset(offset)
            t = systime.perf_counter()
            result = plan_reminders()
            planning_s = systime.perf_counter() - t
            throughput = result.enqueued / planning_s if planning_s else 0.0
            print(
                f"planned {result.planned} reminders, {result.enqueued} RQ jobs in {planning_s:.1f} s "
                f"({throughput:.0f}/s), virtual time now {clock.now().astimezone(STOCKHOLM):%H:%M:%S}",
                flush=True,
            )

            # Due within the run: everything planned for Tuesday up to 18:05.
            run_end = datetime(2026, 12, 8, 18, 5, tzinfo=STOCKHOLM)
            _, rows = snapshot(offset, run_end)
            due = {r.id for r in rows if r.due_at <= run_end}
            print(f"reminders due by 18:05: {len(due)}", flush=True)

            workers.append(start_worker(env, offset, log_path))
            crashed_at = None
            deadline = systime.monotonic() + args.timeout
            while systime.monotonic() < deadline:
                systime.sleep(1)
                sms, rows = snapshot(offset, run_end)
                sent_due = sum(1 for r in rows if r.id in due and r.status.value == "sent")
                open_due = sum(1 for r in rows if r.id in due and r.status.value in ("scheduled", "sending"))
                if crashed_at is None and sent_due >= args.crash_at * len(due):
                    os.killpg(workers[-1].pid, signal.SIGKILL)
                    workers[-1].wait()
                    crashed_at = clock.now()
                    print(
                        f"worker killed at {crashed_at.astimezone(STOCKHOLM):%H:%M:%S} "
                        f"after {sent_due} sent; a new one starts",
                        flush=True,
                    )
                    workers.append(start_worker(env, offset, log_path))
                stuck = sum(1 for r in rows if r.id in due and r.status.value == "sending")
                if crashed_at is not None and open_due - stuck == 0 and clock.now() > run_end:
                    break
                if int(systime.monotonic()) % 15 == 0:
                    print(
                        f"  {clock.now().astimezone(STOCKHOLM):%H:%M:%S}: {sent_due} sent, {open_due} open", flush=True
                    )
            for worker in workers:
                if worker.poll() is None:
                    os.killpg(worker.pid, signal.SIGTERM)
                    worker.wait(timeout=30)

            sms, rows = snapshot(offset, run_end)
            rules_start, rules_end = app.config["REMINDER_QUIET_HOURS"]
            from portal.reminders.timing import QuietHours

            quiet = QuietHours(rules_start, rules_end, STOCKHOLM)
            by_id = {r.id: r for r in rows}
            sms_by_id = {s.id: s for s in sms}
            status = Counter(by_id[i].status.value for i in due)
            groups = Counter((s.person_id, s.body) for s in sms)
            duplicates = sum(n - 1 for n in groups.values() if n > 1)
            in_quiet = sum(1 for s in sms if quiet.contains(s.created_at + offset))
            lags = [
                (sms_by_id[r.sms_message_id].created_at + offset - r.due_at).total_seconds()
                for r in rows
                if r.id in due and r.sms_message_id in sms_by_id
            ]
            report = {
                "date": datetime.now(UTC).date().isoformat(),
                "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
                "database": "postgresql",
                "people": args.people,
                "occurrences": population["occurrences"],
                "reminders_planned": result.planned,
                "rq_jobs_scheduled": result.enqueued,
                "planning_seconds": round(planning_s, 2),
                "enqueue_throughput_per_s": round(throughput, 1),
                "reminders_due": len(due),
                "reminders_sent": len(sms),
                "due_by_status": dict(status),
                "duplicates": duplicates,
                "sent_inside_quiet_hours": in_quiet,
                "lost_to_the_crash": status.get("sending", 0),
                "send_lag_s": {"p50": percentile(lags, 50), "p95": percentile(lags, 95), "max": percentile(lags, 100)},
                "crash_at": crashed_at.astimezone(STOCKHOLM).isoformat() if crashed_at else None,
                "quiet_hours": QUIET,
            }
        print(json.dumps(report, indent=2))
        out = REPO / "bench" / "results" / "reminders.json"
        out.write_text(json.dumps(report, indent=2) + "\n")
        ok = duplicates == 0 and in_quiet == 0
        print("goals met" if ok else "GOAL MISSED: duplicates or sends inside quiet hours")
        return 0 if ok else 1
    finally:
        for worker in workers:
            if worker.poll() is None:
                os.killpg(worker.pid, signal.SIGKILL)
        for key in redis.scan_iter(f"rq:*{queue}*"):
            redis.delete(key)
        for key in redis.scan_iter("rq:job:ankomst-reminder-*"):
            redis.delete(key)
        drop_database(db_name)


if __name__ == "__main__":
    sys.exit(main())
