from __future__ import annotations

from actions.handoff import ActionHandoff
from tests.bot.snapshots import tracker_snapshot

CID = "c-ZmFrZUNvbnZlcnNhdGlvbg"


def test_handoff_passes_the_persons_words_to_a_caseworker_and_says_what_happens(portal, run_action):
    portal.add_conversation(CID)
    tracker = tracker_snapshot(CID, text="I want to talk to my handläggare", intent="talk_to_human", language="sv")

    texts, _ = run_action(ActionHandoff(), tracker)

    assert portal.handoffs == [{"conversation": CID, "note": "I want to talk to my handläggare", "interpreter": None}]
    assert texts == [
        "I have asked a caseworker to contact you. It can take a few working days.",
        "In an emergency, call 112.",
    ]


def test_handoff_for_an_unidentified_person_gives_the_reception_and_nothing_personal(portal, run_action):
    portal.add_conversation(CID, person=None)
    portal.reception = {"phone": "08-123 45 67", "hours": "Mon–Fri 9–12"}

    texts, _ = run_action(ActionHandoff(), tracker_snapshot(CID, text="human please", language="sv"))

    assert portal.handoffs == []
    assert texts == [
        "I cannot see who you are, so I cannot ask your caseworker. Call the newcomers' reception on "
        "08-123 45 67 (Mon–Fri 9–12), or write from the phone number you registered with us.",
        "In an emergency, call 112.",
    ]


def test_a_stranger_whose_request_waits_at_the_reception_is_told_they_can_be_called_back(portal, run_action):
    """By SMS or WhatsApp the portal queues a stranger's request at the reception (calls_back)."""
    portal.add_conversation(CID, person=None)
    portal.reception = {"phone": "08-123 45 67", "hours": "Mon–Fri 9–12", "calls_back": True}

    texts, _ = run_action(ActionHandoff(), tracker_snapshot(CID, text="human please", language="sv"))

    assert len(portal.requests_to("POST", "/handoff")) == 1
    assert texts == [
        "I cannot see who you are, so I have passed your request to the newcomers' reception. "
        "They can call you back on this number. You can also call them on 08-123 45 67 (Mon–Fri 9–12).",
        "In an emergency, call 112.",
    ]
    assert "cannot ask" not in texts[0]


def test_handoff_for_an_unidentified_person_without_a_reception_number_still_says_what_to_do(portal, run_action):
    portal.add_conversation(CID, person=None)

    texts, _ = run_action(ActionHandoff(), tracker_snapshot(CID, text="human please", language="sv"))

    assert portal.handoffs == []
    assert "reception" in texts[0] and "registered with us" in texts[0]
    assert texts[-1] == "In an emergency, call 112."


def test_handoff_note_is_the_persons_words_not_the_intent_the_portal_set(portal, run_action):
    portal.add_conversation(CID)
    tracker = tracker_snapshot(
        CID, text="/talk_to_human", intent="talk_to_human", language="sv", metadata={"text": "riktig människa tack"}
    )

    run_action(ActionHandoff(), tracker)

    assert portal.handoffs[-1]["note"] == "riktig människa tack"
