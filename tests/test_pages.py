"""Every page a person can open, in every language, passes the page checks."""

from __future__ import annotations

import pytest

from portal.languages import LANGUAGES
from portal.models import Role
from tests.factories import create_person, create_staff
from tests.helpers import check_page, sign_in_newcomer, sign_in_staff

# Each page with the status it must answer: only the unknown path may be a 404 (TestConfig has the dev pages on).
ANONYMOUS_PAGES = {
    "/": 200,
    "/language": 200,
    "/signin": 200,
    "/staff/signin": 200,
    "/dev/outbox": 200,
    "/does-not-exist": 404,
}
NEWCOMER_PAGES = ["/"]
STAFF_PAGES = ["/staff/", "/staff/people", "/staff/people/{person_id}"]


@pytest.mark.parametrize("lang", LANGUAGES, ids=lambda lang: lang.code)
def test_anonymous_pages_in_every_language(client, lang):
    for path, status in ANONYMOUS_PAGES.items():
        response = client.get(f"{path}?lang={lang.code}")
        assert response.status_code == status, path
        check_page(response, lang=lang.code)


@pytest.mark.parametrize("lang", LANGUAGES, ids=lambda lang: lang.code)
def test_newcomer_pages_in_every_language(client, region, lang):
    person = create_person(region["botkyrka"], language=lang.code)
    sign_in_newcomer(client, person)
    for path in NEWCOMER_PAGES:
        check_page(client.get(path), lang=lang.code)


@pytest.mark.parametrize("lang", LANGUAGES, ids=lambda lang: lang.code)
def test_staff_pages_in_every_language(client, region, lang):
    staff = create_staff(region["sodertalje"], Role.CASEWORKER)
    person = create_person(region["sodertalje"])
    sign_in_staff(client, staff)
    client.get(f"/language/{lang.code}")
    for path in STAFF_PAGES:
        response = client.get(path.format(person_id=person.id))
        assert response.status_code == 200, path
        check_page(response, lang=lang.code)


def test_the_code_page_in_every_language(client, region):
    person = create_person(region["botkyrka"])
    client.post("/signin", data={"phone": person.phone})
    for lang in LANGUAGES:
        check_page(client.get(f"/signin/code?lang={lang.code}"), lang=lang.code)
