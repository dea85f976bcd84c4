"""Start the rasa-sdk action server on 127.0.0.1 with a shared secret.

    cd bot && ANKOMST_ACTIONS_TOKEN=... .venv/bin/python actions_server.py --port 5055

rasa-sdk 3.6's CLI (`rasa run actions`) listens on 0.0.0.0 (only the undocumented SANIC_HOST
changes that) and checks nothing, so anyone who could reach it could run any action under any
conversation id. This launcher builds rasa-sdk's own app (`rasa_sdk.endpoint.create_app`), binds
it to the loopback interface, and refuses every request to /webhook and /actions that does not
carry the token Rasa sends: `token:` under `action_endpoint` in bot/endpoints.yml makes Rasa's
EndpointConfig add `?token=<secret>` to each call. /health answers without it (it tells
nothing) so process supervisors and the tests can wait for the server.

Sanic's access log is off: it would print the token with the query string. Conversation ids
in log lines (the portal paths actions/portal_api.py logs on errors) are masked as the portal
masks them: `/conversations/[id]`.
"""

from __future__ import annotations

import argparse
import hmac
import logging
import os
import re
import sys

from rasa_sdk import utils
from rasa_sdk.endpoint import create_app
from sanic import Sanic
from sanic.request import Request
from sanic.response import HTTPResponse, json

TOKEN_ENV = "ANKOMST_ACTIONS_TOKEN"
OPEN_PATHS = frozenset({"/health"})

log = logging.getLogger("actions_server")
_CONVERSATION_PATH = re.compile(r"(/conversations/)[^/\s\"'?]+")
_STANDARD = frozenset(logging.makeLogRecord({}).__dict__) | {"message", "asctime"}


def redact(text: str) -> str:
    """Mask conversation ids in portal paths (an id is the key to a live conversation)."""
    return _CONVERSATION_PATH.sub(r"\1[id]", text)


def install_redaction() -> None:
    """Mask conversation ids in every record's message and string `extra` fields."""
    make_record = logging.Logger.makeRecord

    def make_redacted_record(self, *args, **kwargs) -> logging.LogRecord:
        record = make_record(self, *args, **kwargs)
        try:
            message = record.getMessage()
        except Exception:  # a bad format string must not hide the record
            message = str(record.msg)
        record.msg, record.args = redact(message), None
        for field in record.__dict__.keys() - _STANDARD:
            if isinstance(record.__dict__[field], str):
                record.__dict__[field] = redact(record.__dict__[field])
        return record

    logging.Logger.makeRecord = make_redacted_record  # type: ignore[method-assign]


def token_matches(given: str | None, expected: str) -> bool:
    """Compare in constant time; an empty expected token never matches."""
    if not given or not expected:
        return False
    return hmac.compare_digest(given.encode(), expected.encode())


def build_app(token: str, actions: str = "actions") -> Sanic:
    """rasa-sdk's app for `actions`, with every path but /health behind `token`."""
    if not token:
        raise ValueError(f"{TOKEN_ENV} is empty")
    # No CORS: no browser has any business calling the action server.
    app = create_app(actions, cors_origins="")

    @app.on_request
    async def require_token(request: Request) -> HTTPResponse | None:
        if request.path in OPEN_PATHS:
            return None
        if token_matches(request.args.get("token"), token):
            return None
        return json({"error": "unauthorized"}, status=401)

    return app


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default=os.environ.get("ACTIONS_HOST", "127.0.0.1"))
    parser.add_argument("--port", type=int, default=int(os.environ.get("ACTIONS_PORT", "5055")))
    parser.add_argument("--actions", default="actions")
    parser.add_argument("--loglevel", default=os.environ.get("LOG_LEVEL", "INFO"))
    args = parser.parse_args(argv)

    token = os.environ.get(TOKEN_ENV, "")
    if not token:
        print(f"actions_server: set {TOKEN_ENV} (the same value Rasa's endpoints.yml sends)", file=sys.stderr)
        return 2
    install_redaction()
    utils.configure_colored_logging(args.loglevel)
    utils.update_sanic_log_level()
    app = build_app(token, args.actions)
    log.info("action server on http://%s:%s", args.host, args.port)
    app.run(host=args.host, port=args.port, access_log=False, workers=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
