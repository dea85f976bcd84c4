from __future__ import annotations

import pytest

from actions.i18n import Messages
from actions.leaving import ActionLeaveForm
from actions.objection_reasons import parse_reason
from actions.objection_target import WHOLE_PLAN, parse_target
from actions.objections import (
    ActionAskObjectionConfirm,
    ActionAskObjectionReason,
    ActionAskObjectionTarget,
    ActionAskObjectionText,
    ActionCancelObjection,
    ActionObjectionStatus,
    ActionStartObjection,
    ActionSubmitObjection,
    ValidateObjectionForm,
    normalise_case_number,
)
from tests.bot.snapshots import slot_events, tracker_snapshot

CID = "c-ZmFrZUNvbnZlcnNhdGlvbg"
PLAN = {
    "status": "active",
    "status_label": "aktiv",
    "awaiting_acknowledgement": False,
    "goals": [],
    "activities": [
        {"id": 11, "title": "SFI", "hours_per_week": 15},
        {"id": 12, "title": "Praktik på Solgården", "hours_per_week": 16},
        {"title": "Samhällsorientering", "hours_per_week": 2},  # no id: cannot be objected to alone
    ],
    "url": "/plan",
}
ACTIVITIES = [a for a in PLAN["activities"] if "id" in a]
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


def test_objection_form_starts_for_an_identified_person_with_a_plan(portal, run_action):
    portal.add_conversation(CID, plan=PLAN)

    texts, events = run_action(ActionStartObjection(), tracker_snapshot(CID, intent="file_objection", language="sv"))

    assert texts == []
    assert slot_events(events)["can_object"] is True
    assert slot_events(events)["identified"] is True
    assert slot_events(events)["objection_reason"] is None
    assert slot_events(events)["objection_target"] is None


def test_no_objection_form_for_a_person_without_a_plan(portal, run_action):
    portal.add_conversation(CID, plan=None)

    texts, events = run_action(ActionStartObjection(), tracker_snapshot(CID, intent="file_objection", language="sv"))

    assert slot_events(events)["can_object"] is False
    assert texts == [
        "You do not have a plan yet, so there is nothing to object to. If something is wrong, "
        'write "caseworker" and a caseworker will contact you.'
    ]
    assert "objection_reason" not in slot_events(events)


def test_no_objection_form_when_the_portal_is_down(portal_down, run_action):
    texts, events = run_action(ActionStartObjection(), tracker_snapshot(CID, intent="file_objection", language="sv"))

    assert slot_events(events)["can_object"] is False
    assert texts == ["Sorry, I cannot reach the service right now. Please try again in a while."]


def test_unidentified_person_is_not_asked_for_an_objection(portal, run_action):
    portal.add_conversation(CID, person=None)

    texts, events = run_action(ActionStartObjection(), tracker_snapshot(CID, intent="file_objection", language="sv"))

    assert "registered phone" in texts[0]
    assert slot_events(events)["identified"] is False
    assert slot_events(events)["can_object"] is False


