"""The signed-in newcomer's start page and the home page's ways in."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from portal.extensions import db
from portal.languages import LANGUAGES
from portal.models import MunicipalityContact, Role
from portal.services.schedule import STOCKHOLM
from portal.services.start_page import reception_for
from tests.factories import create_objection, create_objectionable_plan, create_person, create_plan, create_staff
from tests.helpers import check_page, sign_in_newcomer


@pytest.fixture
def caseworker(region):
    return create_staff(region["sodertalje"], Role.CASEWORKER)


def _this_monday() -> date:
    today = datetime.now(STOCKHOLM).date()
    return today - timedelta(days=today.weekday())


def _sections(soup) -> set[str]:
    return {name for name in ("start-confirm", "start-objections", "start-next") if soup.select_one(f"section.{name}")}


def test_an_anonymous_visitor_gets_the_generic_home_page(client, region):
    soup = check_page(client.get("/"))
    assert _sections(soup) == set()
    assert soup.select_one("a[href^='/signin']") is not None


def test_a_plan_waiting_for_confirmation_and_the_next_activity_are_on_the_start_page(client, region, caseworker):
    person = create_person(region["sodertalje"], language="ar")
    create_plan(person, caseworker, start=_this_monday(), status="proposed", activities=[{"place": "Storgatan 1"}])
    sign_in_newcomer(client, person)
    soup = check_page(client.get("/"), lang="ar")
    assert _sections(soup) == {"start-confirm", "start-next"}
    assert soup.select_one("section.start-confirm a[href='/plan']") is not None
    next_activity = soup.select_one("section.start-next").get_text()
    assert "Storgatan 1" in next_activity
    assert soup.select_one("section.start-next strong[dir=ltr] time") is not None


def test_nothing_is_shown_when_nothing_waits(client, region, caseworker):
    person = create_person(region["sodertalje"])
    # Acknowledged and long over: nothing to confirm, no coming activity, no case.
    create_plan(person, caseworker, start=date(2020, 3, 2), status="acknowledged")
    sign_in_newcomer(client, person)
    soup = check_page(client.get("/"))
    assert _sections(soup) == set()


def test_an_open_objection_is_shown_with_its_deadline_and_a_link_to_the_case(client, region, caseworker):
    person = create_person(region["sodertalje"], language="fa")
    create_objectionable_plan(person, caseworker)
    objection = create_objection(person)
    sign_in_newcomer(client, person)
    soup = check_page(client.get("/"), lang="fa")
    section = soup.select_one("section.start-objections")
    assert section is not None
    assert section.select_one(f"a[href='/objections/{objection.display_case_number}']") is not None
    assert str(objection.current_due_date.year) in section.get_text()


def test_the_start_page_shows_only_the_signed_in_persons_own_data(client, region, caseworker):
    other = create_person(region["sodertalje"])
    create_objectionable_plan(other, caseworker)
    objection = create_objection(other)
    person = create_person(region["sodertalje"])
    sign_in_newcomer(client, person)
    response = client.get("/")
    soup = check_page(response)
    assert _sections(soup) == set()
    assert objection.display_case_number not in response.get_data(as_text=True)


@pytest.mark.parametrize("lang", LANGUAGES, ids=lambda lang: lang.code)
def test_the_start_page_in_every_language(client, region, caseworker, lang):
    person = create_person(region["sodertalje"], language=lang.code)
    create_objectionable_plan(person, caseworker)
    create_objection(person)
    sign_in_newcomer(client, person)
    check_page(client.get("/"), lang=lang.code)


def test_the_object_card_links_to_sign_in_for_a_visitor(client, region):
    soup = check_page(client.get("/"))
    link = soup.select_one("a.object-link")
    assert link["href"].startswith("/signin?next=")
    assert "objections" in link["href"]


def test_the_object_card_links_to_the_objection_form_when_signed_in(client, region, caseworker):
    person = create_person(region["sodertalje"])
    create_objectionable_plan(person, caseworker)
    sign_in_newcomer(client, person)
    soup = check_page(client.get("/"))
    assert soup.select_one("a.object-link")["href"] == "/plan/objections/new"


def _reception(org, phone: str) -> None:
    db.session.add(MunicipalityContact(organisation=org, phone=phone, opening_hours=[]))
    db.session.commit()


@pytest.mark.parametrize("lang", ["sv", "ar"])
def test_the_start_page_names_the_caseworker_the_receptions_phone_and_the_way_to_a_person(client, region, lang):
    staff = create_staff(region["sodertalje"], Role.CASEWORKER, name="Karin Lind")
    _reception(region["sodertalje"], "08-46 500 410")
    person = create_person(region["sodertalje"], language=lang)
    create_objectionable_plan(person, staff)
    sign_in_newcomer(client, person)
    contact = check_page(client.get("/"), lang=lang).select_one("section.start-contact")
    assert [b.get_text() for b in contact.select("bdi")] == ["Karin Lind", region["sodertalje"].name]
    assert contact.select_one('a[href="tel:0846500410"]')["dir"] == "ltr"
    assert {a["href"] for a in contact.select("a")} >= {"/chat", "/contact"}


def test_without_a_plan_the_start_page_still_names_the_municipality_and_the_way_to_a_person(client, region):
    person = create_person(region["botkyrka"])
    sign_in_newcomer(client, person)
    contact = check_page(client.get("/")).select_one("section.start-contact")
    assert [b.get_text() for b in contact.select("bdi")] == [region["botkyrka"].name]
    assert contact.select_one("a[href^='tel:']") is None  # no reception recorded
    assert contact.select_one("a[href='/chat']") is not None


def test_a_district_newcomer_is_given_the_citys_reception_never_the_regions(client, region):
    _reception(region["region"], "08-46 500 400")
    person = create_person(region["rinkeby-kista"])
    assert reception_for(person) is None
    _reception(region["stockholm"], "08-46 500 430")
    assert reception_for(person).phone == "08-46 500 430"


def test_a_due_survey_is_asked_for_on_the_start_page_and_not_before(client, region, caseworker):
    person = create_person(region["sodertalje"], language="fa")
    create_plan(person, caseworker, start=_this_monday() - timedelta(weeks=18), status="active")
    sign_in_newcomer(client, person)
    survey = check_page(client.get("/"), lang="fa").select_one("section.start-survey")
    assert survey is not None and survey.select_one("a[href='/survey']") is not None
    newer = create_person(region["sodertalje"])
    create_plan(newer, caseworker, start=_this_monday(), status="active")
    sign_in_newcomer(client, newer)
    assert check_page(client.get("/")).select_one("section.start-survey") is None
