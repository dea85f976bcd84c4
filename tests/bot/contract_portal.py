"""A small real HTTP server that answers like the portal's internal API (docs/internal-api.md).

The actions talk to it over real sockets through their own client, so a test checks the
requests that really leave the action server: path, bearer token and JSON body.
"""

from __future__ import annotations

import json
import re
import threading
from dataclasses import dataclass, field
from datetime import date, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

TOKEN = "test-internal-token"
PREFIX = "/internal/v1"
REASON_CODES = {
    "childcare_clash",
    "health",
    "already_have_skill",
    "wrong_level",
    "too_far",
    "want_other_placement",
    "treatment_discrimination",
    "other",
}
LANGUAGE_CODES = ["sv", "en", "ar", "fa", "prs", "so", "ti", "uk", "ru", "ckb", "ku", "ps"]
# A few of the names people write; the real portal knows many more.
LANGUAGE_WORDS = {
    "arabic": "ar",
    "عربي": "ar",
    "العربية": "ar",
    "svenska": "sv",
    "swedish": "sv",
    "english": "en",
    "soomaali": "so",
    "somali": "so",
    "دری": "prs",
    "dari": "prs",
}
PUBLIC_SCHEDULE_URL = "https://ankomst.example.se/plan/upcoming"
SCHEDULE_FROM = "2026-11-23"  # a Monday
CROCKFORD_TYPOS = str.maketrans({"O": "0", "I": "1", "L": "1"})


def canonical_case_number(raw: str) -> str:
    """Return XXXX-XXXX for any accepted spelling of a case number."""
    compact = raw.replace("-", "").upper().translate(CROCKFORD_TYPOS)
    return f"{compact[:4]}-{compact[4:]}"


@dataclass
class Conversation:
    """What the portal knows about one conversation, and the person behind it."""

    language: str = "sv"
    channel: str = "sms"
    person: str | None = "person-1"
    next_activity: dict[str, Any] | None = None
    schedule: list[dict[str, Any]] = field(default_factory=list)
    plan: dict[str, Any] | None = None
    # The whole answer to POST schedule/query; without it the answer is built from the two above.
    schedule_answer: dict[str, Any] | None = None
    sms_max_segments: int | None = 3


@dataclass
class Request:
    """One request the server received."""

    method: str
    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]
    body: Any


