from __future__ import annotations

import pytest

from actions.i18n import Messages
from actions.objections import (
    ActionAskObjectionConfirm,
    ActionAskObjectionReason,
    ActionAskObjectionText,
    ActionCancelObjection,
    ActionObjectionStatus,
    ActionStartObjection,
    ActionSubmitObjection,
    ValidateObjectionForm,
    normalise_case_number,
    parse_reason,
)
from tests.bot.snapshots import slot_events, tracker_snapshot

CID = "c-ZmFrZUNvbnZlcnNhdGlvbg"
FORM_STARTED = {"event": "active_loop", "name": "objection_form", "timestamp": 1700000010.0}
CONFIRMED = {
    "objection_reason": "too_far",
    "objection_text": "The bus takes two hours",
    "objection_wanted": "Praktik closer to Södertälje",
    "objection_confirm": True,
}


def confirmed_form(started: dict = FORM_STARTED, **slots):
    events = [{"event": "user", "text": "yes", "timestamp": 1700000005.0}, started]
    return tracker_snapshot(
        CID, text="yes", intent="affirm", language="sv", slots={**CONFIRMED, **slots}, events_after_user=events
    )


@pytest.mark.parametrize(
    ("answer", "reason"),
    [
        ("1", "childcare_clash"),
        ("5", "too_far"),
        ("٣", "already_have_skill"),  # Arabic-Indic digit
        ("۲", "health"),  # Persian digit
        ("nr 8", "other"),
        ("7.", "treatment_discrimination"),
        ("my kids' preschool closes at 3", "childcare_clash"),
        ("too far, 2 hours by bus", "too_far"),
        ("the level is too easy", "wrong_level"),
        ("another internship please", "want_other_placement"),
        ("9", None),
        ("0", None),
        ("hello", None),
    ],
)
def test_reason_answer_is_read_as_a_number_or_as_words(answer, reason):
    assert parse_reason(answer, Messages("sv")) == reason


@pytest.mark.parametrize(
    ("raw", "case_number"),
    [
        ("K7QX-3M2A", "K7QX-3M2A"),
        ("k7qx3m2a", "K7QX-3M2A"),
        ("K7QX-3M2O", "K7QX-3M20"),
        ("kiqx-3m2l", "K1QX-3M21"),
    ],
)
def test_case_number_is_normalised_like_the_portal_does(raw, case_number):
    assert normalise_case_number(raw) == case_number


def test_objection_form_starts_only_for_an_identified_person(portal, run_action):
    portal.add_conversation(CID)

    texts, events = run_action(ActionStartObjection(), tracker_snapshot(CID, intent="file_objection", language="sv"))

    assert texts == []
    assert slot_events(events)["identified"] is True
    assert slot_events(events)["objection_reason"] is None


def test_unidentified_person_is_not_asked_for_an_objection(portal, run_action):
    portal.add_conversation(CID, person=None)

    texts, events = run_action(ActionStartObjection(), tracker_snapshot(CID, intent="file_objection", language="sv"))

    assert "registered phone" in texts[0]
    assert slot_events(events)["identified"] is False


def test_reason_question_is_a_numbered_list_of_all_eight_reasons(portal, run_action):
    portal.add_conversation(CID)

    texts, _ = run_action(ActionAskObjectionReason(), tracker_snapshot(CID, language="sv"))

    lines = texts[0].splitlines()
    assert lines[0] == "Why do you object? Answer with a number:"
    assert lines[1] == "1. Clashes with childcare"
    assert lines[8] == "8. Other"


def test_reason_question_has_no_apology_right_after_the_form_starts(portal, run_action):
    portal.add_conversation(CID)
    started = [
        {"event": "action", "name": "action_start_objection"},
        {"event": "slot", "name": "objection_reason", "value": None},
        {"event": "action", "name": "objection_form"},
        {"event": "active_loop", "name": "objection_form"},
        {"event": "slot", "name": "objection_reason", "value": None},
    ]
    tracker = tracker_snapshot(CID, language="sv", events_after_user=started)

    texts, _ = run_action(ActionAskObjectionReason(), tracker)

    assert texts[0].startswith("Why do you object? Answer with a number:")


