from __future__ import annotations

import os
from pathlib import Path

import pytest

from actions import i18n
from actions.schedule import ActionNextActivity, ActionSchedule
from tests.bot.actions.catalogues import write_catalogue
from tests.bot.snapshots import slot_events, tracker_snapshot

CID = "c-ZmFrZUNvbnZlcnNhdGlvbg"
SFI = {
    "title": "SFI",
    "starts_at": "2026-11-23T09:00:00+01:00",
    "ends_at": "2026-11-23T12:00:00+01:00",
    "place": "Komvux Södertälje",
    "provider": "Komvux",
    "map_url": None,
}


def activity(day: int, title: str = "SFI") -> dict:
    return {
        **SFI,
        "title": title,
        "starts_at": f"2026-11-{day}T09:00:00+01:00",
        "ends_at": f"2026-11-{day}T12:00:00+01:00",
    }


def test_next_activity_is_told_with_swedish_weekday_date_and_time_range(portal, run_action):
    portal.add_conversation(CID, language="sv", next_activity=SFI)

    texts, _ = run_action(ActionNextActivity(), tracker_snapshot(CID, language="sv"))

    assert texts == ["Your next activity: SFI, mån 23 november 09:00–12:00 at Komvux Södertälje."]


def test_next_activity_is_told_with_arabic_weekday_and_month(portal, run_action):
    portal.add_conversation(CID, language="ar", next_activity=SFI)

    texts, _ = run_action(ActionNextActivity(), tracker_snapshot(CID, language="ar"))

    assert "الاثنين" in texts[0] and "نوفمبر" in texts[0]
    assert "SFI" in texts[0] and "Komvux Södertälje" in texts[0]


def test_next_activity_sentence_comes_from_the_arabic_catalogue(portal, run_action):
    portal.add_conversation(CID, language="ar", next_activity=SFI)
    write_catalogue(
        Path(os.environ["ANKOMST_LOCALES_DIR"]),
        "ar",
        {
            "Your next activity: %(title)s, %(when)s at %(place)s.": "نشاطك القادم: %(title)s، %(when)s في %(place)s.",
        },
    )
    i18n.clear_cache()

    texts, _ = run_action(ActionNextActivity(), tracker_snapshot(CID, language="ar"))

    assert texts[0].startswith("نشاطك القادم: SFI، الاثنين، 23 نوفمبر")
    assert texts[0].endswith("في Komvux Södertälje.")


def test_next_activity_without_a_place_leaves_the_place_out(portal, run_action):
    portal.add_conversation(CID, next_activity={**SFI, "place": None})

    texts, _ = run_action(ActionNextActivity(), tracker_snapshot(CID, language="sv"))

    assert texts == ["Your next activity: SFI, mån 23 november 09:00–12:00."]


def test_person_with_nothing_booked_is_told_so(portal, run_action):
    portal.add_conversation(CID, next_activity=None)

    texts, _ = run_action(ActionNextActivity(), tracker_snapshot(CID, language="sv"))

    assert texts == ["You have no activities booked right now."]


def test_language_is_asked_from_the_portal_when_the_message_carries_none(portal, run_action):
    portal.add_conversation(CID, language="ar", next_activity=SFI)

    texts, events = run_action(ActionNextActivity(), tracker_snapshot(CID))

    assert "نوفمبر" in texts[0]
    assert slot_events(events) == {"language": "ar"}
    assert portal.requests_to("GET", f"/conversations/{CID}")


def test_times_are_shown_in_stockholm_time_whatever_offset_the_portal_sends(portal, run_action):
    utc = {**SFI, "starts_at": "2026-11-23T08:00:00Z", "ends_at": None}
    portal.add_conversation(CID, next_activity=utc)

    texts, _ = run_action(ActionNextActivity(), tracker_snapshot(CID, language="sv"))

    assert "mån 23 november 09:00 at" in texts[0]


def test_schedule_lists_the_week_and_points_to_the_plan_for_the_rest(portal, run_action):
    days = [{"date": f"2026-11-{d}", "activities": [activity(d)]} for d in range(23, 30)]
    portal.add_conversation(CID, schedule=days)

    texts, _ = run_action(ActionSchedule(), tracker_snapshot(CID, language="sv"))

    lines = texts[0].splitlines()
    assert lines[0] == "Your activities in the next 7 days:"
    assert lines[1] == "mån 23 november 09:00–12:00: SFI, Komvux Södertälje"
    assert len(lines) == 1 + 5 + 1
    assert lines[-1] == "2 more activities: see /plan/upcoming"
    assert portal.requests_to("GET", "/schedule")[0].query == {"days": ["7"]}


def test_empty_schedule_says_there_is_nothing_this_week(portal, run_action):
    portal.add_conversation(CID, schedule=[])

    texts, _ = run_action(ActionSchedule(), tracker_snapshot(CID, language="sv"))

    assert texts == ["You have no activities in the next 7 days."]


@pytest.mark.parametrize("action", [ActionNextActivity(), ActionSchedule()])
def test_unidentified_person_is_told_how_to_get_personal_answers(portal, run_action, action):
    portal.add_conversation(CID, person=None)

    texts, _ = run_action(action, tracker_snapshot(CID, language="sv"))

    assert "registered phone" in texts[0] and "/signin" in texts[0]
    assert "life in Sweden" in texts[1]
