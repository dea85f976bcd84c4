"""The plan page names the caseworker and the way to a person; no plan yet is not a dead end."""

from __future__ import annotations

from datetime import date

import pytest

from portal.languages import LANGUAGES
from portal.models import Role
from tests.factories import create_person, create_plan, create_staff
from tests.helpers import check_page, sign_in_newcomer


@pytest.fixture
def caseworker(region):
    staff = create_staff(region["sodertalje"], Role.CASEWORKER)
    staff.name = "Lina Berg"
    return staff


def test_the_plan_shows_the_caseworker_their_organisation_and_the_way_to_a_person(client, region, caseworker, db):
    db.session.commit()
    person = create_person(region["sodertalje"], language="ar")
    create_plan(person, caseworker, status="acknowledged")
    sign_in_newcomer(client, person)
    soup = check_page(client.get("/plan"), lang="ar")
    section = soup.select_one("section.plan-caseworker")
    assert "Lina Berg" in section.get_text()
    assert region["sodertalje"].name in section.get_text()
    assert section.select_one("a[href='/chat']") is not None


def test_the_caseworker_is_the_one_who_last_changed_the_plan(client, region, caseworker, db):
    from portal.models import PlanStatus
    from portal.services import plans

    db.session.commit()
    other = create_staff(region["sodertalje"], Role.CASEWORKER)
    other.name = "Omar Said"
    db.session.commit()
    person = create_person(region["sodertalje"])
    plan = create_plan(person, caseworker, status="acknowledged")
    plans.set_status(plan, other, PlanStatus.ACTIVE, None)
    sign_in_newcomer(client, person)
    text = check_page(client.get("/plan")).select_one("section.plan-caseworker").get_text()
    assert "Omar Said" in text and "Lina Berg" not in text


def test_no_plan_yet_offers_the_next_steps_and_the_five_day_rule(client, region):
    person = create_person(region["sodertalje"], arrival_date=date(2026, 12, 1))
    sign_in_newcomer(client, person)
    soup = check_page(client.get("/plan"), lang="sv")
    section = soup.select_one("section.plan-next-steps")
    assert section is not None
    assert section.select_one("a[href='/chat']") is not None
    assert section.select_one("a[href='/info/din-introduktion']") is not None
    assert section.select_one("a[href='/info/']") is not None
    assert "6 december 2026" in section.get_text()  # 1 December + five days
    assert soup.select_one("section.plan-caseworker") is None


def test_no_plan_and_no_arrival_date_says_nothing_of_a_deadline(client, region):
    person = create_person(region["sodertalje"], language="en")
    sign_in_newcomer(client, person)
    text = check_page(client.get("/plan"), lang="en").select_one("section.plan-next-steps").get_text()
    assert "5 days" not in text


@pytest.mark.parametrize("lang", LANGUAGES, ids=lambda lang: lang.code)
def test_the_empty_plan_page_in_every_language(client, region, lang):
    person = create_person(region["sodertalje"], language=lang.code, arrival_date=date(2026, 12, 1))
    sign_in_newcomer(client, person)
    check_page(client.get("/plan"), lang=lang.code)
