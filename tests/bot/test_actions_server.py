"""bot/actions_server.py: the action server listens on 127.0.0.1 only and refuses calls without
the shared secret Rasa sends (`?token=`), so nobody else can run an action under someone's id."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from testkit.ports import free_port

BOT = Path(__file__).resolve().parents[2] / "bot"
TOKEN = "test-actions-token"
# What the probe sent: the schedule of whoever owns the conversation id.
ACTION_CALL = {
    "next_action": "action_schedule",
    "sender_id": "someone-elses-conversation",
    "tracker": {"sender_id": "someone-elses-conversation", "slots": {}, "latest_message": {}, "events": []},
    "domain": {},
    "version": "3.6.2",
}


def _call(url: str, body: dict | None = None) -> int:
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(url, data=data, headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


@pytest.fixture(scope="module")
def action_server(tmp_path_factory):
    port = free_port()
    log = (tmp_path_factory.mktemp("actions") / "actions.log").open("w")
    env = {**os.environ, "ANKOMST_ACTIONS_TOKEN": TOKEN, "ANKOMST_PORTAL_URL": "http://127.0.0.1:9"}
    process = subprocess.Popen(
        [sys.executable, "actions_server.py", "--port", str(port)], cwd=BOT, env=env, stdout=log, stderr=log
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        assert process.poll() is None, "the action server exited"
        try:
            if _call(f"{url}/health") == 200:
                break
        except OSError:
            pass
        assert time.monotonic() < deadline, "the action server did not start"
        time.sleep(0.5)
    yield url, port
    process.terminate()
    process.wait(timeout=20)


@pytest.mark.parametrize("query", ["", "?token=", "?token=wrong", "?tok=test-actions-token", "?token=test-actions-tok"])
def test_an_action_call_without_the_token_is_refused(action_server, query):
    url, _ = action_server
    assert _call(f"{url}/webhook{query}", ACTION_CALL) == 401
    assert _call(f"{url}/actions{query}") == 401


def test_rasa_with_the_token_reaches_the_actions(action_server):
    url, _ = action_server
    assert _call(f"{url}/actions?token={TOKEN}") == 200


def test_health_needs_no_token_and_tells_nothing(action_server):
    url, _ = action_server
    with urllib.request.urlopen(f"{url}/health", timeout=10) as response:
        assert json.load(response) == {"status": "ok"}


def test_it_listens_on_the_loopback_interface_only(action_server):
    _, port = action_server
    listening = []
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        local, state = line.split()[1], line.split()[3]
        address, local_port = local.split(":")
        if state == "0A" and int(local_port, 16) == port:
            listening.append(address)
    assert listening == ["0100007F"]  # 127.0.0.1, not 00000000 (every interface)


def test_it_refuses_to_start_without_a_token():
    env = {k: v for k, v in os.environ.items() if k != "ANKOMST_ACTIONS_TOKEN"}
    done = subprocess.run(
        [sys.executable, "actions_server.py", "--port", str(free_port())],
        cwd=BOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2 and "ANKOMST_ACTIONS_TOKEN" in done.stderr


def test_conversation_ids_are_masked_in_the_action_servers_logs(caplog):
    import logging

    sys.path.insert(0, str(BOT))
    import actions_server

    assert actions_server.redact("GET /internal/v1/conversations/aB3_x-9Qz/plan") == (
        "GET /internal/v1/conversations/[id]/plan"
    )
    saved = logging.Logger.makeRecord
    try:
        actions_server.install_redaction()
        caplog.set_level(logging.WARNING)
        logging.getLogger("actions.portal_api").warning(
            "portal error %s",
            "/internal/v1/conversations/secretid1/schedule",
            extra={"path": "/internal/v1/conversations/secretid1/schedule"},
        )
        record = caplog.records[-1]
        assert "secretid1" not in record.getMessage() and "secretid1" not in record.path
    finally:
        logging.Logger.makeRecord = saved
