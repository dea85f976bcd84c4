"""Which channel a message goes on: SMS, free-form WhatsApp, or a WhatsApp template."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from flask import current_app

from portal.extensions import db
from portal.models import Person, WhatsAppWindow, utcnow

SMS = "sms"
WHATSAPP = "whatsapp"
ADDRESS_PREFIX = "whatsapp:"


@dataclass(frozen=True)
class Route:
    channel: str  # SMS or WHATSAPP
    template_sid: str | None = None  # WhatsApp outside the window
    fallback_reason: str | None = None  # why a WhatsApp message goes by SMS instead


def enabled() -> bool:
    """WhatsApp is configured (a sender)."""
    return bool(current_app.config.get("TWILIO_WHATSAPP_FROM"))


def split_address(address: str) -> tuple[str, str]:
    """(channel, number) of a Twilio address: "whatsapp:+46..." or "+46..."."""
    if address.startswith(ADDRESS_PREFIX):
        return WHATSAPP, address[len(ADDRESS_PREFIX) :]
    return SMS, address


def record_inbound(phone: str, channel: str, now: datetime | None = None) -> None:
    """Remember the channel a number wrote on (and open its WhatsApp window); the caller commits."""
    window = db.session.get(WhatsAppWindow, phone)
    if window is None:
        if channel != WHATSAPP:
            return  # a number that never wrote on WhatsApp needs no row
        window = WhatsAppWindow(phone=phone)
        db.session.add(window)
    window.last_channel = channel
    if channel == WHATSAPP:
        window.last_whatsapp_at = now or utcnow()


def last_channel(phone: str | None) -> str:
    """The channel this number last wrote on (SMS when it never wrote on WhatsApp)."""
    window = db.session.get(WhatsAppWindow, phone) if phone else None
    return window.last_channel if window is not None else SMS


def window_open(phone: str, now: datetime | None = None) -> bool:
    """The number wrote to us on WhatsApp within the last 24 hours (free-form messages allowed)."""
    window = db.session.get(WhatsAppWindow, phone)
    if window is None or window.last_whatsapp_at is None:
        return False
    return (now or utcnow()) - window.last_whatsapp_at < current_app.config["WHATSAPP_WINDOW"]


def template_for(purpose: str, language: str | None) -> str | None:
    """The approved template (Content SID) for a purpose in a language, if configured."""
    by_language = current_app.config.get("WHATSAPP_TEMPLATES", {}).get(purpose) or {}
    return by_language.get(language or "") or None


def choose_route(
    person: Person | None, number: str, purpose: str, *, required: bool, sensitive: bool, reply_channel: str | None
) -> Route:
    """Decide the channel of one outbound message (portal.whatsapp explains the rules)."""
    if not enabled() or required or sensitive:
        return Route(SMS)
    wanted = reply_channel or (person.message_channel if person is not None else SMS)
    if wanted != WHATSAPP:
        return Route(SMS)
    if window_open(number):
        return Route(WHATSAPP)
    template = template_for(purpose, person.preferred_language if person is not None else None)
    if template is None:
        return Route(SMS, fallback_reason="no_template")
    return Route(WHATSAPP, template_sid=template)
