"""The e-mail client. Callers use `send_mail()`; only the SMTP module imports `smtplib`.

Like the SMS client: a local outbox backend (the default, shown on /dev/mail) and an SMTP one
(MAIL_BACKEND=smtp). Every e-mail is recorded in `mail_message` whichever backend sends it.
"""

from __future__ import annotations

from typing import Protocol

from flask import current_app

from portal.extensions import db
from portal.models import MailMessage, StaffUser


class MailSendError(RuntimeError):
    """The mail server refused or could not take the message."""


class MailClient(Protocol):
    name: str

    def deliver(self, message: MailMessage) -> None:
        """Hand a recorded message to the mail server; set status on it."""


def get_mail_client() -> MailClient:
    """The configured backend: the local outbox by default, SMTP when MAIL_BACKEND=smtp."""
    if current_app.config["MAIL_BACKEND"] == "smtp":
        from portal.clients.mail.smtp import SmtpMailClient

        return SmtpMailClient.from_config(current_app.config)
    from portal.clients.mail.outbox import OutboxMailClient

    return OutboxMailClient()


def send_mail(to: StaffUser, subject: str, body: str, *, purpose: str = "notification") -> MailMessage:
    """Record and send one plain-text e-mail to a staff member; commit. A refusal is recorded, not raised."""
    client = get_mail_client()
    message = MailMessage(
        staff_id=to.id, to_address=to.email, subject=subject, body=body, purpose=purpose, backend=client.name
    )
    db.session.add(message)
    db.session.flush()
    try:
        client.deliver(message)
    except MailSendError as exc:
        message.status = "failed"
        message.error_code = str(exc)[:40]
    db.session.commit()
    return message
