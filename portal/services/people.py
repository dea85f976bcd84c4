"""A newcomer's own settings."""

from __future__ import annotations

from portal.extensions import db
from portal.models import Person
from portal.services import audit
from portal.whatsapp.routing import SMS, WHATSAPP


def set_preferred_language(person: Person, code: str) -> None:
    """Store the language the person chose; their SMS and the assistant follow it."""
    person.preferred_language = code
    db.session.commit()


def set_channel(person: Person, channel: str) -> None:
    """The newcomer chooses where their reminders and notices go (SMS or WhatsApp); audited."""
    if channel not in (SMS, WHATSAPP):
        raise ValueError("unknown channel")
    person.message_channel = channel
    audit.record(
        "person.message_channel",
        person=person,
        object_type="person",
        object_id=person.id,
        actor_kind="newcomer",
        channel=channel,
    )
    db.session.commit()
