"""Fault runs: kill Rasa under an SMS load, restart PostgreSQL under a web load.

    bench/faults [--scenario a|b|both] [--conversations 10] [--clients 6]

Over 500 lines on purpose (issue 18's limit): it is one experiment, read top to bottom, whose
two scenarios share their plumbing (the private cluster, the portal processes, the recorder);
nothing else imports it, and split into files it would be read in three places at once.

Both scenarios run the portal as production does (gunicorn, gthread workers) on a private,
throwaway PostgreSQL 15 cluster that this script creates (initdb in a temporary directory,
run as the `postgres` user when started as root, on a free port and its own socket
directory) and removes at the end. The machine's shared PostgreSQL on 127.0.0.1:5432 is never
touched: scenario B stops and starts a server, and that must only ever be our own.

A. Rasa killed in the middle of an SMS load. The portal (public port for the webhooks, and a
   second, local-only one for the internal API that the action server calls, as in
   bench/sms_latency), the real action server and Rasa. N conversations (different numbers)
   text signed Twilio webhooks, paced like people. Mid-run Rasa's process group gets SIGKILL;
   some seconds later Rasa is started again on the same port, the portal is left alone. The
   portal keeps its default deadlines (SMS_REPLY_DEADLINE 4 s, RASA_TIMEOUT 12 s).
   Goals: every webhook answered 200 (never a 5xx: Twilio does not retry it by default),
   every MessageSid sent is stored exactly once as an inbound message, every inbound message
   has a recorded reply (Rasa's, or the portal's fallback menu while Rasa is down, in the
   TwiML or, past the SMS deadline, later through the SMS client), and after Rasa is back
   the replies come from Rasa again by themselves within RECOVER_GOAL_S of Rasa answering
   /status, and stay so.

B. PostgreSQL restarted in the middle of a web load. Signed-in newcomers load their plan page
   (each with their browser's Accept-Language in their own language), anonymous readers load
   a module page in Arabic, and one "Twilio" posts signed SMS webhooks. Two faults: the
   cluster is stopped (pg_ctl stop -m fast), left down for PG_DOWN_S and started again (new
   connections are refused meanwhile); then it is restarted at once (pg_ctl restart -m fast:
   the server is back within a second, but every connection in the portal's pools is dead).
   Goals: no 500 and no other unexpected status, no connection errors; while the database is
   down the pages answer the friendly 503 page (HTML, `<html lang>` in the reader's language,
   the translated text, Retry-After) and the webhooks a 503 with Retry-After; after
   PostgreSQL is back, everything answers 200 by itself (no portal restart) within
   RECOVER_GOAL_S. During the outage the reader's language can only come from their choice in
   the session cookie, the URL or Accept-Language: their stored preference is in the database.

What "no inbound message lost" means when the database is down (B). The portal cannot store
a message without its database, so it must not answer 200 for it (Twilio would consider it
delivered). It answers 503 with Retry-After instead, and never 500. By Twilio's documented
behaviour an error answer is not retried by default: the message is then only in Twilio's
message log, and Twilio calls the number's Fallback URL if one is set. Retries come (per
Twilio's "Webhooks connection overrides" page) from overrides in the URL fragment: `rc` the
retry count (default 1, at most 5), `rp` the retry policy (default `ct,rt`, connection and
read timeouts only, so a 5xx is retried only with `rp=5xx` or `rp=all`), `tt` all attempts
within at most 15 s. So a database outage longer than ~15 s loses messages on Twilio's side
unless the deployment adds a fallback (a standby portal, or a queue that stores the raw
webhook). The decision here: the portal's part of the contract is "stored, or refused with
a status Twilio can retry (503)"; the production webhook URL should carry `#rc=5&rp=all`
(the README's "Connecting real Twilio" does not say so yet). This benchmark plays Twilio's
retry: every webhook refused with 503 is sent again, with the same MessageSid, once
PostgreSQL is back, and must then be stored exactly once. A webhook answered 200 must be
stored; a message stored and then answered 503 (the database went away after the commit)
is stored once, and its retry is a duplicate answered from the original.

Prints the counts and the times to recover, writes bench/results/faults.json, and exits
non-zero if a goal is not met.
"""

from __future__ import annotations

import argparse
import html
import json
import os
import platform
import random
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
# Unset, ANKOMST_ENV means production, which refuses the development secrets a bench uses.
os.environ.setdefault("ANKOMST_ENV", "development")

import psycopg  # noqa: E402
import requests  # noqa: E402

from bench.sms_latency import MESSAGES, seed  # noqa: E402
from testkit.stack import BOT, MODEL, RASA, AssistantStack, free_port, missing_bot, signed_sms_webhook  # noqa: E402

