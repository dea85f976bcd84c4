"""The assistant (Rasa) behind one small client: its REST channel, and nothing else.

    AssistantClient.from_config(app.config).send(public_id, "när är sfi", language="sv")
    -> [AssistantReply(text="Your next activity is ...", buttons=[])]

Rasa sees only the conversation's opaque public id as the sender, never a phone number.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import requests

log = logging.getLogger(__name__)
# One pooled session per process: a new TCP connection per message would add to every reply.
_shared_session = requests.Session()
_shared_session.mount("http://", requests.adapters.HTTPAdapter(pool_connections=4, pool_maxsize=32))
_shared_session.mount("https://", requests.adapters.HTTPAdapter(pool_connections=4, pool_maxsize=32))


class AssistantUnavailable(RuntimeError):
    """Rasa (or its action server) did not answer in time or answered nothing usable."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason  # "unreachable", "timeout", "error", "empty"


@dataclass(frozen=True)
class AssistantReply:
    text: str
    buttons: list[dict[str, str]] = field(default_factory=list)


class AssistantClient:
    """Rasa's REST channel: POST {RASA_URL}/webhooks/rest/webhook."""

    def __init__(self, base_url: str, *, timeout: float, session: requests.Session | None = None) -> None:
        self.url = base_url.rstrip("/") + "/webhooks/rest/webhook"
        self.timeout = timeout
        self._session = session or _shared_session

    @classmethod
    def from_config(cls, config: Mapping[str, Any]) -> AssistantClient:
        return cls(config["RASA_URL"], timeout=float(config["RASA_TIMEOUT"]))

    def send(
        self, sender: str, text: str, *, language: str | None, metadata: Mapping[str, Any] | None = None
    ) -> list[AssistantReply]:
        """Send one user message; return the bot's replies, or raise AssistantUnavailable.

        No replies at all also counts as unavailable: Rasa answers an empty list when a custom
        action failed because the action server is down.
        """
        payload = {"sender": sender, "message": text, "metadata": {**(metadata or {}), "language": language}}
        try:
            response = self._session.post(self.url, json=payload, timeout=self.timeout)
        except requests.Timeout as exc:
            log.warning("assistant timed out", extra={"timeout": self.timeout})
            raise AssistantUnavailable("timeout") from exc
        except requests.RequestException as exc:
            log.warning("assistant unreachable", extra={"error": type(exc).__name__})
            raise AssistantUnavailable("unreachable") from exc
        if response.status_code != 200:
            log.warning("assistant error", extra={"status": response.status_code})
            raise AssistantUnavailable("error")
        try:
            data = response.json()
        except ValueError as exc:
            raise AssistantUnavailable("error") from exc
        replies = [_reply(item) for item in data if isinstance(item, dict)] if isinstance(data, list) else []
        replies = [r for r in replies if r.text or r.buttons]
        if not replies:
            raise AssistantUnavailable("empty")
        return replies


def _reply(item: dict[str, Any]) -> AssistantReply:
    buttons = [
        {"title": str(b.get("title", "")), "payload": str(b.get("payload", ""))}
        for b in item.get("buttons") or []
        if isinstance(b, dict) and b.get("title")
    ]
    return AssistantReply(text=str(item.get("text") or "").strip(), buttons=buttons)
