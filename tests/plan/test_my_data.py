"""The readable export: a signed-in newcomer sees their own data as a page, in their language."""

from __future__ import annotations

import pytest

from portal.languages import LANGUAGES
from tests.factories import create_decided_objection, create_objectionable_plan, create_person, create_staff
from tests.helpers import check_page, sign_in_newcomer, sign_in_staff


@pytest.fixture
def caseworker(region):
    return create_staff(region["sodertalje"])


@pytest.fixture
def newcomer(region, caseworker):
    person = create_person(region["sodertalje"], language="fa", phone="+46701239876", name="Laleh Ahmadi")
    create_objectionable_plan(person, caseworker)
    create_decided_objection(person, caseworker, text="Kursen ligger för långt bort.")
    return person


@pytest.fixture
def other(region, caseworker):
    person = create_person(region["sodertalje"], phone="+46701230000", name="Someone Else")
    create_objectionable_plan(person, caseworker)
    create_decided_objection(person, caseworker, text="Någon annans invändning.")
    return person


def test_the_page_shows_the_newcomers_own_plan_and_objection_and_nobody_elses(client, newcomer, other):
    sign_in_newcomer(client, newcomer)
    response = client.get("/my-data")
    assert response.status_code == 200 and response.headers["Cache-Control"] == "no-store"
    soup = check_page(response, lang="fa")
    text = soup.find("main").get_text(" ", strip=True)
    assert "Laleh Ahmadi" in text and "+46701239876" in text
    assert "Kursen ligger för långt bort." in text and "rejected" in text
    assert "Storgatan 1, Södertälje" in text  # the plan's activity
    assert "Someone Else" not in text and "Någon annans invändning." not in text and other.phone not in text
    assert soup.find("a", href="/my-data.json")


@pytest.mark.parametrize("lang", LANGUAGES, ids=lambda lang: lang.code)
def test_the_page_renders_in_every_language(client, newcomer, lang):
    sign_in_newcomer(client, newcomer)
    check_page(client.get(f"/my-data?lang={lang.code}"), lang=lang.code)


def test_the_page_needs_sign_in(client, newcomer):
    response = client.get("/my-data")
    assert response.status_code in (302, 401, 403)
    assert "Laleh Ahmadi" not in response.get_data(as_text=True)


def test_staff_never_see_a_person_through_the_page(client, newcomer, caseworker):
    sign_in_staff(client, caseworker)
    response = client.get("/my-data")
    assert response.status_code != 200
    assert "Laleh Ahmadi" not in response.get_data(as_text=True)
