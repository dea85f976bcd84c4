from __future__ import annotations

import pytest

from actions.smalltalk import (
    ActionAcknowledge,
    ActionBotChallenge,
    ActionFallback,
    ActionGoodbye,
    ActionGreet,
    ActionHelp,
    ActionOutOfScope,
    ActionThanks,
)
from tests.bot.snapshots import tracker_snapshot

CID = "c-ZmFrZUNvbnZlcnNhdGlvbg"
HELP = (
    "I can help with your activities, your plan, objections, questions about life in "
    "Sweden, and contact with a caseworker. Write your question."
)


@pytest.mark.parametrize(
    ("action", "replies"),
    [
        (ActionGreet(), ["Hello! I am the Ankomst assistant.", HELP]),
        (ActionGoodbye(), ["Goodbye! Write again whenever you need."]),
        (ActionThanks(), ["You are welcome!"]),
        (ActionHelp(), [HELP]),
        (
            ActionBotChallenge(),
            ["I am a computer program, not a person. Ask for a caseworker if you want to talk to a person."],
        ),
        (ActionOutOfScope(), ["Sorry, I cannot help with that.", HELP]),
        (ActionFallback(), ["Sorry, I did not understand.", HELP]),
        (ActionAcknowledge(), ["OK. What else can I help you with?"]),
    ],
)
def test_small_talk_replies_come_from_the_catalogue(portal, run_action, action, replies):
    portal.add_conversation(CID)

    texts, _ = run_action(action, tracker_snapshot(CID, language="so"))

    assert texts == replies


def test_small_talk_still_answers_when_the_portal_is_down(portal_down, run_action):
    texts, events = run_action(ActionHelp(), tracker_snapshot(CID))

    assert texts == [HELP]
    assert events == [{"event": "slot", "timestamp": None, "name": "language", "value": "sv"}]
