"""The internal assistant API (/internal/v1) in the OpenAPI document, next to /api/v1.

Each path carries its own `servers` entry, so the one document describes both prefixes.
The contract in words is docs/internal-api.md.
"""

from __future__ import annotations

from typing import Any

from portal.api.openapi import add_path, add_schema
from portal.channels.schedule_words import DayWord, Span
from portal.languages import CODES
from portal.models import Channel, ObjectionStatus, ReasonCode

# Path keys are appended to this server URL: /internal + /v1/conversations/... (unique next to /api/v1).
_SERVER = [{"url": "/internal"}]
_AUTH = [{"internalBearer": []}]
_CID = {
    "name": "cid",
    "in": "path",
    "required": True,
    "schema": {"type": "string"},
    "description": "The opaque conversation id (Rasa's sender id); never a phone number.",
}
_ERR = {"description": "Error", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}


def _ref(name: str) -> dict[str, Any]:
    return {"$ref": f"#/components/schemas/{name}"}


def _json(schema: dict[str, Any], description: str = "OK") -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def _op(
    summary: str,
    response: str,
    params: list[dict[str, Any]] | None = None,
    body: str | None = None,
    created: bool = False,
) -> dict:
    operation: dict[str, Any] = {
        "summary": summary,
        "security": _AUTH,
        "parameters": [_CID, *(params or [])],
        "responses": {
            ("201" if created else "200"): _json(_ref(response)),
            "401": _ERR,
            "403": _ERR,
            "404": _ERR,
            "422": _ERR,
        },
    }
    if body:
        operation["requestBody"] = {"required": True, "content": {"application/json": {"schema": _ref(body)}}}
    return operation


_STRING = {"type": "string"}
_OBJECTION = {
    "type": "object",
    "required": ["case_number", "status", "status_label", "due_date"],
    "properties": {
        "case_number": {"type": "string", "pattern": "^[0-9A-Z]{4}-[0-9A-Z]{4}$", "example": "K7QX-3M2A"},
        "status": {"type": "string", "enum": [s.value for s in ObjectionStatus]},
        "status_label": _STRING,
        "due_date": {"type": "string", "format": "date"},
        "can_escalate": {"type": "boolean", "description": "The person may ask for an independent review now."},
        "escalation_deadline": {
            "type": "string",
            "format": "date",
            "nullable": True,
            "description": "The last day to ask for an independent review of the first decision.",
        },
    },
}
INTERNAL_SCHEMAS: dict[str, dict[str, Any]] = {
    "EscalationRequest": {
        "type": "object",
        "properties": {"text": {"type": "string", "nullable": True, "description": "Why, in the person's own words."}},
    },
    "Conversation": {
        "type": "object",
        "required": ["conversation", "language", "channel", "identified"],
        "properties": {
            "conversation": _STRING,
            "language": {"type": "string", "enum": list(CODES)},
            "channel": {"type": "string", "enum": [c.value for c in Channel]},
            "identified": {"type": "boolean"},
        },
    },
    "LanguageChoice": {
        "type": "object",
        "description": "Either a language code or what the person typed ('3', 'arabic', 'عربي'); "
        "`language` wins when both are given.",
        "properties": {"language": _STRING, "choice": _STRING},
    },
    "LanguageChanged": {
        "type": "object",
        "required": ["language"],
        "properties": {"language": {"type": "string", "enum": list(CODES)}},
    },
    "NewObjection": {
        "type": "object",
        "required": ["reason", "text", "idempotency_key"],
        "properties": {
            "target": {"type": "string", "description": "plan (default), goal:<id>, activity:<id> or version:<id>"},
            "reason": {"type": "string", "enum": [r.value for r in ReasonCode]},
            "text": {"type": "string", "description": "Not empty once trimmed."},
            "wanted": _STRING,
            "interpreter": {"type": "boolean"},
            "phone_call": {"type": "boolean"},
            "idempotency_key": {
                "type": "string",
                "description": "8 to 64 characters once trimmed; a repeat answers like the first filing.",
            },
        },
    },
    "ObjectionSummary": _OBJECTION,
    "ObjectionList": {
        "type": "object",
        "required": ["objections"],
        "properties": {"objections": {"type": "array", "items": _ref("ObjectionSummary")}},
    },
    "ObjectionStatus": {
        "allOf": [
            _ref("ObjectionSummary"),
            {
                "type": "object",
                "required": ["timeline"],
                "properties": {
                    "timeline": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "required": ["at", "status", "label"],
                            "properties": {
                                "at": {"type": "string", "format": "date-time"},
                                "status": {"type": "string", "enum": [s.value for s in ObjectionStatus]},
                                "label": _STRING,
                            },
                        },
                    }
                },
            },
        ]
    },
    "ScheduleQuestion": {
        "type": "object",
        "description": "What the person wrote; the portal reads day words in the conversation's language.",
        "properties": {
            "text": {"type": "string", "description": "Only its first 300 characters are read."},
            "default": {
                "type": "string",
                "enum": [Span.NEXT.value, Span.COMING.value],
                "description": "Without a day word: the next activity (default) or the coming days.",
            },
            "days": {"type": "integer", "minimum": 1, "maximum": 31, "description": "The coming days: 7 by default."},
        },
    },
    "ScheduleAnswer": {
        "type": "object",
        "required": ["question", "days", "next", "url", "sms_max_segments"],
        "properties": {
            "question": {
                "type": "object",
                "required": ["span", "first_day", "last_day", "day_word", "activity_types", "kind_label"],
                "properties": {
                    "span": {"type": "string", "enum": [s.value for s in Span]},
                    "first_day": {"type": "string", "format": "date", "nullable": True},
                    "last_day": {"type": "string", "format": "date", "nullable": True},
                    "day_word": {"type": "string", "enum": [w.value for w in DayWord], "nullable": True},
                    "activity_types": {"type": "array", "items": _STRING},
                    "kind_label": {"type": "string", "nullable": True},
                },
            },
            "days": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["date", "activities"],
                    "properties": {
                        "date": {"type": "string", "format": "date"},
                        "activities": {"type": "array", "items": _ref("Activity")},
                    },
                },
            },
            "next": {"allOf": [_ref("Activity")], "nullable": True},
            "url": {"type": "string", "description": "The full list: absolute when the public address is known."},
            "sms_max_segments": {
                "type": "integer",
                "nullable": True,
                "description": "The segment budget of an SMS reply; null in a web chat.",
            },
        },
    },
    "HandoffRequest": {
        "type": "object",
        "properties": {"note": {"type": "string", "nullable": True, "description": "At most 1000 characters."}},
    },
    "Handoff": {"type": "object", "required": ["handoff"], "properties": {"handoff": {"type": "integer"}}},
    "CivicAnswer": {
        "type": "object",
        "description": "The one or two sentences of the best section that answer the question.",
        "required": ["title", "text", "url", "slug"],
        "properties": {
            "title": {"type": "string", "description": "The section heading."},
            "text": {"type": "string"},
            "sentences": {"type": "array", "items": {"type": "string"}},
            "url": {"type": "string", "example": "https://ankomst.example.se/info/halsa-och-vard#tandvard"},
            "slug": {"type": "string"},
            "section_anchor": {"type": "string"},
            "language": {"type": "string"},
        },
    },
    "InternalSearchResult": {
        "allOf": [
            _ref("SearchResult"),
            {
                "type": "object",
                "required": ["score"],
                "properties": {
                    "url": {"type": "string", "description": "Absolute, on PUBLIC_BASE_URL."},
                    "score": {"type": "number"},
                },
            },
        ]
    },
    "InternalSearchResults": {
        "type": "object",
        "required": ["confidence", "answer", "results", "fallback_language"],
        "properties": {
            "confidence": {"type": "string", "enum": ["confident", "middling", "none"]},
            "answer": {"allOf": [_ref("CivicAnswer")], "nullable": True},
            "results": {"type": "array", "items": _ref("InternalSearchResult")},
            "fallback_language": {
                "type": "string",
                "nullable": True,
                "enum": ["sv", None],
                "description": "sv when the conversation's language had nothing good and these are Swedish results.",
            },
        },
    },
}

