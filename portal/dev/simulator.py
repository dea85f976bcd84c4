"""The SMS simulator: an inbound SMS signed exactly as Twilio signs it, posted to our own webhook.

Nothing is special-cased for the simulator: the webhook checks the signature with the
configured auth token and the URL it would see from Twilio (PUBLIC_BASE_URL behind a proxy).
"""

from __future__ import annotations

import secrets
from typing import Any

from flask import current_app, request, url_for
from flask.testing import FlaskClient

from portal.clients.sms.twilio import compute_signature, twiml_bodies
from portal.extensions import db
from portal.services.conversations import wait_for_background


def simulate_inbound_sms(phone: str, body: str, *, whatsapp: bool = False) -> dict[str, Any]:
    """Post a signed inbound SMS (or WhatsApp message) to /webhooks/twilio/sms; return what the webhook answered."""
    config = current_app.config
    token = config.get("TWILIO_AUTH_TOKEN")
    if not token:
        return {"status": 0, "replies": [], "error": "TWILIO_AUTH_TOKEN is not set"}
    sid = "SM" + secrets.token_hex(16)
    params = {
        "MessageSid": sid,
        "SmsSid": sid,
        "SmsMessageSid": sid,
        "AccountSid": config.get("TWILIO_ACCOUNT_SID") or "AC" + "0" * 32,
        # WhatsApp comes to the same webhook with whatsapp: addresses (portal.whatsapp).
        "From": ("whatsapp:" + phone) if whatsapp else phone,
        "To": (config.get("TWILIO_WHATSAPP_FROM") or "whatsapp:+46700000000")
        if whatsapp
        else (config.get("TWILIO_FROM_NUMBER") or "+46700000000"),
        "Body": body,
        "NumSegments": "1",
        "NumMedia": "0",
        "ApiVersion": "2010-04-01",
    }
    path = url_for("webhooks.twilio_sms")
    base = config.get("PUBLIC_BASE_URL")
    url = base.rstrip("/") + path if base else request.host_url.rstrip("/") + path
    headers = {"X-Twilio-Signature": compute_signature(token, url, params)}
    # The webhook runs in its own app context and database session: hold no transaction open
    # here, or SQLite would make it wait for our lock.
    db.session.close()
    # A plain client (not the app's test client class): the form must be exactly what was signed.
    client = FlaskClient(current_app._get_current_object(), use_cookies=False)  # type: ignore[attr-defined]
    response = client.post(path, data=params, headers=headers, base_url=request.host_url)
    text = response.get_data(as_text=True)
    replies = twiml_bodies(text) if response.status_code == 200 else []
    if response.status_code == 200 and not replies:
        # The answer may come later through the REST API (a slow assistant): wait a little.
        wait_for_background(timeout=float(config["RASA_TIMEOUT"]) + 1)
    return {"status": response.status_code, "replies": replies, "error": None}
