"""WhatsApp through Twilio: the same webhook and conversation, the 24-hour window, templates, SMS fallback."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from sqlalchemy import select

from portal.clients.sms import send_sms
from portal.extensions import db as _db
from portal.models import Conversation, Role, SmsMessage, WhatsAppWindow, utcnow
from tests.factories import create_person, create_staff
from tests.servers import TWILIO_ACCOUNT, post_signed, sign, sms_params, text_sms
from tests.whatsapp.conftest import TEMPLATES, WHATSAPP_FROM

STATUS = "/webhooks/twilio/status"


def text_whatsapp(client, phone: str, body: str):
    return post_signed(client, "/webhooks/twilio/sms", sms_params("whatsapp:" + phone, body))


def _messages() -> list[SmsMessage]:
    _db.session.expire_all()
    return list(_db.session.scalars(select(SmsMessage).order_by(SmsMessage.id)))


def _open_window(phone: str, hours_ago: float = 1) -> None:
    _db.session.merge(
        WhatsAppWindow(phone=phone, last_channel="whatsapp", last_whatsapp_at=utcnow() - timedelta(hours=hours_ago))
    )
    _db.session.commit()


@pytest.fixture
def person(region):
    person = create_person(region["sodertalje"], language="sv")
    person.message_channel = "whatsapp"
    _db.session.commit()
    return person


def test_a_whatsapp_message_joins_the_numbers_conversation_and_is_answered_on_whatsapp(client, db, person, whatsapp):
    text_sms(client, person.phone, "HJÄLP")
    response = text_whatsapp(client, person.phone, "HJÄLP")
    assert response.status_code == 200 and "<Message" in response.get_data(as_text=True)
    assert len(db.session.scalars(select(Conversation)).all()) == 1  # one conversation per number
    sms_reply, whatsapp_reply = [m for m in _messages() if m.backend == "twiml"]
    assert (sms_reply.channel, whatsapp_reply.channel) == ("sms", "whatsapp")
    window = db.session.get(WhatsAppWindow, person.phone)
    assert window.last_channel == "whatsapp" and window.last_whatsapp_at is not None


def test_a_forged_whatsapp_message_is_refused_and_nothing_is_stored(client, db, person, whatsapp):
    params = sms_params("whatsapp:" + person.phone, "STOPP")
    signature = sign("http://localhost/webhooks/twilio/sms", params, token="not-the-token")
    response = client.post("/webhooks/twilio/sms", data=params, headers={"X-Twilio-Signature": signature}, csrf=False)
    assert response.status_code == 403
    assert db.session.scalars(select(Conversation)).all() == [] and db.session.get(WhatsAppWindow, person.phone) is None
    # The address is part of what Twilio signs: a signature for the SMS address does not cover it.
    sms_signature = sign(
        "http://localhost/webhooks/twilio/sms", sms_params(person.phone, "STOPP", params["MessageSid"])
    )
    response = client.post(
        "/webhooks/twilio/sms", data=params, headers={"X-Twilio-Signature": sms_signature}, csrf=False
    )
    assert response.status_code == 403


def test_stop_on_whatsapp_stops_every_channel(client, db, person, whatsapp):
    text_whatsapp(client, person.phone, "STOPP")
    db.session.refresh(person)
    assert person.sms_opted_out
    assert send_sms(person, "Påminnelse", purpose="reminder") is None


def test_inside_the_24_hour_window_a_message_goes_free_form(app, db, person, whatsapp, fake_twilio):
    _open_window(person.phone, hours_ago=23.5)
    message = send_sms(person, "Påminnelse: SFI i morgon 09:00", purpose="reminder")
    (request,) = fake_twilio.requests
    assert request.form["To"] == "whatsapp:" + person.phone and request.form["From"] == WHATSAPP_FROM
    assert "Påminnelse" in request.form["Body"] and "ContentSid" not in request.form
    assert message.channel == "whatsapp" and message.template_sid is None


def test_outside_the_window_a_reminder_goes_as_the_template_of_the_persons_language(
    app, db, person, whatsapp, fake_twilio
):
    _open_window(person.phone, hours_ago=24.5)
    message = send_sms(person, "Påminnelse: SFI i morgon 09:00", purpose="reminder")
    (request,) = fake_twilio.requests
    assert request.form["ContentSid"] == TEMPLATES["reminder"]["sv"] and "Body" not in request.form
    assert "Påminnelse" in json.loads(request.form["ContentVariables"])["1"]
    assert message.channel == "whatsapp" and message.template_sid == TEMPLATES["reminder"]["sv"]


def test_without_a_template_for_the_language_the_message_goes_by_sms_and_says_why(db, region, whatsapp, fake_twilio):
    somali = create_person(region["sodertalje"], language="so")
    somali.message_channel = "whatsapp"
    db.session.commit()
    delivered = send_sms(somali, "Xusuusin", purpose="reminder")
    (request,) = fake_twilio.requests
    assert request.form["To"] == somali.phone  # SMS
    refused, sms = _messages()
    assert (refused.channel, refused.status, refused.error_code, refused.fallback_sms_id) == (
        "whatsapp",
        "failed",
        "no_template",
        sms.id,
    )
    assert delivered.id == sms.id and sms.channel == "sms"


def test_when_whatsapp_refuses_at_once_the_text_goes_by_sms(db, person, whatsapp, fake_twilio):
    _open_window(person.phone)
    fake_twilio.error, fake_twilio.error_for = (400, 63007, "Twilio could not find a Channel"), "whatsapp:"
    delivered = send_sms(person, "Påminnelse", purpose="reminder")
    assert [r.form["To"] for r in fake_twilio.requests] == ["whatsapp:" + person.phone, person.phone]
    whatsapp_try, sms = _messages()
    assert whatsapp_try.status == "failed" and whatsapp_try.error_code == "63007"
    assert whatsapp_try.fallback_sms_id == sms.id == delivered.id and sms.channel == "sms" and sms.body == "Påminnelse"


def test_a_number_not_on_whatsapp_gets_the_sms_once_when_the_status_callback_says_so(
    client, db, person, whatsapp, fake_twilio
):
    _open_window(person.phone)
    sent = send_sms(person, "Påminnelse", purpose="reminder")
    for status in ("undelivered", "failed"):
        params = {
            "MessageSid": sent.provider_sid,
            "MessageStatus": status,
            "ErrorCode": "63003",
            "AccountSid": TWILIO_ACCOUNT,
        }
        assert post_signed(client, STATUS, params).status_code == 204
    whatsapp_try, sms = _messages()
    assert whatsapp_try.error_code == "63003" and whatsapp_try.fallback_sms_id == sms.id
    assert [r.form["To"] for r in fake_twilio.requests] == ["whatsapp:" + person.phone, person.phone]


def test_a_read_receipt_is_recorded(client, db, person, whatsapp, fake_twilio):
    _open_window(person.phone)
    sent = send_sms(person, "Påminnelse", purpose="reminder")
    params = {"MessageSid": sent.provider_sid, "MessageStatus": "read", "AccountSid": TWILIO_ACCOUNT}
    post_signed(client, STATUS, params)
    assert _messages()[0].status == "read" and len(fake_twilio.requests) == 1


@pytest.mark.parametrize(
    ("channel", "kwargs", "expected"),
    [
        ("sms", {}, "sms"),  # chose SMS: SMS even inside the window
        ("whatsapp", {"required": True}, "sms"),  # sign-in codes and the like: always SMS
        ("whatsapp", {"sensitive": True}, "sms"),
        ("whatsapp", {}, "whatsapp"),
    ],
)
def test_who_gets_whatsapp(db, person, whatsapp, channel, kwargs, expected):
    person.message_channel = channel
    db.session.commit()
    _open_window(person.phone)
    assert send_sms(person, "Hej", purpose="reminder", **kwargs).channel == expected


def test_without_a_whatsapp_sender_everything_is_sms(db, person):
    _open_window(person.phone)
    assert send_sms(person, "Hej", purpose="reminder").channel == "sms"


def test_a_late_answer_goes_back_on_the_channel_the_question_came_on(db, whatsapp):
    _open_window("+46709990000")
    assert send_sms("+46709990000", "Svar", purpose="assistant", reply_channel="whatsapp").channel == "whatsapp"
    assert send_sms("+46709990000", "Svar", purpose="assistant", reply_channel="sms").channel == "sms"


def test_erasure_forgets_the_numbers_whatsapp_window(db, region, person):
    from portal.services import erasure

    _open_window(person.phone)
    erasure.erase_person(person, confirmed_by=create_staff(region["sodertalje"], Role.CASEWORKER), reason="asked")
    assert db.session.scalars(select(WhatsAppWindow)).all() == []
