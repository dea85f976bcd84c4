"""The local SMS backend: messages stay in the database and show on /dev/outbox."""

from __future__ import annotations

from portal.models import SmsMessage


class OutboxSmsClient:
    name = "outbox"

    def deliver(self, message: SmsMessage, *, body: str) -> None:
        message.status = "delivered"
