"""Load benchmark: gunicorn + PostgreSQL, Locust headless, against a bare Flask baseline.

Prints requests per second and p95 for the plan page, a module page and search at 32
concurrent clients, each with its ratio to the bare endpoint served the same way in the same
run. Goals: plan page p95 < 100 ms, and >= 40% of the bare endpoint's throughput.
"""

from __future__ import annotations

import csv
import json
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv" / "bin"
PG_ADMIN = "postgresql://postgres@127.0.0.1:5432/postgres"
DB_NAME = "ankomst_bench"
DB_URL = f"postgresql+psycopg://postgres@127.0.0.1:5432/{DB_NAME}"
USERS = int(os.environ.get("BENCH_USERS", "32"))
DURATION = os.environ.get("BENCH_DURATION", "20s")
WORKERS = os.environ.get("BENCH_WORKERS", "4")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def env() -> dict[str, str]:
    return {
        **os.environ,
        "DATABASE_URL": DB_URL,
        "ANKOMST_ENV": "development",
        "SECRET_KEY": "bench-secret-key",
        "REDIS_URL": "redis://127.0.0.1:6379/3",
        "PYTHONPATH": str(ROOT),
    }


def prepare_database() -> None:
    import psycopg

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


def serve(app: str, port: int) -> subprocess.Popen:
    process = subprocess.Popen(
        [str(VENV / "gunicorn"), "-w", WORKERS, "-b", f"127.0.0.1:{port}", "--log-level", "warning", app],
        env=env(),
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


def newcomer_cookie(base: str) -> str:
    """Sign in the demo newcomer through the real forms and return the session cookie."""
    import psycopg

    session = requests.Session()
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', session.get(f"{base}/signin").text).group(1)
    session.post(f"{base}/signin", data={"phone": "0701740003", "csrf_token": token})
    with psycopg.connect(f"postgresql://postgres@127.0.0.1:5432/{DB_NAME}") as conn:
        body = conn.execute("SELECT body FROM sms_message ORDER BY id DESC LIMIT 1").fetchone()[0]
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', session.get(f"{base}/signin/code").text).group(1)
    session.post(f"{base}/signin/code", data={"code": re.search(r"\d{6}", body).group(0), "csrf_token": token})
    return "; ".join(f"{c.name}={c.value}" for c in session.cookies)


def run_locust(base: str, target: str, cookie: str = "") -> dict[str, float]:
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
        env={**os.environ, "TARGET": target, "COOKIE": cookie},
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
    bare_port, portal_port = free_port(), free_port()
    bare = serve("bench.bare_app:app", bare_port)
    portal = serve("portal:create_app()", portal_port)
    try:
        base = f"http://127.0.0.1:{portal_port}"
        cookie = newcomer_cookie(base)
        results = {"bare": run_locust(f"http://127.0.0.1:{bare_port}", "bare")}
        for target in ("plan", "module", "search"):
            results[target] = run_locust(base, target, cookie if target == "plan" else "")
    finally:
        stop(portal)
        stop(bare)
    print(f"Load: gunicorn -w {WORKERS} on PostgreSQL, {USERS} concurrent clients, {DURATION} each, {date.today()}")
    print(f"{'target':<10}{'req/s':>9}{'p50 ms':>9}{'p95 ms':>9}{'fail':>7}{'vs bare':>9}")
    for name, r in results.items():
        ratio = r["rps"] / results["bare"]["rps"] if results["bare"]["rps"] else 0
        r["ratio_to_bare"] = round(ratio, 3)
        print(f"{name:<10}{r['rps']:>9.1f}{r['p50_ms']:>9.0f}{r['p95_ms']:>9.0f}{r['failures']:>7}{ratio:>9.2f}")
    plan = results["plan"]
    print(f"plan page: p95 {plan['p95_ms']:.0f} ms (goal < 100), {plan['ratio_to_bare']:.0%} of bare (goal >= 40%)")
    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "load.json").write_text(
        json.dumps(
            {
                "date": date.today().isoformat(),
                "users": USERS,
                "duration": DURATION,
                "workers": WORKERS,
                "results": results,
            },
            indent=1,
        )
    )


if __name__ == "__main__":
    sys.exit(main())
