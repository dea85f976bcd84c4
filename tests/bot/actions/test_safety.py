from __future__ import annotations

import pytest

from actions.safety import ActionEmergency
from tests.bot.snapshots import slot_events, tracker_snapshot

CID = "c-ZmFrZUNvbnZlcnNhdGlvbg"
FEVER = {
    "lang": "en",
    "keywords": {"fever", "child"},
    "slug": "halsa-och-vard",
    "title": "Health and care",
    "summary": "Health care in Sweden.",
    "section_anchor": "1177",
    "section_title": "Health advice 1177",
    "snippet": "Call 1177 day and night if your child has a fever.",
    "url": "https://ankomst.example.se/info/halsa-och-vard#1177",
}
NUMBERS = {
    "health": "1177",
    "danger": "112",
    "violence": "020-50 50 50",
    "suicide": "90101",
}


def emergency(text: str, kinds: list[str] | None):
    triage = {"emergencies": kinds} if kinds is not None else {}
    return tracker_snapshot(
        CID,
        text="/emergency",
        intent="emergency",
        language="en",
        slots={"language": "en"},
        metadata={"text": text, "triage": triage},
    )


@pytest.mark.parametrize("kind", list(NUMBERS))
def test_an_emergency_answers_first_with_its_number(portal, run_action, kind):
    portal.add_conversation(CID, language="en")

    texts, _ = run_action(ActionEmergency(), emergency("help", [kind]))

    assert NUMBERS[kind] in texts[0].splitlines()[0]
    others = [number for other, number in NUMBERS.items() if other not in (kind, "danger")]
    assert not any(number in texts[0] for number in others)


def test_several_kinds_are_answered_gravest_first_in_one_message(portal, run_action):
    portal.add_conversation(CID, language="en")

    texts, _ = run_action(ActionEmergency(), emergency("help", ["suicide", "violence"]))

    lines = texts[0].splitlines()
    assert "90101" in lines[0] and "020-50 50 50" in lines[1]


def test_a_threat_at_home_gets_the_help_line_that_also_names_112_in_one_line(portal, run_action):
    portal.add_conversation(CID, language="en")

    texts, _ = run_action(ActionEmergency(), emergency("he says he will kill me", ["danger", "violence"]))

    first = texts[0].splitlines()[0]
    assert "020-50 50 50" in first and "112" in first
    assert "police, ambulance, fire" not in texts[0]  # the danger line is not said twice


def test_an_emergency_without_kinds_gives_112(portal, run_action):
    portal.add_conversation(CID, language="en")

    texts, _ = run_action(ActionEmergency(), emergency("help", None))

    assert texts[0] == "If you or someone else is in danger right now, call 112 (police, ambulance, fire)."


def test_the_civic_answer_comes_after_the_number_when_the_search_is_confident(portal, run_action):
    portal.add_conversation(CID, language="en")
    portal.search_index = [FEVER]

    texts, _ = run_action(ActionEmergency(), emergency("my child has a fever at night", ["health"]))

    assert texts[0].startswith("Call 1177 for health advice day and night")
    assert texts[1].splitlines()[0] == "Health advice 1177: Call 1177 day and night if your child has a fever."
    # The search gets the person's own words, not the intent the portal set.
    assert portal.requests_to("GET", "/search")[0].query["q"] == ["my child has a fever at night"]


def test_without_a_search_answer_only_the_number_is_given(portal, run_action):
    portal.add_conversation(CID, language="en")

    texts, events = run_action(ActionEmergency(), emergency("my child has a fever at night", ["health"]))

    assert len(texts) == 1 and "1177" in texts[0]
    assert "civic_more" not in slot_events(events)


def test_the_number_is_given_even_when_the_portal_is_down(portal_down, run_action):
    texts, _ = run_action(ActionEmergency(), emergency("someone is hitting me", ["violence"]))

    assert "020-50 50 50" in texts[0]


def test_a_middling_search_adds_no_list_of_topics_to_the_number(portal, run_action):
    portal.add_conversation(CID, language="en")
    portal.search_index = [FEVER, {**FEVER, "section_title": "Children", "url": "https://ankomst.example.se/info/barn"}]
    portal.search_confidence = "middling"

    texts, events = run_action(ActionEmergency(), emergency("my child has a fever at night", ["health"]))

    # The number first, then the best section's sentences; never a numbered list of topics.
    assert len(texts) == 2 and "1177" in texts[0]
    assert FEVER["url"] in texts[1] and "Answer with a number" not in texts[1]
    assert not slot_events(events).get("civic_choices")
    assert not slot_events(events).get("civic_more")


def test_the_question_after_an_emergency_answer_gets_the_same_number_first(portal, run_action):
    portal.add_conversation(CID, language="en")
    follow_up = tracker_snapshot(
        CID,
        text="is it free? will he see it on the phone bill?",
        intent="ask_civic_info",
        language="en",
        slots={"language": "en", "emergency_kinds": ["violence"]},
    )

    texts, events = run_action(ActionEmergency(), follow_up)

    assert "020-50 50 50" in texts[0].splitlines()[0] and "phone bill" in texts[0]
    assert slot_events(events)["emergency_kinds"] == ["violence"]


def test_an_emergency_remembers_its_kinds_for_the_next_message(portal, run_action):
    portal.add_conversation(CID, language="en")

    _, events = run_action(ActionEmergency(), emergency("he hits me", ["violence", "danger"]))

    assert slot_events(events)["emergency_kinds"] == ["violence", "danger"]


def test_after_violence_the_shelter_section_goes_on_from_the_help_line_even_when_ranked_second(portal, run_action):
    preschool = {
        **FEVER,
        "keywords": {"safe", "place", "children"},
        "slug": "familj-och-barn",
        "title": "Family and children",
        "section_anchor": "forskola",
        "section_title": "Preschool",
        "snippet": "Children can go to preschool from the age of one.",
        "url": "https://ankomst.example.se/info/familj-och-barn#forskola",
    }
    shelter = {
        **FEVER,
        "keywords": {"safe", "place"},
        "slug": "trygghet-och-akut-hjalp",
        "title": "Safety and urgent help",
        "section_anchor": "skyddat-boende",
        "section_title": "Protected housing",
        "snippet": "The social services can help you find a protected place to live.",
        "url": "https://ankomst.example.se/info/trygghet-och-akut-hjalp#skyddat-boende",
    }
    portal.add_conversation(CID, language="en")
    portal.search_index = [preschool, shelter]

    texts, _ = run_action(ActionEmergency(), emergency("is there a safe place for me and the children", ["violence"]))

    assert NUMBERS["violence"] in texts[0]
    assert "Protected housing" in texts[1] and "skyddat-boende" in texts[1] and "forskola" not in texts[1]
