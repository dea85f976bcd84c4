"""The SMS (and WhatsApp) client. Callers use `send_sms()`; only the Twilio module imports `twilio`."""

from __future__ import annotations

from typing import Protocol

from flask import current_app

from portal.clients.sms.segments import count_segments, isolated_if_free
from portal.extensions import db
from portal.models import Person, SmsMessage


class SmsSendError(RuntimeError):
    """The provider refused or could not take the message."""


class SmsClient(Protocol):
    name: str

    def deliver(self, message: SmsMessage, *, body: str) -> None:
        """Hand a recorded message to the network; set provider_sid and status on it."""


def as_sent(body: str) -> str:
    """The text as it goes out: plain punctuation and spaces when that makes it GSM-7, then bidi isolation if free.

    CLDR's times have a narrow no-break space ("9:00\u202fAM"), which alone would make an English
    or Somali reminder UCS-2 and double its cost; every SMS passes here, and the cost page
    (portal.services.message_costs) counts this same text.
    """
    from portal.channels.sms_text import plain_punctuation

    return isolated_if_free(plain_punctuation(body))


def get_sms_client() -> SmsClient:
    """The configured backend: the local outbox by default, Twilio when SMS_BACKEND=twilio."""
    backend = current_app.config["SMS_BACKEND"]
    if backend == "twilio":
        from portal.clients.sms.twilio import TwilioSmsClient

        return TwilioSmsClient.from_config(current_app.config)
    from portal.clients.sms.outbox import OutboxSmsClient

    return OutboxSmsClient()


def send_sms(
    to: Person | str,
    body: str,
    *,
    purpose: str = "notification",
    sensitive: bool = False,
    required: bool = False,
    reply_channel: str | None = None,
) -> SmsMessage | None:
    """Record and send one message, by SMS or WhatsApp (portal.whatsapp decides). None when opted out.

    `required` messages (sign-in codes the person just asked for, the opt-out confirmation)
    go even to someone who has opted out; nothing else does. A `sensitive` body is stored
    masked unless the local outbox is the phone itself. `reply_channel` is the channel of the
    message this answers. Returns the message that delivered: the SMS when WhatsApp failed.
    """
    from portal.whatsapp.routing import WHATSAPP, choose_route

    person = to if isinstance(to, Person) else None
    number = person.phone if person else str(to)
    if person is not None and person.sms_opted_out and not required:
        return None
    route = choose_route(person, number, purpose, required=required, sensitive=sensitive, reply_channel=reply_channel)
    client = get_sms_client()
    body = as_sent(body)
    if route.fallback_reason:
        # Chosen WhatsApp, but it cannot go (no template for this outside the window): the
        # WhatsApp attempt is recorded with its reason, and the SMS delivers.
        refused = _record(person, number, body, purpose, client.name, sensitive, channel=WHATSAPP)
        refused.status, refused.error_code = "failed", route.fallback_reason
        db.session.commit()
        return fall_back_to_sms(refused, body)
    message = _record(
        person, number, body, purpose, client.name, sensitive, channel=route.channel, template_sid=route.template_sid
    )
    try:
        client.deliver(message, body=body)
    except SmsSendError:
        message.status = "failed"
    db.session.commit()
    if message.channel == WHATSAPP and message.status == "failed":
        return fall_back_to_sms(message, body)
    return message


def _record(
    person: Person | None,
    number: str,
    body: str,
    purpose: str,
    backend: str,
    sensitive: bool,
    *,
    channel: str = "sms",
    template_sid: str | None = None,
) -> SmsMessage:
    info = count_segments(body)
    message = SmsMessage(
        person_id=person.id if person else None,
        to_number=number,
        body=body if (backend == "outbox" or not sensitive) else "[sensitive: not stored]",
        purpose=purpose,
        backend=backend,
        segments=info.segments,
        encoding=info.encoding,
        channel=channel,
        template_sid=template_sid,
    )
    db.session.add(message)
    db.session.flush()
    return message


def fall_back_to_sms(message: SmsMessage, body: str | None = None) -> SmsMessage | None:
    """Send a failed WhatsApp message again by SMS, once; return the SMS (None if already done or opted out)."""
    from sqlalchemy import update

    if message.channel != "whatsapp":
        return None
    person = db.session.get(Person, message.person_id) if message.person_id else None
    if person is not None and person.sms_opted_out:
        return None
    client = get_sms_client()
    sms = _record(person, message.to_number, body or message.body, message.purpose, client.name, False)
    # Claim the fallback first: a status callback and a retry racing here send one SMS.
    claimed = db.session.execute(
        update(SmsMessage)
        .where(SmsMessage.id == message.id, SmsMessage.fallback_sms_id.is_(None))
        .values(fallback_sms_id=sms.id)
        .execution_options(synchronize_session=False)
    ).rowcount
    if claimed != 1:
        db.session.rollback()
        return None
    try:
        client.deliver(sms, body=sms.body)
    except SmsSendError:
        sms.status = "failed"
    db.session.commit()
    db.session.refresh(message)
    return sms