RESULTS = ROOT / "bench" / "results" / "faults.json"
PG_BIN = Path(os.environ.get("ANKOMST_PG_BIN", "/usr/lib/postgresql/15/bin"))
DB_NAME = "ankomst_faults"
TOKEN = "bench-twilio-auth-token"
INTERNAL_TOKEN = "bench-internal-token"
ACCOUNT_SID = "AC" + "f" * 32
RECOVER_GOAL_S = 10.0
PG_DOWN_S = 5.0
THINK_SECONDS = (1.0, 2.0)
REQUEST_TIMEOUT = 30
# The portal's fallback menu (assistant down): the first line, in English, for the printout.
MENU_MSGID = "The assistant cannot answer just now. Reply with a number:"
UNAVAILABLE_MSGID = "Ankomst is not available just now. Please try again in a few minutes."


# -- processes ----------------------------------------------------------------------------


class PrivatePostgres:
    """A PostgreSQL cluster of our own in a temporary directory, on a free port."""

    def __init__(self) -> None:
        self.dir = Path(tempfile.mkdtemp(prefix="ankomst-faults-pg-"))
        self.data = self.dir / "data"
        self.port = free_port()
        self.as_root = os.geteuid() == 0
        if self.as_root:  # initdb refuses to run as root: the cluster belongs to `postgres`
            shutil.chown(self.dir, "postgres", "postgres")
        self.dir.chmod(0o700)

    def url(self, database: str = DB_NAME, driver: str = "postgresql+psycopg") -> str:
        return f"{driver}://postgres@127.0.0.1:{self.port}/{database}"

    def _run(self, tool: str, *args: str, timeout: float = 60) -> None:
        argv = [str(PG_BIN / tool), *args]
        if self.as_root:
            argv = ["runuser", "-u", "postgres", "--", *argv]
        done = subprocess.run(argv, capture_output=True, text=True, timeout=timeout, cwd=self.dir)
        if done.returncode != 0:
            raise RuntimeError(f"{tool} failed ({done.returncode}): {done.stderr.strip() or done.stdout.strip()}")

    def init(self) -> None:
        self._run("initdb", "-D", str(self.data), "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-sync")
        self.start()
        with psycopg.connect(self.url("postgres", "postgresql"), autocommit=True) as connection:
            connection.execute(f'CREATE DATABASE "{DB_NAME}"')

    def start(self) -> None:
        options = f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200"
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.dir / "postgres.log"), "-o", options, "-w", "start")

    def restart(self) -> None:
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.dir / "postgres.log"), "-m", "fast", "-w", "restart")

    def stop(self, mode: str = "fast") -> None:
        self._run("pg_ctl", "-D", str(self.data), "-m", mode, "-w", "stop")

    def running(self) -> bool:
        return (self.data / "postmaster.pid").exists()

    def cleanup(self) -> None:
        try:
            if self.running():
                self.stop("immediate")
        except Exception as error:  # the directory goes anyway; a stray server dies with it
            print(f"faults: stopping the private PostgreSQL: {error}", file=sys.stderr)
            _kill_postmaster(self.data)
        shutil.rmtree(self.dir, ignore_errors=True)


def _kill_postmaster(data: Path) -> None:
    try:
        pid = int((data / "postmaster.pid").read_text().split()[0])
        os.kill(pid, signal.SIGKILL)
    except (OSError, ValueError, IndexError):
        pass


def portal_env(database_url: str, rasa_url: str) -> dict[str, str]:
    env = {
        **os.environ,
        "ANKOMST_ENV": "development",  # production's config wants HTTPS-only cookies
        "DATABASE_URL": database_url,
        "SECRET_KEY": "bench-secret-key",
        "TWILIO_AUTH_TOKEN": TOKEN,
        "TWILIO_ACCOUNT_SID": ACCOUNT_SID,
        "ANKOMST_INTERNAL_TOKEN": INTERNAL_TOKEN,
        "ANKOMST_RASA_URL": rasa_url,
        "ANKOMST_SMS_WEBHOOK_LIMIT": "100000 per minute",
        "SMS_BACKEND": "outbox",
        "PYTHONPATH": str(ROOT),
    }
    env.pop("REDIS_URL", None)  # rate limits in memory, worker jobs inline
    return env


