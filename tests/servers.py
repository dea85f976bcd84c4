"""Small real HTTP servers on 127.0.0.1 that answer like Rasa's REST channel and Twilio's Messages API,
and a helper that signs webhook posts the way Twilio does.

They are servers, not mocks: our clients talk to them over real sockets, through their own
HTTP code (requests for Rasa; the twilio library's own HTTP client for Twilio).
"""

from __future__ import annotations

import base64
import json
import secrets
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from twilio.http.http_client import TwilioHttpClient
from twilio.request_validator import RequestValidator

from testkit.ports import free_port

TWILIO_TOKEN = "test-twilio-auth-token"  # TestConfig.TWILIO_AUTH_TOKEN
TWILIO_ACCOUNT = "AC" + "1" * 32  # TestConfig.TWILIO_ACCOUNT_SID


def closed_port_url() -> str:
    """A URL where nothing listens (a stopped Rasa)."""
    return f"http://127.0.0.1:{free_port()}"


class _Server:
    def __init__(self, handler: type[BaseHTTPRequestHandler]) -> None:
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self._server.daemon_threads = True
        self._server.owner = self  # type: ignore[attr-defined]
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def stop(self) -> None:
        """Stop listening (a second call does nothing)."""
        if getattr(self, "_stopped", False):
            return
        self._stopped = True
        self._server.shutdown()
        self._server.server_close()


# -- Rasa ------------------------------------------------------------------------------------


@dataclass
class RasaCall:
    sender: str
    message: str
    metadata: dict[str, Any]


class FakeRasa(_Server):
    """Answers POST /webhooks/rest/webhook like Rasa's REST channel.

    `reply` maps the request to the list Rasa would answer ([{"recipient_id", "text"}]);
    `delay` makes it slow; `status` makes it fail.
    """

    def __init__(self) -> None:
        self.calls: list[RasaCall] = []
        self.delay = 0.0
        self.status = 200
        self.reply: Callable[[RasaCall], list[dict[str, Any]]] = lambda call: [
            {"recipient_id": call.sender, "text": f"echo: {call.message}"}
        ]
        super().__init__(_RasaHandler)