_CASE = {"name": "case_number", "in": "path", "required": True, "schema": {"type": "string"}}
INTERNAL_PATHS: dict[str, dict[str, Any]] = {
    "/conversations/{cid}": {
        "get": _op("The conversation's language, channel and whether a person is identified", "Conversation")
    },
    "/conversations/{cid}/language": {
        "put": _op("Change the language by code or by what the person typed", "LanguageChanged", body="LanguageChoice")
    },
    "/conversations/{cid}/next-activity": {"get": _op("The identified person's next activity", "NextActivity")},
    "/conversations/{cid}/schedule": {
        "get": _op(
            "The coming days with activities",
            "Schedule",
            [{"name": "days", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 31}}],
        )
    },
    "/conversations/{cid}/schedule/query": {
        "post": _op(
            "The activities a question asks about ('tomorrow', 'friday?', 'next week'), or the next one",
            "ScheduleAnswer",
            body="ScheduleQuestion",
        )
    },
    "/conversations/{cid}/plan": {"get": _op("A summary of the person's plan", "PlanSummary")},
    "/conversations/{cid}/objections": {
        "get": _op("The person's objections", "ObjectionList"),
        "post": _op(
            "File an objection (idempotent on idempotency_key)", "ObjectionSummary", body="NewObjection", created=True
        ),
    },
    "/conversations/{cid}/objections/{case_number}": {
        "get": _op("One case's status and timeline", "ObjectionStatus", [_CASE])
    },
    "/conversations/{cid}/objections/{case_number}/escalate": {
        "post": _op(
            "Ask for an independent review of one case (422 with the reason when it cannot be asked now)",
            "ObjectionStatus",
            [_CASE],
            body="EscalationRequest",
        )
    },
    "/conversations/{cid}/handoff": {
        "post": _op(
            "Ask for a person; caseworkers of the person's organisation see it",
            "Handoff",
            body="HandoffRequest",
            created=True,
        )
    },
}


def register() -> None:
    """Add the internal paths to the shared OpenAPI document."""
    for name, schema in INTERNAL_SCHEMAS.items():
        add_schema(name, schema)
    for path, item in INTERNAL_PATHS.items():
        add_path(f"/v1{path}", {**item, "servers": _SERVER})
    add_path(
        "/v1/search",
        {
            "servers": _SERVER,
            "get": {
                "summary": "Search published civic information in a language (the assistant's civic answers)",
                "security": _AUTH,
                "parameters": [
                    {
                        "name": "q",
                        "in": "query",
                        "schema": {"type": "string"},
                        "description": "The question; only its first 200 characters count. Empty finds nothing.",
                    },
                    {"name": "lang", "in": "query", "schema": {"type": "string", "enum": list(CODES)}},
                    {
                        "name": "limit",
                        "in": "query",
                        "schema": {"type": "integer"},
                        "description": "How many results, 3 by default (also for 0); brought into 1..10.",
                    },
                ],
                "responses": {"200": _json(_ref("InternalSearchResults")), "401": _ERR, "422": _ERR},
            },
        },
    )


register()
