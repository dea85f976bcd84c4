from __future__ import annotations

import pytest

from actions.civic import ActionChooseOption, ActionCivicAnswer, ActionCivicMore, shorten
from tests.bot.snapshots import slot_events, tracker_snapshot

CID = "c-ZmFrZUNvbnZlcnNhdGlvbg"
HEALTH_CENTRE = {
    "lang": "ar",
    "keywords": {"طبيب", "vårdcentral"},
    "slug": "halsa-och-vard",
    "title": "الصحة والرعاية",
    "summary": "الرعاية الصحية في السويد.",
    "section_anchor": "vardcentral",
    "section_title": "المركز الصحي",
    "snippet": "المركز الصحي هو المكان الأول عندما تمرض. اتصل بالرقم 1177 للحصول على المشورة. "
    "يمكنك اختيار المركز الصحي بنفسك، والزيارة تكلف القليل من المال.",
    "url": "/info/halsa-och-vard#vardcentral",
}
DENTIST = {
    **HEALTH_CENTRE,
    "section_anchor": "tandvard",
    "section_title": "طبيب الأسنان",
    "url": "/info/halsa-och-vard#tandvard",
}
EMERGENCY = {
    **HEALTH_CENTRE,
    "slug": "trygghet-och-akut-hjalp",
    "title": "الأمان",
    "section_title": "112",
    "url": "/info/trygghet-och-akut-hjalp#112",
}


def test_confident_answer_gives_title_the_answering_sentences_link_and_offer_of_more(portal, run_action):
    portal.add_conversation(CID, language="ar")
    portal.search_index = [HEALTH_CENTRE, DENTIST, EMERGENCY]
    tracker = tracker_snapshot(CID, text="أين أجد طبيب", intent="ask_civic_info", language="ar")

    texts, events = run_action(ActionCivicAnswer(), tracker)

    (request,) = portal.requests_to("GET", "/search")
    assert request.query == {"q": ["أين أجد طبيب"], "lang": ["ar"], "limit": ["3"]}
    # The portal already picked the sentences that answer: they are given whole, not cut.
    assert texts[0].splitlines() == [
        f"المركز الصحي: {HEALTH_CENTRE['snippet']}",
        "Read more: /info/halsa-och-vard#vardcentral",
        "Do you want more links about this?",
    ]
    assert slot_events(events)["civic_more"] == [
        {"title": "طبيب الأسنان", "url": "/info/halsa-och-vard#tandvard"},
        {"title": "112", "url": "/info/trygghet-och-akut-hjalp#112"},
    ]
    assert slot_events(events)["civic_choices"] is None


def test_a_sure_civic_question_is_answered_when_search_is_middling_and_the_other_topics_are_numbered(
    portal, run_action
):
    portal.add_conversation(CID, language="ar")
    portal.search_index = [HEALTH_CENTRE, DENTIST, EMERGENCY]
    portal.search_confidence = "middling"
    tracker = tracker_snapshot(CID, text="طبيب", intent="ask_civic_info", language="ar")

    texts, events = run_action(ActionCivicAnswer(), tracker)

    lines = texts[0].splitlines()
    assert lines[0].startswith("المركز الصحي:")
    assert HEALTH_CENTRE["url"] in lines[1]
    # The others are numbered from 2: the answered topic is choice 1, so "2" picks the dentist.
    assert lines[2:] == [
        "Not what you asked? Answer with a number:",
        "2. الصحة والرعاية – طبيب الأسنان",
        "3. الأمان – 112",
    ]
    choices = slot_events(events)["civic_choices"]
    assert [c["url"] for c in choices] == [HEALTH_CENTRE["url"], DENTIST["url"], EMERGENCY["url"]]
    assert slot_events(events)["civic_more"] is None

    picked = tracker_snapshot(CID, text="2", intent="choose_option", language="ar", slots={"civic_choices": choices})
    texts, _events = run_action(ActionChooseOption(), picked)
    assert texts[0].startswith("طبيب الأسنان:") and DENTIST["url"] in texts[0]


