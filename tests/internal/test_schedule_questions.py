"""POST /internal/v1/conversations/{cid}/schedule/query: day words answered from the plan."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

import pytest

from portal.services import plan_api
from portal.services.schedule import STOCKHOLM
from tests.factories import create_conversation, create_person, create_plan, create_staff

TOKEN = "test-internal-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture
def caseworker(region):
    return create_staff(region["sodertalje"])


@pytest.fixture
def newcomer(region):
    return create_person(region["sodertalje"], language="en")


@pytest.fixture
def sms(newcomer):
    return create_conversation(channel="sms", person=newcomer)


@pytest.fixture
def week_plan(newcomer, caseworker):
    """SFI Monday to Thursday at 09:00, internship on Fridays at 13:00, from March to December 2026."""
    return create_plan(
        newcomer,
        caseworker,
        start=date(2026, 3, 2),
        status="active",
        activities=[
            {"weekdays": [1, 2, 3, 4], "start_date": date(2026, 3, 2), "end_date": date(2026, 12, 18)},
            {
                "type_key": "praktik",
                "weekdays": [5],
                "start_time": time(13, 0),
                "duration_minutes": 240,
                "place": "Coop Södertälje",
                "start_date": date(2026, 3, 2),
                "end_date": date(2026, 12, 18),
            },
        ],
    )


@pytest.fixture
def clock(monkeypatch):
    """Set the portal's clock to a UTC moment."""

    def set_clock(moment: datetime) -> None:
        monkeypatch.setattr(plan_api, "now", lambda: moment)

    return set_clock


def ask(client, conversation, text: str, **body):
    return client.post(
        f"/internal/v1/conversations/{conversation.public_id}/schedule/query",
        headers=AUTH,
        json={"text": text, **body},
    )


def test_tomorrow_said_late_on_the_spring_dst_sunday_is_tuesday(client, sms, week_plan, clock):
    # 22:30 UTC on Sunday 29 March is 00:30 on Monday 30 March in Stockholm (summer time began).
    clock(datetime(2026, 3, 29, 22, 30, tzinfo=UTC))
    answer = ask(client, sms, "what do i have tomorrow").get_json()
    assert answer["question"]["first_day"] == answer["question"]["last_day"] == "2026-03-31"
    assert [d["date"] for d in answer["days"]] == ["2026-03-31"]
    starts = datetime.fromisoformat(answer["days"][0]["activities"][0]["starts_at"])
    assert starts.astimezone(STOCKHOLM).time() == time(9, 0) and starts.utcoffset().total_seconds() == 7200


def test_friday_answers_that_day_not_the_next_activity(client, sms, week_plan, clock):
    clock(datetime(2026, 10, 25, 10, 0, tzinfo=UTC))  # the autumn DST Sunday
    answer = ask(client, sms, "friday?").get_json()
    assert answer["question"]["span"] == "day" and answer["question"]["first_day"] == "2026-10-30"
    (day,) = answer["days"]
    assert [a["place"] for a in day["activities"]] == ["Coop Södertälje"]
    assert answer["next"] is None


def test_next_week_lists_the_whole_iso_week(client, sms, week_plan, clock):
    clock(datetime(2026, 10, 25, 10, 0, tzinfo=UTC))
    answer = ask(client, sms, "next week", default="coming").get_json()
    assert [d["date"] for d in answer["days"]] == [f"2026-10-{n}" for n in (26, 27, 28, 29, 30)]


def test_a_day_without_activities_says_so_and_gives_the_next_one(client, sms, week_plan, clock):
    clock(datetime(2026, 3, 27, 18, 0, tzinfo=UTC))  # Friday evening
    answer = ask(client, sms, "tomorrow").get_json()
    assert answer["question"]["first_day"] == "2026-03-28" and answer["days"] == []
    assert answer["next"]["starts_at"].startswith("2026-03-30T09:00:00+02:00")


