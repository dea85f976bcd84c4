from __future__ import annotations

import pytest

from actions.smalltalk import (
    ActionAcknowledge,
    ActionBotChallenge,
    ActionCancel,
    ActionFallback,
    ActionGoodbye,
    ActionGreet,
    ActionHelp,
    ActionOutOfScope,
    ActionThanks,
)
from tests.bot.snapshots import slot_events, tracker_snapshot

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
        (ActionOutOfScope(), ['Sorry, I cannot help with that. Write "caseworker" if you want to ask a person.', HELP]),
        (ActionFallback(), ['Sorry, I did not understand. Write "caseworker" if you want to ask a person.', HELP]),
        (ActionAcknowledge(), ["OK. What else can I help you with?"]),
        (ActionCancel(), ["OK, nothing more is happening. What else can I help you with?"]),
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


FEVER = {
    "lang": "sv",
    "keywords": {"feber", "barn"},
    "slug": "halsa-och-vard",
    "title": "Hälsa och vård",
    "summary": "Vården i Sverige.",
    "section_anchor": "1177",
    "section_title": "Sjukvårdsrådgivning 1177",
    "snippet": "Ring 1177 dygnet runt om ditt barn har feber.",
    "url": "https://ankomst.example.se/info/halsa-och-vard#1177",
}
PRESCHOOL = {
    **FEVER,
    "slug": "forskola",
    "section_anchor": "sjuk",
    "section_title": "När barnet är sjukt",
    "snippet": "Ett sjukt barn stannar hemma från förskolan.",
    "url": "https://ankomst.example.se/info/forskola#sjuk",
}


def lost_message(text: str = "barn feber natt vad gör jag"):
    return tracker_snapshot(CID, text=text, intent="nlu_fallback", confidence=0.3, language="sv")


@pytest.mark.parametrize("action", [ActionFallback(), ActionOutOfScope()])
def test_fallback_and_out_of_scope_answer_a_confident_search_hit(portal, run_action, action):
    portal.add_conversation(CID)
    portal.search_index = [FEVER]

    texts, _ = run_action(action, lost_message())

    assert portal.requests_to("GET", "/search")[0].query["q"] == ["barn feber natt vad gör jag"]
    assert texts == [
        "Sjukvårdsrådgivning 1177: Ring 1177 dygnet runt om ditt barn har feber.\n"
        "Read more: https://ankomst.example.se/info/halsa-och-vard#1177"
    ]


def test_fallback_offers_numbered_topics_when_the_search_is_middling(portal, run_action):
    portal.add_conversation(CID)
    portal.search_index = [FEVER, PRESCHOOL]
    portal.search_confidence = "middling"

    texts, events = run_action(ActionFallback(), lost_message())

    assert texts == [
        "Which of these do you mean? Answer with a number:\n"
        "1. Hälsa och vård – Sjukvårdsrådgivning 1177\n2. Hälsa och vård – När barnet är sjukt"
    ]
    assert len(slot_events(events)["civic_choices"]) == 2


def test_fallback_without_a_search_answer_says_so_and_offers_a_caseworker(portal, run_action):
    portal.add_conversation(CID)
    portal.search_index = [FEVER]
    portal.search_confidence = "none"

    texts, events = run_action(ActionFallback(), lost_message())

    assert texts == ['Sorry, I did not understand. Write "caseworker" if you want to ask a person.', HELP]
    assert "civic_choices" not in slot_events(events)


@pytest.mark.parametrize(
    ("text", "action"),
    [
        ("ok spasibi, do pobachennia", "action_thanks"),
        ("понял. аллах хранит", "action_goodbye"),
        ("mahadsanid walaal", "action_thanks"),
    ],
)
def test_a_short_thanks_or_goodbye_the_nlu_missed_closes_without_a_search(portal, run_action, text, action):
    portal.add_conversation(CID)
    portal.search_index = [FEVER]

    texts, events = run_action(ActionFallback(), tracker_snapshot(CID, text=text, intent="nlu_fallback", language="sv"))

    assert texts == []
    assert [e["name"] for e in events if e["event"] == "followup"] == [action]
    assert portal.requests_to("GET", "/search") == []


def test_a_question_with_thanks_in_it_is_still_searched(portal, run_action):
    portal.add_conversation(CID)
    portal.search_index = [FEVER]
    text = "thanks, barn feber natt?"

    run_action(ActionFallback(), tracker_snapshot(CID, text=text, intent="nlu_fallback", language="sv"))

    assert portal.requests_to("GET", "/search")


def test_a_greeting_that_carries_a_question_is_answered_by_the_search(portal, run_action):
    portal.add_conversation(CID)
    portal.search_index = [FEVER]
    tracker = tracker_snapshot(CID, text="hej, mitt barn har feber vad gör jag", intent="greet", language="sv")

    texts, _ = run_action(ActionGreet(), tracker)

    assert texts[0].startswith("Sjukvårdsrådgivning 1177: Ring 1177")


def test_a_short_greeting_is_not_searched(portal, run_action):
    portal.add_conversation(CID)
    portal.search_index = [FEVER]

    texts, _ = run_action(ActionGreet(), tracker_snapshot(CID, text="hej barn feber", intent="greet", language="sv"))

    assert portal.requests_to("GET", "/search") == []
    assert texts == ["Hello! I am the Ankomst assistant.", HELP]


