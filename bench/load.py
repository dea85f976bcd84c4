"""Load benchmark: gunicorn + PostgreSQL, Locust headless, against a bare Flask baseline.

Prints requests per second and p95 for the plan page, a module page and search at 32
concurrent clients, each with its ratio to the bare endpoint served the same way in the same
run. Goals: plan page p95 < 100 ms, and >= 40% of the bare endpoint's throughput.

The plan page is loaded by every demo newcomer who has a plan, each Locust user signed in as
one of them, not by one person over and over. The portal caches rendered plan fragments per
process (portal.services.fragments), so the run also measures `plan_uncached`: the same load
on a second portal started with the cache off, which is what a newcomer's first view costs.

Environment: BENCH_USERS (32), BENCH_DURATION (20s), BENCH_WORKERS (4), BENCH_THREADS (1: sync
workers; more means gthread), BENCH_TARGETS (home,plan,plan_uncached,module,search).
"""

from __future__ import annotations

import csv
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from testkit.ports import free_port  # noqa: E402

VENV = ROOT / ".venv" / "bin"
PG_ADMIN = "postgresql://postgres@127.0.0.1:5432/postgres"
DB_NAME = "ankomst_bench"
DB_URL = f"postgresql+psycopg://postgres@127.0.0.1:5432/{DB_NAME}"
USERS = int(os.environ.get("BENCH_USERS", "32"))
DURATION = os.environ.get("BENCH_DURATION", "20s")
WORKERS = os.environ.get("BENCH_WORKERS", "4")
THREADS = os.environ.get("BENCH_THREADS", "1")
# `home` (anonymous, no database) shows what the framework itself costs next to the bare endpoint.
TARGETS = os.environ.get("BENCH_TARGETS", "home,plan,plan_uncached,module,search").split(",")
BENCH_REDIS_DB = 3  # the portal's rate limits during the run; emptied first so sign-ins are not refused


def env(**extra: str) -> dict[str, str]:
    return {
        **os.environ,
        "DATABASE_URL": DB_URL,
        "ANKOMST_ENV": "development",
        "SECRET_KEY": "bench-secret-key",
        "REDIS_URL": f"redis://127.0.0.1:6379/{BENCH_REDIS_DB}",
        "PYTHONPATH": str(ROOT),
        **extra,
    }


def prepare_database() -> None:
    import psycopg
    import redis

    redis.Redis(host="127.0.0.1", port=6379, db=BENCH_REDIS_DB).flushdb()
    with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{DB_NAME}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{DB_NAME}"')
    subprocess.run(
        [str(VENV / "flask"), "--app", "portal", "db", "upgrade"], env=env(), check=True, cwd=ROOT, capture_output=True
    )
    subprocess.run(
        [str(VENV / "flask"), "--app", "portal", "seed-demo"], env=env(), check=True, cwd=ROOT, capture_output=True
    )
    subprocess.run(
        [str(VENV / "flask"), "--app", "portal", "content", "sync"],
        env=env(),
        check=True,
        cwd=ROOT,
        capture_output=True,
    )


def serve(app: str, port: int, **extra_env: str) -> subprocess.Popen:
    process = subprocess.Popen(
        [
            str(VENV / "gunicorn"),
            "-w",
            WORKERS,
            "--threads",
            THREADS,
            "-b",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
            app,
        ],
        env=env(**extra_env),
        cwd=ROOT,
        start_new_session=True,
    )
    for _ in range(300):
        try:
            requests.get(f"http://127.0.0.1:{port}/", timeout=10)
            return process
        except requests.RequestException:  # not listening yet, or a worker still importing
            time.sleep(0.2)
    raise RuntimeError(f"{app} did not start")


def stop(process: subprocess.Popen) -> None:
    os.killpg(process.pid, signal.SIGTERM)
    process.wait(timeout=10)


def newcomer_cookies(base: str) -> list[str]:
    """Sign in every demo newcomer who has a plan, through the real forms; their session cookies."""
    import psycopg

    cookies = []
    with psycopg.connect(f"postgresql://postgres@127.0.0.1:5432/{DB_NAME}") as conn:
        phones = [row[0] for row in conn.execute("SELECT phone FROM person ORDER BY id")]
        for phone in phones:
            session = requests.Session()
            token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', session.get(f"{base}/signin").text).group(1)
            session.post(f"{base}/signin", data={"phone": phone, "csrf_token": token})
            body = conn.execute(
                "SELECT body FROM sms_message WHERE to_number = %s ORDER BY id DESC LIMIT 1", (phone,)
            ).fetchone()[0]
            page = session.get(f"{base}/signin/code").text
            token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)
            code = re.search(r"\d{6}", body).group(0)
            session.post(f"{base}/signin/code", data={"code": code, "csrf_token": token})
            if "activity-list" in session.get(f"{base}/plan").text:
                cookies.append("; ".join(f"{c.name}={c.value}" for c in session.cookies))
    if not cookies:
        raise RuntimeError("no demo newcomer could sign in and see a plan")
    return cookies


