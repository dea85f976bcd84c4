"""A caseworker of the person's own organisation confirms an erasure request with a reason (audited)."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from portal.languages import LANGUAGES
from portal.models import AuditEvent, ErasureRequest, ErasureRequestStatus, Objection, Person, Role
from portal.services.erasure import request_erasure
from tests.factories import create_decided_objection, create_objectionable_plan, create_person, create_staff
from tests.helpers import check_page, sign_in_newcomer, sign_in_staff

REASON = "Asked on /my-data; confirmed by phone 2026-12-07"


@pytest.fixture
def caseworker(region):
    return create_staff(region["sodertalje"])


@pytest.fixture
def newcomer(region, caseworker):
    person = create_person(region["sodertalje"], language="so", phone="+46701239878", name="Faadumo Cali")
    create_objectionable_plan(person, caseworker)
    create_decided_objection(person, caseworker, text="Praktiken är för långt bort.")
    return person


@pytest.fixture
def pending(newcomer):
    return request_erasure(newcomer)


def _person(db, person_id: int) -> Person:
    db.session.expire_all()
    return db.session.get(Person, person_id)


def test_the_caseworker_sees_the_pending_request_in_the_list_and_on_the_person_page(
    client, db, newcomer, caseworker, pending
):
    sign_in_staff(client, caseworker)
    listing = check_page(client.get("/staff/erasure-requests"))
    assert listing.find("a", href=f"/staff/people/{newcomer.id}#erasure").get_text(strip=True) == "Faadumo Cali"
    assert (
        db.session.scalar(select(AuditEvent).where(AuditEvent.action == "erasure_request.list")).details["count"] == 1
    )
    page = check_page(client.get(f"/staff/people/{newcomer.id}"))
    form = page.find("form", action=f"/staff/people/{newcomer.id}/erasure")
    assert form is not None and form.find("input", attrs={"name": "reason"})
    assert page.find("a", href=f"/staff/people/{newcomer.id}/export.json")


def test_a_person_without_a_request_has_no_erasure_form_and_cannot_be_erased_from_the_web(
    client, db, newcomer, caseworker
):
    sign_in_staff(client, caseworker)
    page = check_page(client.get(f"/staff/people/{newcomer.id}"))
    assert page.find("form", action=f"/staff/people/{newcomer.id}/erasure") is None
    assert client.post(f"/staff/people/{newcomer.id}/erasure", data={"reason": REASON}).status_code == 404
    assert _person(db, newcomer.id).name == "Faadumo Cali"


def test_confirming_erases_the_person_records_the_request_and_audits_the_reason(
    client, db, newcomer, caseworker, pending
):
    sign_in_staff(client, caseworker)
    response = client.post(f"/staff/people/{newcomer.id}/erasure", data={"reason": REASON})
    assert response.status_code == 302 and response.location.endswith("/staff/erasure-requests")
    person = _person(db, newcomer.id)
    assert person.name == "" and person.phone != "+46701239878"
    request = db.session.get(ErasureRequest, pending.id)
    assert request.status is ErasureRequestStatus.CONFIRMED and request.confirmed_by_id == caseworker.id
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "person.erase"))
    assert event.actor_staff_id == caseworker.id and event.person_id == newcomer.id
    assert event.details["reason"] == REASON and event.details["request_id"] == pending.id
    # The decided objection is kept, minimised; the list is empty now.
    assert db.session.scalar(select(Objection.text)) == ""
    assert "Faadumo Cali" not in client.get("/staff/erasure-requests").get_data(as_text=True)


def test_the_newcomer_is_signed_out_by_the_erasure(client, app, db, newcomer, caseworker, pending):
    newcomer_client = app.test_client()
    sign_in_newcomer(newcomer_client, newcomer)
    sign_in_staff(client, caseworker)
    client.post(f"/staff/people/{newcomer.id}/erasure", data={"reason": REASON})
    response = newcomer_client.get("/my-data")
    assert response.status_code == 302 and "Faadumo" not in response.get_data(as_text=True)


@pytest.mark.parametrize(
    ("data", "csrf"),
    [({"reason": ""}, True), ({"reason": "   "}, True), ({"reason": "x" * 201}, True), ({"reason": REASON}, False)],
    ids=["no-reason", "blank-reason", "reason-too-long", "no-csrf"],
)
def test_a_confirmation_without_a_reason_or_csrf_erases_nothing(client, db, newcomer, caseworker, pending, data, csrf):
    sign_in_staff(client, caseworker)
    response = client.post(f"/staff/people/{newcomer.id}/erasure", data=data, csrf=csrf)
    assert response.status_code in (400, 422)
    assert _person(db, newcomer.id).name == "Faadumo Cali"
    assert db.session.get(ErasureRequest, pending.id).status is ErasureRequestStatus.PENDING
    assert (
        db.session.scalar(select(func.count()).select_from(AuditEvent).where(AuditEvent.action == "person.erase")) == 0
    )


def test_a_caseworker_of_another_organisation_gets_a_404_and_sees_no_request(client, db, region, newcomer, pending):
    stranger = create_staff(region["botkyrka"])
    sign_in_staff(client, stranger)
    assert client.post(f"/staff/people/{newcomer.id}/erasure", data={"reason": REASON}).status_code == 404
    assert "Faadumo Cali" not in client.get("/staff/erasure-requests").get_data(as_text=True)
    assert _person(db, newcomer.id).name == "Faadumo Cali"
    assert db.session.get(ErasureRequest, pending.id).status is ErasureRequestStatus.PENDING


@pytest.mark.parametrize("role", [Role.EDITOR, Role.COORDINATOR], ids=lambda role: role.value)
def test_staff_without_the_caseworker_role_are_refused(client, db, region, newcomer, pending, role):
    other = create_staff(region["sodertalje"], role)
    sign_in_staff(client, other)
    assert client.post(f"/staff/people/{newcomer.id}/erasure", data={"reason": REASON}).status_code == 403
    assert client.get("/staff/erasure-requests").status_code == 403
    assert _person(db, newcomer.id).name == "Faadumo Cali"


def test_the_newcomer_cannot_confirm_their_own_request(client, db, newcomer, pending):
    sign_in_newcomer(client, newcomer)
    assert client.post(f"/staff/people/{newcomer.id}/erasure", data={"reason": REASON}).status_code == 403
    assert _person(db, newcomer.id).name == "Faadumo Cali"
    assert db.session.get(ErasureRequest, pending.id).status is ErasureRequestStatus.PENDING


@pytest.mark.parametrize("lang", LANGUAGES, ids=lambda lang: lang.code)
def test_the_staff_pages_render_in_every_language(client, newcomer, caseworker, pending, lang):
    sign_in_staff(client, caseworker)
    check_page(client.get(f"/staff/erasure-requests?lang={lang.code}"), lang=lang.code)
    check_page(client.get(f"/staff/people/{newcomer.id}?lang={lang.code}"), lang=lang.code)
