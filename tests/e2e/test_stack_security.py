"""The real bot stack keeps its ports to the portal: the action server wants the shared secret,
both listen on 127.0.0.1 only, and an id that is no longer live gets no personal data, even
when someone posts it to Rasa directly."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
import requests

from portal.models import utcnow
from tests.e2e.test_assistant_rasa import SCRIPTS, newcomer_with_plan  # noqa: F401 - a fixture
from tests.factories import create_conversation

pytestmark = pytest.mark.rasa


def _listening_addresses(port: int) -> list[str]:
    """The local addresses listening on `port` (hex, as /proc/net/tcp writes them)."""
    found = []
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        fields = line.split()
        address, local_port = fields[1].split(":")
        if fields[3] == "0A" and int(local_port, 16) == port:
            found.append(address)
    return found


def test_rasa_and_the_action_server_listen_on_the_loopback_interface_only(assistant_stack):
    for url in (assistant_stack.rasa_url, assistant_stack.actions_url):
        port = int(url.rsplit(":", 1)[1])
        assert _listening_addresses(port) == ["0100007F"], url


def test_the_action_server_refuses_a_call_without_rasas_secret(assistant_stack):
    call = {"next_action": "action_schedule", "sender_id": "x", "tracker": {"sender_id": "x", "events": []}}
    webhook = f"{assistant_stack.actions_url}/webhook"
    assert requests.post(webhook, json=call, timeout=10).status_code == 401
    assert requests.post(webhook, params={"token": "guess"}, json=call, timeout=10).status_code == 401
    token = {"token": assistant_stack.actions_token}
    assert requests.get(f"{assistant_stack.actions_url}/actions", params=token, timeout=10).status_code == 200


def test_a_conversation_id_that_is_no_longer_live_gets_no_personal_data_from_rasa(
    live_assistant,
    db,
    newcomer_with_plan,  # noqa: F811 - the fixture imported above
):
    script = SCRIPTS[0]
    person, _caseworker = newcomer_with_plan(script.language)
    old = create_conversation(channel="sms", person=person)
    old.last_activity_at = utcnow() - timedelta(hours=2)  # read from a log, say, hours later
    db.session.commit()
    response = requests.post(
        f"{live_assistant.rasa_url}/webhooks/rest/webhook",
        json={"sender": old.public_id, "message": script.next_activity, "metadata": {"language": "sv"}},
        timeout=60,
    )
    replies = " ".join(m.get("text", "") for m in response.json())
    assert "Folkets hus" not in replies and "Hallunda" not in replies, replies
