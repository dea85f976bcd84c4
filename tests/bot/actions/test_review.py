"""Asking for an independent review by SMS (action_request_review) against the contract portal."""

from __future__ import annotations

from actions.review import ActionRequestReview
from tests.bot.snapshots import tracker_snapshot

CID = "c-cmV2aWV3Q29udmVyc2F0aW9u"


def review(text: str, case: str | None):
    return tracker_snapshot(
        CID,
        text="/request_review",
        intent="request_review",
        language="en",
        slots={"language": "en"},
        metadata={"text": text, "triage": {"case_number": case}},
    )


def test_the_quoted_case_goes_to_review_with_the_persons_reason(portal, run_action):
    portal.add_conversation(CID, language="en", person="p1")
    portal.add_objection("p1", "K7QX-3M2A", "decided", "Decided", can_escalate=True)

    texts, _ = run_action(ActionRequestReview(), review("review K7QX-3M2A the school is still too far", "K7QX-3M2A"))

    sent = portal.requests_to("POST", "/objections/K7QX-3M2A/escalate")
    assert len(sent) == 1 and sent[0].body == {"text": "review the school is still too far"}
    assert texts == ["Your objection K7QX-3M2A now goes to an independent reviewer, who answers by January 5, 2027."]


def test_without_a_number_the_one_case_that_can_be_reviewed_is_meant(portal, run_action):
    portal.add_conversation(CID, language="en", person="p1")
    portal.add_objection("p1", "AAAA-1111", "final_decision", "Final decision")
    portal.add_objection("p1", "K7QX-3M2A", "decided", "Decided", can_escalate=True)

    texts, _ = run_action(ActionRequestReview(), review("i want to appeal", None))

    assert len(portal.requests_to("POST", "/objections/K7QX-3M2A/escalate")) == 1
    assert "K7QX-3M2A" in texts[0] and "independent reviewer" in texts[0]


def test_with_several_cases_the_person_is_asked_which_and_nothing_is_sent(portal, run_action):
    portal.add_conversation(CID, language="en", person="p1")
    portal.add_objection("p1", "AAAA-1111", "decided", "Decided", can_escalate=True)
    portal.add_objection("p1", "K7QX-3M2A", "decided", "Decided", can_escalate=True)

    texts, _ = run_action(ActionRequestReview(), review("appeal", None))

    assert not portal.requests_to("POST", "/escalate")
    assert "AAAA-1111" in texts[0] and "K7QX-3M2A" in texts[0] and '"review AAAA-1111"' in texts[0]


def test_with_no_case_to_review_the_person_is_told_when_a_review_is_possible(portal, run_action):
    portal.add_conversation(CID, language="en", person="p1")
    portal.add_objection("p1", "AAAA-1111", "under_review", "Being reviewed")

    texts, _ = run_action(ActionRequestReview(), review("appeal", None))

    assert not portal.requests_to("POST", "/escalate")
    assert texts[0].startswith("None of your objections can go to an independent review now.")


def test_someone_who_never_objected_and_wants_to_appeal_is_led_into_the_objection(portal, run_action):
    portal.add_conversation(CID, language="en", person="p1")

    texts, events = run_action(ActionRequestReview(), review("i want to appeal it, it does not suit me", None))

    assert not portal.requests_to("POST", "/escalate")
    assert texts == []
    assert {"event": "followup", "name": "action_start_objection"} in [
        {k: e.get(k) for k in ("event", "name")} for e in events
    ]


def test_a_refusal_is_the_portals_reason(portal, run_action):
    portal.add_conversation(CID, language="en", person="p1")
    portal.add_objection("p1", "K7QX-3M2A", "decided", "Decided", can_escalate=False)

    texts, _ = run_action(ActionRequestReview(), review("review K7QX-3M2A", "K7QX-3M2A"))

    assert texts == ["The time to ask for a review has passed."]


def test_another_persons_case_is_not_found(portal, run_action):
    portal.add_conversation(CID, language="en", person="p1")

    texts, _ = run_action(ActionRequestReview(), review("review ZZZZ-9999", "ZZZZ-9999"))

    assert texts == ["I cannot find case ZZZZ-9999. Check the number and try again."]


def test_a_stranger_is_told_to_sign_in(portal, run_action):
    portal.add_conversation(CID, language="en", person=None)

    texts, _ = run_action(ActionRequestReview(), review("review K7QX-3M2A", "K7QX-3M2A"))

    assert "registered phone" in texts[0]


def test_the_keyword_alone_sends_no_reason(portal, run_action):
    portal.add_conversation(CID, language="en", person="p1")
    portal.add_objection("p1", "K7QX-3M2A", "decided", "Decided", can_escalate=True)

    run_action(ActionRequestReview(), review("review K7QX-3M2A", "K7QX-3M2A"))

    assert portal.requests_to("POST", "/escalate")[0].body == {"text": None}
