"""The caseload pages: the start page and the people list, scoped, filtered and in a few queries."""

from __future__ import annotations

from contextlib import contextmanager
from datetime import date, timedelta

import pytest
from sqlalchemy import event, select

from portal.extensions import db
from portal.languages import LANGUAGES
from portal.models import AuditEvent, Role
from portal.services.objections import stockholm_date
from tests.factories import create_handoff, create_objection, create_person, create_plan, create_staff
from tests.helpers import check_page, sign_in_staff


@pytest.fixture
def caseworker(region):
    return create_staff(region["sodertalje"], Role.CASEWORKER)


@contextmanager
def count_queries():
    found: list[str] = []

    def before(conn, cursor, statement, *args):
        found.append(statement)

    engine = db.engine
    event.listen(engine, "before_cursor_execute", before)
    try:
        yield found
    finally:
        event.remove(engine, "before_cursor_execute", before)


def _busy_person(region, caseworker, n: int):
    person = create_person(region["sodertalje"], name=f"Busy {n}", arrival_date=stockholm_date() - timedelta(days=40))
    create_plan(person, caseworker, status="active", activities=[{}, {"weekdays": [2], "type_key": "praktik"}])
    create_objection(person)
    create_handoff(person)
    return person


def test_the_people_list_takes_the_same_few_queries_for_3_or_9_people(client, region, caseworker):
    for n in range(3):
        _busy_person(region, caseworker, n)
    sign_in_staff(client, caseworker)
    client.get("/staff/people")  # warm the session and the caches
    with count_queries() as few:
        assert client.get("/staff/people").status_code == 200
    for n in range(3, 9):
        _busy_person(region, caseworker, n)
    with count_queries() as many:
        page = client.get("/staff/people").get_data(as_text=True)
    assert page.count("Busy ") == 9
    assert len(many) == len(few), "the caseload must not read one person at a time"
    assert len(many) <= 20


def test_the_people_list_shows_the_caseload_of_the_own_organisation_only(client, db, region, caseworker):
    today = stockholm_date()
    late = create_person(region["sodertalje"], name="Layla Late", arrival_date=today - timedelta(days=30))
    planned = create_person(region["sodertalje"], name="Olena Planned", arrival_date=today - timedelta(days=30))
    create_plan(planned, caseworker, status="proposed", activities=[{"duration_minutes": 165}])
    create_person(region["botkyrka"], name="Reza Botkyrka", arrival_date=today - timedelta(days=30))
    sign_in_staff(client, caseworker)
    soup = check_page(client.get("/staff/people"))
    rows = [tr.get_text(" ", strip=True) for tr in soup.select("table.caseload tbody tr")]
    assert len(rows) == 2 and rows[0].startswith("Layla Late")  # overdue first
    assert "Reza Botkyrka" not in soup.get_text()
    assert "tr" and soup.select_one("tr.overdue") is not None
    # Staff pages are Swedish, with Swedish numbers and the newcomer in the third person.
    assert "Föreslagen, ännu inte godkänd av den nyanlända" in rows[1]
    assert "5,5 timmar i veckan" in rows[1] and "5.5" not in rows[1]
    assert late.arrival_date and "30 dagar sedan" in rows[0]
    event_row = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "person.list")).all()[-1]
    assert event_row.details["count"] == 2


@pytest.mark.parametrize(("show", "names"), [("no_plan", ["Layla Late"]), ("unconfirmed", ["Olena Planned"])])
def test_the_people_list_filters(client, region, caseworker, show, names):
    today = stockholm_date()
    create_person(region["sodertalje"], name="Layla Late", arrival_date=today - timedelta(days=30))
    planned = create_person(region["sodertalje"], name="Olena Planned", arrival_date=today - timedelta(days=30))
    create_plan(planned, caseworker, status="proposed")
    sign_in_staff(client, caseworker)
    soup = check_page(client.get(f"/staff/people?show={show}"))
    assert [a.get_text(strip=True) for a in soup.select("table.caseload tbody tr td:first-child a")] == names
    assert soup.select_one(".caseload-counts a[aria-current]")["href"].endswith(f"show={show}")


def test_the_start_page_shows_who_is_overdue_with_counts(client, region, caseworker):
    today = stockholm_date()
    create_person(region["sodertalje"], name="Mykola Waiting", arrival_date=today - timedelta(days=9))
    create_person(region["sodertalje"], name="Just Arrived", arrival_date=today)
    sign_in_staff(client, caseworker)
    soup = check_page(client.get("/staff/"))
    overdue = [tr.get_text(" ", strip=True) for tr in soup.select("table.caseload tbody tr")]
    assert len(overdue) == 1 and overdue[0].startswith("Mykola Waiting")
    counts = {
        li.a.get_text(strip=True): li.select_one(".badge").get_text(strip=True)
        for li in soup.select(".caseload-counts li")
    }
    assert counts["Försenat"] == "1" and counts["Ingen plan"] == "2" and counts["Alla"] == "2"


def test_the_start_page_of_an_editor_has_no_caseload(client, region):
    editor = create_staff(region["sodertalje"], Role.EDITOR)
    create_person(region["sodertalje"], name="Not For Editors", arrival_date=date(2026, 1, 1))
    sign_in_staff(client, editor)
    soup = check_page(client.get("/staff/"))
    assert "Not For Editors" not in soup.get_text() and not soup.select(".caseload-counts")


@pytest.mark.parametrize("lang", LANGUAGES, ids=lambda lang: lang.code)
def test_the_people_list_in_every_language(client, region, caseworker, lang):
    person = create_person(region["sodertalje"], arrival_date=stockholm_date() - timedelta(days=20))
    create_plan(person, caseworker, status="proposed")
    sign_in_staff(client, caseworker)
    client.get(f"/language/{lang.code}")
    check_page(client.get("/staff/people"), lang=lang.code)