def start_portal(env: dict[str, str], port: int, log: Path) -> subprocess.Popen:
    """gunicorn, 2 gthread workers x 8 threads, in a process group of its own."""
    argv = [
        str(ROOT / ".venv" / "bin" / "gunicorn"),
        *("--workers", "2", "--worker-class", "gthread", "--threads", "8", "--timeout", "60"),
        *("--bind", f"127.0.0.1:{port}", "--log-level", "warning", "portal:create_app()"),
    ]
    process = subprocess.Popen(
        argv, cwd=ROOT, env=env, stdout=log.open("wb"), stderr=subprocess.STDOUT, start_new_session=True
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the portal exited with {process.returncode}; see {log}")
        try:
            if requests.get(f"http://127.0.0.1:{port}/", timeout=5).status_code < 500:
                return process
        except requests.RequestException:
            time.sleep(0.3)
    stop_group(process)
    raise RuntimeError(f"the portal did not start; see {log}")


def stop_group(process: subprocess.Popen) -> None:
    if process.poll() is None:
        try:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=5)
        except ProcessLookupError:
            pass


def restart_rasa(stack: AssistantStack, log: Path) -> subprocess.Popen:
    """Start Rasa again on its old port, with the stack's endpoints; it replaces the killed one."""
    assert stack.workdir is not None
    port = stack.rasa_url.rsplit(":", 1)[1]
    argv = [str(RASA), "run", "--enable-api", "-m", str(MODEL), "--port", port, "--interface", "127.0.0.1"]
    argv += ["--endpoints", str(Path(stack.workdir.name) / "endpoints.yml")]
    argv += ["--credentials", str(BOT / "credentials.yml")]
    env = {
        **os.environ,
        "ANKOMST_PORTAL_URL": stack.portal_url,
        "ANKOMST_INTERNAL_TOKEN": INTERNAL_TOKEN,
        "PYTHONUNBUFFERED": "1",
        "RASA_TELEMETRY_ENABLED": "false",
    }
    handle = log.open("ab")
    process = subprocess.Popen(argv, cwd=BOT, env=env, stdout=handle, stderr=subprocess.STDOUT, start_new_session=True)
    stack.processes[-1] = process  # stack.stop() stops it
    return process


def rasa_ready(url: str) -> bool:
    try:
        response = requests.get(f"{url}/status", timeout=2)
        return response.ok and bool(response.json().get("model_file"))
    except (requests.RequestException, ValueError):
        return False


# -- Twilio, as a client ---------------------------------------------------------------------


# Twilio's defaults: 5 s to connect, 15 s for the answer.
TWILIO_TIMEOUTS = (5, 15)
CONNECTION_RETRIES: Counter = Counter()
_retries_lock = threading.Lock()


def new_sid() -> str:
    return "SM" + secrets.token_hex(16)


def post_sms(session: requests.Session, portal_url: str, sid: str, phone: str, body: str) -> requests.Response:
    """One inbound SMS webhook, signed as Twilio signs it."""
    url, params, headers = signed_sms_webhook(portal_url, phone, body, TOKEN, account_sid=ACCOUNT_SID, sid=sid)
    try:
        return session.post(url, data=params, headers=headers, timeout=TWILIO_TIMEOUTS)
    except requests.ConnectionError as error:
        # Twilio's default retry policy: once more when the connection failed (not on a read
        # timeout, nor on an answer). A keep-alive connection the server has just closed ends here.
        with _retries_lock:
            CONNECTION_RETRIES[type(error).__name__] += 1
        return session.post(url, data=params, headers=headers, timeout=TWILIO_TIMEOUTS)


@dataclass
class Sample:
    kind: str
    started: float
    ended: float
    status: int  # 0: no HTTP answer (connection error or timeout)
    sid: str = ""
    note: str = ""
    retry_after: str | None = None


@dataclass
class Recorder:
    t0: float = field(default_factory=time.monotonic)
    samples: list[Sample] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, sample: Sample) -> None:
        with self.lock:
            self.samples.append(sample)

    def at(self, moment: float) -> float:
        return round(moment - self.t0, 2)


def stored_messages(pg: PrivatePostgres, sids: list[str]) -> dict[str, dict]:
    """Inbound messages by MessageSid: how often stored, how handled, how many replies recorded."""
    query = """
        SELECT m.provider_sid, count(DISTINCT m.id), max(m.handled_by),
               count(r.id), string_agg(DISTINCT r.handled_by, ',')
        FROM conversation_message m
        LEFT JOIN conversation_message r ON r.reply_to_id = m.id
        WHERE m.provider_sid = ANY(%s)
        GROUP BY m.provider_sid
    """
    with psycopg.connect(pg.url(driver="postgresql")) as connection:
        rows = connection.execute(query, (sids,)).fetchall()
    return {
        sid: {"stored": n, "handled_by": (handled or "").lower(), "replies": replies, "reply_kinds": kinds or ""}
        for sid, n, handled, replies, kinds in rows
    }


