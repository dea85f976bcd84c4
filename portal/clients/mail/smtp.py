"""SMTP, through the standard library: one connection per message, STARTTLS unless told otherwise."""

from __future__ import annotations

import logging
import smtplib
import ssl
from collections.abc import Mapping
from email.message import EmailMessage
from typing import Any

from portal.clients.mail import MailSendError
from portal.models import MailMessage

log = logging.getLogger(__name__)


class SmtpMailClient:
    name = "smtp"

    def __init__(
        self,
        host: str,
        port: int,
        sender: str,
        *,
        username: str | None = None,
        password: str | None = None,
        starttls: bool = True,
        timeout: float = 10,
    ) -> None:
        self._host, self._port, self._sender = host, port, sender
        self._username, self._password = username, password
        self._starttls, self._timeout = starttls, timeout

    @classmethod
    def from_config(cls, config: Mapping[str, Any]) -> SmtpMailClient:
        if not config.get("MAIL_SMTP_HOST"):
            raise ValueError("MAIL_BACKEND=smtp needs MAIL_SMTP_HOST")
        return cls(
            config["MAIL_SMTP_HOST"],
            int(config["MAIL_SMTP_PORT"]),
            config["MAIL_FROM"],
            username=config.get("MAIL_SMTP_USERNAME"),
            password=config.get("MAIL_SMTP_PASSWORD"),
            starttls=bool(config["MAIL_SMTP_STARTTLS"]),
        )

    def deliver(self, message: MailMessage) -> None:
        email = EmailMessage()
        email["From"] = self._sender
        email["To"] = message.to_address
        email["Subject"] = message.subject
        email.set_content(message.body)
        try:
            with smtplib.SMTP(self._host, self._port, timeout=self._timeout) as server:
                if self._starttls:
                    server.starttls(context=ssl.create_default_context())
                if self._username:
                    server.login(self._username, self._password or "")
                server.send_message(email)
        except smtplib.SMTPException as exc:
            # The address is the staff member's; the log names the message only.
            log.warning("smtp refused mail", extra={"mail_id": message.id, "error": type(exc).__name__})
            raise MailSendError(type(exc).__name__) from exc
        except OSError as exc:
            log.warning("smtp unreachable", extra={"mail_id": message.id})
            raise MailSendError("unreachable") from exc
        message.status = "sent"
