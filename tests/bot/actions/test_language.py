from __future__ import annotations

import pytest

from actions.language import (
    ActionAskLanguageChoice,
    ActionChangeLanguage,
    ValidateLanguageForm,
    menu_choice,
)
from tests.bot.snapshots import slot_events, tracker_snapshot

CID = "c-ZmFrZUNvbnZlcnNhdGlvbg"


def language_message(text: str, *, answering_menu: bool = False):
    """A tracker for a message in the language form: the request itself or a menu answer."""
    slots = {"requested_slot": "language_choice"} if answering_menu else {}
    return tracker_snapshot(
        CID,
        text=text,
        intent="choose_language",
        language="sv",
        slots=slots,
        active_loop="language_form" if answering_menu else None,
    )


@pytest.mark.parametrize(
    ("answer", "language"),
    [
        ("1", "sv"),
        ("3", "ar"),
        ("٣", "ar"),
        ("5", "prs"),
        (" 12 ", "ps"),
        ("13", None),
        ("0", None),
        ("arabic", None),
        ("3 and 4", None),
    ],
)
def test_menu_answer_is_a_number_in_the_menus_order(answer, language):
    assert menu_choice(answer) == language


def test_language_menu_lists_every_language_in_its_own_name(portal, run_action):
    portal.add_conversation(CID)

    texts, _ = run_action(ActionAskLanguageChoice(), tracker_snapshot(CID, language="sv"))

    lines = texts[0].splitlines()
    assert lines[0] == "Which language do you want? Answer with a number:"
    assert lines[1:] == [
        "1. svenska",
        "2. English",
        "3. العربية",
        "4. فارسی",
        "5. دری",
        "6. Soomaali",
        "7. ትግርኛ",
        "8. українська",
        "9. русский",
        "10. کوردیی ناوەندی",
        "11. kurdî (kurmancî)",
        "12. پښتو",
    ]


def test_language_named_in_the_persons_own_words_is_passed_on_raw(portal, run_action):
    conversation = portal.add_conversation(CID, language="sv")

    _, events = run_action(ValidateLanguageForm(), language_message("عربي"))

    (request,) = portal.requests_to("PUT", f"/conversations/{CID}/language")
    assert request.body == {"choice": "عربي"}
    assert slot_events(events) == {"language_choice": "ar", "language": "ar"}
    assert conversation.language == "ar"


def test_number_from_the_menu_is_sent_as_a_language_code(portal, run_action):
    portal.add_conversation(CID, language="sv")

    _, events = run_action(ValidateLanguageForm(), language_message("3", answering_menu=True))

    assert portal.requests_to("PUT", "/language")[0].body == {"language": "ar"}
    assert slot_events(events)["language"] == "ar"


def test_request_without_a_language_leads_to_the_menu(portal, run_action):
    portal.add_conversation(CID, language="sv")

    texts, events = run_action(ValidateLanguageForm(), language_message("change language"))

    assert texts == []
    assert slot_events(events) == {"language_choice": None}


def test_unknown_answer_to_the_menu_keeps_the_language_and_ends_the_form(portal, run_action):
    portal.add_conversation(CID, language="sv")

    texts, events = run_action(ValidateLanguageForm(), language_message("klingon", answering_menu=True))

    assert texts == ["I did not recognise that language, so I keep writing in svenska."]
    assert slot_events(events) == {"language_choice": None, "requested_slot": None}


def test_new_language_is_confirmed_in_that_language(portal, run_action):
    portal.add_conversation(CID, language="ar")
    # The portal's metadata still says Swedish: it was sent before the change in this turn.
    tracker = tracker_snapshot(
        CID,
        text="عربي",
        language="sv",
        slots={"language_choice": "ar"},
        events_after_user=[{"event": "slot", "name": "language", "value": "ar"}],
    )

    texts, events = run_action(ActionChangeLanguage(), tracker)

    assert texts == ["OK, I will write in العربية from now on."]
    assert slot_events(events)["language_choice"] is None


def test_changing_language_when_the_portal_is_down_apologises(portal_down, run_action):
    texts, events = run_action(ValidateLanguageForm(), language_message("arabic"))

    assert texts == ["Sorry, I cannot reach the service right now. Please try again in a while."]
    assert slot_events(events) == {"language_choice": None, "requested_slot": None}
