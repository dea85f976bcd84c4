"""The only HTTP client of the action server: the portal's internal API (docs/internal-api.md).

Actions never touch the database and never see a phone number; they read and write newcomer
data through these calls, under the opaque conversation id that Rasa uses as sender id.
"""

from __future__ import annotations

import logging
import os
from typing import Any
from urllib.parse import quote

import requests

log = logging.getLogger(__name__)

DEFAULT_PORTAL_URL = "http://127.0.0.1:5000"
DEFAULT_TOKEN = "dev-internal-token"
API_PREFIX = "/internal/v1"
# An SMS user waits for the whole reply; past a few seconds the portal falls back to its own
# menu anyway, so a slow portal is treated as an unreachable one. ANKOMST_PORTAL_TIMEOUT
# overrides it where answers matter more than latency (the end-to-end tests on a busy machine).
TIMEOUT_SECONDS = float(os.environ.get("ANKOMST_PORTAL_TIMEOUT") or 3.0)


class PortalError(Exception):
    """The portal answered with an error, or could not be reached."""

    def __init__(self, code: str, status: int | None = None, message: str = "") -> None:
        super().__init__(code)
        self.code = code
        self.status = status
        self.message = message


class NotIdentified(PortalError):
    """The conversation has no registered or signed-in person (403 not_identified)."""


class NotFound(PortalError):
    """The thing asked for does not exist, or belongs to someone else (404)."""


class Invalid(PortalError):
    """The portal refused a value (422); ``field`` names it."""

    def __init__(self, code: str, status: int | None = None, message: str = "", field: str | None = None) -> None:
        super().__init__(code, status, message)
        self.field = field


class PortalUnavailable(PortalError):
    """The portal is down, slow, refused our token or answered something unreadable."""


