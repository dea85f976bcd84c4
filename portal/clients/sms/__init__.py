"""The SMS client. Callers use `send_sms()`; only the Twilio module imports `twilio`."""

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


def get_sms_client() -> SmsClient:
    """The configured backend: the local outbox by default, Twilio when SMS_BACKEND=twilio."""
    backend = current_app.config["SMS_BACKEND"]
    if backend == "twilio":
        from portal.clients.sms.twilio import TwilioSmsClient

        return TwilioSmsClient.from_config(current_app.config)
    from portal.clients.sms.outbox import OutboxSmsClient

    return OutboxSmsClient()


def send_sms(
    to: Person | str, body: str, *, purpose: str = "notification", sensitive: bool = False, required: bool = False
) -> SmsMessage | None:
    """Record and send one SMS. Returns None when the person has opted out.

    `required` messages (sign-in codes the person just asked for, the opt-out confirmation)
    go even to someone who has opted out; nothing else does. A `sensitive` body is stored
    masked unless the local outbox is the phone itself.
    """
    person = to if isinstance(to, Person) else None
    number = person.phone if person else str(to)
    if person is not None and person.sms_opted_out and not required:
        return None
    client = get_sms_client()
    body = isolated_if_free(body)
    info = count_segments(body)
    message = SmsMessage(
        person_id=person.id if person else None,
        to_number=number,
        body=body if (client.name == "outbox" or not sensitive) else "[sensitive: not stored]",
        purpose=purpose,
        backend=client.name,
        segments=info.segments,
        encoding=info.encoding,
    )
    db.session.add(message)
    db.session.flush()
    try:
        client.deliver(message, body=body)
    except SmsSendError:
        message.status = "failed"
    db.session.commit()
    return message
