"""/plan/reminders, the newcomer's own reminder choice, and the calendar feed's alarms that follow it."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from icalendar import Calendar
from sqlalchemy import select

from portal.languages import LANGUAGES
from portal.models import ActivityReminder, AuditEvent, ReminderKind, ReminderPreference, ReminderStatus, Role
from portal.services.schedule import STOCKHOLM
from tests.factories import create_person, create_plan, create_staff
from tests.helpers import check_page, sign_in_newcomer


def _this_monday():
    today = datetime.now(STOCKHOLM).date()
    return today - timedelta(days=today.weekday())


@pytest.fixture
def signed_in(client, region):
    def sign_in(language: str = "sv"):
        person = create_person(region["sodertalje"], language=language)
        create_plan(person, create_staff(region["sodertalje"], Role.CASEWORKER), start=_this_monday(), status="active")
        sign_in_newcomer(client, person)
        return person

    return sign_in


@pytest.mark.parametrize("lang", LANGUAGES, ids=lambda lang: lang.code)
def test_the_settings_page_in_every_language(client, signed_in, lang):
    signed_in(lang.code)
    soup = check_page(client.get("/plan/reminders"), lang=lang.code)
    form = soup.select_one("main form[method=post]") or soup.select_one("form[method=post]")
    assert form.select_one("input[name=evening][type=checkbox]").has_attr("checked")  # the default: on
    assert form.select_one("select[name=evening_hour] option[selected]")["value"] == "18"
    assert form.select_one("select[name=hours_before] option[selected]")["value"] == "0"
    assert not soup.find("script", src=True) or all(
        "reminder" not in s["src"] for s in soup.find_all("script", src=True)
    )


def test_the_plan_page_links_to_the_settings(client, signed_in):
    signed_in()
    soup = check_page(client.get("/plan"))
    assert soup.select_one("a[href='/plan/reminders']")


def test_choosing_two_hours_before_and_no_evening_reminder_is_saved_and_planned(client, db, signed_in):
    person = signed_in()
    response = client.post("/plan/reminders", data={"evening_hour": "19", "hours_before": "2"})
    assert response.status_code == 302
    pref = db.session.get(ReminderPreference, person.id)
    assert (pref.evening_before, pref.hours_before) == (False, 2)
    db.session.expire_all()
    kinds = {r.kind for r in db.session.scalars(select(ActivityReminder)) if r.status == ReminderStatus.SCHEDULED}
    assert kinds <= {ReminderKind.HOURS_BEFORE}
    assert (
        db.session.scalar(select(AuditEvent).where(AuditEvent.action == "reminders.setting")).actor_kind == "newcomer"
    )
    soup = check_page(client.get("/plan/reminders"))
    assert not soup.select_one("input[name=evening]").has_attr("checked")
    assert soup.select_one("select[name=hours_before] option[selected]")["value"] == "2"


def test_turning_everything_off_says_so_and_cancels_the_planned_ones(client, db, signed_in):
    signed_in()
    client.post("/plan/reminders", data={"evening_hour": "18", "hours_before": "0"})
    db.session.expire_all()
    assert all(r.status != ReminderStatus.SCHEDULED for r in db.session.scalars(select(ActivityReminder)))
    assert "Påminnelser är avstängda." in client.get("/plan/reminders").get_data(as_text=True)


@pytest.mark.parametrize(
    ("data", "status"),
    [
        ({"evening": "y", "evening_hour": "3", "hours_before": "0"}, 422),  # 03:00 is not offered
        ({"evening": "y", "evening_hour": "18", "hours_before": "5"}, 422),
        ({"evening": "y", "evening_hour": "x", "hours_before": "0"}, 422),
    ],
)
def test_a_choice_not_offered_is_refused(client, db, signed_in, data, status):
    person = signed_in()
    assert client.post("/plan/reminders", data=data).status_code == status
    assert db.session.get(ReminderPreference, person.id) is None


def test_a_post_without_a_csrf_token_is_refused(client, db, signed_in):
    person = signed_in()
    response = client.post("/plan/reminders", data={"evening_hour": "18", "hours_before": "0"}, csrf=False)
    assert response.status_code in (400, 422)
    assert db.session.get(ReminderPreference, person.id) is None


def test_the_settings_page_needs_a_signed_in_newcomer(client):
    response = client.get("/plan/reminders")
    assert response.status_code == 302 and "/signin" in response.location


def _feed(client) -> Calendar:
    client.post("/plan/calendar", data={})
    soup = check_page(client.get("/plan/calendar"))
    path = soup.select_one("#calendar-url").get_text().split("localhost", 1)[1]
    return Calendar.from_ical(client.get(path).data)


def test_the_calendar_feed_carries_alarms_matching_the_reminder_setting(client, signed_in):
    signed_in("ar")
    events = list(_feed(client).walk("VEVENT"))
    assert events
    for event in events:
        alarms = event.walk("VALARM")
        # 09:00 lessons, reminded at 18:00 the evening before: fifteen hours before the start.
        assert [a.decoded("TRIGGER") for a in alarms] == [timedelta(hours=-15)]
        assert all(str(a["ACTION"]) == "DISPLAY" and str(a["DESCRIPTION"]) for a in alarms)
    client.post("/plan/reminders", data={"evening": "y", "evening_hour": "20", "hours_before": "2"})
    for event in _feed(client).walk("VEVENT"):
        # 20:00 the evening before; "two hours before" is 07:00, inside quiet hours, so 08:00.
        assert sorted(a.decoded("TRIGGER") for a in event.walk("VALARM")) == [timedelta(hours=-13), timedelta(hours=-1)]
    client.post("/plan/reminders", data={"evening_hour": "18", "hours_before": "0"})
    assert all(not e.walk("VALARM") for e in _feed(client).walk("VEVENT"))
