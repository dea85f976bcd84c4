from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from actions import i18n
from actions.schedule import MAX_SCHEDULE_LINES, ActionNextActivity, ActionSchedule
from actions.sms_budget import count_segments, is_gsm7
from tests.bot.actions.catalogues import write_catalogue
from tests.bot.contract_portal import PUBLIC_SCHEDULE_URL
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
MORE = re.compile(r"^(\d+) more activit(?:y|ies): see (\S+)$")


def activity(day: int, title: str = "SFI", hour: int = 9) -> dict:
    return {
        **SFI,
        "title": title,
        "starts_at": f"2026-11-{day:02d}T{hour:02d}:00:00+01:00",
        "ends_at": f"2026-11-{day:02d}T{hour + 3:02d}:00:00+01:00",
    }


def day_answer(first: str, last: str, activities: list[dict], *, budget: int | None = 3, **question) -> dict:
    days: dict[str, list[dict]] = {}
    for a in activities:
        days.setdefault(a["starts_at"][:10], []).append(a)
    return {
        "question": {
            "span": "day" if first == last else "week",
            "first_day": first,
            "last_day": last,
            "day_word": "tomorrow",
            "activity_types": [],
            "kind_label": None,
            **question,
        },
        "days": [{"date": d, "activities": found} for d, found in days.items()],
        "next": None,
        "url": PUBLIC_SCHEDULE_URL,
        "sms_max_segments": budget,
    }


# -- the next activity ---------------------------------------------------------------------------


def test_next_activity_is_told_with_swedish_weekday_date_and_a_plain_time_range(portal, run_action):
    portal.add_conversation(CID, language="sv", next_activity=SFI)

    texts, _ = run_action(ActionNextActivity(), tracker_snapshot(CID, language="sv"))

    assert texts == ["Your next activity: SFI, mån 23 november 09:00-12:00 at Komvux Södertälje."]


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

    assert texts == ["Your next activity: SFI, mån 23 november 09:00-12:00."]


def test_person_with_nothing_booked_is_told_so(portal, run_action):
    portal.add_conversation(CID, next_activity=None)

    texts, _ = run_action(ActionNextActivity(), tracker_snapshot(CID, language="sv"))

    assert texts == ["You have no activities booked right now."]


def test_no_next_internship_names_the_kind_asked_about(portal, run_action):
    question = {"span": "next", "first_day": None, "last_day": None, "day_word": None}
    answer = {
        **day_answer("", "", []),
        "question": {**question, "activity_types": ["praktik"], "kind_label": "Praktik"},
    }
    portal.add_conversation(CID, schedule_answer=answer)

    texts, _ = run_action(ActionNextActivity(), tracker_snapshot(CID, text="next internship", language="sv"))

    assert texts == ["Praktik: nothing booked right now."]


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


# -- the person's words go to the portal ---------------------------------------------------------


@pytest.mark.parametrize(("action", "default"), [(ActionNextActivity(), "next"), (ActionSchedule(), "coming")])
def test_the_persons_words_go_to_the_portal_in_a_body_never_in_the_url(portal, run_action, action, default):
    portal.add_conversation(CID, next_activity=SFI)

    run_action(action, tracker_snapshot(CID, text="vad har jag på fredag?", language="sv"))

    (request,) = portal.requests_to("POST", "/schedule/query")
    assert request.body["text"] == "vad har jag på fredag?" and request.body["default"] == default
    assert request.query == {} and "fredag" not in request.path


# -- a day, a week ---------------------------------------------------------------------------------


def test_a_day_is_listed_with_its_times_and_the_link_to_everything(portal, run_action):
    answer = day_answer("2026-11-27", "2026-11-27", [activity(27), activity(27, "Praktik", hour=13)])
    portal.add_conversation(CID, schedule_answer=answer)

    texts, _ = run_action(ActionNextActivity(), tracker_snapshot(CID, text="fredag?", language="sv"))

    assert texts[0].splitlines() == [
        "Your activities on fre 27 november:",
        "09:00-12:00: SFI, Komvux Södertälje",
        "13:00-16:00: Praktik, Komvux Södertälje",
        f"All your activities: {PUBLIC_SCHEDULE_URL}",
    ]


def test_an_empty_day_says_so_and_gives_the_next_activity(portal, run_action):
    answer = {**day_answer("2026-11-28", "2026-11-28", []), "next": activity(30)}
    portal.add_conversation(CID, schedule_answer=answer)

    texts, _ = run_action(ActionSchedule(), tracker_snapshot(CID, text="imorgon", language="sv"))

    assert texts[0].splitlines() == [
        "You have no activities on lör 28 november.",
        "Your next activity: SFI, mån 30 november 09:00-12:00 at Komvux Södertälje.",
    ]


def test_an_empty_week_of_one_kind_names_the_kind(portal, run_action):
    answer = day_answer("2026-11-30", "2026-12-06", [], kind_label="Praktik")
    portal.add_conversation(CID, schedule_answer=answer)

    texts, _ = run_action(ActionSchedule(), tracker_snapshot(CID, text="praktik nästa vecka", language="sv"))

    assert texts == ["Praktik: nothing booked from mån 30 november to sön 6 december."]