def test_reason_question_is_a_numbered_list_of_all_eight_reasons(portal, run_action):
    portal.add_conversation(CID)

    texts, _ = run_action(ActionAskObjectionReason(), tracker_snapshot(CID, language="sv"))

    lines = texts[0].splitlines()
    assert lines[0] == "Why do you object? Answer with a number. Write cancel to stop."
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

    assert texts[0].startswith("Why do you object? Answer with a number. Write cancel to stop.")


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
    # Every answer is read by the validation action itself (custom mappings, extract_*).
    return tracker_snapshot(
        CID,
        text=text,
        intent=intent,
        language="sv",
        slots={"requested_slot": slot, **slots},
        active_loop="objection_form",
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


@pytest.mark.parametrize(("intent", "value"), [("affirm", True), ("nlu_fallback", None), ("out_of_scope", None)])
def test_confirmation_is_read_from_the_intent_of_the_answer(run_action, intent, value):
    _, events = run_action(ValidateObjectionForm(), answer_to("objection_confirm", "...", intent=intent))

    assert slot_events(events) == {"objection_confirm": value}


@pytest.mark.parametrize(("confidence", "leaves"), [(0.95, True), (0.5, False)])
def test_a_greeting_or_a_question_leaves_the_confirmation_only_when_the_nlu_is_sure(run_action, confidence, leaves):
    tracker = answer_to("objection_confirm", "...", intent="ask_civic_info")
    tracker.latest_message["intent"]["confidence"] = confidence

    _, events = run_action(ValidateObjectionForm(), tracker)

    assert (slot_events(events) == {}) is leaves


@pytest.mark.parametrize("intent", ["deny", "talk_to_human", "choose_language", "emergency", "cancel", "ask_plan"])
def test_no_or_another_intent_at_the_confirmation_fills_nothing_so_the_form_is_left(run_action, intent):
    # The form rejects the turn, and a rule answers instead (data/rules/objections.yml).
    _, events = run_action(ValidateObjectionForm(), answer_to("objection_confirm", "...", intent=intent))

    assert slot_events(events) == {}


@pytest.mark.parametrize("slot", ["objection_reason", "objection_text", "objection_wanted"])
@pytest.mark.parametrize(
    ("text", "intent", "confidence", "taken"),
    [
        # a question asked, and the NLU sure of it: the form is left and the question answered
        ("how do I get my diploma validated here?", "ask_civic_info", 0.93, False),
        ("when is my next class?", "ask_next_activity", 0.9, False),
        # a description that reads like a question to the NLU: it is the answer
        ("the SFI class on monday is two hours away by bus", "ask_civic_info", 0.93, True),
        # asked as a question but the NLU is unsure: the answer
        ("why must I go so far?", "ask_civic_info", 0.55, True),
        # thanks, goodbye, a caseworker: always leave
        ("tack hej då", "thanks", 0.6, False),
        ("bye", "goodbye", 0.9, False),
        ("can I talk to a person", "talk_to_human", 0.9, False),
        ("nej jag vill inte klaga", "cancel", 0.9, False),
        # a description the NLU misread as a short reply: too long to be one, so the answer
        ("jag sover inte pa natterna och kommer inte upp, missar hela tiden", "deny", 0.9, True),
        ("the class is far away and nobody can look after my baby in the evening", "goodbye", 0.9, True),
    ],
)
def test_a_free_text_answer_is_taken_unless_it_asks_for_something_else(
    run_action, slot, text, intent, confidence, taken
):
    tracker = answer_to(slot, text, intent=intent)
    tracker.latest_message["intent"]["confidence"] = confidence

    _, events = run_action(ValidateObjectionForm(), tracker)

    assert (slot in slot_events(events)) is taken


def test_a_reason_unclear_twice_is_kept_in_the_persons_words_as_other(run_action):
    _, events = run_action(ValidateObjectionForm(), unclear_again("objection_reason", "det passar inte mig alls"))

    assert slot_events(events) == {"objection_reason": "other", "objection_text": "det passar inte mig alls"}


def unclear_again(slot: str, text: str):
    """A tracker where the previous answer to ``slot`` was rejected and the latest is unclear too.

    As Rasa sends it to the validation: nothing about ``slot`` after the latest message yet.
    """
    before = [
        {"event": "slot", "name": "requested_slot", "value": slot},
        {"event": "action", "name": "action_listen"},
        {"event": "user", "text": "hmm", "timestamp": 1700000001.5},
        {"event": "action", "name": "objection_form"},
        {"event": "slot", "name": slot, "value": None},
        {"event": "slot", "name": "requested_slot", "value": slot},
    ]
    return tracker_snapshot(
        CID,
        text=text,
        intent="nlu_fallback",
        language="sv",
        slots={"requested_slot": slot},
        active_loop="objection_form",
        events_before_user=before,
    )


def test_a_second_unclear_answer_to_the_confirmation_sends_nothing(run_action):
    _, events = run_action(ValidateObjectionForm(), unclear_again("objection_confirm", "my daughter has a fever"))

    assert slot_events(events) == {"objection_confirm": False}


def test_a_second_unclear_answer_to_the_target_means_the_whole_plan(portal, run_action):
    portal.add_conversation(CID, plan=PLAN)

    _, events = run_action(ValidateObjectionForm(), unclear_again("objection_target", "hmm what"))

    assert slot_events(events) == {"objection_target": WHOLE_PLAN}


def test_a_first_unclear_answer_to_the_target_asks_again(portal, run_action):
    portal.add_conversation(CID, plan=PLAN)

    _, events = run_action(ValidateObjectionForm(), answer_to("objection_target", "hmm what"))

    assert slot_events(events) == {"objection_target": None}


def test_target_answer_is_read_against_the_persons_own_plan(portal, run_action):
    portal.add_conversation(CID, plan=PLAN)

    _, events = run_action(ValidateObjectionForm(), answer_to("objection_target", "2"))

    assert slot_events(events) == {"objection_target": "activity:12"}


def test_another_intent_at_the_target_question_fills_nothing(portal, run_action):
    portal.add_conversation(CID, plan=PLAN)

    _, events = run_action(
        ValidateObjectionForm(), answer_to("objection_target", "can I talk to a real person", intent="talk_to_human")
    )

    assert slot_events(events) == {}
    assert portal.requests_to("GET", "/plan") == []


@pytest.mark.parametrize(
    ("answer", "target"),
    [
        ("1", "activity:11"),
        ("2", "activity:12"),
        ("٢", "activity:12"),  # Arabic-Indic digit
        ("۱", "activity:11"),  # Persian digit
        ("nr 1", "activity:11"),
        ("3", WHOLE_PLAN),  # the last number on the list
        ("٣", WHOLE_PLAN),
        ("0", WHOLE_PLAN),
        ("4", None),
        ("sfi", "activity:11"),
        ("the praktik på solgården is too far", "activity:12"),
        ("sfi and praktik på solgården", None),  # two named: unclear
        ("hmm", None),
    ],
)
def test_target_answer_is_a_number_from_the_list_or_an_activitys_name(answer, target):
    assert parse_target(answer, ACTIVITIES) == target


@pytest.mark.parametrize(
    ("answer", "target"),
    [
        ("the sfi class is too early", "activity:21"),
        ("praktik", "activity:22"),
        ("internship, too far", "activity:22"),
        ("الصف SFI بعيد", "activity:21"),
        ("swedish", None),  # one word of a title is not its name
    ],
)
def test_an_activity_is_named_by_its_title_or_the_swedish_name_in_brackets(answer, target):
    activities = [
        {"id": 21, "title": "Swedish for immigrants (SFI)"},
        {"id": 22, "title": "Internship (praktik)"},
    ]
    assert parse_target(answer, activities) == target


def test_naming_the_activity_with_what_is_wrong_answers_the_target_even_if_it_reads_like_a_question(portal, run_action):
    portal.add_conversation(CID, plan=PLAN)
    text = "praktik på solgården, it is two hours by bus and my child is at dagis"

    _, events = run_action(ValidateObjectionForm(), answer_to("objection_target", text, intent="ask_civic_info"))

    assert slot_events(events) == {"objection_target": "activity:12", "objection_text": text}


def test_a_sure_question_that_names_no_activity_still_leaves_the_form(portal, run_action):
    portal.add_conversation(CID, plan=PLAN)

    _, events = run_action(
        ValidateObjectionForm(),
        answer_to("objection_target", "where do I find a dentist", intent="ask_civic_info"),
    )

    assert slot_events(events) == {}


def test_a_long_description_that_names_no_activity_is_kept_and_the_part_asked_again(portal, run_action):
    portal.add_conversation(CID, plan=PLAN)
    text = "I want something closer to home, even a warehouse job is ok, I worked in logistics"

    _, events = run_action(ValidateObjectionForm(), answer_to("objection_target", text, intent="ask_civic_info"))

    assert slot_events(events) == {"objection_target": None, "objection_text": text}


@pytest.mark.parametrize(
    "answer",
    ["praktiken är för långt bort", "praktikta waa fog", "praktikakam zor dura", "стажировку в доме престарелых"],
)
def test_an_activity_named_with_an_ending_is_the_answer(answer):
    activities = [{"id": 5, "title": "Стажировка (praktik)"}, {"id": 6, "title": "SFI"}]

    assert parse_target(answer, activities) == "activity:5"


def test_a_short_name_needs_the_whole_word():
    assert parse_target("sfinx", [{"id": 6, "title": "SFI"}]) is None


def test_a_number_for_the_reason_keeps_the_words_already_given(run_action):
    _, events = run_action(
        ValidateObjectionForm(), answer_to("objection_reason", "5", objection_text="two hours by bus")
    )

    assert slot_events(events) == {"objection_reason": "too_far", "objection_text": "two hours by bus"}


def test_target_with_an_empty_plan_is_the_whole_plan_by_number_one():
    assert parse_target("1", []) == WHOLE_PLAN
    assert parse_target("2", []) is None


def test_target_question_lists_the_persons_activities_and_the_whole_plan(portal, run_action):
    portal.add_conversation(CID, plan=PLAN)

    texts, _ = run_action(ActionAskObjectionTarget(), tracker_snapshot(CID, language="sv"))

    assert texts[0].splitlines() == [
        "Which part of your plan do you object to? Answer with a number. Write cancel to stop.",
        "1. SFI",
        "2. Praktik på Solgården",
        "3. The whole plan",
    ]


def test_target_question_says_sorry_when_the_answer_did_not_fit(portal, run_action):
    portal.add_conversation(CID, plan=PLAN)
    asked = [{"event": "slot", "name": "requested_slot", "value": "objection_target"}]
    rejected = [{"event": "slot", "name": "objection_target", "value": None}]
    tracker = tracker_snapshot(
        CID,
        language="sv",
        slots={"requested_slot": "objection_target"},
        events_before_user=asked,
        events_after_user=rejected,
    )

    texts, _ = run_action(ActionAskObjectionTarget(), tracker)

    assert texts[0].splitlines()[0] == "Sorry, I did not understand. Answer with a number:"
    assert texts[0].splitlines()[-1] == "3. The whole plan"


def test_objection_about_one_activity_is_filed_with_that_target(portal, run_action):
    portal.add_conversation(CID)

    run_action(ActionSubmitObjection(), confirmed_form(objection_target="activity:12"))

    (request,) = portal.requests_to("POST", "/objections")
    assert request.body["target"] == "activity:12"


def test_leaving_the_form_closes_it_clears_every_answer_and_says_nothing_was_sent(portal, run_action):
    portal.add_conversation(CID)
    tracker = tracker_snapshot(
        CID,
        text="I want to talk to an employee",
        intent="talk_to_human",
        language="sv",
        slots={"language": "sv", "requested_slot": "objection_confirm", "objection_target": "plan", **CONFIRMED},
        active_loop="objection_form",
    )

    texts, events = run_action(ActionLeaveForm(), tracker)

    assert texts == ["I did not send your objection. You can object again at any time."]
    assert {"event": "active_loop", "name": None, "timestamp": None} in events
    assert slot_events(events) == {
        "requested_slot": None,
        "objection_target": None,
        "objection_reason": None,
        "objection_text": None,
        "objection_wanted": None,
        "objection_confirm": None,
    }
    assert portal.requests_to("POST", "/objections") == []


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


def at_confirmation(text: str, intent: str, asked: str = "objection_confirm"):
    """A message in the objection form when `asked` is the question (by default: shall I send it?)."""
    answered = CONFIRMED if asked == "objection_confirm" else {}
    return tracker_snapshot(
        CID,
        text=text,
        intent=intent,
        language="en",
        slots={"language": "en", "requested_slot": asked, "objection_target": "plan", **answered},
        active_loop="objection_form",
    )


@pytest.mark.parametrize(
    ("text", "intent"),
    [("Yes pls send it", "cancel"), ("da otpravlyaite", "cancel"), ("yes thank you", "thanks"), ("haa dir", "deny")],
)
def test_a_plain_yes_the_nlu_misread_at_the_confirmation_sends_the_objection(portal, run_action, text, intent):
    portal.add_conversation(CID)

    texts, events = run_action(ActionLeaveForm(), at_confirmation(text, intent))

    assert texts == []
    assert slot_events(events)["objection_confirm"] is True
    assert [e["name"] for e in events if e["event"] == "followup"] == ["action_submit_objection"]


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("no dont send it", "cancel"),
        ("yes but wait, not now", "cancel"),
        ("ok forget it, I will talk to my caseworker first", "cancel"),  # longer than a yes
        ("нет пока не отправляйте", "cancel"),
        ("yes", "talk_to_human"),  # another request leaves as it always did
    ],
)
def test_a_no_or_another_request_at_the_confirmation_still_leaves_unsent(portal, run_action, text, intent):
    portal.add_conversation(CID)

    texts, events = run_action(ActionLeaveForm(), at_confirmation(text, intent))

    assert slot_events(events)["objection_confirm"] is None
    assert not [e for e in events if e["event"] == "followup"]