def test_next_internship_is_the_next_internship_even_when_sfi_comes_first(client, sms, week_plan, clock):
    clock(datetime(2026, 3, 29, 10, 0, tzinfo=UTC))
    answer = ask(client, sms, "when is my next internship", default="coming").get_json()
    assert answer["question"]["span"] == "next" and answer["question"]["activity_types"] == ["praktik"]
    assert answer["days"] == []
    assert answer["next"]["starts_at"].startswith("2026-04-03T13:00:00+02:00")


def test_a_kind_filters_the_days_asked_about(client, sms, week_plan, clock):
    clock(datetime(2026, 3, 29, 10, 0, tzinfo=UTC))
    answer = ask(client, sms, "internship this week?").get_json()
    assert answer["days"] == [] and answer["question"]["kind_label"]
    assert answer["next"]["starts_at"].startswith("2026-04-03T13:00")


def test_internship_next_week_lists_only_the_internship(client, sms, week_plan, clock):
    clock(datetime(2026, 3, 29, 10, 0, tzinfo=UTC))
    answer = ask(client, sms, "internship next week").get_json()
    assert [d["date"] for d in answer["days"]] == ["2026-04-03"]


def test_a_kind_the_day_does_not_have_shows_what_the_day_has_instead(client, sms, week_plan, clock):
    # "Do I have class on Friday?": Friday is the internship, which is what the person needs to know.
    clock(datetime(2026, 3, 29, 10, 0, tzinfo=UTC))
    answer = ask(client, sms, "do i have class on friday").get_json()
    assert answer["question"]["activity_types"] == ["sfi", "civic_orientation", "literacy"]
    (day,) = answer["days"]
    assert day["date"] == "2026-04-03" and [a["place"] for a in day["activities"]] == ["Coop Södertälje"]


def test_the_full_list_link_is_absolute_and_the_budget_is_the_sms_one(app, client, sms, week_plan, monkeypatch):
    monkeypatch.setitem(app.config, "PUBLIC_BASE_URL", "https://ankomst.example.se")
    monkeypatch.setitem(app.config, "SMS_MAX_SEGMENTS", 2)
    answer = ask(client, sms, "today").get_json()
    assert answer["url"] == "https://ankomst.example.se/plan/upcoming"
    assert answer["sms_max_segments"] == 2


def test_a_web_chat_has_no_segment_budget_and_still_an_absolute_link(app, client, newcomer, week_plan):
    chat = create_conversation(channel="chat", person=newcomer)
    answer = ask(client, chat, "today").get_json()
    assert answer["sms_max_segments"] is None
    assert answer["url"].startswith("http") and answer["url"].endswith("/plan/upcoming")


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"text": 7}, "text"),
        ({"text": "today", "default": "week"}, "default"),
        ({"text": "today", "days": 0}, "days"),
        ({"text": "today", "days": 32}, "days"),
        ({"text": "today", "days": True}, "days"),
        ({"text": "today", "days": "7"}, "days"),
    ],
)
def test_a_malformed_question_is_refused_with_its_field(client, sms, body, field):
    response = client.post(f"/internal/v1/conversations/{sms.public_id}/schedule/query", headers=AUTH, json=body)
    assert response.status_code == 422 and response.get_json()["field"] == field


def test_a_stranger_gets_no_schedule(client, region, newcomer, week_plan):
    stranger = create_conversation(channel="sms", phone="+46709999999", language="so")
    response = ask(client, stranger, "berri")
    assert response.status_code == 403 and response.get_json()["error"] == "not_identified"


@pytest.mark.parametrize("header", [None, "Bearer wrong-token", f"Basic {TOKEN}"])
def test_the_schedule_question_needs_the_bearer_token(client, sms, header):
    headers = {"Authorization": header} if header else {}
    response = client.post(
        f"/internal/v1/conversations/{sms.public_id}/schedule/query", headers=headers, json={"text": "imorgon"}
    )
    assert response.status_code == 401
