"""/dev/sms: typing as a phone goes through the same signed webhook as Twilio."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from portal.languages import LANGUAGES
from portal.models import Direction, Message
from tests.factories import create_person
from tests.helpers import check_page


@pytest.mark.parametrize("lang", LANGUAGES, ids=lambda lang: lang.code)
def test_the_simulator_page_in_every_language(client, fake_rasa, lang):
    check_page(client.get(f"/dev/sms?lang={lang.code}"), lang=lang.code)
    client.post("/dev/sms", data={"phone": "+46709999999", "message": "when is my next class"})
    check_page(client.get("/dev/sms"), lang=lang.code)


def test_a_simulated_sms_is_signed_and_answered_through_the_webhook(client, db, region, fake_rasa):
    person = create_person(region["sodertalje"], language="ti")
    response = client.post("/dev/sms", data={"phone": person.phone, "message": "መዓስ እዩ ክፍለይ"})
    assert response.status_code == 302
    page = client.get("/dev/sms").get_data(as_text=True)
    assert "echo: መዓስ እዩ ክፍለይ" in page
    inbound = db.session.scalar(select(Message).where(Message.direction == Direction.IN))
    assert inbound.provider_sid.startswith("SM") and inbound.conversation.person_id == person.id
    assert fake_rasa.calls[0].metadata == {"language": "ti"}


def test_the_simulator_signs_for_the_public_url_behind_a_proxy(config, client, db, fake_rasa):
    config["PUBLIC_BASE_URL"] = "https://ankomst.example.se"
    client.post("/dev/sms", data={"phone": "+46709999999", "message": "when is my next class"})
    assert "echo: when is my next class" in client.get("/dev/sms").get_data(as_text=True)


def test_the_webhook_refuses_the_simulators_request_if_the_tokens_differ(app, client, db, fake_rasa, monkeypatch):
    from portal.dev import simulator

    # Sign with another token than the webhook checks against: refused, as Twilio would be.
    real = simulator.compute_signature
    monkeypatch.setattr(simulator, "compute_signature", lambda token, url, params: real("other", url, params))
    client.post("/dev/sms", data={"phone": "+46709999999", "message": "when is my next class"})
    assert "403" in client.get("/dev/sms").get_data(as_text=True)
    assert fake_rasa.calls == []


def test_the_phone_number_is_not_in_the_url(client, fake_rasa):
    response = client.post("/dev/sms", data={"phone": "+46709999999", "message": "hej hej"})
    assert "4670" not in response.location


def test_a_bad_number_is_refused(client, fake_rasa):
    response = client.post("/dev/sms", data={"phone": "0709999999", "message": "hej"})
    assert response.status_code == 422
    check_page(response)
    assert fake_rasa.calls == []


def test_a_simulated_whatsapp_message_goes_through_the_same_webhook(client, db, region, fake_rasa):
    from portal.models import WhatsAppWindow

    person = create_person(region["sodertalje"], language="sv")
    response = client.post("/dev/sms", data={"phone": person.phone, "message": "HJÄLP", "whatsapp": "y"})
    assert response.status_code == 302
    window = db.session.get(WhatsAppWindow, person.phone)
    assert window is not None and window.last_channel == "whatsapp"
    assert "Ankomst" in client.get("/dev/sms").get_data(as_text=True)
