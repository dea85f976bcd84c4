from __future__ import annotations

from actions.language import ActionChangeLanguage, ActionInterpreter
from tests.bot.snapshots import slot_events, tracker_snapshot

CID = "c-ZmFrZUNvbnZlcnNhdGlvbg"


def request(text: str, *, triage: dict | None = None, language: str = "sv"):
    """A tracker for a language request: set by the portal's triage, or guessed by the NLU."""
    if triage:
        return tracker_snapshot(
            CID, text="/choose_language", intent="choose_language", language=language,
            metadata={"text": text, "triage": triage}, slots={"language": language},
        )  # fmt: skip
    return tracker_snapshot(CID, text=text, intent="choose_language", language=language, slots={"language": language})


def test_a_request_the_portal_read_switches_and_says_how_to_go_back(portal, run_action):
    conversation = portal.add_conversation(CID, language="sv")

    texts, events = run_action(ActionChangeLanguage(), request("in english please", triage={"language": "en"}))

    assert portal.requests_to("PUT", "/language")[0].body == {"language": "en"}
    assert texts == ["OK, I will write in English from now on. To go back, write: svenska"]
    assert slot_events(events)["language"] == "en"
    assert conversation.language == "en"


def test_words_the_portal_does_not_take_as_a_request_change_nothing(portal, run_action):
    conversation = portal.add_conversation(CID, language="sv")

    texts, events = run_action(ActionChangeLanguage(), request("klingon"))

    assert portal.requests_to("PUT", "/language")[0].body == {"choice": "klingon"}
    assert texts[0].startswith("I write in svenska. To change, write the language you want, for example: English")
    assert "language" not in slot_events(events)
    assert conversation.language == "sv"


def test_asking_for_the_language_already_in_use_changes_nothing(portal, run_action):
    portal.add_conversation(CID, language="ar")

    texts, events = run_action(ActionChangeLanguage(), request("عربي", triage={"language": "ar"}, language="ar"))

    assert "language" not in slot_events(events)
    assert len(texts) == 1 and "svenska" in texts[0]


def test_changing_language_when_the_portal_is_down_apologises(portal_down, run_action):
    texts, events = run_action(ActionChangeLanguage(), request("english", triage={"language": "en"}))

    assert texts == ["Sorry, I cannot reach the service right now. Please try again in a while."]
    assert "language" not in slot_events(events)


def interpreter_request(language: str = "so"):
    return tracker_snapshot(
        CID, text="/ask_interpreter", intent="ask_interpreter", language=language,
        metadata={"text": "turjumaan soomaali ah", "triage": {"interpreter": "so"}}, slots={"language": language},
    )  # fmt: skip


def test_an_interpreter_request_reaches_a_caseworker_and_keeps_the_language(portal, run_action):
    conversation = portal.add_conversation(CID, language="so")

    texts, events = run_action(ActionInterpreter(), interpreter_request())

    assert portal.handoffs[-1]["interpreter"] == "so"
    assert portal.handoffs[-1]["note"] == "turjumaan soomaali ah"
    assert "language" not in slot_events(events)
    assert conversation.language == "so"
    assert len(texts) == 1 and "Soomaali" in texts[0]


def test_a_stranger_asking_for_an_interpreter_gets_the_reception_and_nothing_personal(portal, run_action):
    portal.add_conversation(CID, language="so", person=None)

    texts, _ = run_action(ActionInterpreter(), interpreter_request())

    assert portal.handoffs == []
    assert "reception" in texts[0] and texts[-1] == "In an emergency, call 112."
