"""The personnummer on the staff person page: masked, shown on request (audited), validated, own organisation only."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from portal.models import AuditEvent, Role
from portal.services.identity_numbers import set_identity_number
from tests.factories import create_person, create_staff
from tests.helpers import check_page, sign_in_staff


@pytest.fixture
def setting(region):
    caseworker = create_staff(region["sodertalje"], Role.CASEWORKER)
    person = create_person(region["sodertalje"], language="ar")
    return caseworker, person


@pytest.mark.parametrize("lang", ["sv", "ar"])
def test_the_number_is_masked_and_shown_in_full_only_on_request(client, db, setting, lang):
    caseworker, person = setting
    set_identity_number(person, caseworker, "811218-9876")
    sign_in_staff(client, caseworker)
    client.get(f"/language/{lang}")
    soup = check_page(client.get(f"/staff/people/{person.id}"), lang=lang)
    assert "19811218-••••" in soup.get_text() and "9876" not in soup.get_text()
    shown = check_page(client.post(f"/staff/people/{person.id}/identity-number/show", data={}), lang=lang)
    assert shown.find("span", string="19811218-9876")["dir"] == "ltr"
    events = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "person.identity_number_shown")).all()
    assert len(events) == 1 and events[0].actor_staff_id == caseworker.id


@pytest.mark.parametrize(("raw", "status"), [("811218-9877", 422), ("19810230-1234", 422), ("811218-9876", 302)])
def test_a_number_is_saved_only_when_valid(client, db, setting, raw, status):
    caseworker, person = setting
    sign_in_staff(client, caseworker)
    response = client.post(f"/staff/people/{person.id}/identity-number", data={"identity_number": raw})
    assert response.status_code == status
    db.session.refresh(person)
    assert (person.identity_number_encrypted is not None) == (status == 302)


def test_another_organisations_person_is_not_reachable(client, db, region, setting):
    caseworker, _ = setting
    other = create_person(region["botkyrka"])
    sign_in_staff(client, caseworker)
    assert (
        client.post(f"/staff/people/{other.id}/identity-number", data={"identity_number": "811218-9876"}).status_code
        == 404
    )
    assert client.post(f"/staff/people/{other.id}/identity-number/show", data={}).status_code == 404
    db.session.refresh(other)
    assert other.identity_number_encrypted is None