class PortalClient:
    """Calls the portal's ``/internal/v1`` endpoints with the bearer token."""

    def __init__(
        self,
        base_url: str | None = None,
        token: str | None = None,
        timeout: float = TIMEOUT_SECONDS,
        session: requests.Session | None = None,
    ) -> None:
        base = base_url or os.environ.get("ANKOMST_PORTAL_URL") or DEFAULT_PORTAL_URL
        self.base_url = base.rstrip("/") + API_PREFIX
        self.token = token or os.environ.get("ANKOMST_INTERNAL_TOKEN") or DEFAULT_TOKEN
        self.timeout = timeout
        self.session = session or requests.Session()

    # -- conversations ---------------------------------------------------------------------

    def conversation(self, cid: str) -> dict[str, Any]:
        """Return the conversation's language, channel and whether a person is identified."""
        return self._request("GET", _conversation_path(cid))

    def set_language(self, cid: str, *, choice: str | None = None, language: str | None = None) -> str:
        """Change the conversation language from a code or the user's raw words; return the code."""
        body = {"language": language} if language else {"choice": choice or ""}
        return self._request("PUT", _conversation_path(cid, "language"), json=body)["language"]

    # -- the person's plan -----------------------------------------------------------------

    def schedule_question(self, cid: str, text: str, *, default: str = "next", days: int = 7) -> dict[str, Any]:
        """Return the activities the person's words ask about ("tomorrow", "friday?", "next week").

        ``default`` is what a message without a day word asks: "next" (the next activity) or
        "coming" (the coming ``days`` days). The words go in a POST body, never in a URL.
        """
        body = {"text": text, "default": default, "days": days}
        return self._request("POST", _conversation_path(cid, "schedule", "query"), json=body)

    def plan(self, cid: str) -> dict[str, Any] | None:
        """Return the person's current plan, or None when there is none yet."""
        return self._request("GET", _conversation_path(cid, "plan"))["plan"]

    # -- objections ------------------------------------------------------------------------

    def file_objection(
        self,
        cid: str,
        *,
        reason: str,
        wanted: str,
        text: str,
        interpreter: bool,
        idempotency_key: str,
        target: str = "plan",
    ) -> dict[str, Any]:
        """File an objection to the plan or one activity; the same idempotency key never files twice."""
        body = {
            "target": target,
            "reason": reason,
            "wanted": wanted,
            "text": text,
            "interpreter": interpreter,
            "idempotency_key": idempotency_key,
        }
        return self._request("POST", _conversation_path(cid, "objections"), json=body)

    def objections(self, cid: str) -> list[dict[str, Any]]:
        """Return the person's objections with their status."""
        return self._request("GET", _conversation_path(cid, "objections"))["objections"]

    def objection(self, cid: str, case_number: str) -> dict[str, Any]:
        """Return one of the person's objections by case number, with its timeline."""
        return self._request("GET", _conversation_path(cid, "objections", case_number))

    def escalate(self, cid: str, case_number: str, text: str | None) -> dict[str, Any]:
        """Ask for an independent review of one of the person's cases; returns the case's status."""
        path = _conversation_path(cid, "objections", case_number, "escalate")
        return self._request("POST", path, json={"text": text})

    # -- people and content ----------------------------------------------------------------

    def request_handoff(self, cid: str, note: str | None, interpreter: str | None = None) -> dict[str, Any]:
        """Ask a caseworker to take over the conversation (and note an interpreter's language)."""
        body: dict[str, Any] = {"note": note}
        if interpreter:
            body["interpreter"] = interpreter
        return self._request("POST", _conversation_path(cid, "handoff"), json=body)

    def search(self, query: str, language: str, limit: int = 3) -> list[dict[str, Any]]:
        """Search the published civic information in one language."""
        return self.search_answer(query, language, limit)["results"]

    def search_answer(self, query: str, language: str, limit: int = 3) -> dict[str, Any]:
        """Search and return the whole answer: confidence, the best sentences, and the results."""
        params = {"q": query, "lang": language, "limit": limit}
        return self._request("GET", "/search", params=params)

    # -- plumbing --------------------------------------------------------------------------

    def _request(self, method: str, path: str, **kwargs: Any) -> dict[str, Any]:
        url = self.base_url + path
        headers = {"Authorization": f"Bearer {self.token}", "Accept": "application/json"}
        try:
            response = self.session.request(method, url, headers=headers, timeout=self.timeout, **kwargs)
        except requests.RequestException as error:
            log.warning(
                "portal unreachable", extra={"method": method, "path": loggable(path), "error": type(error).__name__}
            )
            raise PortalUnavailable("unreachable") from error
        try:
            payload = response.json()
        except ValueError:
            payload = None
        if response.ok and isinstance(payload, dict):
            return payload
        raise _error_for(method, path, response.status_code, payload)


def _error_for(method: str, path: str, status: int, payload: Any) -> PortalError:
    body = payload if isinstance(payload, dict) else {}
    code = str(body.get("error") or status)
    message = str(body.get("message") or "")
    if status == 403 and code == "not_identified":
        return NotIdentified(code, status, message)
    if status == 404:
        return NotFound(code, status, message)
    if status == 422:
        return Invalid(code, status, message, field=body.get("field"))
    log.warning("portal error", extra={"method": method, "path": loggable(path), "status": status, "code": code})
    return PortalUnavailable(code, status, message)


def loggable(path: str) -> str:
    """The path with the conversation id and case number masked: neither may reach a log."""
    parts = path.split("/")
    if len(parts) > 2 and parts[1] == "conversations":
        parts[2] = "{cid}"
        if len(parts) > 4 and parts[3] == "objections":
            parts[4] = "{case}"
    return "/".join(parts)


def _conversation_path(cid: str, *parts: str) -> str:
    segments = ["conversations", cid, *parts]
    return "/" + "/".join(quote(segment, safe="") for segment in segments)


def client() -> PortalClient:
    """Return a client configured from the environment (read at call time, for tests)."""
    return PortalClient()