# -- A: Rasa killed under an SMS load -------------------------------------------------------


def scenario_rasa(pg: PrivatePostgres, phones: list[tuple[str, str]], conversations: int, logs: Path) -> dict:
    print(f"\nA. Rasa killed under an SMS load: {conversations} conversations", flush=True)
    port, internal_port = free_port(), free_port()
    started = time.monotonic()
    stack = AssistantStack.start(portal_url=f"http://127.0.0.1:{internal_port}", token=INTERNAL_TOKEN, log_dir=logs)
    print(f"   Rasa and the action server ready in {time.monotonic() - started:.0f} s", flush=True)
    portals: list[subprocess.Popen] = []
    recorder = Recorder()
    events: dict[str, float] = {}
    try:
        env = portal_env(pg.url(), stack.rasa_url)
        portals.append(start_portal(env, port, logs / "portal-a.log"))
        portals.append(start_portal(env, internal_port, logs / "internal-a.log"))
        portal_url = f"http://127.0.0.1:{port}"
        with requests.Session() as warm:  # the first messages load Rasa's graph
            for phone, _language in phones[:conversations]:
                post_sms(warm, portal_url, new_sid(), phone, "hej")

        stop = threading.Event()
        recorder.t0 = time.monotonic()
        CONNECTION_RETRIES.clear()

        def converse(index: int) -> None:
            phone, language = phones[index]
            rng = random.Random(index)
            texts = [t for t in MESSAGES[language] if t.strip()]
            session = requests.Session()
            time.sleep(rng.uniform(0, THINK_SECONDS[1]))
            n = 0
            while not stop.is_set():
                sid, text = new_sid(), texts[n % len(texts)]
                n += 1
                begun = time.monotonic()
                try:
                    status, note = post_sms(session, portal_url, sid, phone, text).status_code, ""
                except requests.RequestException as error:
                    status, note = 0, type(error).__name__
                recorder.add(Sample("sms", begun, time.monotonic(), status, sid, note))
                stop.wait(rng.uniform(*THINK_SECONDS))

        threads = [threading.Thread(target=converse, args=(i,), daemon=True) for i in range(conversations)]
        for thread in threads:
            thread.start()
        time.sleep(10)
        rasa = stack.processes[-1]
        events["killed"] = time.monotonic()
        os.killpg(rasa.pid, signal.SIGKILL)
        rasa.wait(timeout=10)
        print(f"   t={recorder.at(events['killed'])} s: Rasa killed (SIGKILL)", flush=True)
        time.sleep(8)
        events["restarted"] = time.monotonic()
        restart_rasa(stack, logs / "rasa.log")
        print(f"   t={recorder.at(events['restarted'])} s: Rasa started again", flush=True)
        deadline = time.monotonic() + 240
        while not rasa_ready(stack.rasa_url):
            if time.monotonic() > deadline or stack.processes[-1].poll() is not None:
                break
            time.sleep(0.5)
        else:
            events["ready"] = time.monotonic()
            print(f"   t={recorder.at(events['ready'])} s: Rasa answers /status again", flush=True)
        time.sleep(20 if "ready" in events else 0)
        stop.set()
        for thread in threads:
            thread.join(timeout=REQUEST_TIMEOUT + 5)
        events["load_ended"] = time.monotonic()

        # Late replies (past the SMS deadline) are recorded by background threads: wait for them.
        sids = [s.sid for s in recorder.samples]
        deadline = time.monotonic() + 30
        while True:
            stored = stored_messages(pg, sids)
            if all(v["replies"] for v in stored.values()) or time.monotonic() > deadline:
                break
            time.sleep(1)
    finally:
        for process in portals:
            stop_group(process)
        stack.stop()

    return judge_rasa(recorder, events, stored)


