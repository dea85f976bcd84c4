"""The real assistant for end-to-end tests and the latency benchmark.

    stack = AssistantStack.start(portal_url="http://127.0.0.1:5123", token="...")
    ... stack.rasa_url ...
    stack.stop()

Starts the rasa-sdk action server (bot/actions_server.py, as bot/scripts/run_actions.sh does:
127.0.0.1 and a shared secret; it talks to the portal at `portal_url` with the internal token)
and Rasa (`rasa run --enable-api` on 127.0.0.1 with the trained model, an in-memory tracker
store, and the action server's port and secret), each on a free port, and waits until both
answer. Also serves a Flask app on a free port in a thread (`serve_app`), so the action
server can call the portal's internal API while a test drives it.

If the bot's virtual environment or its trained model is missing, `missing_bot()` says what to
run; the end-to-end tests then fail with that message rather than skip.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import gunicorn
import requests
from werkzeug.serving import make_server

from testkit.ports import free_port

ROOT = Path(__file__).resolve().parents[1]
BOT = ROOT / "bot"
RASA = BOT / ".venv" / "bin" / "rasa"
MODEL = BOT / "models" / "ankomst.tar.gz"
ACTIONS_SERVER = BOT / "actions_server.py"
VENV_BIN = Path(sys.executable).parent  # the portal's virtual environment (Python 3.11), as the tests run
READY_TIMEOUT = float(os.environ.get("ANKOMST_RASA_READY_TIMEOUT", "240"))


def missing_bot() -> str | None:
    """What is missing to run the real bot, as an instruction; None when all is there."""
    if not RASA.exists():
        return (
            f"The bot's virtual environment is missing ({RASA}). "
            "Run: bash bot/scripts/setup_venv.sh && bash bot/scripts/train_if_changed.sh"
        )
    if not MODEL.exists():
        return f"The bot is not trained ({MODEL} is missing). Run: bash bot/scripts/train_if_changed.sh"
    return None


class ServedApp:
    """A WSGI app on 127.0.0.1:<free port>, in a thread, one thread per request."""

    def __init__(self, app, port: int | None = None) -> None:
        self.port = port or free_port()
        self._server = make_server("127.0.0.1", self.port, app, threaded=True)
        self._thread = threading.Thread(target=self._server.serve_forever, name="live-portal", daemon=True)
        self._thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def stop(self) -> None:
        self._server.shutdown()


def serve_app(app, port: int | None = None) -> ServedApp:
    """Serve `app` (the portal) for the action server and for signed webhook posts."""
    return ServedApp(app, port)


@dataclass
class AssistantStack:
    rasa_url: str
    actions_url: str
    portal_url: str = ""
    actions_token: str = ""
    processes: list[subprocess.Popen] = field(default_factory=list)
    workdir: tempfile.TemporaryDirectory | None = None
    # More Rasa processes on the same endpoints (add_rasa); `processes[-1]` stays the first Rasa.
    more_rasas: list[tuple[str, subprocess.Popen]] = field(default_factory=list)
    env: dict[str, str] = field(default_factory=dict)

    @classmethod
    def start(
        cls,
        *,
        portal_url: str,
        token: str,
        log_dir: Path | None = None,
        tracker_store: str = "",
        extra_env: dict[str, str] | None = None,
    ) -> AssistantStack:
        """Start the action server and Rasa; raise RuntimeError if either is not ready in time.

        `tracker_store` is YAML for endpoints.yml (a `tracker_store:` section); without it the
        tracker store is Rasa's in-memory one. `extra_env` goes to both processes.
        """
        problem = missing_bot()
        if problem:
            raise RuntimeError(problem)
        workdir = tempfile.TemporaryDirectory(prefix="ankomst-rasa-")
        logs = Path(log_dir or workdir.name)
        actions_port, rasa_port = free_port(), free_port()
        actions_token = secrets.token_urlsafe(24)
        endpoints = Path(workdir.name) / "endpoints.yml"
        # In-memory tracker and lock stores: every run starts clean, nothing is written to bot/.
        # The secret is written out (the folder is private to this user), so a restarted Rasa
        # (bench/faults) finds it without the environment.
        endpoints.write_text(
            f'action_endpoint:\n  url: "http://127.0.0.1:{actions_port}/webhook"\n  token: "{actions_token}"\n'
            + tracker_store
        )
        env = {
            **os.environ,
            "ANKOMST_PORTAL_URL": portal_url,
            "ANKOMST_INTERNAL_TOKEN": token,
            "ANKOMST_ACTIONS_TOKEN": actions_token,
            "PYTHONUNBUFFERED": "1",
            # Rasa asks about telemetry on its first run; never in tests.
            "RASA_TELEMETRY_ENABLED": "false",
            **(extra_env or {}),
        }
        stack = cls(
            rasa_url=f"http://127.0.0.1:{rasa_port}",
            actions_url=f"http://127.0.0.1:{actions_port}",
            portal_url=portal_url,
            actions_token=actions_token,
            workdir=workdir,
            env=env,
        )
        try:
            stack.processes.append(
                _spawn(
                    [str(BOT / ".venv" / "bin" / "python"), str(ACTIONS_SERVER), "--port", str(actions_port)],
                    env,
                    logs / "actions.log",
                )
            )
            stack.processes.append(_spawn(rasa_argv(rasa_port, endpoints), env, logs / "rasa.log"))
            stack._wait_ready(logs)
        except BaseException:
            stack.stop()
            raise
        return stack

    def _wait_ready(self, logs: Path) -> None:
        deadline = time.monotonic() + READY_TIMEOUT
        checks = {
            "action server": (f"{self.actions_url}/health", lambda r: r.ok),
            "rasa": (f"{self.rasa_url}/status", lambda r: r.ok and bool(r.json().get("model_file"))),
        }
        pending = dict(checks)
        while pending:
            for process in self.processes:
                if process.poll() is not None:
                    raise RuntimeError(f"a bot process exited with {process.returncode}; see the logs in {logs}")
            for name, (url, ok) in list(pending.items()):
                try:
                    if ok(requests.get(url, timeout=2)):
                        del pending[name]
                except (requests.RequestException, ValueError):
                    pass
            if time.monotonic() > deadline:
                raise RuntimeError(
                    f"{', '.join(pending)} not ready after {READY_TIMEOUT:.0f} s; see the logs in {logs}"
                )
            if pending:
                time.sleep(1)

    def add_rasa(self, log: Path) -> str:
        """Start one more Rasa on the same endpoints (action server, tracker store); return its URL."""
        assert self.workdir is not None
        port = free_port()
        process = _spawn(rasa_argv(port, Path(self.workdir.name) / "endpoints.yml"), self.env, log)
        url = f"http://127.0.0.1:{port}"
        self.more_rasas.append((url, process))
        deadline = time.monotonic() + READY_TIMEOUT
        while not _rasa_ready(url):
            if process.poll() is not None:
                raise RuntimeError(f"the added Rasa exited with {process.returncode}; see {log}")
            if time.monotonic() > deadline:
                raise RuntimeError(f"the added Rasa is not ready after {READY_TIMEOUT:.0f} s; see {log}")
            time.sleep(1)
        return url

    def rasa_pid(self) -> int:
        return self.processes[-1].pid

    def rasa_rss_bytes(self) -> int:
        """Rasa's resident memory (VmRSS) now, from /proc."""
        return _vmrss(self.rasa_pid())

    def stop(self) -> None:
        self.processes.extend(process for _url, process in self.more_rasas)
        self.more_rasas.clear()
        for process in reversed(self.processes):
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process in self.processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=5)
        self.processes.clear()
        if self.workdir is not None:
            self.workdir.cleanup()
            self.workdir = None


