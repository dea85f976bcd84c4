"""The local outboxes the development pages show: SMS and e-mail the local backends recorded."""

from __future__ import annotations

from sqlalchemy import select

from portal.extensions import db
from portal.models import MailMessage, SmsMessage


def list_sent_sms(limit: int = 100) -> list[SmsMessage]:
    """Outgoing SMS and WhatsApp messages, newest first."""
    stmt = select(SmsMessage).where(SmsMessage.direction == "out").order_by(SmsMessage.id.desc()).limit(limit)
    return list(db.session.scalars(stmt))


def list_mail(limit: int = 100) -> list[MailMessage]:
    """Recorded e-mails (staff notifications), newest first."""
    return list(db.session.scalars(select(MailMessage).order_by(MailMessage.id.desc()).limit(limit)))