def test_a_middling_answer_with_choices_is_shorter_than_a_confident_one(portal, run_action):
    long_snippet = "كلمة " * 120
    portal.add_conversation(CID, language="ar")
    portal.search_index = [{**HEALTH_CENTRE, "snippet": long_snippet}, DENTIST]
    portal.search_confidence = "middling"
    tracker = tracker_snapshot(CID, text="طبيب", intent="ask_civic_info", language="ar")

    texts, _events = run_action(ActionCivicAnswer(), tracker)

    first = texts[0].splitlines()[0]
    assert first.endswith("…")
    assert len(first) <= len("المركز الصحي: ") + 200


def test_a_middling_search_after_an_unsure_nlu_offers_the_likeliest_topics(portal, run_action):
    from actions.smalltalk import ActionFallback

    portal.add_conversation(CID, language="ar")
    portal.search_index = [HEALTH_CENTRE, DENTIST, EMERGENCY]
    portal.search_confidence = "middling"
    tracker = tracker_snapshot(CID, text="طبيب", intent="nlu_fallback", language="ar")

    texts, events = run_action(ActionFallback(), tracker)

    assert texts == [
        "Which of these do you mean? Answer with a number:\n"
        "1. الصحة والرعاية – المركز الصحي\n2. الصحة والرعاية – طبيب الأسنان\n3. الأمان – 112"
    ]
    choices = slot_events(events)["civic_choices"]
    assert [c["url"] for c in choices] == [HEALTH_CENTRE["url"], DENTIST["url"], EMERGENCY["url"]]
    assert slot_events(events)["civic_more"] is None


def test_yes_to_more_sends_the_other_links(portal, run_action):
    portal.add_conversation(CID, language="ar")
    more = [{"title": "طبيب الأسنان", "url": "/info/halsa-och-vard#tandvard"}]
    tracker = tracker_snapshot(CID, text="نعم", intent="affirm", language="ar", slots={"civic_more": more})

    texts, events = run_action(ActionCivicMore(), tracker)

    assert texts == ["طبيب الأسنان: /info/halsa-och-vard#tandvard"]
    assert slot_events(events)["civic_more"] is None


def test_a_long_message_read_as_yes_is_a_new_question_and_is_searched(portal, run_action):
    portal.add_conversation(CID, language="ar")
    portal.search_index = [HEALTH_CENTRE]
    more = [{"title": "طبيب الأسنان", "url": "/info/halsa-och-vard#tandvard"}]
    text = "تمام وكمان سؤال وين بلاقي طبيب هون قريب صح"
    tracker = tracker_snapshot(CID, text=text, intent="affirm", language="ar", slots={"civic_more": more})

    texts, _ = run_action(ActionCivicMore(), tracker)

    assert portal.requests_to("GET", "/search")
    assert texts[0].startswith("المركز الصحي:") and "tandvard" not in texts[0]


def test_single_hit_makes_no_offer_of_more(portal, run_action):
    portal.add_conversation(CID, language="ar")
    portal.search_index = [HEALTH_CENTRE]
    tracker = tracker_snapshot(CID, text="طبيب", intent="ask_civic_info", language="ar")

    texts, events = run_action(ActionCivicAnswer(), tracker)

    assert len(texts[0].splitlines()) == 2
    assert slot_events(events)["civic_more"] is None


def test_question_without_hits_says_so_and_offers_a_caseworker(portal, run_action):
    portal.add_conversation(CID, language="sv")
    tracker = tracker_snapshot(CID, text="var bor tomten", intent="ask_civic_info", language="sv")

    texts, events = run_action(ActionCivicAnswer(), tracker)

    assert texts == [
        'I did not find an answer to that. Write "caseworker" to ask a person, or read all civic information at /info'
    ]
    assert slot_events(events)["civic_more"] is None


def test_civic_answers_need_no_identified_person(portal, run_action):
    portal.add_conversation(CID, language="ar", person=None)
    portal.search_index = [HEALTH_CENTRE]
    tracker = tracker_snapshot(CID, text="طبيب", intent="ask_civic_info", language="ar")

    texts, _ = run_action(ActionCivicAnswer(), tracker)

    assert texts[0].startswith("المركز الصحي:")