def rasa_argv(port: int, endpoints: Path) -> list[str]:
    """`rasa run` with the trained model on 127.0.0.1:`port` and these endpoints."""
    return [
        str(RASA),
        "run",
        "--enable-api",
        "-m",
        str(MODEL),
        "--port",
        str(port),
        "--interface",
        "127.0.0.1",
        "--endpoints",
        str(endpoints),
        "--credentials",
        str(BOT / "credentials.yml"),
    ]


def _rasa_ready(url: str) -> bool:
    try:
        response = requests.get(f"{url}/status", timeout=2)
        return response.ok and bool(response.json().get("model_file"))
    except (requests.RequestException, ValueError):
        return False


def _spawn(argv: list[str], env: dict[str, str], log: Path, cwd: Path = BOT) -> subprocess.Popen:
    handle = open(log, "wb")  # noqa: SIM115 - handed to the child, closed with it
    # A process group of its own, so stopping it also stops Rasa's own child processes.
    return subprocess.Popen(argv, cwd=cwd, env=env, stdout=handle, stderr=subprocess.STDOUT, start_new_session=True)


def start_portal(
    env: dict[str, str], log: Path, *, port: int | None = None, timeout: float = READY_TIMEOUT
) -> tuple[str, subprocess.Popen]:
    """The portal as production runs it (gunicorn, one worker process) on 127.0.0.1:`port` (a free
    one by default), configured by `env`; wait until /healthz answers; return its URL and process."""
    port = port or free_port()
    argv = [str(VENV_BIN / "gunicorn"), "--workers", "1", "--threads", "8", "--bind", f"127.0.0.1:{port}"]
    if gunicorn.version_info >= (27,):
        # Its control socket defaults to one path per user (~/.gunicorn/gunicorn.ctl): two portals,
        # or someone else's gunicorn on this machine, would take it from each other.
        # A short path of its own (a Unix socket path may not exceed 107 bytes).
        argv += ["--control-socket", str(Path(tempfile.gettempdir()) / f"ankomst-portal-{port}.ctl")]
    process = _spawn([*argv, "portal:create_app()"], env, log, cwd=ROOT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + timeout
    while True:
        with contextlib.suppress(requests.RequestException):
            if requests.get(f"{url}/healthz", timeout=2).ok:
                return url, process
        if process.poll() is not None or time.monotonic() > deadline:
            stop_process(process)
            raise RuntimeError(f"the portal did not start; see {log}")
        time.sleep(0.5)


def start_worker(env: dict[str, str], log: Path) -> subprocess.Popen:
    """The portal's background worker (RQ on env["REDIS_URL"], queue env["ANKOMST_WORKER_QUEUE"])."""
    return _spawn([str(VENV_BIN / "flask"), "--app", "portal", "worker"], env, log, cwd=ROOT)


def stop_process(process: subprocess.Popen) -> None:
    """Stop a process started by _spawn, and its process group."""
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=5)


