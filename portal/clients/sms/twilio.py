"""Twilio, through the official `twilio` library: sending SMS, webhook signatures, TwiML answers."""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping
from typing import Any

from twilio.base.exceptions import TwilioException, TwilioRestException
from twilio.http.http_client import TwilioHttpClient
from twilio.request_validator import RequestValidator
from twilio.rest import Client
from twilio.twiml.messaging_response import MessagingResponse

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
        whatsapp_from: str | None = None,
    ) -> None:
        if not (from_number or messaging_service_sid):
            raise ValueError("Twilio needs TWILIO_FROM_NUMBER or TWILIO_MESSAGING_SERVICE_SID")
        # `http_client` is the library's own hook; tests point it at a local Twilio-like server.
        self._client = Client(account_sid, auth_token, http_client=http_client or TwilioHttpClient(timeout=10))
        self._from = from_number
        self._service = messaging_service_sid
        self._status_callback = status_callback
        self._whatsapp_from = whatsapp_from

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
            whatsapp_from=config.get("TWILIO_WHATSAPP_FROM"),
        )

    def deliver(self, message: SmsMessage, *, body: str) -> None:
        kwargs: dict[str, Any] = {"to": message.to_number, "body": body}
        if message.channel == "whatsapp":
            # The same Messages API: whatsapp: addresses, and outside the 24-hour window an
            # approved template whose one variable carries the text.
            kwargs["to"] = "whatsapp:" + message.to_number
            if message.template_sid:
                del kwargs["body"]
                kwargs["content_sid"] = message.template_sid
                kwargs["content_variables"] = json.dumps({"1": body}, ensure_ascii=False)
        if message.channel == "whatsapp" and self._whatsapp_from:
            kwargs["from_"] = self._whatsapp_from
        elif self._service:
            kwargs["messaging_service_sid"] = self._service
        else:
            kwargs["from_"] = self._from
        if self._status_callback:
            kwargs["status_callback"] = self._status_callback
        try:
            sent = self._client.messages.create(**kwargs)
        except TwilioRestException as exc:
            message.error_code = str(exc.code or exc.status)
            log.warning(
                "twilio refused message",
                extra={"sms_id": message.id, "channel": message.channel, "twilio_code": exc.code},
            )
            raise SmsSendError(str(exc.code)) from exc
        except (TwilioException, OSError) as exc:
            # The library lets connection errors through as requests' exceptions (OSErrors).
            message.error_code = "unreachable"
            log.warning("twilio unreachable", extra={"sms_id": message.id})
            raise SmsSendError("unreachable") from exc
        message.provider_sid = sent.sid
        message.status = sent.status or "queued"


# -- webhooks: signatures and TwiML ----------------------------------------------------------


def signature_is_valid(auth_token: str | None, url: str, params: Mapping[str, Any], signature: str | None) -> bool:
    """Check X-Twilio-Signature (HMAC-SHA1 of the URL and the sorted POST parameters)."""
    if not auth_token or not signature:
        return False
    return RequestValidator(auth_token).validate(url, dict(params), signature)


def compute_signature(auth_token: str, url: str, params: Mapping[str, Any]) -> str:
    """The X-Twilio-Signature Twilio would send for this request (the SMS simulator signs with it)."""
    return RequestValidator(auth_token).compute_signature(url, dict(params))


def twiml_reply(body: str | None = None, *, status_callback: str | None = None) -> str:
    """Messaging TwiML answering with one message, or with nothing (an empty <Response/>)."""
    response = MessagingResponse()
    if body:
        # `action` is where Twilio posts the reply's delivery status (Messaging TwiML).
        response.message(body, action=status_callback, method="POST" if status_callback else None)
    return str(response)


def twiml_bodies(twiml: str) -> list[str]:
    """The message texts in a TwiML answer (for the SMS simulator, which shows what Twilio would send)."""
    from xml.etree import ElementTree

    try:
        root = ElementTree.fromstring(twiml)  # noqa: S314 - our own webhook's answer, not outside input
    except ElementTree.ParseError:
        return []
    texts = []
    for message in root.iter("Message"):
        body = message.find("Body")
        texts.append((body.text if body is not None else message.text) or "")
    return texts
