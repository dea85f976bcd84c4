"""Staff see only their own organisation's people, and every read is audited."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from portal.models import AuditEvent, Role
from tests.factories import create_person, create_staff
from tests.helpers import check_page, sign_in_staff


@pytest.fixture
def people(region):
    return {
        "stockholm": create_person(region["stockholm"], name="Shilan Aziz"),
        "rinkeby": create_person(region["rinkeby-kista"], name="Amina Yusuf"),
        "sodertalje": create_person(region["sodertalje"], name="Layla Haddad"),
    }


@pytest.mark.parametrize(
    ("staff_org", "person_key", "allowed"),
    [
        ("sodertalje", "stockholm", False),
        ("sodertalje", "rinkeby", False),
        ("sodertalje", "sodertalje", True),
        ("stockholm", "rinkeby", True),  # a municipality sees its districts
        ("rinkeby-kista", "stockholm", False),  # a district does not see the municipality's own
        ("botkyrka", "sodertalje", False),
    ],
)
def test_caseworkers_see_only_their_organisations_people(client, region, people, staff_org, person_key, allowed):
    staff = create_staff(region[staff_org], Role.CASEWORKER)
    sign_in_staff(client, staff)
    response = client.get(f"/staff/people/{people[person_key].id}")
    assert response.status_code == (200 if allowed else 404)


def test_the_people_list_holds_only_their_own(client, region, people):
    staff = create_staff(region["sodertalje"], Role.CASEWORKER)
    sign_in_staff(client, staff)
    soup = check_page(client.get("/staff/people"))
    # Each row links the person's page; its other links (plan, cases) belong to the same person.
    people_links = [a for a in soup.select("tbody a") if re.fullmatch(r"/staff/people/\d+", a["href"])]
    assert {a.get_text(strip=True) for a in people_links} == {"Layla Haddad"}
    assert len(soup.select("tbody tr")) == 1


@pytest.mark.parametrize("role", [Role.EDITOR, Role.COORDINATOR, Role.REVIEWER])
def test_other_roles_cannot_open_person_pages(client, region, people, role):
    staff = create_staff(region["region"], role)
    sign_in_staff(client, staff)
    assert client.get(f"/staff/people/{people['sodertalje'].id}").status_code == 403


def test_reading_a_person_is_audited_with_the_actor(client, region, people, db):
    staff = create_staff(region["sodertalje"], Role.CASEWORKER)
    sign_in_staff(client, staff)
    client.get(f"/staff/people/{people['sodertalje'].id}")
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "person.read"))
    assert event.actor_staff_id == staff.id
    assert event.person_id == people["sodertalje"].id


def test_a_denied_read_is_audited_too(client, region, people, db):
    staff = create_staff(region["sodertalje"], Role.CASEWORKER)
    sign_in_staff(client, staff)
    client.get(f"/staff/people/{people['stockholm'].id}")
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "person.read_denied"))
    assert event.actor_staff_id == staff.id and event.person_id is None


def test_anonymous_visitors_are_sent_to_staff_sign_in(client, people):
    response = client.get(f"/staff/people/{people['stockholm'].id}")
    assert response.status_code == 302 and "/staff/signin" in response.location
