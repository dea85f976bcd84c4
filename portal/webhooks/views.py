"""POST /webhooks/twilio/sms (SMS and WhatsApp) and /webhooks/twilio/status.

Check, store, hand off and answer quickly: the signature is checked before anything else is
read, then the services take over. Nothing here logs a number or a text.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import wraps
from typing import Any

from flask import Blueprint, Response, abort, current_app, request, url_for

from portal.clients.sms.twilio import signature_is_valid, twiml_reply
from portal.extensions import csrf, limiter
from portal.security import check_for_nul
from portal.services import conversations
from portal.whatsapp.routing import split_address

log = logging.getLogger(__name__)
bp = Blueprint("webhooks", __name__, url_prefix="/webhooks")
csrf.exempt(bp)

MAX_BODY_CHARS = 1600  # Twilio's own limit for one message


def public_url() -> str:
    """The URL Twilio signed: the configured public address behind a proxy, else this request's."""
    base = current_app.config.get("PUBLIC_BASE_URL")
    if not base:
        return request.url
    query = request.query_string.decode()
    return base.rstrip("/") + request.path + ("?" + query if query else "")


def twilio_signed(view: Callable[..., Any]) -> Callable[..., Any]:
    """Refuse (403) any request without a valid X-Twilio-Signature, before reading anything else."""

    @wraps(view)
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        token = current_app.config.get("TWILIO_AUTH_TOKEN")
        signature = request.headers.get("X-Twilio-Signature")
        if not signature_is_valid(token, public_url(), request.form, signature):
            log.warning("twilio webhook with a bad signature", extra={"path": request.path})
            abort(403)
        account = current_app.config.get("TWILIO_ACCOUNT_SID")
        if account and request.form.get("AccountSid") not in (None, account):
            abort(403)
        check_for_nul()
        return view(*args, **kwargs)

    return wrapped


def _twiml(xml: str) -> Response:
    return Response(xml, mimetype="text/xml")


def _limit() -> str:
    return current_app.config["SMS_WEBHOOK_LIMIT"]


@bp.post("/twilio/sms")
@limiter.limit(_limit)
@twilio_signed
def twilio_sms():
    sid = request.form.get("MessageSid") or request.form.get("SmsSid") or ""
    # WhatsApp comes to this same webhook as "whatsapp:+46...", signed the same way (checked above).
    channel, phone = split_address(request.form.get("From", ""))
    body = request.form.get("Body", "")
    if not sid or not phone or len(sid) > 64 or len(phone) > 20:
        abort(400)
    # The service number written to says whose reception takes a stranger (services.reception).
    _, service_number = split_address(request.form.get("To", ""))
    answer = conversations.receive_sms(
        sid=sid,
        phone=phone,
        body=body[:MAX_BODY_CHARS],
        channel=channel,
        service_number=service_number[:20] or None,
    )
    callback = _status_callback_url(answer.sms_id) if answer.sms_id is not None else None
    return _twiml(twiml_reply(answer.body, status_callback=callback))


def _status_callback_url(sms_id: int) -> str:
    base = current_app.config.get("PUBLIC_BASE_URL")
    path = url_for("webhooks.twilio_status", sms=sms_id)
    return base.rstrip("/") + path if base else url_for("webhooks.twilio_status", sms=sms_id, _external=True)


@bp.post("/twilio/status")
@twilio_signed
def twilio_status():
    sid = request.form.get("MessageSid") or request.form.get("SmsSid") or ""
    status = request.form.get("MessageStatus") or request.form.get("SmsStatus") or ""
    if not sid or not status:
        abort(400)
    sms_id = request.args.get("sms", type=int)
    conversations.record_delivery_status(sid, status, request.form.get("ErrorCode") or None, sms_id)
    return Response(status=204)
