"""AssistantClient against a real HTTP server that answers like Rasa's REST channel."""

from __future__ import annotations

import pytest

from portal.clients.assistant import AssistantClient, AssistantReply, AssistantUnavailable
from tests.servers import FakeRasa, closed_port_url


@pytest.fixture
def rasa():
    server = FakeRasa()
    yield server
    server.stop()


def test_the_message_goes_to_the_rest_channel_under_the_opaque_id_with_the_language(rasa):
    rasa.reply = lambda call: [
        {"recipient_id": call.sender, "text": "Hej!"},
        {
            "recipient_id": call.sender,
            "text": "Vad vill du veta?",
            "buttons": [{"title": "Plan", "payload": "/ask_plan"}],
        },
        {"recipient_id": call.sender, "image": "https://example.org/x.png"},
    ]
    replies = AssistantClient(rasa.url, timeout=2).send("Zq3xY8a0b1c2d3e4f5g6h7", "hej", language="sv")
    assert replies == [
        AssistantReply("Hej!"),
        AssistantReply("Vad vill du veta?", [{"title": "Plan", "payload": "/ask_plan"}]),
    ]
    call = rasa.calls[0]
    assert (call.sender, call.message, call.metadata) == ("Zq3xY8a0b1c2d3e4f5g6h7", "hej", {"language": "sv"})


def test_a_stopped_rasa_is_unavailable():
    with pytest.raises(AssistantUnavailable) as error:
        AssistantClient(closed_port_url(), timeout=2).send("cid", "hej", language="sv")
    assert error.value.reason == "unreachable"


def test_a_slow_rasa_is_unavailable_after_the_timeout(rasa):
    rasa.delay = 1.0
    with pytest.raises(AssistantUnavailable) as error:
        AssistantClient(rasa.url, timeout=0.3).send("cid", "hej", language="sv")
    assert error.value.reason == "timeout"


@pytest.mark.parametrize(("status", "reply", "reason"), [(500, None, "error"), (200, [], "empty")])
def test_an_error_or_an_empty_answer_is_unavailable(rasa, status, reply, reason):
    rasa.status = status
    if reply is not None:
        rasa.reply = lambda call: reply
    with pytest.raises(AssistantUnavailable) as error:
        AssistantClient(rasa.url, timeout=2).send("cid", "hej", language="sv")
    assert error.value.reason == reason


def test_the_client_reads_its_url_and_timeout_from_config():
    client = AssistantClient.from_config({"RASA_URL": "http://rasa.internal:5005/", "RASA_TIMEOUT": "7"})
    assert client.url == "http://rasa.internal:5005/webhooks/rest/webhook"
    assert client.timeout == 7.0