class ContractPortal:
    """The portal's internal API over HTTP on 127.0.0.1, backed by plain dictionaries."""

    def __init__(self) -> None:
        self.conversations: dict[str, Conversation] = {}
        self.objections: dict[str, list[dict[str, Any]]] = {}  # person -> cases
        self.idempotency: dict[str, dict[str, Any]] = {}
        self.search_index: list[dict[str, Any]] = []
        self.handoffs: list[dict[str, Any]] = []
        # How sure the search is; None: "confident" when something matched, else "none".
        self.search_confidence: str | None = None
        self.reception: dict[str, Any] = {"phone": None, "hours": None, "calls_back": False}
        self.requests: list[Request] = []
        self.fail_with_status: int | None = None
        self._case_counter = 0
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler_class())
        self._thread = threading.Thread(target=self._server.serve_forever, args=(0.05,), daemon=True)

    @property
    def url(self) -> str:
        """Return the base URL, as ANKOMST_PORTAL_URL would hold it."""
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def start(self) -> ContractPortal:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    # -- test set-up -----------------------------------------------------------------------

    def add_conversation(self, cid: str, **fields: Any) -> Conversation:
        """Register a conversation (identified unless ``person=None``)."""
        conversation = Conversation(**fields)
        self.conversations[cid] = conversation
        return conversation

    def add_objection(
        self,
        person: str,
        case_number: str,
        status: str,
        status_label: str,
        due_date: str | None = "2026-12-06",
        can_escalate: bool = False,
    ) -> None:
        """Store an existing objection of a person."""
        self.objections.setdefault(person, []).append(
            {
                "case_number": case_number,
                "status": status,
                "status_label": status_label,
                "due_date": due_date,
                "can_escalate": can_escalate,
                "escalation_deadline": "2026-12-20" if can_escalate else None,
                "timeline": [{"at": "2026-11-20T10:00:00+01:00", "status": status, "label": status_label}],
            }
        )

    def requests_to(self, method: str, path_suffix: str) -> list[Request]:
        """Return the received requests whose path ends with ``path_suffix``."""
        return [r for r in self.requests if r.method == method and r.path.endswith(path_suffix)]

    # -- the API ---------------------------------------------------------------------------

    def handle(self, request: Request) -> tuple[int, dict[str, Any]]:
        """Answer one request like the portal would."""
        if request.headers.get("authorization") != f"Bearer {TOKEN}":
            return 401, {"error": "unauthorized"}
        if self.fail_with_status:
            return self.fail_with_status, {"error": "server_error"}
        if not request.path.startswith(PREFIX):
            return 404, {"error": "not_found", "message": "Not found"}
        parts = [unquote(p) for p in request.path[len(PREFIX) :].strip("/").split("/")]
        if parts == ["search"]:
            return 200, self._search(request.query)
        if len(parts) < 2 or parts[0] != "conversations" or parts[1] not in self.conversations:
            return 404, {"error": "not_found", "message": "Not found"}
        conversation = self.conversations[parts[1]]
        route = (request.method, *parts[2:])
        if route == ("GET",):
            return 200, {
                "conversation": parts[1],
                "language": conversation.language,
                "channel": conversation.channel,
                "identified": conversation.person is not None,
                "reception": dict(self.reception),
            }
        if route == ("PUT", "language"):
            return self._set_language(conversation, request.body or {})
        if conversation.person is None:
            return 403, {"error": "not_identified", "message": "Sign in first"}
        if route == ("POST", "schedule", "query"):
            return self._schedule_answer(conversation, request.body or {})
        if route == ("GET", "plan"):
            return 200, {"plan": conversation.plan}
        if route == ("POST", "objections"):
            return self._file_objection(conversation, request.body or {})
        if route == ("GET", "objections"):
            cases = self.objections.get(conversation.person, [])
            return 200, {"objections": [{k: v for k, v in c.items() if k != "timeline"} for c in cases]}
        if len(route) == 3 and route[:2] == ("GET", "objections"):
            wanted = canonical_case_number(route[2])
            for case in self.objections.get(conversation.person, []):
                if case["case_number"] == wanted:
                    return 200, case
            return 404, {"error": "not_found", "message": "No such case"}
        if len(route) == 4 and route[:2] == ("POST", "objections") and route[3] == "escalate":
            return self._escalate(conversation, canonical_case_number(route[2]))
        if route == ("POST", "handoff"):
            return self._handoff(parts[1], request.body or {})
        return 404, {"error": "not_found", "message": "Not found"}

    def _schedule_answer(self, conversation: Conversation, body: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        # The real portal reads day words; this one answers what the test set up.
        if not isinstance(body.get("text"), str) or body.get("default") not in ("next", "coming"):
            return 422, {"error": "invalid", "message": "Bad question", "field": "text"}
        answer = conversation.schedule_answer
        if answer is None:
            question = {"first_day": None, "last_day": None, "day_word": None, "activity_types": [], "kind_label": None}
            if body["default"] == "next":
                answer = {"question": {**question, "span": "next"}, "days": [], "next": conversation.next_activity}
            else:
                first = date.fromisoformat(SCHEDULE_FROM)
                last = first + timedelta(days=int(body.get("days", 7)) - 1)
                span = {"span": "coming", "first_day": first.isoformat(), "last_day": last.isoformat()}
                answer = {"question": {**question, **span}, "days": conversation.schedule, "next": None}
        return 200, {"url": PUBLIC_SCHEDULE_URL, "sms_max_segments": conversation.sms_max_segments, **answer}

    def _set_language(self, conversation: Conversation, body: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        code = body.get("language")
        if code is None:
            choice = str(body.get("choice", "")).strip().casefold()
            code = LANGUAGE_WORDS.get(choice)
            if code is None:
                code = next((c for w, c in LANGUAGE_WORDS.items() if w in choice.split()), None)
        if code not in LANGUAGE_CODES:
            return 422, {"error": "invalid", "message": "Unknown language", "field": "language"}
        conversation.language = code
        return 200, {"language": code}

    def _file_objection(self, conversation: Conversation, body: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        key = body.get("idempotency_key")
        if not key:
            return 422, {"error": "invalid", "message": "Missing key", "field": "idempotency_key"}
        if key in self.idempotency:
            return 200, self.idempotency[key]
        if body.get("reason") not in REASON_CODES:
            return 422, {"error": "invalid", "message": "Unknown reason", "field": "reason"}
        self._case_counter += 1
        case_number = f"K7QX-{self._case_counter:04d}"
        self.add_objection(conversation.person, case_number, "received", "Mottagen")
        response = {
            "case_number": case_number,
            "status": "received",
            "status_label": "Mottagen",
            "due_date": "2026-12-06",
        }
        self.idempotency[key] = response
        return 201, response

    def _escalate(self, conversation: Conversation, wanted: str) -> tuple[int, dict[str, Any]]:
        for case in self.objections.get(conversation.person, []):
            if case["case_number"] != wanted:
                continue
            if not case["can_escalate"]:
                return 422, {
                    "error": "invalid",
                    "message": "The time to ask for a review has passed.",
                    "field": "case_number",
                }
            case.update(status="escalated", status_label="Sent for independent review", due_date="2027-01-05")
            case.update(can_escalate=False, escalation_deadline=None)
            return 200, case
        return 404, {"error": "not_found", "message": "No such case"}

    def _handoff(self, cid: str, body: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        self.handoffs.append({"conversation": cid, "note": body.get("note"), "interpreter": body.get("interpreter")})
        return 201, {"handoff": len(self.handoffs)}

    def _search(self, query: dict[str, list[str]]) -> dict[str, Any]:
        words = set(re.findall(r"\w+", query.get("q", [""])[0].casefold()))
        lang = query.get("lang", [""])[0]
        limit = int(query.get("limit", ["3"])[0])
        hits = [r for r in self.search_index if r["lang"] == lang and words & set(r["keywords"])]
        results = [{k: v for k, v in r.items() if k not in ("lang", "keywords")} for r in hits][:limit]
        # Like the real portal: how sure it is, the best section's answering sentences, the results.
        confidence = self.search_confidence or ("confident" if results else "none")
        best = results[0] if results and confidence != "none" else None
        answer = (
            {"title": best.get("section_title") or best["title"], "text": best["snippet"], "url": best["url"]}
            if best
            else None
        )
        return {"confidence": confidence, "answer": answer, "results": results, "fallback_language": None}

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        portal = self

        class Handler(BaseHTTPRequestHandler):
            def _serve(self) -> None:
                split = urlsplit(self.path)
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length) if length else b""
                request = Request(
                    method=self.command,
                    path=split.path,
                    query=parse_qs(split.query),
                    headers={k.lower(): v for k, v in self.headers.items()},
                    body=json.loads(raw) if raw else None,
                )
                portal.requests.append(request)
                status, payload = portal.handle(request)
                data = json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            do_GET = do_POST = do_PUT = _serve

            def log_message(self, format: str, *args: Any) -> None:
                pass  # keep test output quiet

        return Handler