class _RasaHandler(BaseHTTPRequestHandler):
    def log_message(self, *args: Any) -> None:  # keep test output clean
        pass

    def do_POST(self) -> None:  # noqa: N802 - http.server's naming
        owner: FakeRasa = self.server.owner  # type: ignore[attr-defined]
        length = int(self.headers.get("Content-Length") or 0)
        payload = json.loads(self.rfile.read(length) or b"{}")
        call = RasaCall(payload.get("sender"), payload.get("message"), payload.get("metadata") or {})
        owner.calls.append(call)
        if owner.delay:
            time.sleep(owner.delay)
        if self.path != "/webhooks/rest/webhook":
            self.send_response(404)
            self.end_headers()
            return
        body = json.dumps(owner.reply(call) if owner.status == 200 else {"error": "boom"}).encode()
        self.send_response(owner.status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


# -- Twilio -----------------------------------------------------------------------------------


@dataclass
class TwilioRequest:
    method: str
    path: str
    form: dict[str, str]
    auth: tuple[str, str] | None


class FakeTwilio(_Server):
    """Answers POST /2010-04-01/Accounts/{sid}/Messages.json like Twilio's Messages API."""

    def __init__(self) -> None:
        self.requests: list[TwilioRequest] = []
        self.error: tuple[int, int, str] | None = None  # (HTTP status, Twilio code, message)
        self.error_for: str | None = None  # only refuse messages whose To starts with this ("whatsapp:")
        super().__init__(_TwilioHandler)

    def http_client(self) -> TwilioHttpClient:
        """The twilio library's own HTTP client, pointed at this server instead of api.twilio.com."""
        return _LocalTwilioHttpClient(self.url)


class _LocalTwilioHttpClient(TwilioHttpClient):
    """TwilioHttpClient with the host rewritten: everything else is the library's own code path."""

    def __init__(self, base_url: str) -> None:
        super().__init__(timeout=5)
        self._base_url = base_url

    def request(
        self, method, url, params=None, data=None, headers=None, auth=None, timeout=None, allow_redirects=False
    ):
        parts = urlsplit(url)
        local = self._base_url + parts.path + (f"?{parts.query}" if parts.query else "")
        return super().request(method, local, params, data, headers, auth, timeout, allow_redirects)


class _TwilioHandler(BaseHTTPRequestHandler):
    def log_message(self, *args: Any) -> None:
        pass

    def do_POST(self) -> None:  # noqa: N802
        owner: FakeTwilio = self.server.owner  # type: ignore[attr-defined]
        length = int(self.headers.get("Content-Length") or 0)
        form = {k: v[0] for k, v in parse_qs(self.rfile.read(length).decode()).items()}
        auth = None
        header = self.headers.get("Authorization", "")
        if header.startswith("Basic "):
            user, _, password = base64.b64decode(header[6:]).decode().partition(":")
            auth = (user, password)
        owner.requests.append(TwilioRequest("POST", self.path, form, auth))
        parts = self.path.split("/")
        if len(parts) < 5 or parts[-1] != "Messages.json":
            return self._json(404, {"code": 20404, "message": "The requested resource was not found", "status": 404})
        account = parts[3]
        if auth is None or auth[0] != account:
            return self._json(401, {"code": 20003, "message": "Authenticate", "status": 401})
        if owner.error and (owner.error_for is None or form.get("To", "").startswith(owner.error_for)):
            status, code, message = owner.error
            return self._json(status, {"code": code, "message": message, "status": status, "more_info": ""})
        sid = "SM" + secrets.token_hex(16)
        return self._json(
            201,
            {
                "sid": sid,
                "account_sid": account,
                "to": form.get("To"),
                "from": form.get("From"),
                "messaging_service_sid": form.get("MessagingServiceSid"),
                "body": form.get("Body"),
                "status": "queued",
                "num_segments": "1",
                "direction": "outbound-api",
                "api_version": "2010-04-01",
                "date_created": "Mon, 23 Nov 2026 09:00:00 +0000",
                "error_code": None,
                "error_message": None,
                "uri": f"/2010-04-01/Accounts/{account}/Messages/{sid}.json",
            },
        )

    def _json(self, status: int, payload: dict[str, Any]) -> None:
        body = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


# -- signed webhook posts ------------------------------------------------------------------------


def new_sid() -> str:
    return "SM" + secrets.token_hex(16)


def sms_params(phone: str, body: str, sid: str | None = None) -> dict[str, str]:
    sid = sid or new_sid()
    return {
        "MessageSid": sid,
        "SmsSid": sid,
        "AccountSid": TWILIO_ACCOUNT,
        "From": phone,
        "To": "+46766860000",
        "Body": body,
        "NumSegments": "1",
        "NumMedia": "0",
    }


def sign(url: str, params: dict[str, str], token: str = TWILIO_TOKEN) -> str:
    return RequestValidator(token).compute_signature(url, params)


def post_signed(client, path: str, params: dict[str, str], *, url: str | None = None, **kwargs):
    """POST `params` to `path` with the signature Twilio would send for `url` (default: the test URL)."""
    signature = sign(url or f"http://localhost{path}", params)
    headers = {"X-Twilio-Signature": signature, **kwargs.pop("headers", {})}
    return client.post(path, data=params, headers=headers, csrf=False, **kwargs)


def text_sms(client, phone: str, body: str, sid: str | None = None):
    """Send one inbound SMS through the signed webhook; return the response."""
    return post_signed(client, "/webhooks/twilio/sms", sms_params(phone, body, sid))


# -- fixtures (imported by the conftest.py of the folders that use them) ---------------------------


@pytest.fixture
def fake_rasa(config):
    """A Rasa stand-in at RASA_URL for one test (the `config` fixture restores the URL after it)."""
    from portal.services.conversations import wait_for_background

    server = FakeRasa()
    config["RASA_URL"] = server.url
    yield server
    wait_for_background()
    server.stop()


@pytest.fixture
def rasa_down(config):
    """Rasa stopped: nothing listens at RASA_URL."""
    config["RASA_URL"] = closed_port_url()


@pytest.fixture
def fake_twilio(config):
    """SMS_BACKEND=twilio, with the twilio library pointed at a local Twilio-like server."""
    server = FakeTwilio()
    config.update(SMS_BACKEND="twilio", TWILIO_HTTP_CLIENT=server.http_client())
    yield server
    server.stop()
