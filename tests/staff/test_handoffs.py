"""/staff/handoffs: caseworkers see requests from their own organisation's people, language marked."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from portal.languages import LANGUAGES
from portal.models import AuditEvent, HandoffRequest, HandoffStatus, Role
from tests.factories import create_handoff, create_person, create_staff
from tests.helpers import check_page, sign_in_staff


@pytest.mark.parametrize("lang", LANGUAGES, ids=lambda lang: lang.code)
def test_the_handoff_page_in_every_language(client, region, lang):
    staff = create_staff(region["sodertalje"], Role.CASEWORKER)
    create_handoff(create_person(region["sodertalje"], language="ti"), note="ሓገዝ የድልየኒ")
    sign_in_staff(client, staff)
    client.get(f"/language/{lang.code}")
    soup = check_page(client.get("/staff/handoffs"), lang=lang.code)
    tag = soup.find(class_="language-tag")
    assert tag["lang"] == "ti" and tag.get_text(strip=True) == "ትግርኛ"


def test_caseworkers_see_only_their_own_organisations_requests(client, db, region):
    staff = create_staff(region["stockholm"], Role.CASEWORKER)
    mine = create_person(region["rinkeby-kista"], name="Amina Mohamed", language="so")
    theirs = create_person(region["botkyrka"], name="Other Person", language="ar")
    create_handoff(mine, note="Waxaan rabaa inaan la hadlo qof")
    create_handoff(theirs, note="أريد موظف")
    sign_in_staff(client, staff)
    page = client.get("/staff/handoffs").get_data(as_text=True)
    assert "Amina Mohamed" in page and "Waxaan rabaa" in page and "Soomaali" in page
    assert "Other Person" not in page and "أريد موظف" not in page
    assert db.session.scalar(select(AuditEvent).where(AuditEvent.action == "handoff.list")) is not None


def test_a_request_can_be_marked_as_handled_but_not_another_organisations(client, db, region):
    staff = create_staff(region["sodertalje"], Role.CASEWORKER)
    mine = create_handoff(create_person(region["sodertalje"]))
    theirs = create_handoff(create_person(region["botkyrka"]))
    sign_in_staff(client, staff)
    assert client.post(f"/staff/handoffs/{theirs.id}/close", data={}).status_code == 404
    assert client.post(f"/staff/handoffs/{theirs.id}/close", data={"confirm": "yes"}).status_code == 404
    assert client.post(f"/staff/handoffs/{mine.id}/close", data={"confirm": "yes"}).status_code == 302
    db.session.expire_all()
    assert db.session.get(HandoffRequest, mine.id).status == HandoffStatus.CLOSED
    assert db.session.get(HandoffRequest, theirs.id).status == HandoffStatus.OPEN
    assert "No open requests" in client.get("/staff/handoffs?lang=en").get_data(as_text=True)


@pytest.mark.parametrize("role", [Role.EDITOR, Role.COORDINATOR])
def test_other_roles_cannot_see_handoffs(client, region, role):
    staff = create_staff(region["sodertalje"], role)
    sign_in_staff(client, staff)
    assert client.get("/staff/handoffs").status_code == 403


def test_a_newcomer_cannot_see_handoffs(client, region):
    from tests.helpers import sign_in_newcomer

    sign_in_newcomer(client, create_person(region["sodertalje"]))
    assert client.get("/staff/handoffs").status_code == 403


def test_marking_a_request_as_handled_asks_first(client, db, region):
    staff = create_staff(region["sodertalje"], Role.CASEWORKER)
    handoff = create_handoff(create_person(region["sodertalje"], name="Gul Khan"))
    sign_in_staff(client, staff)
    client.get("/language/en")
    response = client.post(f"/staff/handoffs/{handoff.id}/close", data={})
    assert response.status_code == 200
    soup = check_page(response)
    assert "Gul Khan" in soup.get_text() and soup.find("input", attrs={"name": "confirm"})["value"] == "yes"
    db.session.expire_all()
    assert db.session.get(HandoffRequest, handoff.id).status == HandoffStatus.OPEN
    assert client.post(f"/staff/handoffs/{handoff.id}/close", data={"confirm": "yes"}).status_code == 302
    db.session.expire_all()
    assert db.session.get(HandoffRequest, handoff.id).status == HandoffStatus.CLOSED
