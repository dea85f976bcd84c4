"""Twilio's delivery status callbacks."""

from __future__ import annotations

from portal.data.conversations import get_sms_by_provider_sid, messages_for_sms
from portal.extensions import db
from portal.models import SmsMessage

_FINAL = {"delivered", "undelivered", "failed", "read"}


def record_delivery_status(
    provider_sid: str, status: str, error_code: str | None, sms_id: int | None = None
) -> SmsMessage | None:
    """Twilio's status callback: update the SMS record and the conversation message it carries."""
    sms = get_sms_by_provider_sid(provider_sid) if provider_sid else None
    if sms is None and sms_id is not None:
        # A TwiML reply: Twilio names its id only in the first callback, at the URL we gave.
        candidate = db.session.get(SmsMessage, sms_id)
        if candidate is not None and candidate.provider_sid is None:
            candidate.provider_sid = provider_sid or None
            sms = candidate
    if sms is None:
        return None
    # Callbacks can arrive out of order: never step back from a final status.
    if sms.status not in _FINAL or status in _FINAL:
        sms.status = status[:20]
    if error_code:
        sms.error_code = error_code[:20]
    for message in messages_for_sms(sms):
        message.status = sms.status
    db.session.commit()
    if sms.channel == "whatsapp" and sms.status in ("failed", "undelivered") and sms.fallback_sms_id is None:
        # Not on WhatsApp (63003), or the template was refused: the same text goes by SMS, once.
        from portal.clients.sms import fall_back_to_sms

        fall_back_to_sms(sms)
    return sms