def judge_rasa(recorder: Recorder, events: dict[str, float], stored: dict[str, dict]) -> dict:
    samples = sorted(recorder.samples, key=lambda s: s.started)
    statuses = Counter(s.status for s in samples)
    missing = [s.sid for s in samples if s.sid not in stored]
    doubled = [sid for sid, v in stored.items() if v["stored"] != 1]
    unanswered = [sid for sid, v in stored.items() if not v["replies"]]

    def handled(sample: Sample) -> str:
        return stored.get(sample.sid, {}).get("handled_by", "missing")

    def phase(sample: Sample) -> str:
        if sample.started < events["killed"]:
            return "before_kill"
        if sample.started < events["restarted"]:
            return "killed"
        if "ready" not in events or sample.started < events["ready"]:
            return "booting"
        return "after_ready"

    by_phase: dict[str, Counter] = {}
    for sample in samples:
        by_phase.setdefault(phase(sample), Counter())[handled(sample)] += 1

    recovered_at = None
    stays_recovered = False
    if "ready" in events:
        after = [s for s in samples if s.started >= events["restarted"]]
        by_rasa = [s for s in after if handled(s) == "rasa"]
        if by_rasa:
            recovered_at = by_rasa[0].ended
            # From then on (after the goal's grace) every message is Rasa's again.
            settled = [s for s in samples if s.started >= events["ready"] + RECOVER_GOAL_S]
            stays_recovered = bool(settled) and all(handled(s) == "rasa" for s in settled)
    fallback_while_down = by_phase.get("killed", Counter()).get("fallback", 0)
    result = {
        "sent": len(samples),
        "http_status": {str(k): v for k, v in sorted(statuses.items())},
        "stored": sum(1 for s in samples if s.sid in stored),
        "missing_in_database": len(missing),
        "stored_more_than_once": len(doubled),
        "without_a_reply": len(unanswered),
        "handled_by_phase": {k: dict(v) for k, v in by_phase.items()},
        "late_replies_rest": sum(1 for v in stored.values() if "rest" in v.get("reply_kinds", "")),
        "client_errors": dict(Counter(s.note for s in samples if s.status == 0)),
        "connection_retries": dict(CONNECTION_RETRIES),
        "timeline_s": {k: recorder.at(v) for k, v in events.items()},
        "rasa_down_s": round(events["restarted"] - events["killed"], 1),
        "rasa_boot_s": round(events["ready"] - events["restarted"], 1) if "ready" in events else None,
        "first_rasa_reply_after_restart_s": round(recovered_at - events["restarted"], 1) if recovered_at else None,
        "time_to_recover_after_rasa_ready_s": round(max(0.0, recovered_at - events["ready"]), 1)
        if recovered_at
        else None,
        "stays_recovered": stays_recovered,
    }
    goals = {
        "no_5xx_or_errors": all(s.status == 200 for s in samples),
        "no_message_lost": not missing and not doubled,
        "every_message_answered": not unanswered and not missing,
        "fallback_served_while_down": fallback_while_down > 0,
        "recovered_by_itself": result["time_to_recover_after_rasa_ready_s"] is not None
        and result["time_to_recover_after_rasa_ready_s"] <= RECOVER_GOAL_S
        and stays_recovered,
    }
    result["goals"] = goals
    return result


# -- B: PostgreSQL restarted under a web load ----------------------------------------------


def sign_in(base: str, pg: PrivatePostgres, phone: str, language: str) -> requests.Session:
    """Sign a seeded newcomer in through the real forms; the code is read from the SMS outbox."""
    session = requests.Session()
    session.headers["Accept-Language"] = language

    def csrf(path: str) -> str:
        page = session.get(f"{base}{path}", timeout=REQUEST_TIMEOUT).text
        return re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)  # type: ignore[union-attr]

    local = "0" + phone.removeprefix("+46")
    session.post(f"{base}/signin", data={"phone": local, "csrf_token": csrf("/signin")}, timeout=REQUEST_TIMEOUT)
    with psycopg.connect(pg.url(driver="postgresql")) as connection:
        body = connection.execute(
            "SELECT body FROM sms_message WHERE to_number = %s ORDER BY id DESC LIMIT 1", (phone,)
        ).fetchone()[0]
    code = re.search(r"\d{6}", body).group(0)  # type: ignore[union-attr]
    response = session.post(
        f"{base}/signin/code", data={"code": code, "csrf_token": csrf("/signin/code")}, timeout=REQUEST_TIMEOUT
    )
    if session.get(f"{base}/plan", timeout=REQUEST_TIMEOUT, allow_redirects=False).status_code != 200:
        raise RuntimeError(f"signing in {language} failed ({response.status_code})")
    return session


def unavailable_texts() -> dict[str, str]:
    """The 503 page's title in every language, as the portal translates it."""
    from flask_babel import gettext

    from portal import create_app
    from portal.i18n import in_language
    from portal.languages import LANGUAGES

    texts = {}
    with create_app({"SQLALCHEMY_DATABASE_URI": "sqlite://", "TESTING": True}).app_context():
        for lang in LANGUAGES:
            with in_language(lang.code):
                texts[lang.code] = gettext(UNAVAILABLE_MSGID)
    return texts