def test_reason_question_says_sorry_when_the_answer_did_not_fit(portal, run_action):
    portal.add_conversation(CID)
    asked = [{"event": "slot", "name": "requested_slot", "value": "objection_reason"}]
    rejected = [{"event": "slot", "name": "objection_reason", "value": None}]
    tracker = tracker_snapshot(
        CID,
        language="sv",
        slots={"requested_slot": "objection_reason"},
        events_before_user=asked,
        events_after_user=rejected,
    )

    texts, _ = run_action(ActionAskObjectionReason(), tracker)

    assert texts[0].startswith("Sorry, I did not understand. Answer with a number from 1 to 8:")


def test_reason_given_as_a_number_is_followed_by_a_question_for_own_words(portal, run_action):
    portal.add_conversation(CID)

    texts, _ = run_action(ActionAskObjectionText(), tracker_snapshot(CID, language="sv"))

    assert texts == ["Tell me in a few words what is wrong."]


def test_confirmation_question_is_shortened_when_the_answer_was_not_yes_or_no(portal, run_action):
    portal.add_conversation(CID)
    asked = [{"event": "slot", "name": "requested_slot", "value": "objection_confirm"}]
    rejected = [{"event": "slot", "name": "objection_confirm", "value": None}]
    tracker = tracker_snapshot(
        CID,
        language="sv",
        slots={"requested_slot": "objection_confirm"},
        events_before_user=asked,
        events_after_user=rejected,
    )

    texts, _ = run_action(ActionAskObjectionConfirm(), tracker)

    assert texts == ["Please answer yes or no: shall I send your objection?"]


def test_confirmation_repeats_reason_and_wish_before_asking_yes_or_no(portal, run_action):
    portal.add_conversation(CID)
    tracker = tracker_snapshot(
        CID,
        language="sv",
        slots={
            "requested_slot": "objection_wanted",
            "objection_reason": "too_far",
            "objection_wanted": "Praktik closer to Södertälje",
        },
    )

    texts, _ = run_action(ActionAskObjectionConfirm(), tracker)

    assert texts == [
        "Your objection: Too far away. You want: Praktik closer to Södertälje",
        "Shall I send it to your caseworker? Answer yes or no.",
    ]


def answer_to(slot: str, text: str, intent: str = "nlu_fallback", **slots):
    """A tracker where the person answered the form's question for ``slot``."""
    extracted = [{"event": "slot", "name": slot, "value": text}] if slot != "objection_confirm" else []
    return tracker_snapshot(
        CID,
        text=text,
        intent=intent,
        language="sv",
        slots={"requested_slot": slot, **slots},
        active_loop="objection_form",
        events_after_user=extracted,
    )


def test_reason_given_as_a_number_fills_the_reason_code(run_action):
    _, events = run_action(ValidateObjectionForm(), answer_to("objection_reason", "5"))

    assert slot_events(events) == {"objection_reason": "too_far", "objection_text": None}


def test_reason_given_in_words_keeps_the_persons_own_words(run_action):
    _, events = run_action(ValidateObjectionForm(), answer_to("objection_reason", "my kids preschool closes at 3"))

    assert slot_events(events) == {
        "objection_reason": "childcare_clash",
        "objection_text": "my kids preschool closes at 3",
    }


def test_own_words_are_kept_whole_up_to_the_portals_limit(run_action):
    _, events = run_action(ValidateObjectionForm(), answer_to("objection_text", "  The bus\n takes " + "x" * 5000))

    text = slot_events(events)["objection_text"]
    assert text.startswith("The bus takes xxx") and len(text) == 4000


def test_unreadable_reason_is_cleared_so_the_question_is_asked_again(run_action):
    _, events = run_action(ValidateObjectionForm(), answer_to("objection_reason", "hmm"))

    assert slot_events(events) == {"objection_reason": None}


@pytest.mark.parametrize(
    ("intent", "value"), [("affirm", True), ("deny", False), ("nlu_fallback", None), ("greet", None)]
)
def test_confirmation_is_read_from_the_intent_of_the_answer(run_action, intent, value):
    _, events = run_action(ValidateObjectionForm(), answer_to("objection_confirm", "...", intent=intent))

    assert slot_events(events) == {"objection_confirm": value}


def test_confirmed_objection_is_filed_with_all_fields_and_an_idempotency_key(portal, run_action):
    portal.add_conversation(CID)

    texts, events = run_action(ActionSubmitObjection(), confirmed_form())

    (request,) = portal.requests_to("POST", f"/conversations/{CID}/objections")
    assert request.body == {
        "target": "plan",
        "reason": "too_far",
        "wanted": "Praktik closer to Södertälje",
        "text": "The bus takes two hours",
        "interpreter": False,
        "idempotency_key": request.body["idempotency_key"],
    }
    assert len(request.body["idempotency_key"]) == 36
    assert texts == ["Your objection is sent. Case number: K7QX-0001.", "You get an answer by 6 december 2026."]
    assert slot_events(events)["case_number"] == "K7QX-0001"
    assert slot_events(events)["objection_reason"] is None


