"""/staff/message-costs: editors and caseworkers see each SMS's encoding and segments in 12 languages."""

from __future__ import annotations

import pytest

from portal.languages import LANGUAGES
from portal.models import Role
from tests.factories import create_person, create_staff
from tests.helpers import check_page, sign_in_newcomer, sign_in_staff


@pytest.mark.parametrize("lang", LANGUAGES, ids=lambda lang: lang.code)
def test_the_cost_page_in_every_language(client, region, lang):
    sign_in_staff(client, create_staff(region["sodertalje"], Role.EDITOR))
    client.get(f"/language/{lang.code}")
    soup = check_page(client.get("/staff/message-costs"), lang=lang.code)
    assert len(soup.select("table")) == 4
    assert {td.get_text(strip=True) for td in soup.select("tbody td[dir=ltr]")} >= {"GSM-7", "UCS-2"}


@pytest.mark.parametrize("role", [Role.CASEWORKER, Role.ADMIN])
def test_caseworkers_and_admins_see_it_too(client, region, role):
    sign_in_staff(client, create_staff(region["sodertalje"], role))
    assert client.get("/staff/message-costs").status_code == 200


def test_reviewers_coordinators_and_newcomers_do_not(client, region):
    sign_in_staff(client, create_staff(region["region"], Role.COORDINATOR))
    assert client.get("/staff/message-costs").status_code == 403
    client.post("/signout", data={})
    sign_in_newcomer(client, create_person(region["sodertalje"]))
    assert client.get("/staff/message-costs").status_code == 403
