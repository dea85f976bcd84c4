"""The newcomer's plan pages."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from icalendar import Calendar

from portal.languages import LANGUAGES
from portal.models import Role
from portal.services.schedule import STOCKHOLM
from tests.factories import create_person, create_plan, create_staff
from tests.helpers import check_page, sign_in_newcomer

PAGES = ["/plan", "/plan/upcoming", "/plan/changes", "/plan/print", "/plan/calendar"]


@pytest.fixture
def caseworker(region):
    return create_staff(region["sodertalje"], Role.CASEWORKER)


def _this_monday() -> date:
    from datetime import datetime

    today = datetime.now(STOCKHOLM).date()
    return today - timedelta(days=today.weekday())


@pytest.mark.parametrize("lang", LANGUAGES, ids=lambda lang: lang.code)
def test_every_plan_page_in_every_language(client, region, caseworker, lang):
    person = create_person(region["sodertalje"], language=lang.code)
    create_plan(person, caseworker, start=_this_monday(), status="proposed")
    sign_in_newcomer(client, person)
    for path in PAGES:
        response = client.get(path)
        assert response.status_code == 200, path
        check_page(response, lang=lang.code)


def test_a_draft_plan_is_not_shown_to_the_newcomer(client, region, caseworker):
    person = create_person(region["sodertalje"])
    create_plan(person, caseworker, status="draft")
    sign_in_newcomer(client, person)
    soup = check_page(client.get("/plan"))
    assert soup.select(".activity-list li") == []


def test_upcoming_shows_the_next_two_weeks_by_day_with_a_map_link(client, region, caseworker):
    person = create_person(region["sodertalje"], language="ti")
    create_plan(person, caseworker, start=_this_monday(), status="proposed")
    sign_in_newcomer(client, person)
    soup = check_page(client.get("/plan/upcoming"), lang="ti")
    days = soup.select("section.day")
    assert len(days) in (3, 4, 5)  # Mondays and Wednesdays in a 14-day window from today
    assert soup.select_one("a[href^='https://www.openstreetmap.org/search']") is not None
    assert "ሰኑይ" in soup.get_text() or "ረቡዕ" in soup.get_text()


def test_acknowledging_records_the_version_and_a_change_asks_again(client, region, caseworker, db):
    from portal.services import plans

    person = create_person(region["sodertalje"])
    plan = create_plan(person, caseworker, start=_this_monday(), status="proposed")
    sign_in_newcomer(client, person)
    assert client.post("/plan/acknowledge", data={"revision": plan.revision}).status_code == 302
    db.session.refresh(plan)
    assert plan.acknowledged_revision == plan.revision and not plan.awaiting_acknowledgement
    plans.change_occurrence(
        plan,
        caseworker,
        plan.activities[0],
        original_date=_this_monday() + timedelta(days=7),
        cancel=True,
        new_date=None,
        new_time=None,
        expected_revision=None,
    )
    soup = check_page(client.get("/plan"))
    assert soup.select_one("form[action='/plan/acknowledge']") is not None


def test_acknowledging_a_version_that_changed_meanwhile_asks_to_read_again(client, region, caseworker, db):
    person = create_person(region["sodertalje"])
    plan = create_plan(person, caseworker, status="proposed")
    sign_in_newcomer(client, person)
    client.post("/plan/acknowledge", data={"revision": plan.revision - 1})
    db.session.refresh(plan)
    assert plan.acknowledged_revision is None


def test_the_calendar_feed_parses_and_stops_working_when_revoked(client, region, caseworker):
    person = create_person(region["sodertalje"], language="ar")
    create_plan(person, caseworker, start=_this_monday(), status="proposed")
    sign_in_newcomer(client, person)
    client.post("/plan/calendar", data={})
    soup = check_page(client.get("/plan/calendar"))
    url = soup.select_one("#calendar-url").get_text()
    path = url.split("localhost", 1)[1]
    response = client.get(path)
    assert response.status_code == 200 and response.mimetype == "text/calendar"
    calendar = Calendar.from_ical(response.data)
    events = list(calendar.walk("VEVENT"))
    assert events and all(str(e["SUMMARY"]) for e in events)
    assert {e.decoded("DTSTART").hour for e in events} == {9}
    client.post("/plan/calendar/revoke", data={})
    assert client.get(path).status_code == 404


def test_another_persons_calendar_token_format_gives_nothing(client):
    assert client.get("/calendar/not-a-real-token.ics").status_code == 404


# --- the plan fragments are cached, and never stale -------------------------------------------


def test_a_plan_change_shows_at_once_though_the_plan_is_cached(client, region, caseworker):
    from datetime import time

    from portal.services import plans
    from portal.services.fragments import fragment_cache
    from portal.services.plans import ActivityInput

    person = create_person(region["sodertalje"], language="en")
    plan = create_plan(person, caseworker, start=_this_monday(), status="proposed")
    sign_in_newcomer(client, person)
    assert len(check_page(client.get("/plan")).select(".activity-list > li")) == 1
    hits = fragment_cache().hits
    assert len(check_page(client.get("/plan")).select(".activity-list > li")) == 1
    assert fragment_cache().hits == hits + 1  # the second view came from the cache

    plans.add_activity(
        plan,
        caseworker,
        ActivityInput(
            "praktik", None, "Torget 2", [2], time(13, 0), 120, _this_monday(), _this_monday() + timedelta(weeks=4)
        ),
        plan.revision,
    )
    soup = check_page(client.get("/plan"))
    assert len(soup.select(".activity-list > li")) == 2
    assert "Torget 2" in soup.get_text()


def test_a_cancelled_occurrence_shows_at_once_in_the_coming_activities(client, region, caseworker):
    from portal.services import plans

    person = create_person(region["sodertalje"], language="en")
    plan = create_plan(person, caseworker, start=_this_monday() - timedelta(weeks=1), status="proposed")
    sign_in_newcomer(client, person)
    before = check_page(client.get("/plan/upcoming")).select("section.day")
    first_day = date.fromisoformat(before[0].h2["id"].removeprefix("day-"))
    plans.change_occurrence(
        plan,
        caseworker,
        plan.activities[0],
        original_date=first_day,
        cancel=True,
        new_date=None,
        new_time=None,
        expected_revision=plan.revision,
    )
    after = check_page(client.get("/plan/upcoming")).select("section.day")
    assert len(after) == len(before) - 1
    assert f"day-{first_day.isoformat()}" not in [section.h2["id"] for section in after]


def test_the_cached_plan_follows_the_reader_s_language(client, region, caseworker):
    person = create_person(region["sodertalje"], language="en")
    create_plan(person, caseworker, start=_this_monday(), status="proposed")
    sign_in_newcomer(client, person)
    english = client.get("/plan?lang=en").get_data(as_text=True)
    arabic = check_page(client.get("/plan?lang=ar"), lang="ar")
    assert "Activities" in english
    assert "Activities" not in arabic.get_text()


def test_one_newcomer_never_sees_another_s_cached_plan(client, region, caseworker):
    first = create_person(region["sodertalje"], language="en")
    create_plan(first, caseworker, start=_this_monday(), status="proposed", activities=[{"place": "Aplats 1"}])
    second = create_person(region["sodertalje"], language="en")
    create_plan(second, caseworker, start=_this_monday(), status="proposed", activities=[{"place": "Bplats 2"}])
    sign_in_newcomer(client, first)
    assert "Aplats 1" in client.get("/plan").get_data(as_text=True)
    client.post("/signout")
    sign_in_newcomer(client, second)
    for path in ("/plan", "/plan/upcoming"):
        text = client.get(path).get_data(as_text=True)
        assert "Bplats 2" in text and "Aplats 1" not in text, path
