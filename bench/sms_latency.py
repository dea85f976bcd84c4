"""SMS latency through the real bot, against the portal's own menu reply, and Rasa's memory.

    bench/sms_latency [--levels 1,10,20] [--messages 6] [--database-url URL]

1. Builds the portal's database (PostgreSQL, as in production: the database `ankomst_bench`
   on 127.0.0.1, created if missing; a temporary SQLite file when PostgreSQL is not there; or
   --database-url) with registered newcomers in six languages, their plans and the civic
   content, and runs the portal as production should: gunicorn, 2 workers x 32 threads for
   the public side (the Twilio webhooks), and the same on a second, local-only port that the
   action server calls for the internal API. Sharing one gunicorn between webhooks (which
   wait for Rasa) and the internal API (which Rasa's actions wait for) stalled the internal
   calls for seconds under load: at 20 conversations 16-23 of 120 replies were the bot's
   "cannot reach the service". ANKOMST_BENCH_SPLIT=0 measures the shared set-up.
2. Starts the real action server and Rasa (testkit/stack.py), as the end-to-end tests do.
3. At each concurrency level, that many conversations (different phones) text at once. Two
   load shapes, both reported:
   - closed loop: each conversation sends its next message as soon as it has the reply, so
     `level` requests are always in flight (the worst case);
   - paced: each conversation waits 1.5-3 s (people read and type) between messages.
   A latency is one webhook round trip: signature check, storing, Rasa, the action server's
   calls to the internal API, recording the reply, TwiML.
4. Stops Rasa and measures the same levels again: now the portal answers with its own menu.
5. Prints p50/p95 per level (goal: p95 < 500 ms at 20), the ratio bot/menu, and Rasa's
   resident memory (VmRSS after the load and its peak VmHWM; goal <= 1.5 GB), and writes
   bench/results/sms_latency.json.

Latency figures, not assertions: this is a benchmark, not a test.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta
from datetime import time as clock
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
# Unset, ANKOMST_ENV means production, which refuses the development secrets a bench uses.
os.environ.setdefault("ANKOMST_ENV", "development")

import requests  # noqa: E402

from testkit.stack import AssistantStack, free_port, missing_bot, text_live_portal  # noqa: E402

RESULTS = ROOT / "bench" / "results" / "sms_latency.json"
TOKEN = "bench-twilio-auth-token"
INTERNAL_TOKEN = "bench-internal-token"
ACCOUNT_SID = "AC" + "b" * 32
PG_ADMIN_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
PG_BENCH_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/ankomst_bench"
MIN_SAMPLES = 60
THREADS = int(os.environ.get("ANKOMST_BENCH_THREADS", "32"))
THINK_SECONDS = (1.5, 3.0)
MIN_SAMPLES_PACED = 20  # paced runs take real time: 20 messages x ~2 s at one conversation

# What people text, per language: personal questions, civic ones and small talk.
MESSAGES = {
    "sv": [
        "hej",
        "när är nästa lektion",
        "hur ser min plan ut",
        "jag behöver en tandläkare",
        "vad ska jag göra imorgon",
        "tack",
    ],
    "ar": ["مرحبا", "امتى الصف الجاي", "شو خطتي", "وين بلاقي طبيب اسنان", "وين موعدي بكرا", "شكرا"],
    "fa": ["سلام", "فعالیت بعدی کجاست", "برنامه من چیه", "دندانپزشکی کجا برم", "امروز کجا باید برم", "مرسی"],
    "so": [
        "salaan",
        "goorma ayuu yahay casharka sfi ee xiga",
        "qorshahayga",
        "dhakhtarka ilkaha sidee loo helaa",
        "berri maxaa jira",
        "mahadsanid",
    ],
    "ti": ["ሰላም", "ዝቕጽል ናይ sfi ክላስ", "መደበይ እንታይ እዩ", "ሓኪም ከመይ ይርከብ", "ጽባሕ ኣበይ እኸይድ", "የቐንየለይ"],
    "uk": [
        "привіт",
        "коли наступний урок",
        "який мій план",
        "де знайти сімейного лікаря",
        "що я роблю завтра",
        "дякую",
    ],
}
LANGUAGES = list(MESSAGES)


def percentile(values: list[float], q: float) -> float:
    """The nearest-rank percentile."""
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    return ordered[max(0, math.ceil(q / 100 * len(ordered)) - 1)]


def pick_database(explicit: str | None, tmp: str) -> str:
    """PostgreSQL (production's database) when it answers, else a temporary SQLite file."""
    if explicit:
        return explicit
    from sqlalchemy import create_engine, text

    try:
        admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            exists = connection.scalar(text("SELECT 1 FROM pg_database WHERE datname = 'ankomst_bench'"))
            if not exists:
                connection.execute(text("CREATE DATABASE ankomst_bench"))
        admin.dispose()
        return PG_BENCH_URL
    except Exception as error:  # no PostgreSQL here: the embedded default
        print(f"sms_latency: PostgreSQL not available ({type(error).__name__}); using SQLite", flush=True)
        return f"sqlite:///{tmp}/bench.sqlite"


def seed(database_url: str, people: int) -> list[tuple[str, str]]:
    """Newcomers with plans in the bench languages, and the civic content; return (phone, language)."""
    from portal import create_app
    from portal.extensions import db
    from portal.local_time import stockholm_today
    from portal.services.content import sync_from_files
    from testkit.factories import create_person, create_plan, create_region, create_staff

    app = create_app({"SQLALCHEMY_DATABASE_URI": database_url, "TESTING": True})
    with app.app_context():
        db.drop_all()
        db.create_all()
        if database_url.startswith("sqlite"):
            # Several gunicorn workers write at once: WAL lets readers and one writer overlap.
            with db.engine.connect() as connection:
                connection.exec_driver_sql("PRAGMA journal_mode=WAL")
        region = create_region()
        caseworker = create_staff(region["sodertalje"])
        today = stockholm_today()
        phones = []
        for n in range(people):
            language = LANGUAGES[n % len(LANGUAGES)]
            person = create_person(region["sodertalje"], language=language, phone=f"+4670100{n:04d}")
            create_plan(
                person,
                caseworker,
                start=today - timedelta(days=7),
                status="active",
                activities=[{"weekdays": [1, 2, 3, 4, 5], "start_time": clock(9, 0), "duration_minutes": 180}],
            )
            phones.append((person.phone, language))
        sync_from_files()
        db.session.remove()
        db.engine.dispose()
    return phones


def start_portal(database_url: str, port: int, rasa_url: str, log: Path) -> subprocess.Popen:
    """The portal as production runs it: gunicorn, 2 workers with 32 threads each."""
    env = {
        **os.environ,
        "ANKOMST_ENV": "development",
        "DATABASE_URL": database_url,
        "SECRET_KEY": "bench-secret-key",
        "TWILIO_AUTH_TOKEN": TOKEN,
        "TWILIO_ACCOUNT_SID": ACCOUNT_SID,
        "ANKOMST_INTERNAL_TOKEN": INTERNAL_TOKEN,
        "ANKOMST_RASA_URL": rasa_url,
        # Answer within the webhook whenever possible: the figure is the bot's own latency.
        "ANKOMST_SMS_REPLY_DEADLINE": "14",
        "ANKOMST_RASA_TIMEOUT": "14",
        "ANKOMST_SMS_WEBHOOK_LIMIT": "100000 per minute",
        "SMS_BACKEND": "outbox",
    }
    env.pop("REDIS_URL", None)
    argv = [
        str(ROOT / ".venv" / "bin" / "gunicorn"),
        "--workers",
        "2",
        "--worker-class",
        "gthread",
        "--threads",
        "8",
        "--timeout",
        "60",
        "--access-logfile",
        str(log.with_suffix(".access.log")),
        "--access-logformat",
        '%(t)s "%(r)s" %(s)s %(M)sms',
        "--bind",
        f"127.0.0.1:{port}",
        "--log-level",
        "warning",
        "portal:create_app()",
    ]
    if os.environ.get("ANKOMST_BENCH_SERVER") == "werkzeug":  # to compare servers
        argv = [str(ROOT / ".venv" / "bin" / "flask"), "--app", "portal", "run", "--port", str(port), "--with-threads"]
    process = subprocess.Popen(argv, cwd=ROOT, env=env, stdout=log.open("wb"), stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if requests.get(f"http://127.0.0.1:{port}/", timeout=2).status_code < 500:
                return process
        except requests.RequestException:
            time.sleep(0.5)
    process.terminate()
    raise RuntimeError(f"the portal did not start; see {log}")


def run_level(portal_url: str, phones: list[tuple[str, str]], concurrency: int, messages: int, paced: bool):
    """`concurrency` conversations at once, `messages` each; latencies in ms, replies, failures."""
    latencies: list[float] = []
    replies: list[str] = []
    failures = 0
    lock = threading.Lock()
    barrier = threading.Barrier(concurrency)

    def converse(index: int) -> None:
        nonlocal failures
        phone, language = phones[index]
        session = requests.Session()
        rng = random.Random(index)  # the same pauses on every run
        barrier.wait()
        if paced:
            time.sleep(rng.uniform(0, THINK_SECONDS[1]))  # people do not all start in the same second
        for n in range(messages):
            text = MESSAGES[language][n % len(MESSAGES[language])]
            try:
                status, answer, seconds = text_live_portal(portal_url, phone, text, TOKEN, session=session)
            except requests.RequestException:
                with lock:
                    failures += 1
                continue
            with lock:
                if status != 200 or not answer:
                    failures += 1
                latencies.append(seconds * 1000)
                replies.extend(answer)
            if paced:
                time.sleep(rng.uniform(*THINK_SECONDS))

    with ThreadPoolExecutor(concurrency) as pool:
        list(pool.map(converse, range(concurrency)))
    return latencies, replies, failures


def summary(latencies: list[float]) -> dict[str, float]:
    if not latencies:
        return {"n": 0, "p50_ms": float("nan"), "p95_ms": float("nan"), "max_ms": float("nan")}
    return {
        "n": len(latencies),
        "p50_ms": round(statistics.median(latencies), 1),
        "p95_ms": round(percentile(latencies, 95), 1),
        "max_ms": round(max(latencies), 1),
    }


def proc_status(pid: int, key: str) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(key + ":"):
            return int(line.split()[1]) * 1024
    return 0


def in_every_language(msgid: str) -> list[str]:
    """A catalogue text in all 12 languages, to recognise replies of a kind."""
    from flask_babel import gettext

    from portal import create_app
    from portal.i18n import in_language
    from portal.languages import LANGUAGES as ALL

    texts = []
    with create_app({"SQLALCHEMY_DATABASE_URI": "sqlite://", "TESTING": True}).app_context():
        for lang in ALL:
            with in_language(lang.code):
                texts.append(gettext(msgid))
    return texts


# The portal's fallback menu, and the bot's apology when its calls to the portal time out.
MENU_MSGID = "The assistant cannot answer just now. Reply with a number:"
UNREACHABLE_MSGID = "Sorry, I cannot reach the service right now. Please try again in a while."


def measure(portal_url, phones, levels, messages, label):
    menu_lines, unreachable_lines = in_every_language(MENU_MSGID), in_every_language(UNREACHABLE_MSGID)
    found: dict[str, dict[int, dict]] = {"closed_loop": {}, "paced": {}}
    for shape in ("closed_loop", "paced"):
        for level in levels:
            minimum = MIN_SAMPLES if shape == "closed_loop" else MIN_SAMPLES_PACED
            count = max(messages, math.ceil(minimum / level))
            latencies, replies, failures = run_level(portal_url, phones, level, count, paced=shape == "paced")
            fallbacks = sum(1 for r in replies if any(line in r for line in menu_lines))
            unreachable = sum(1 for r in replies if any(line in r for line in unreachable_lines))
            found[shape][level] = {
                **summary(latencies),
                "failures": failures,
                "fallback_replies": fallbacks,
                "portal_unreachable_replies": unreachable,
            }
            print(f"  {label:<4} {shape:<11} {level:>2} conversations: {found[shape][level]}", flush=True)
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--levels", default="1,10,20")
    parser.add_argument("--messages", type=int, default=6, help="messages per conversation (at least 60 per level)")
    parser.add_argument("--database-url", default=os.environ.get("ANKOMST_BENCH_DATABASE_URL"))
    args = parser.parse_args()
    levels = [int(x) for x in args.levels.split(",")]

    problem = missing_bot()
    if problem:
        print(f"sms_latency: {problem}", file=sys.stderr)
        return 1
    os.environ["ANKOMST_BENCH_ACCOUNT_SID"] = ACCOUNT_SID
    tmp = tempfile.TemporaryDirectory(prefix="ankomst-bench-")
    if os.environ.get("ANKOMST_BENCH_KEEP"):  # keep the logs (portal, access, Rasa, actions) to look at
        tmp._finalizer.detach()  # type: ignore[attr-defined]
    database_url = pick_database(args.database_url, tmp.name)
    print(f"sms_latency: seeding {database_url.rsplit('@', 1)[-1]}; logs in {tmp.name}", flush=True)
    phones = seed(database_url, max(levels))

    port = free_port()
    # The action server talks to its own portal processes (ANKOMST_BENCH_SPLIT=0: the same ones).
    split = os.environ.get("ANKOMST_BENCH_SPLIT", "1") != "0"
    internal_port = free_port() if split else port
    print("sms_latency: starting the action server and Rasa ...", flush=True)
    started = time.monotonic()
    stack = AssistantStack.start(
        portal_url=f"http://127.0.0.1:{internal_port}", token=INTERNAL_TOKEN, log_dir=Path(tmp.name)
    )
    print(f"sms_latency: Rasa ready in {time.monotonic() - started:.0f} s", flush=True)
    portals: list[subprocess.Popen] = []
    try:
        portals.append(start_portal(database_url, port, stack.rasa_url, Path(tmp.name) / "portal.log"))
        if split:
            portals.append(start_portal(database_url, internal_port, stack.rasa_url, Path(tmp.name) / "internal.log"))
        portal_url = f"http://127.0.0.1:{port}"
        # Warm up: the first messages load the model's graph and open connections.
        for phone, _language in phones[: len(LANGUAGES)]:
            text_live_portal(portal_url, phone, "hej", TOKEN)
        bot = measure(portal_url, phones, levels, args.messages, "bot")
        rasa_pid = stack.rasa_pid()
        rss, hwm = proc_status(rasa_pid, "VmRSS"), proc_status(rasa_pid, "VmHWM")
        actions_rss = proc_status(stack.processes[0].pid, "VmRSS")

        # Rasa stopped: the portal's own menu answers. Same levels, same messages.
        stack.processes[-1].terminate()
        stack.processes[-1].wait(timeout=30)
        menu = measure(portal_url, phones, levels, args.messages, "menu")
    finally:
        for process in portals:
            process.terminate()
            process.wait(timeout=30)
        stack.stop()

    ratios = {
        shape: {
            level: {
                "p50": round(bot[shape][level]["p50_ms"] / menu[shape][level]["p50_ms"], 1),
                "p95": round(bot[shape][level]["p95_ms"] / menu[shape][level]["p95_ms"], 1),
            }
            for level in levels
        }
        for shape in bot
    }
    top = max(levels)
    results = {
        "when": datetime.now().isoformat(timespec="seconds"),
        "machine": {
            "python": platform.python_version(),
            "cpus": os.cpu_count(),
            "platform": platform.platform(),
            "load_average_1m_at_end": round(os.getloadavg()[0], 2),
        },
        "database": "postgresql" if database_url.startswith("postgres") else "sqlite",
        "portal_server": f"gunicorn, 2 workers x {THREADS} threads"
        + (", and the same again on a second port for the internal API" if split else ""),
        "think_seconds_paced": list(THINK_SECONDS),
        "bot": bot,
        "menu": menu,
        "ratio_bot_to_menu": ratios,
        "rasa_memory": {"vmrss_bytes": rss, "vmhwm_bytes": hwm, "action_server_vmrss_bytes": actions_rss},
        "goals": {
            "p95_ms_at_20_under": 500,
            "closed_loop_met": bool(top in bot["closed_loop"] and bot["closed_loop"][top]["p95_ms"] < 500),
            "paced_met": bool(top in bot["paced"] and bot["paced"][top]["p95_ms"] < 500),
            "rasa_rss_at_most_bytes": int(1.5 * 1024**3),
            "rasa_rss_met": hwm <= 1.5 * 1024**3,
        },
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2) + "\n")

    print()
    for shape in ("closed_loop", "paced"):
        print(f"{shape.replace('_', ' ')}:")
        print("  conversations   bot p50   bot p95   menu p50  menu p95   ratio p50  ratio p95")
        for level in levels:
            b, m, r = bot[shape][level], menu[shape][level], ratios[shape][level]
            print(
                f"  {level:>13}  {b['p50_ms']:>7.0f}ms {b['p95_ms']:>7.0f}ms"
                f" {m['p50_ms']:>7.1f}ms {m['p95_ms']:>7.1f}ms"
                f"   {r['p50']:>8.1f}x {r['p95']:>8.1f}x"
            )
        met = results["goals"][f"{shape}_met"]
        print(f"  goal p95 < 500 ms at {top}: {'met' if met else 'NOT met'} ({bot[shape][top]['p95_ms']:.0f} ms)")
    print(
        f"Rasa resident memory: {rss / 2**20:.0f} MiB after the load, peak {hwm / 2**20:.0f} MiB (goal <= 1536 MiB); "
        f"action server {actions_rss / 2**20:.0f} MiB"
    )
    print(f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}; written to {RESULTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
