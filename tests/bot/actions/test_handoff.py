from __future__ import annotations

from actions.handoff import ActionHandoff
from tests.bot.snapshots import tracker_snapshot

CID = "c-ZmFrZUNvbnZlcnNhdGlvbg"


def test_handoff_passes_the_persons_words_to_a_caseworker_and_says_what_happens(portal, run_action):
    portal.add_conversation(CID)
    tracker = tracker_snapshot(CID, text="I want to talk to my handläggare", intent="talk_to_human", language="sv")

    texts, _ = run_action(ActionHandoff(), tracker)

    assert portal.handoffs == [{"conversation": CID, "note": "I want to talk to my handläggare"}]
    assert texts == [
        "I have asked a caseworker to contact you. It can take a few working days.",
        "In an emergency, call 112.",
    ]


def test_handoff_for_an_unidentified_person_explains_what_is_needed(portal, run_action):
    portal.add_conversation(CID, person=None)

    texts, _ = run_action(ActionHandoff(), tracker_snapshot(CID, text="human please", language="sv"))

    assert portal.handoffs == []
    assert "registered phone" in texts[0]