def test_shorten_cuts_at_a_word_and_marks_the_cut():
    assert shorten("one two three four", 12) == "one two…"
    assert shorten("  short\n text ", 50) == "short text"


CHOICES = [
    {"title": "المركز الصحي", "url": HEALTH_CENTRE["url"], "text": "اتصل بالرقم 1177."},
    {"title": "طبيب الأسنان", "url": DENTIST["url"], "text": "طب الأسنان مجاني للأطفال."},
]


@pytest.mark.parametrize("answer", ["2", "٢", "nr 2"])
def test_a_number_picks_the_topic_from_the_list_just_offered(portal, run_action, answer):
    portal.add_conversation(CID, language="ar")
    tracker = tracker_snapshot(
        CID, text=answer, intent="choose_option", language="ar", slots={"civic_choices": CHOICES}
    )

    texts, events = run_action(ActionChooseOption(), tracker)

    assert texts == ["طبيب الأسنان: طب الأسنان مجاني للأطفال.\nRead more: /info/halsa-och-vard#tandvard"]
    assert slot_events(events)["civic_choices"] is None


@pytest.mark.parametrize(("answer", "choices"), [("3", CHOICES), ("0", CHOICES), ("2", None)])
def test_a_number_outside_the_list_or_without_a_list_is_not_understood(portal, run_action, answer, choices):
    portal.add_conversation(CID, language="sv")
    tracker = tracker_snapshot(
        CID, text=answer, intent="choose_option", language="sv", slots={"civic_choices": choices}
    )

    texts, events = run_action(ActionChooseOption(), tracker)

    assert texts[0] == "Sorry, I did not understand."
    assert texts[1].startswith("I can help with your activities")
    assert slot_events(events)["civic_choices"] is None


def test_a_question_that_names_a_language_without_asking_for_it_is_answered_from_the_content(portal, run_action):
    from actions.language import ActionChangeLanguage

    conversation = portal.add_conversation(CID, language="ar")
    portal.search_index = [HEALTH_CENTRE]
    tracker = tracker_snapshot(
        CID, text="وين في طبيب بيحكي عربي", intent="choose_language", language="ar", slots={"language": "ar"}
    )

    texts, events = run_action(ActionChangeLanguage(), tracker)

    assert HEALTH_CENTRE["url"] in texts[0]
    assert "language" not in slot_events(events) and conversation.language == "ar"


def test_an_objection_from_someone_without_a_plan_answers_a_sure_question_first(portal, run_action):
    from actions.objections import ActionStartObjection

    portal.add_conversation(CID, language="ar")
    portal.search_index = [HEALTH_CENTRE]
    tracker = tracker_snapshot(
        CID, text="وين في طبيب", intent="file_objection", language="ar", slots={"language": "ar"}
    )

    texts, events = run_action(ActionStartObjection(), tracker)

    assert HEALTH_CENTRE["url"] in texts[0]
    assert texts[-1].startswith("You do not have a plan yet")
    assert slot_events(events)["can_object"] is False


@pytest.mark.parametrize(("confidence", "follows"), [("none", True), ("middling", True), ("confident", False)])
def test_a_short_civic_question_right_after_the_objections_is_about_them_unless_the_search_is_sure(
    portal, run_action, confidence, follows
):
    portal.add_conversation(CID)
    portal.search_confidence = confidence
    tracker = tracker_snapshot(
        CID,
        text="how long does it usually take",
        intent="ask_civic_info",
        language="en",
        events_before_user=[
            {"event": "user", "text": "my complaints?", "parse_data": {}, "timestamp": 1700000000.5},
            {"event": "action", "name": "action_objection_status", "timestamp": 1700000000.6},
        ],
    )

    _, events = run_action(ActionCivicAnswer(), tracker)

    followups = [e["name"] for e in events if e["event"] == "followup"]
    assert followups == (["action_objection_status"] if follows else [])