def _vmrss(pid: int) -> int:
    total = 0
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            total = int(line.split()[1]) * 1024
    # Rasa may fork workers; count its children too.
    children = Path(f"/proc/{pid}/task/{pid}/children")
    if children.exists():
        for child in children.read_text().split():
            with contextlib.suppress(FileNotFoundError, ProcessLookupError):
                total += _vmrss(int(child))
    return total


def signed_sms_webhook(
    portal_url: str, phone: str, body: str, token: str, *, account_sid: str, sid: str | None = None
) -> tuple[str, dict[str, str], dict[str, str]]:
    """The URL, form fields and headers of one inbound SMS webhook, signed as Twilio signs it."""
    from twilio.request_validator import RequestValidator

    sid = sid or "SM" + secrets.token_hex(16)
    params = {
        "MessageSid": sid,
        "SmsSid": sid,
        "AccountSid": account_sid,
        "From": phone,
        "To": "+46766860000",
        "Body": body,
        "NumSegments": "1",
        "NumMedia": "0",
    }
    url = portal_url.rstrip("/") + "/webhooks/twilio/sms"
    headers = {"X-Twilio-Signature": RequestValidator(token).compute_signature(url, params)}
    return url, params, headers


def text_live_portal(portal_url: str, phone: str, body: str, token: str, *, session: requests.Session | None = None):
    """Send one inbound SMS to a running portal, signed as Twilio signs it; return (status, replies, seconds)."""
    from portal.clients.sms.twilio import twiml_bodies

    account_sid = os.environ.get("ANKOMST_BENCH_ACCOUNT_SID", "AC" + "1" * 32)
    url, params, headers = signed_sms_webhook(portal_url, phone, body, token, account_sid=account_sid)
    started = time.perf_counter()
    response = (session or requests).post(url, data=params, headers=headers, timeout=60)
    seconds = time.perf_counter() - started
    replies = twiml_bodies(response.text) if response.status_code == 200 else []
    return response.status_code, replies, seconds
