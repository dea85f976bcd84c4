"""A signed-in newcomer asks for their data to be erased from /my-data; nothing goes until a caseworker confirms."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from portal.languages import LANGUAGES
from portal.models import AuditEvent, ErasureRequest, ErasureRequestStatus, Objection, Person
from tests.factories import create_decided_objection, create_objectionable_plan, create_person, create_staff
from tests.helpers import check_page, sign_in_newcomer


@pytest.fixture
def caseworker(region):
    return create_staff(region["sodertalje"])


@pytest.fixture
def newcomer(region, caseworker):
    person = create_person(region["sodertalje"], language="ar", phone="+46701239877", name="Hala Haddad")
    create_objectionable_plan(person, caseworker)
    create_decided_objection(person, caseworker, text="Kursen krockar med förskolan.")
    return person


def _requests(db) -> list[ErasureRequest]:
    return list(db.session.scalars(select(ErasureRequest)))


def test_the_page_explains_what_goes_and_what_stays_and_has_the_form(client, newcomer):
    sign_in_newcomer(client, newcomer)
    soup = check_page(client.get("/my-data?lang=en"), lang="en")
    section = soup.find("section", attrs={"aria-labelledby": "erasure"})
    text = section.get_text(" ", strip=True)
    assert "your messages with the assistant" in text and "decided objections" in text
    form = section.find("form")
    assert form["action"] == "/my-data/erasure" and form["method"] == "post"
    assert form.find("input", attrs={"name": "understood", "type": "checkbox"})


def test_a_request_is_recorded_pending_and_audited_and_nothing_is_erased_yet(client, db, newcomer):
    sign_in_newcomer(client, newcomer)
    response = client.post("/my-data/erasure", data={"understood": "y"})
    assert response.status_code == 302 and response.location.endswith("/my-data#erasure")
    [request] = _requests(db)
    assert request.person_id == newcomer.id and request.status is ErasureRequestStatus.PENDING
    assert request.confirmed_at is None and request.confirmed_by_id is None
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "person.erase_requested"))
    assert event.person_id == newcomer.id and event.actor_kind == "newcomer" and event.object_id == request.id
    # The newcomer alone erases nothing: the data is all still there, and they are still signed in.
    person = db.session.get(Person, newcomer.id)
    assert person.name == "Hala Haddad" and person.phone == "+46701239877"
    assert db.session.scalar(select(func.count()).select_from(Objection)) == 1
    page = client.get("/my-data?lang=en")
    assert page.status_code == 200
    text = check_page(page, lang="en").find("section", attrs={"aria-labelledby": "erasure"}).get_text(" ", strip=True)
    assert "A caseworker will check the request" in text and "Hala Haddad" in page.get_data(as_text=True)


def test_the_request_is_part_of_the_persons_export(client, db, newcomer):
    sign_in_newcomer(client, newcomer)
    client.post("/my-data/erasure", data={"understood": "y"})
    [exported] = client.get("/my-data.json").get_json(force=True)["erasure_requests"]
    assert exported["status"] == "pending" and exported["confirmed_at"] is None


def test_asking_twice_is_one_request(client, db, newcomer):
    sign_in_newcomer(client, newcomer)
    client.post("/my-data/erasure", data={"understood": "y"})
    client.post("/my-data/erasure", data={"understood": "y"})
    assert len(_requests(db)) == 1


@pytest.mark.parametrize(
    ("data", "csrf", "status"),
    [
        ({}, True, 422),  # the box not ticked
        ({"understood": "y"}, False, 400),  # no CSRF token: a cross-site form cannot ask
    ],
    ids=["box-not-ticked", "no-csrf"],
)
def test_a_request_without_the_box_or_the_csrf_token_is_refused(client, db, newcomer, data, csrf, status):
    sign_in_newcomer(client, newcomer)
    response = client.post("/my-data/erasure", data=data, csrf=csrf)
    assert response.status_code == status
    assert _requests(db) == []
    check_page(response)


def test_only_a_signed_in_newcomer_can_ask(client, db, newcomer, caseworker):
    response = client.post("/my-data/erasure", data={"understood": "y"})
    assert response.status_code == 302 and "/signin" in response.location
    assert _requests(db) == []


@pytest.mark.parametrize("lang", LANGUAGES, ids=lambda lang: lang.code)
def test_the_pending_notice_renders_in_every_language(client, db, newcomer, lang):
    sign_in_newcomer(client, newcomer)
    client.post("/my-data/erasure", data={"understood": "y"})
    check_page(client.get(f"/my-data?lang={lang.code}"), lang=lang.code)