def test_submitting_the_same_form_twice_files_one_objection(portal, run_action):
    portal.add_conversation(CID)

    first, _ = run_action(ActionSubmitObjection(), confirmed_form())
    again, _ = run_action(ActionSubmitObjection(), confirmed_form())

    keys = {r.body["idempotency_key"] for r in portal.requests_to("POST", "/objections")}
    assert len(keys) == 1
    assert first == again
    assert len(portal.objections["person-1"]) == 1


def test_a_new_objection_form_gets_a_new_idempotency_key(portal, run_action):
    portal.add_conversation(CID)
    later = {**FORM_STARTED, "timestamp": 1700009999.0}

    run_action(ActionSubmitObjection(), confirmed_form())
    run_action(ActionSubmitObjection(), confirmed_form(started=later))

    assert len(portal.objections["person-1"]) == 2


def test_saying_no_to_the_confirmation_sends_nothing(portal, run_action):
    portal.add_conversation(CID)

    texts, events = run_action(ActionSubmitObjection(), confirmed_form(objection_confirm=False))

    assert portal.requests_to("POST", "/objections") == []
    assert texts == ["OK, I did not send anything. You can object again at any time."]
    assert slot_events(events)["objection_confirm"] is None


def test_cancelling_in_the_middle_of_the_form_closes_it(portal, run_action):
    portal.add_conversation(CID)

    texts, events = run_action(ActionCancelObjection(), tracker_snapshot(CID, language="sv"))

    assert texts == ["OK, I did not send anything. You can object again at any time."]
    assert {"event": "active_loop", "name": None, "timestamp": None} in events


def test_objection_that_cannot_be_sent_is_reported_not_lost_silently(portal_down, run_action):
    texts, events = run_action(ActionSubmitObjection(), confirmed_form())

    assert texts == ["Sorry, your objection was not sent. Please try again later, or ask to talk to a caseworker."]


def test_status_by_case_number_accepts_lowercase_without_hyphen(portal, run_action):
    portal.add_conversation(CID)
    portal.add_objection("person-1", "K7QX-3M2A", "in_review", "Under handläggning")
    tracker = tracker_snapshot(
        CID,
        text="status k7qx3m2a",
        intent="objection_status",
        language="sv",
        entities=[{"entity": "case_number", "value": "k7qx3m2a"}],
    )

    texts, _ = run_action(ActionObjectionStatus(), tracker)

    assert portal.requests_to("GET", "/objections/K7QX-3M2A")
    assert texts == ["K7QX-3M2A: Under handläggning, answer by 6 december 2026"]


@pytest.mark.parametrize("owner", ["person-1", "someone-else"])
def test_unknown_or_someone_elses_case_number_is_not_found(portal, run_action, owner):
    portal.add_conversation(CID)
    portal.add_objection(owner, "AAAA-1111", "in_review", "Under handläggning")
    tracker = tracker_snapshot(
        CID,
        intent="objection_status",
        language="sv",
        entities=[{"entity": "case_number", "value": "ZZZZ-9999" if owner == "person-1" else "AAAA-1111"}],
    )

    texts, _ = run_action(ActionObjectionStatus(), tracker)

    assert texts[0].startswith("I cannot find case ")


def test_status_without_a_case_number_lists_the_persons_objections(portal, run_action):
    portal.add_conversation(CID)
    portal.add_objection("person-1", "K7QX-3M2A", "in_review", "Under handläggning")
    portal.add_objection("person-1", "P4RT-7Y8Z", "decided", "Beslutad", due_date=None)

    texts, _ = run_action(ActionObjectionStatus(), tracker_snapshot(CID, intent="objection_status", language="sv"))

    assert texts[0].splitlines() == [
        "You have 2 objections:",
        "K7QX-3M2A: Under handläggning, answer by 6 december 2026",
        "P4RT-7Y8Z: Beslutad",
    ]


def test_person_without_objections_is_told_so(portal, run_action):
    portal.add_conversation(CID)

    texts, _ = run_action(ActionObjectionStatus(), tracker_snapshot(CID, intent="objection_status", language="sv"))

    assert texts == ["You have no objections."]
