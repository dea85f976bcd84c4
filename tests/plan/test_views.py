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
    url = soup.select_one("#calendar-url")["value"]
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