def test_an_emergency_leaves_the_form_without_a_word_so_the_number_comes_first(portal, run_action):
    portal.add_conversation(CID)
    tracker = tracker_snapshot(
        CID,
        text="/emergency",
        intent="emergency",
        language="sv",
        slots={"language": "sv", "requested_slot": "objection_confirm", "objection_target": "plan", **CONFIRMED},
        active_loop="objection_form",
    )

    texts, events = run_action(ActionLeaveForm(), tracker)

    assert texts == []
    assert {"event": "active_loop", "name": None, "timestamp": None} in events
    assert slot_events(events)["objection_confirm"] is None


@pytest.mark.parametrize(
    ("text", "intent", "kept"),
    [
        # a description the NLU misread as "no" or "bye": too long to be one, so it is kept
        ("zə pə kandahar ki driver wəm, da bas ya taxi kar ghwaram, nor kar na ghwaram", "cancel", True),
        ("I sleep badly and do not get up in the morning, I miss it all the time", "deny", True),
        # a short no or bye still leaves the form
        ("no stop", "cancel", False),
        ("ok thanks bye", "goodbye", False),
        # "forget it" in so many words leaves, however long the message
        ("actually wait, forget it. my caseworker already fixed it for me", "cancel", False),
        ("Ладно, забудьте, я уже поговорила с куратором об этом сегодня", "deny", False),
        ("glöm det, min handläggare har redan fixat det hela åt mig idag", "cancel", False),
        ("ой ні, не треба скаргу, я спершу поговорю з кураторкою про це", "cancel", False),
    ],
)
def test_at_which_part_a_long_message_read_as_no_is_a_description(portal, run_action, text, intent, kept):
    portal.add_conversation(CID, plan=PLAN)

    _, events = run_action(ValidateObjectionForm(), answer_to("objection_target", text, intent=intent))

    if kept:
        assert slot_events(events) == {"objection_target": None, "objection_text": text}
    else:
        assert slot_events(events) == {}


def test_a_plain_yes_misread_before_the_last_question_keeps_the_form_going(portal, run_action):
    portal.add_conversation(CID)

    texts, events = run_action(ActionLeaveForm(), at_confirmation("yes send it", "cancel", asked="objection_wanted"))

    assert texts == []
    assert events == [{"event": "followup", "name": "objection_form", "timestamp": None}]