def test_a_long_message_read_as_help_is_answered_by_the_search_when_it_is_sure(portal, run_action):
    portal.add_conversation(CID)
    portal.search_index = [FEVER]
    text = "en fråga bara, mitt barn har feber vad gör jag"

    texts, _ = run_action(ActionHelp(), tracker_snapshot(CID, text=text, intent="help", language="sv"))

    assert texts[0].startswith("Sjukvårdsrådgivning 1177: Ring 1177")


@pytest.mark.parametrize("text", ["hjälp", "vad kan du hjälpa mig med", "en fråga bara om zzzqqq xxyyzz och mer"])
def test_help_says_what_the_assistant_can_do_when_the_search_is_not_sure(portal, run_action, text):
    portal.add_conversation(CID)
    portal.search_index = [FEVER]

    texts, _ = run_action(ActionHelp(), tracker_snapshot(CID, text=text, intent="help", language="so"))

    assert texts == [HELP]


def test_a_yes_to_nothing_points_to_the_plan_when_the_plan_waits_for_confirmation(portal, run_action):
    from actions.smalltalk import ActionAcknowledge

    portal.add_conversation(CID, plan={"status": "proposed", "awaiting_acknowledgement": True, "url": "/plan"})

    texts, _ = run_action(ActionAcknowledge(), tracker_snapshot(CID, text="ok i agree", intent="affirm", language="en"))

    assert texts == ["Your plan waits for you. Read it and approve it at /plan"]


def test_a_yes_to_nothing_from_a_stranger_is_just_acknowledged(portal, run_action):
    from actions.smalltalk import ActionAcknowledge

    portal.add_conversation(CID, person=None)

    texts, _ = run_action(ActionAcknowledge(), tracker_snapshot(CID, text="ok", intent="affirm", language="en"))

    assert texts == ["OK. What else can I help you with?"]


def test_a_short_unclear_message_that_names_a_day_is_answered_with_that_days_activities(portal, run_action):
    from tests.bot.actions.test_schedule import SFI, day_answer

    portal.add_conversation(CID, schedule_answer=day_answer("2026-11-23", "2026-11-23", [SFI], day_word="today"))
    portal.search_index = [FEVER]

    texts, _ = run_action(ActionFallback(), lost_message("lomi entay aloni"))

    assert "SFI" in texts[0] and "09:00" in texts[0]
    assert portal.requests_to("GET", "/search") == []
    assert portal.requests_to("POST", "/schedule/query")[0].body["text"] == "lomi entay aloni"


def test_an_unclear_message_without_a_day_word_goes_to_the_search(portal, run_action):
    portal.add_conversation(CID)
    portal.search_index = [FEVER]

    texts, _ = run_action(ActionFallback(), lost_message("barn feber"))

    assert len(portal.requests_to("POST", "/schedule/query")) == 1
    assert texts[0].startswith("Sjukvårdsrådgivning 1177")


def test_a_stranger_naming_a_day_gets_the_search_not_an_error(portal, run_action):
    portal.add_conversation(CID, person=None)
    portal.search_index = [FEVER]

    texts, _ = run_action(ActionFallback(), lost_message("barn feber imorgon"))

    assert texts[0].startswith("Sjukvårdsrådgivning 1177")


def test_the_fallback_reached_after_an_answer_this_turn_says_nothing_more_and_listens(portal, run_action):
    portal.add_conversation(CID)
    tracker = tracker_snapshot(
        CID,
        text="spasibi bratan",
        intent="nlu_fallback",
        language="en",
        events_after_user=[
            {"event": "action", "name": "action_thanks", "timestamp": 1700000003.0},
            {"event": "bot", "text": "You are welcome!", "timestamp": 1700000004.0},
        ],
    )

    texts, events = run_action(ActionFallback(), tracker)

    assert texts == []
    assert [e["name"] for e in events if e["event"] == "followup"] == ["action_listen"]


def answered_before(action: str, text: str, intent: str = "nlu_fallback"):
    """A turn right after the assistant answered the previous message with `action`."""
    return tracker_snapshot(
        CID,
        text=text,
        intent=intent,
        confidence=0.3,
        language="en",
        events_before_user=[
            {"event": "user", "text": "earlier", "parse_data": {}, "timestamp": 1700000000.5},
            {"event": "action", "name": action, "timestamp": 1700000000.6},
            {"event": "bot", "text": "the answer", "timestamp": 1700000000.7},
        ],
    )


@pytest.mark.parametrize(
    ("before", "text", "again"),
    [
        ("action_objection_status", "how long does it take?", "action_objection_status"),
        ("action_plan_summary", "what is in it", "action_plan_summary"),
        ("action_ask_acknowledge", "ci heye te de", "action_plan_summary"),
    ],
)
def test_a_short_unclear_follow_up_gets_the_answer_it_follows_again(portal, run_action, before, text, again):
    portal.add_conversation(CID)

    texts, events = run_action(ActionFallback(), answered_before(before, text))

    assert texts == []
    assert [e["name"] for e in events if e["event"] == "followup"] == [again]


def test_a_longer_message_or_one_after_another_answer_is_no_follow_up(portal, run_action):
    portal.add_conversation(CID)
    portal.search_index = [FEVER]
    long = "how long does it take to get a place at the preschool here"

    for tracker in (answered_before("action_objection_status", long), answered_before("action_greet", "what is it")):
        _, events = run_action(ActionFallback(), tracker)
        assert not [e for e in events if e["event"] == "followup"]
