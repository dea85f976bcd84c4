"""The internal assistant API (/internal/v1) in the OpenAPI document, next to /api/v1.

Each path carries its own `servers` entry, so the one document describes both prefixes.
The contract in words is docs/internal-api.md.
"""

from __future__ import annotations

from typing import Any

from portal.api.openapi import add_path

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
_JSON = {"description": "OK", "content": {"application/json": {"schema": {"type": "object"}}}}


def _op(summary: str, params: list[dict[str, Any]] | None = None, body: bool = False, created: bool = False) -> dict:
    operation: dict[str, Any] = {
        "summary": summary,
        "security": _AUTH,
        "parameters": [_CID, *(params or [])],
        "responses": {("201" if created else "200"): _JSON, "401": _ERR, "403": _ERR, "404": _ERR, "422": _ERR},
    }
    if body:
        operation["requestBody"] = {"required": True, "content": {"application/json": {"schema": {"type": "object"}}}}
    return operation


_CASE = {"name": "case_number", "in": "path", "required": True, "schema": {"type": "string"}}
INTERNAL_PATHS: dict[str, dict[str, Any]] = {
    "/conversations/{cid}": {"get": _op("The conversation's language, channel and whether a person is identified")},
    "/conversations/{cid}/language": {"put": _op("Change the language by code or by what the person typed", body=True)},
    "/conversations/{cid}/next-activity": {"get": _op("The identified person's next activity")},
    "/conversations/{cid}/schedule": {
        "get": _op(
            "The coming days with activities",
            [{"name": "days", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 31}}],
        )
    },
    "/conversations/{cid}/plan": {"get": _op("A summary of the person's plan")},
    "/conversations/{cid}/objections": {
        "get": _op("The person's objections"),
        "post": _op("File an objection (idempotent on idempotency_key)", body=True, created=True),
    },
    "/conversations/{cid}/objections/{case_number}": {"get": _op("One case's status and timeline", [_CASE])},
    "/conversations/{cid}/handoff": {
        "post": _op("Ask for a person; caseworkers of the person's organisation see it", body=True, created=True)
    },
}


def register() -> None:
    """Add the internal paths to the shared OpenAPI document."""
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
                    {"name": "q", "in": "query", "required": True, "schema": {"type": "string"}},
                    {"name": "lang", "in": "query", "schema": {"type": "string"}},
                    {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 20}},
                ],
                "responses": {"200": _JSON, "401": _ERR},
            },
        },
    )


register()
