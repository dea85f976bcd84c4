from __future__ import annotations

from actions.civic import ActionCivicAnswer, ActionCivicMore, shorten
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


def test_civic_question_is_answered_with_summary_short_link_and_offer_of_more(portal, run_action):
    portal.add_conversation(CID, language="ar")
    portal.search_index = [HEALTH_CENTRE, DENTIST, EMERGENCY]
    tracker = tracker_snapshot(CID, text="أين أجد طبيب", intent="ask_civic_info", language="ar")

    texts, events = run_action(ActionCivicAnswer(), tracker)

    (request,) = portal.requests_to("GET", "/search")
    assert request.query == {"q": ["أين أجد طبيب"], "lang": ["ar"], "limit": ["3"]}
    lines = texts[0].splitlines()
    assert lines[0].startswith("المركز الصحي: المركز الصحي هو المكان الأول")
    assert lines[0].endswith("…") and len(lines[0]) < 140
    assert lines[1] == "Read more: /info/halsa-och-vard#vardcentral"
    assert lines[2] == "Do you want more links about this?"
    assert slot_events(events)["civic_more"] == [
        {"title": "طبيب الأسنان", "url": "/info/halsa-och-vard#tandvard"},
        {"title": "112", "url": "/info/trygghet-och-akut-hjalp#112"},
    ]


def test_yes_to_more_sends_the_other_links(portal, run_action):
    portal.add_conversation(CID, language="ar")
    more = [{"title": "طبيب الأسنان", "url": "/info/halsa-och-vard#tandvard"}]
    tracker = tracker_snapshot(CID, text="نعم", intent="affirm", language="ar", slots={"civic_more": more})

    texts, events = run_action(ActionCivicMore(), tracker)

    assert texts == ["طبيب الأسنان: /info/halsa-och-vard#tandvard"]
    assert slot_events(events)["civic_more"] is None


def test_single_hit_makes_no_offer_of_more(portal, run_action):
    portal.add_conversation(CID, language="ar")
    portal.search_index = [HEALTH_CENTRE]
    tracker = tracker_snapshot(CID, text="طبيب", intent="ask_civic_info", language="ar")

    texts, events = run_action(ActionCivicAnswer(), tracker)

    assert len(texts[0].splitlines()) == 2
    assert slot_events(events)["civic_more"] is None


def test_question_without_hits_points_to_all_civic_information(portal, run_action):
    portal.add_conversation(CID, language="sv")
    tracker = tracker_snapshot(CID, text="var bor tomten", intent="ask_civic_info", language="sv")

    texts, _ = run_action(ActionCivicAnswer(), tracker)

    assert texts == ["I found nothing about that. All civic information is at /info"]


def test_civic_answers_need_no_identified_person(portal, run_action):
    portal.add_conversation(CID, language="ar", person=None)
    portal.search_index = [HEALTH_CENTRE]
    tracker = tracker_snapshot(CID, text="طبيب", intent="ask_civic_info", language="ar")

    texts, _ = run_action(ActionCivicAnswer(), tracker)

    assert texts[0].startswith("المركز الصحي:")


def test_shorten_cuts_at_a_word_and_marks_the_cut():
    assert shorten("one two three four", 12) == "one two…"
    assert shorten("  short\n text ", 50) == "short text"