def run_locust(base: str, target: str, cookies: list[str] | None = None) -> dict[str, float]:
    out = Path(tempfile.mkdtemp()) / target
    subprocess.run(
        [
            str(VENV / "locust"),
            "-f",
            str(ROOT / "bench" / "locustfile.py"),
            "--headless",
            "-u",
            str(USERS),
            "-r",
            str(USERS),
            "-t",
            DURATION,
            "--host",
            base,
            "--csv",
            str(out),
            "--only-summary",
        ],
        env={**os.environ, "TARGET": target, "COOKIES": json.dumps(cookies or [])},
        check=True,
        capture_output=True,
        cwd=ROOT,
    )
    with open(f"{out}_stats.csv") as fh:
        row = next(r for r in csv.DictReader(fh) if r["Name"] == "Aggregated")
    return {
        "rps": float(row["Requests/s"]),
        "p95_ms": float(row["95%"]),
        "p50_ms": float(row["50%"]),
        "failures": int(row["Failure Count"]),
        "requests": int(row["Request Count"]),
    }


def main() -> None:
    prepare_database()
    bare_port, portal_port, cold_port = free_port(), free_port(), free_port()
    load_before = os.getloadavg()[0]
    bare = serve("bench.bare_app:app", bare_port)
    portal = serve("portal:create_app()", portal_port)
    cold = (
        serve("portal:create_app()", cold_port, ANKOMST_FRAGMENT_CACHE_SIZE="0") if "plan_uncached" in TARGETS else None
    )
    try:
        base = f"http://127.0.0.1:{portal_port}"
        cookies = newcomer_cookies(base)
        results = {"bare": run_locust(f"http://127.0.0.1:{bare_port}", "bare")}
        for target in TARGETS:
            if target == "plan_uncached":
                results[target] = run_locust(f"http://127.0.0.1:{cold_port}", "plan", cookies)
            else:
                results[target] = run_locust(base, target, cookies if target == "plan" else None)
    finally:
        for process in (portal, bare, cold):
            if process is not None:
                stop(process)
    kind = f"gthread, {THREADS} threads each" if THREADS != "1" else "sync"
    print(
        f"Load: gunicorn -w {WORKERS} ({kind}) on PostgreSQL, {USERS} concurrent clients, {DURATION} each, "
        f"{date.today()}, {os.cpu_count()} cores, load average {load_before:.1f} before the run; "
        f"plan pages of {len(cookies)} signed-in newcomers"
    )
    print(f"{'target':<14}{'req/s':>9}{'p50 ms':>9}{'p95 ms':>9}{'fail':>7}{'vs bare':>9}")
    for name, r in results.items():
        ratio = r["rps"] / results["bare"]["rps"] if results["bare"]["rps"] else 0
        r["ratio_to_bare"] = round(ratio, 3)
        print(f"{name:<14}{r['rps']:>9.1f}{r['p50_ms']:>9.0f}{r['p95_ms']:>9.0f}{r['failures']:>7}{ratio:>9.2f}")
    plan = results["plan"]
    met = plan["p95_ms"] < 100 and plan["ratio_to_bare"] >= 0.40
    print(
        f"plan page: p95 {plan['p95_ms']:.0f} ms (goal < 100), {plan['ratio_to_bare']:.0%} of bare (goal >= 40%): "
        + ("met" if met else "NOT met")
    )
    if "plan_uncached" in results:
        cold = results["plan_uncached"]
        print(
            f"plan page with the fragment cache off: p95 {cold['p95_ms']:.0f} ms, {cold['ratio_to_bare']:.0%} of bare"
        )
    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "load.json").write_text(
        json.dumps(
            {
                "date": date.today().isoformat(),
                "users": USERS,
                "duration": DURATION,
                "workers": WORKERS,
                "threads": THREADS,
                "cores": os.cpu_count(),
                "load_average_before": round(load_before, 2),
                "newcomers": len(cookies),
                "results": results,
            },
            indent=1,
        )
    )


if __name__ == "__main__":
    sys.exit(main())
