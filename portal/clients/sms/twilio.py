"""Sending SMS through Twilio's Messages API with the official `twilio` library."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from twilio.base.exceptions import TwilioException, TwilioRestException
from twilio.http.http_client import TwilioHttpClient
from twilio.rest import Client

from portal.clients.sms import SmsSendError
from portal.models import SmsMessage

log = logging.getLogger(__name__)


class TwilioSmsClient:
    name = "twilio"

    def __init__(
        self,
        account_sid: str,
        auth_token: str,
        *,
        from_number: str | None = None,
        messaging_service_sid: str | None = None,
        status_callback: str | None = None,
        http_client: Any | None = None,
    ) -> None:
        if not (from_number or messaging_service_sid):
            raise ValueError("Twilio needs TWILIO_FROM_NUMBER or TWILIO_MESSAGING_SERVICE_SID")
        # `http_client` is the library's own hook; tests point it at a local Twilio-like server.
        self._client = Client(account_sid, auth_token, http_client=http_client or TwilioHttpClient(timeout=10))
        self._from = from_number
        self._service = messaging_service_sid
        self._status_callback = status_callback

    @classmethod
    def from_config(cls, config: Mapping[str, Any]) -> TwilioSmsClient:
        base = config.get("PUBLIC_BASE_URL")
        return cls(
            config["TWILIO_ACCOUNT_SID"],
            config["TWILIO_AUTH_TOKEN"],
            from_number=config.get("TWILIO_FROM_NUMBER"),
            messaging_service_sid=config.get("TWILIO_MESSAGING_SERVICE_SID"),
            status_callback=f"{base.rstrip('/')}/webhooks/twilio/status" if base else None,
            http_client=config.get("TWILIO_HTTP_CLIENT"),
        )

    def deliver(self, message: SmsMessage, *, body: str) -> None:
        kwargs: dict[str, Any] = {"to": message.to_number, "body": body}
        if self._service:
            kwargs["messaging_service_sid"] = self._service
        else:
            kwargs["from_"] = self._from
        if self._status_callback:
            kwargs["status_callback"] = self._status_callback
        try:
            sent = self._client.messages.create(**kwargs)
        except TwilioRestException as exc:
            message.error_code = str(exc.code or exc.status)
            log.warning("twilio refused sms", extra={"sms_id": message.id, "twilio_code": exc.code})
            raise SmsSendError(str(exc.code)) from exc
        except TwilioException as exc:
            log.warning("twilio unreachable", extra={"sms_id": message.id})
            raise SmsSendError("unreachable") from exc
        message.provider_sid = sent.sid
        message.status = sent.status or "queued"
