"""The Twilio code path against a local server that answers like Twilio's Messages API.

Messages go through TwilioSmsClient and the twilio library's own HTTP client (only its host
is rewritten), so the request Twilio would receive is what the server checks.
"""

from __future__ import annotations

from sqlalchemy import select

from portal.clients.sms import send_sms
from portal.clients.sms.twilio import TwilioSmsClient
from portal.models import SmsMessage
from tests.factories import create_person
from tests.servers import TWILIO_ACCOUNT, TWILIO_TOKEN, FakeTwilio, post_signed


def test_an_sms_goes_through_twilios_messages_api(app, db, region, fake_twilio):
    person = create_person(region["sodertalje"], language="ar")
    sms = send_sms(person, "مرحبا، درسك القادم يوم الاثنين.")
    assert sms is not None and sms.backend == "twilio"
    request = fake_twilio.requests[0]
    assert request.path == f"/2010-04-01/Accounts/{TWILIO_ACCOUNT}/Messages.json"
    assert request.auth == (TWILIO_ACCOUNT, TWILIO_TOKEN)
    assert request.form["To"] == person.phone
    assert request.form["From"] == "+46766860000"
    assert request.form["Body"] == "مرحبا، درسك القادم يوم الاثنين."
    assert sms.provider_sid.startswith("SM") and sms.status == "queued"
    assert (sms.segments, sms.encoding) == (1, "UCS-2")


def test_a_messaging_service_and_a_status_callback_are_sent_when_configured(app, db, region):
    server = FakeTwilio()
    try:
        client = TwilioSmsClient(
            TWILIO_ACCOUNT,
            TWILIO_TOKEN,
            messaging_service_sid="MG" + "2" * 32,
            status_callback="https://ankomst.example.se/webhooks/twilio/status",
            http_client=server.http_client(),
        )
        message = SmsMessage(to_number="+46701234567", body="Hej", backend="twilio")
        db.session.add(message)
        db.session.flush()
        client.deliver(message, body="Hej")
        form = server.requests[0].form
        assert form["MessagingServiceSid"] == "MG" + "2" * 32 and "From" not in form
        assert form["StatusCallback"] == "https://ankomst.example.se/webhooks/twilio/status"
    finally:
        server.stop()


def test_a_refused_sms_is_recorded_as_failed_with_twilios_error_code(app, db, region, fake_twilio):
    fake_twilio.error = (400, 21211, "The 'To' number is not a valid phone number.")
    person = create_person(region["sodertalje"])
    sms = send_sms(person, "Hej")
    assert sms.status == "failed" and sms.error_code == "21211" and sms.provider_sid is None


def test_an_unreachable_twilio_is_recorded_as_failed(app, db, region, fake_twilio):
    fake_twilio.stop()
    person = create_person(region["sodertalje"])
    sms = send_sms(person, "Hej")
    assert sms.status == "failed" and sms.error_code == "unreachable" and sms.provider_sid is None


def test_twilios_status_callbacks_update_a_message_sent_through_the_api(app, client, db, region, fake_twilio):
    person = create_person(region["sodertalje"])
    sms = send_sms(person, "Hej")
    for status in ("sent", "delivered"):
        params = {"MessageSid": sms.provider_sid, "MessageStatus": status, "AccountSid": TWILIO_ACCOUNT}
        assert post_signed(client, "/webhooks/twilio/status", params).status_code == 204
    assert db.session.scalar(select(SmsMessage.status).where(SmsMessage.id == sms.id)) == "delivered"
    failed = {
        "MessageSid": sms.provider_sid,
        "MessageStatus": "undelivered",
        "ErrorCode": "30003",
        "AccountSid": TWILIO_ACCOUNT,
    }
    post_signed(client, "/webhooks/twilio/status", failed)
    db.session.expire_all()
    stored = db.session.get(SmsMessage, sms.id)
    assert stored.status == "undelivered" and stored.error_code == "30003"


def test_the_worker_retries_a_late_reply_that_twilio_refused(app, client, db, fake_twilio):
    import pytest

    from portal.models import Channel, Conversation, Direction, Message
    from portal.services.conversations import ReplyNotDelivered, deliver_reply

    conversation = Conversation(channel=Channel.SMS, phone="+46701112233", language="sv")
    db.session.add(conversation)
    db.session.flush()
    reply = Message(
        conversation_id=conversation.id, direction=Direction.OUT, body="Hej", delivery="rest", status="pending"
    )
    db.session.add(reply)
    db.session.commit()
    fake_twilio.error = (429, 20429, "Too Many Requests")
    with pytest.raises(ReplyNotDelivered):
        deliver_reply(reply.id)  # RQ runs it again (worker.RETRY_INTERVALS)
    assert db.session.get(Message, reply.id).status == "failed"
    fake_twilio.error = None
    deliver_reply(reply.id)
    stored = db.session.get(Message, reply.id)
    assert stored.status == "sent" and stored.sms_message.provider_sid.startswith("SM")
    assert len(fake_twilio.requests) == 2
    deliver_reply(reply.id)  # a repeated job sends nothing more
    assert len(fake_twilio.requests) == 2
