"""A stranger's request for a person reaches a reception (issue 21, item 4): which one, and what they are told."""

from __future__ import annotations

import pytest
from flask_babel import force_locale
from sqlalchemy import select

from portal.extensions import db
from portal.models import AuditEvent, HandoffRequest, HandoffStatus, MunicipalityContact, Role, StaffNotification
from portal.services.reception import contact_for, create_stranger_handoff, reception_for
from tests.factories import create_conversation, create_staff
from tests.helpers import check_page, sign_in_staff

SODERTALJE_NUMBER = "+46766860001"
STRANGER = "+46709999991"


def _contact(org, phone="08-523 010 00", hours=([0, "09:00", "16:00"], [1, "09:00", "16:00"], [2, "09:00", "16:00"])):
    contact = MunicipalityContact(organisation=org, phone=phone, address="Storgatan 1", opening_hours=list(hours))
    db.session.add(contact)
    db.session.commit()
    return contact


@pytest.fixture
def numbers(app, monkeypatch):
    """Södertälje has a number of its own; the rest go to the default reception (unset here)."""
    monkeypatch.setitem(app.config, "RECEPTION_NUMBERS", {SODERTALJE_NUMBER: "sodertalje"})
    monkeypatch.setitem(app.config, "DEFAULT_RECEPTION", None)


def _stranger(service_number=None, channel="sms", language="ar"):
    conversation = create_conversation(channel=channel, phone=STRANGER, language=language)
    conversation.service_number = service_number
    db.session.commit()
    return conversation


@pytest.mark.parametrize(
    ("service_number", "default", "expected"),
    [
        (SODERTALJE_NUMBER, None, "sodertalje"),  # the municipality's own number
        (SODERTALJE_NUMBER, "botkyrka", "sodertalje"),  # its own number wins over the default
        ("+46766860000", "botkyrka", "botkyrka"),  # the region's shared number: the default reception
        ("+46766860000", None, "stockholms-lan"),  # no default: the region itself
        (None, "no-such-slug", "stockholms-lan"),  # a default that names nobody is not a dead end
    ],
)
def test_a_stranger_is_routed_by_the_number_they_wrote_to(app, region, numbers, service_number, default, expected):
    app.config["DEFAULT_RECEPTION"] = default
    assert reception_for(_stranger(service_number)).slug == expected


def test_the_reception_contact_is_its_contact_page_in_the_language_else_the_configured_one(app, region):
    _contact(region["sodertalje"])
    with force_locale("sv"):
        contact = contact_for(region["sodertalje"])
    assert contact.phone == "08-523 010 00" and contact.name == region["sodertalje"].name
    assert contact.hours == "måndag–onsdag 09:00–16:00"
    fallback = contact_for(region["botkyrka"])
    assert (fallback.phone, fallback.hours) == (app.config["RECEPTION_PHONE"], app.config["RECEPTION_HOURS"])


def test_a_stranger_request_waits_at_the_reception_without_a_person_and_is_one_request(region, numbers):
    conversation = _stranger(SODERTALJE_NUMBER)
    first = create_stranger_handoff(conversation, "أريد موظف", interpreter="ar")
    again = create_stranger_handoff(conversation, "مرحبا")
    assert again.id == first.id
    handoff = db.session.scalar(select(HandoffRequest))
    assert handoff.person_id is None and handoff.organisation_id == region["sodertalje"].id
    assert handoff.language == "ar" and handoff.interpreter_language == "ar" and handoff.channel == "sms"
    assert handoff.note == "أريد موظف\nمرحبا" and handoff.status == HandoffStatus.OPEN
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "handoff.requested"))
    assert event.actor_kind == "stranger" and event.person_id is None and STRANGER not in str(event.details)
    # The inbox speaks of people: nothing there, and the sweep does not trip on a request without one.
    from portal.notifications.events import sweep

    sweep()
    assert db.session.scalar(select(StaffNotification)) is None


def test_an_anonymous_web_chat_has_no_number_to_call_back_so_nothing_is_queued(region, numbers):
    conversation = create_conversation(channel="chat", language="so")
    assert create_stranger_handoff(conversation, "qof") is None
    assert db.session.scalar(select(HandoffRequest)) is None


def test_another_municipalitys_caseworker_does_not_see_it(client, region, numbers):
    handoff = create_stranger_handoff(_stranger(SODERTALJE_NUMBER), "أريد موظف")
    sign_in_staff(client, create_staff(region["botkyrka"], Role.CASEWORKER))
    assert "أريد موظف" not in client.get("/staff/handoffs").get_data(as_text=True)
    assert client.get(f"/staff/handoffs/{handoff.id}").status_code == 404
    assert client.post(f"/staff/handoffs/{handoff.id}/close", data={"outcome": "called"}).status_code == 404


def test_the_receptions_caseworker_sees_the_number_calls_back_and_closes_it(client, region, numbers):
    handoff = create_stranger_handoff(_stranger(SODERTALJE_NUMBER), "أريد موظف")
    sign_in_staff(client, create_staff(region["sodertalje"], Role.CASEWORKER))
    client.get("/language/sv")
    start = check_page(client.get("/staff/"), lang="sv")
    assert "1 öppen förfrågan" in start.get_text()  # no person, no row: the start page counts it
    listing = check_page(client.get("/staff/handoffs"), lang="sv")
    assert "Okänt nummer" in listing.get_text() and "أريد موظف" in listing.get_text()
    page = check_page(client.get(f"/staff/handoffs/{handoff.id}"), lang="sv")
    assert page.find("a", href=f"tel:{STRANGER}") is not None
    assert page.find("form", action=f"/staff/handoffs/{handoff.id}/reply") is None  # called back, not texted
    assert client.post(f"/staff/handoffs/{handoff.id}/reply", data={"text": "Hej"}).status_code == 404
    response = client.post(f"/staff/handoffs/{handoff.id}/close", data={"outcome": "called", "note": "Ringde upp"})
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(HandoffRequest, handoff.id).status == HandoffStatus.CLOSED