def test_the_coming_week_is_the_default_of_the_schedule_question(portal, run_action):
    portal.add_conversation(CID, schedule=[{"date": "2026-11-24", "activities": [activity(24)]}])

    texts, _ = run_action(ActionSchedule(), tracker_snapshot(CID, text="schema", language="sv"))

    lines = texts[0].splitlines()
    assert lines[0] == "Your activities from mån 23 november to sön 29 november:"
    assert lines[1] == "tis 24 november 09:00-12:00: SFI, Komvux Södertälje"
    assert portal.requests_to("POST", "/schedule/query")[0].body["days"] == 7


# -- the segment budget --------------------------------------------------------------------------


def _shown_and_left_out(text: str) -> tuple[list[str], int, str]:
    *body, tail = text.splitlines()
    match = MORE.match(tail)
    if match:
        return body[1:], int(match.group(1)), match.group(2)
    assert tail == f"All your activities: {PUBLIC_SCHEDULE_URL}"
    return body[1:], 0, PUBLIC_SCHEDULE_URL


@pytest.mark.parametrize("language", ["sv", "en", "ar", "ti", "uk", "so"])
@pytest.mark.parametrize("count", [1, 2, 3, 4, 6, 7, 9, 12, 14])
@pytest.mark.parametrize("budget", [1, 2, 3])
def test_the_segment_budget_never_hides_a_count(portal, run_action, language, count, budget):
    week = [activity(23 + n % 7, title=f"Aktivitet {n}", hour=8 + n // 7 * 4) for n in range(count)]
    week.sort(key=lambda a: a["starts_at"])  # the portal's order
    portal.add_conversation(
        CID, language=language, schedule_answer=day_answer("2026-11-23", "2026-11-29", week, budget=budget)
    )

    texts, _ = run_action(ActionSchedule(), tracker_snapshot(CID, text="this week", language=language))

    text = texts[0]
    shown, left_out, url = _shown_and_left_out(text)
    assert len(shown) + left_out == count, text  # what is shown plus what is counted is everything
    assert url == PUBLIC_SCHEDULE_URL  # the link to the full list is always there
    assert count_segments(text) <= budget or not shown, text
    titles = [a["title"] for a in week]
    # Whole lines only, in order: never a line cut inside, never one skipped.
    assert [next(t for t in titles if f": {t}," in line or line.endswith(f": {t}")) for line in shown] == titles[
        : len(shown)
    ]


def test_olenas_week_shows_what_fits_and_counts_the_rest_exactly(portal, run_action):
    # Seven activities in Ukrainian: before, 1 was shown and "2 more" said while 6 were hidden.
    week = [activity(23 + n, title="Шведська мова (SFI)") for n in range(7)]
    portal.add_conversation(CID, language="uk", schedule_answer=day_answer("2026-11-23", "2026-11-29", week))

    texts, _ = run_action(ActionSchedule(), tracker_snapshot(CID, text="що в мене цього тижня", language="uk"))

    shown, left_out, _url = _shown_and_left_out(texts[0])
    assert shown and len(shown) + left_out == 7
    assert count_segments(texts[0]) <= 3


def test_a_tigrinya_line_is_never_cut_inside_its_time(portal, run_action):
    day = [activity(27, hour=h) for h in (8, 9, 10, 11, 12, 13)]
    portal.add_conversation(CID, language="ti", schedule_answer=day_answer("2026-11-27", "2026-11-27", day))

    texts, _ = run_action(ActionSchedule(), tracker_snapshot(CID, text="ዓርቢ", language="ti"))

    shown, left_out, _url = _shown_and_left_out(texts[0])
    assert all(line.endswith((": SFI, Komvux Södertälje", ": SFI")) for line in shown), texts[0]
    assert len(shown) + left_out == 6


def test_shorter_lines_are_used_when_that_shows_more_of_the_list(portal, run_action):
    week = [activity(23 + n) for n in range(5)]
    answer = day_answer("2026-11-23", "2026-11-29", week, budget=1)
    portal.add_conversation(CID, language="sv", schedule_answer=answer)

    texts, _ = run_action(ActionSchedule(), tracker_snapshot(CID, text="veckan", language="sv"))

    # With date, times and place not even one line fits one segment; "mån 23 09:00: SFI" does.
    shown, left_out, _url = _shown_and_left_out(texts[0])
    assert shown[:2] == ["mån 23 09:00: SFI", "tis 24 09:00: SFI"], texts[0]
    assert len(shown) + left_out == 5 and count_segments(texts[0]) == 1


def test_a_sorani_week_shows_some_of_its_days_not_only_a_count(portal, run_action):
    week = [activity(23 + n, title="سویدی بۆ کۆچبەران (SFI)") for n in range(6)]
    portal.add_conversation(CID, language="ckb", schedule_answer=day_answer("2026-11-23", "2026-11-29", week))
    write_catalogue(
        Path(os.environ["ANKOMST_LOCALES_DIR"]),
        "ckb",
        {
            "Your activities from %(first)s to %(last)s:": "چالاکییەکانت لە %(first)s تا %(last)s:",
            "%(n)s more activity: see %(url)s": "%(n)s چالاکیی تر: بڕوانە %(url)s",
        },
    )
    i18n.clear_cache()

    texts, _ = run_action(ActionSchedule(), tracker_snapshot(CID, text="ئەم هەفتەیە", language="ckb"))

    assert len(texts[0].splitlines()) >= 3, texts[0]  # the header, at least one day, the link
    assert count_segments(texts[0]) <= 3


def test_places_stay_when_every_line_fits_with_them(portal, run_action):
    portal.add_conversation(CID, schedule_answer=day_answer("2026-11-27", "2026-11-27", [activity(27)]))

    texts, _ = run_action(ActionSchedule(), tracker_snapshot(CID, text="fredag", language="sv"))

    assert "09:00-12:00: SFI, Komvux Södertälje" in texts[0]


def test_a_web_chat_has_no_segment_budget_but_a_long_list_still_ends_with_a_link(portal, run_action):
    month = [activity(1 + n % 28, title=f"A{n}") for n in range(14)]
    answer = day_answer("2026-11-01", "2026-11-30", month, budget=None)
    portal.add_conversation(CID, channel="chat", schedule_answer=answer)

    texts, _ = run_action(ActionSchedule(), tracker_snapshot(CID, text="schedule", language="en"))

    shown, left_out, _url = _shown_and_left_out(texts[0])
    assert (len(shown), left_out) == (MAX_SCHEDULE_LINES, 14 - MAX_SCHEDULE_LINES)


# -- GSM-7 ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "text"),
    [("sv", "fredag?"), ("en", "friday?"), ("so", "jimcaha?")],
)
def test_a_short_day_in_a_gsm7_language_stays_one_gsm7_segment(portal, run_action, language, text):
    answer = day_answer("2026-11-27", "2026-11-27", [activity(27)])
    answer["url"] = "https://ankomst.se/plan/upcoming"
    portal.add_conversation(CID, language=language, schedule_answer=answer)

    texts, _ = run_action(ActionSchedule(), tracker_snapshot(CID, text=text, language=language))

    assert is_gsm7(texts[0]), ascii(texts[0])
    assert count_segments(texts[0]) == 1, texts[0]


def _compile_real_catalogue(locales_dir: Path, locale: str) -> None:
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    source = Path(__file__).resolve().parents[3] / "locales" / locale / "LC_MESSAGES" / "messages.po"
    with source.open("rb") as handle:
        catalog = read_po(handle, locale=locale)
    target = locales_dir / locale / "LC_MESSAGES" / "messages.mo"
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("wb") as handle:
        write_mo(handle, catalog)


@pytest.mark.parametrize(
    ("language", "text", "empty_day"),
    [("sv", "fredag?", False), ("en", "friday?", False), ("so", "jimcaha?", False), ("sv", "lördag?", True)],
)
def test_the_real_catalogues_keep_a_short_gsm7_answer_in_one_segment(portal, run_action, language, text, empty_day):
    _compile_real_catalogue(Path(os.environ["ANKOMST_LOCALES_DIR"]), language)
    i18n.clear_cache()
    if empty_day:
        answer = {**day_answer("2026-11-28", "2026-11-28", []), "next": activity(30)}
    else:
        answer = day_answer("2026-11-27", "2026-11-27", [activity(27)])
    answer["url"] = "https://ankomst.se/plan/upcoming"
    portal.add_conversation(CID, language=language, schedule_answer=answer)

    texts, _ = run_action(ActionSchedule(), tracker_snapshot(CID, text=text, language=language))

    if language != "en":
        assert "Your" not in texts[0] and "You have" not in texts[0]  # translated, not the msgid
    assert is_gsm7(texts[0]), ascii(texts[0])
    assert count_segments(texts[0]) == 1, texts[0]


@pytest.mark.parametrize("language", ["sv", "en", "so", "ku"])
def test_time_ranges_use_a_plain_hyphen_and_space_in_latin_script_languages(language):
    messages = i18n.Messages(language)
    text = messages.time_range(SFI["starts_at"], SFI["ends_at"])
    assert is_gsm7(text), ascii(text)
    assert "-" in text and not {"\u2009", "\u202f", "\u00a0", "–"} & set(text)


def test_an_arabic_time_range_keeps_its_own_typography():
    # Arabic is UCS-2 whatever we do: plain forms would buy nothing.
    text = i18n.Messages("ar").time_range(SFI["starts_at"], SFI["ends_at"])
    assert "ص" in text and "م" in text


@pytest.mark.parametrize("action", [ActionNextActivity(), ActionSchedule()])
def test_unidentified_person_is_told_how_to_get_personal_answers(portal, run_action, action):
    portal.add_conversation(CID, person=None)

    texts, _ = run_action(action, tracker_snapshot(CID, language="sv"))

    assert "registered phone" in texts[0] and "/signin" in texts[0]
    assert "life in Sweden" in texts[1]