def check_page(response: requests.Response, language: str, texts: dict[str, str]) -> str:
    """'' when a page answer is what a reader should get, else what is wrong with it."""
    if response.status_code == 200:
        return ""
    if response.status_code != 503:
        return f"status {response.status_code}"
    problems = []
    if not response.headers.get("Retry-After"):
        problems.append("no Retry-After")
    if not response.headers.get("Content-Type", "").startswith("text/html"):
        problems.append("not HTML")
    found = re.search(r'<html lang="([^"]+)"', response.text)
    if not found or found.group(1) != language:
        problems.append(f"lang {found.group(1) if found else None}, wanted {language}")
    if texts[language] not in html.unescape(response.text):
        problems.append("not the friendly text")
    return "; ".join(problems)


def scenario_postgres(pg: PrivatePostgres, phones: list[tuple[str, str]], clients: int, logs: Path) -> dict:
    print(f"\nB. PostgreSQL restarted under a web load: {clients} page clients and one Twilio", flush=True)
    texts = unavailable_texts()
    port = free_port()
    # Nothing listens on port 9: the SMS replies are the portal's own menu, at once.
    portal = start_portal(portal_env(pg.url(), "http://127.0.0.1:9"), port, logs / "portal-b.log")
    base = f"http://127.0.0.1:{port}"
    recorder = Recorder()
    events: dict[str, float] = {}
    try:
        readers = max(1, clients // 3)
        newcomers = [sign_in(base, pg, phone, language) for phone, language in phones[: clients - readers]]
        languages = [language for _phone, language in phones[: clients - readers]]
        stop = threading.Event()

        def browse(kind: str, session: requests.Session, path: str, language: str) -> None:
            while not stop.is_set():
                begun = time.monotonic()
                try:
                    response = session.get(base + path, timeout=REQUEST_TIMEOUT, allow_redirects=False)
                except requests.RequestException as error:
                    recorder.add(Sample(kind, begun, time.monotonic(), 0, note=type(error).__name__))
                    continue
                wrong = check_page(response, language, texts)
                sample = Sample(kind, begun, time.monotonic(), response.status_code, note=wrong)
                sample.retry_after = response.headers.get("Retry-After")
                recorder.add(sample)
                stop.wait(0.05)

        def twilio() -> None:
            session = requests.Session()
            n = 0
            while not stop.is_set():
                phone, language = phones[n % len(phones)]
                sid = new_sid()
                begun = time.monotonic()
                try:
                    response = post_sms(session, base, sid, phone, MESSAGES[language][n % 6])
                    sample = Sample("sms", begun, time.monotonic(), response.status_code, sid)
                    sample.retry_after = response.headers.get("Retry-After")
                except requests.RequestException as error:
                    sample = Sample("sms", begun, time.monotonic(), 0, sid, type(error).__name__)
                recorder.add(sample)
                n += 1
                stop.wait(0.3)

        threads = [
            threading.Thread(target=browse, args=("plan", s, "/plan", lang), daemon=True)
            for s, lang in zip(newcomers, languages, strict=True)
        ]
        threads += [
            threading.Thread(target=browse, args=("module", requests.Session(), "/info/halsa-och-vard?lang=ar", "ar"))
            for _ in range(readers)
        ]
        threads.append(threading.Thread(target=twilio, daemon=True))
        recorder.t0 = time.monotonic()
        CONNECTION_RETRIES.clear()
        for thread in threads:
            thread.daemon = True
            thread.start()
        # 1. Down for PG_DOWN_S: connections are refused. 2. An immediate restart: the server is
        # back at once, but every pooled connection is dead.
        time.sleep(6)
        events["stop_1"] = time.monotonic()
        pg.stop("fast")
        print(f"   t={recorder.at(time.monotonic())} s: PostgreSQL stopped (pg_ctl stop -m fast)", flush=True)
        time.sleep(PG_DOWN_S)
        pg.start()
        events["up_1"] = time.monotonic()
        print(f"   t={recorder.at(events['up_1'])} s: PostgreSQL started again", flush=True)
        time.sleep(RECOVER_GOAL_S)
        events["stop_2"] = time.monotonic()
        pg.restart()
        events["up_2"] = time.monotonic()
        print(f"   t={recorder.at(events['up_2'])} s: PostgreSQL restarted (pg_ctl restart -m fast)", flush=True)
        time.sleep(RECOVER_GOAL_S + 5)
        stop.set()
        for thread in threads:
            thread.join(timeout=REQUEST_TIMEOUT + 5)
        events["load_ended"] = time.monotonic()

        # Twilio's retry: every refused webhook again, with its MessageSid, now that the database is back.
        refused = [s for s in recorder.samples if s.kind == "sms" and s.status != 200]
        retried = Counter()
        with requests.Session() as session:
            for sample in refused:
                phone, language = phones[0]
                try:
                    retried[post_sms(session, base, sample.sid, phone, "hej").status_code] += 1
                except requests.RequestException:
                    retried[0] += 1
        sids = [s.sid for s in recorder.samples if s.kind == "sms"]
        stored = stored_messages(pg, sids)
    finally:
        stop_group(portal)
    return judge_postgres(recorder, events, stored, retried)


def judge_postgres(recorder: Recorder, events: dict[str, float], stored: dict, retried: Counter) -> dict:
    samples = sorted(recorder.samples, key=lambda s: s.started)
    kinds = sorted({s.kind for s in samples})
    counts = {kind: Counter(str(s.status) for s in samples if s.kind == kind) for kind in kinds}
    wrong_pages = Counter(s.note for s in samples if s.kind != "sms" and s.note)
    webhook_503_without_retry_after = sum(
        1 for s in samples if s.kind == "sms" and s.status == 503 and not s.retry_after
    )
    bad = [s for s in samples if s.status not in (200, 503)]
    outage = [s for s in samples if s.status == 503]
    # Recovery, per fault: after PostgreSQL is up, the last answer that was not 200 (before the
    # next fault), and the first 200 of each kind of request.
    recovery = {}
    for n in (1, 2):
        up, until = events[f"up_{n}"], events.get(f"stop_{n + 1}", float("inf"))
        after = [s for s in samples if up <= s.started < until]
        last_failure = max((s.ended for s in samples if s.status != 200 and up <= s.ended < until), default=up)
        first_ok = {}
        for kind in kinds:
            ok = [s.ended for s in after if s.kind == kind and s.status == 200]
            first_ok[kind] = round(min(ok) - up, 2) if ok else None
        recovery[n] = {
            "unavailable_s": round(up - events[f"stop_{n}"], 1),
            "answers_503": sum(1 for s in samples if s.status == 503 and events[f"stop_{n}"] <= s.started < until),
            "first_200_after_up_s": first_ok,
            "time_to_recover_s": round(last_failure - up, 2),
        }
    recovery = {"stop_5s_then_start": recovery[1], "restart_fast": recovery[2]}
    sms = [s for s in samples if s.kind == "sms"]
    accepted_not_stored = [s.sid for s in sms if s.status == 200 and s.sid not in stored]
    lost = [s.sid for s in sms if s.sid not in stored]
    doubled = [sid for sid, v in stored.items() if v["stored"] != 1]
    tail = [s for s in samples if s.started >= events["up_2"] + RECOVER_GOAL_S]
    result = {
        "requests": len(samples),
        "status_by_kind": {k: dict(v) for k, v in counts.items()},
        "status_500": sum(1 for s in samples if s.status == 500),
        "unexpected_status": dict(Counter(str(s.status) for s in bad)),
        "friendly_503_problems": dict(wrong_pages),
        "webhook_503_without_retry_after": webhook_503_without_retry_after,
        "client_errors": dict(Counter(s.note for s in samples if s.status == 0)),
        "webhook_connection_retries": dict(CONNECTION_RETRIES),
        "webhooks_sent": len(sms),
        "webhooks_refused_503": sum(1 for s in sms if s.status == 503),
        "webhooks_retried_status": {str(k): v for k, v in retried.items()},
        "webhooks_stored_after_retry": len(sms) - len(lost),
        "webhooks_accepted_but_not_stored": len(accepted_not_stored),
        "webhooks_lost": len(lost),
        "webhooks_stored_more_than_once": len(doubled),
        "timeline_s": {k: recorder.at(v) for k, v in events.items()},
        "faults": recovery,
        "all_200_after_recovery_window": bool(tail) and all(s.status == 200 for s in tail),
    }
    result["goals"] = {
        "no_500": result["status_500"] == 0 and not bad,
        "friendly_503_during_outage": bool(outage) and not wrong_pages and webhook_503_without_retry_after == 0,
        "no_message_lost": not lost and not doubled and not accepted_not_stored,
        "recovered_by_itself": all(f["time_to_recover_s"] <= RECOVER_GOAL_S for f in recovery.values())
        and result["all_200_after_recovery_window"],
    }
    return result


# -- main ------------------------------------------------------------------------------------


def print_rasa(r: dict) -> None:
    print("\nA. Rasa killed under SMS load")
    print(f"   webhooks sent {r['sent']}, HTTP status {r['http_status']}")
    print(
        f"   stored {r['stored']}/{r['sent']} (missing {r['missing_in_database']}, "
        f"twice {r['stored_more_than_once']}), without a reply {r['without_a_reply']}, "
        f"late (REST) {r['late_replies_rest']}"
    )
    print(
        f"   client errors {r['client_errors']}; connection failures retried once, as Twilio does: "
        f"{r['connection_retries']}"
    )
    for name, counts in r["handled_by_phase"].items():
        print(f"   {name:<12} answered by {counts}")
    print(
        f"   Rasa down {r['rasa_down_s']} s; Rasa booted in {r['rasa_boot_s']} s; first Rasa reply "
        f"{r['first_rasa_reply_after_restart_s']} s after the restart, "
        f"{r['time_to_recover_after_rasa_ready_s']} s after Rasa was ready (goal <= {RECOVER_GOAL_S:.0f}); "
        f"stays recovered: {r['stays_recovered']}"
    )
    print(f"   goals: {r['goals']}")


def print_postgres(r: dict) -> None:
    print("\nB. PostgreSQL restarted under web load")
    print(f"   requests {r['requests']}; status by kind {r['status_by_kind']}")
    print(
        f"   500s {r['status_500']}, other unexpected {r['unexpected_status']}, "
        f"503 page problems {r['friendly_503_problems']}"
    )
    print(
        f"   webhooks: sent {r['webhooks_sent']}, refused with 503 {r['webhooks_refused_503']} "
        f"(retried after recovery: {r['webhooks_retried_status']}), stored {r['webhooks_stored_after_retry']}, "
        f"lost {r['webhooks_lost']}, accepted but not stored {r['webhooks_accepted_but_not_stored']}, "
        f"stored twice {r['webhooks_stored_more_than_once']}"
    )
    print(
        f"   client errors {r['client_errors']}; webhook connection failures retried once, as Twilio does: "
        f"{r['webhook_connection_retries']}"
    )
    for name, f in r["faults"].items():
        print(
            f"   {name}: unavailable {f['unavailable_s']} s, {f['answers_503']} answers 503; "
            f"first 200 after it was up {f['first_200_after_up_s']} s; "
            f"time to recover {f['time_to_recover_s']} s (goal <= {RECOVER_GOAL_S:.0f})"
        )
    print(f"   all 200 afterwards: {r['all_200_after_recovery_window']}")
    print(f"   goals: {r['goals']}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scenario", choices=["a", "b", "both"], default="both")
    parser.add_argument("--conversations", type=int, default=10, help="concurrent SMS conversations (A)")
    parser.add_argument("--clients", type=int, default=6, help="concurrent page clients (B)")
    args = parser.parse_args()
    run_a, run_b = args.scenario in ("a", "both"), args.scenario in ("b", "both")
    if run_a and (problem := missing_bot()):
        print(f"faults: {problem}", file=sys.stderr)
        return 1
    # SIGTERM (make bench interrupted, a CI timeout) still runs the clean-up below.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))

    logs = tempfile.TemporaryDirectory(prefix="ankomst-faults-")
    if os.environ.get("ANKOMST_BENCH_KEEP"):  # keep the logs to look at
        logs._finalizer.detach()  # type: ignore[attr-defined]
    pg = PrivatePostgres()
    results: dict = {}
    try:
        pg.init()
        print(f"faults: private PostgreSQL on 127.0.0.1:{pg.port} in {pg.dir}; logs in {logs.name}", flush=True)
        phones = seed(pg.url(), max(args.conversations, args.clients))
        if run_a:
            results["rasa_killed"] = scenario_rasa(pg, phones, args.conversations, Path(logs.name))
        if run_b:
            results["postgres_restarted"] = scenario_postgres(pg, phones, args.clients, Path(logs.name))
    finally:
        pg.cleanup()
        if not os.environ.get("ANKOMST_BENCH_KEEP"):
            logs.cleanup()

    report = {
        "when": datetime.now().isoformat(timespec="seconds"),
        "machine": {
            "python": platform.python_version(),
            "cpus": os.cpu_count(),
            "load_average_1m_at_end": round(os.getloadavg()[0], 2),
        },
        "recover_goal_s": RECOVER_GOAL_S,
        **results,
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(report, indent=2) + "\n")
    if "rasa_killed" in results:
        print_rasa(results["rasa_killed"])
    if "postgres_restarted" in results:
        print_postgres(results["postgres_restarted"])
    failed = [f"{name}.{goal}" for name, r in results.items() for goal, met in r["goals"].items() if not met]
    print(f"\n{'NOT met: ' + ', '.join(failed) if failed else 'all goals met'}; written to {RESULTS.relative_to(ROOT)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
