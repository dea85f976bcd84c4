"""The OpenAPI 3 document of /api/v1, kept as plain dicts in one place.

Each area adds its paths to PATHS and its schemas to SCHEMAS (or calls add_path /
add_schema from its own module). `tests/api/test_openapi.py` checks that every /api/v1
route is described here.
"""

from __future__ import annotations

import copy
from typing import Any

from portal.languages import CODES

INFO: dict[str, Any] = {
    "title": "Ankomst API",
    "version": "1",
    "description": "Civic information for newcomers in Sweden, in 12 languages.",
}

LANG_PARAMETER = {
    "name": "lang",
    "in": "query",
    "required": False,
    "description": "Language code. Defaults to the request's language (Accept-Language, then Swedish).",
    "schema": {"type": "string", "enum": list(CODES)},
}
_ERROR = {"description": "Error", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}


def _json(schema: str, description: str = "OK") -> dict[str, Any]:
    return {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{schema}"}}},
    }


SCHEMAS: dict[str, Any] = {
    "Error": {
        "type": "object",
        "required": ["error"],
        "properties": {
            "error": {"type": "string"},
            "message": {"type": "string"},
            "field": {"type": "string", "description": "The input that was wrong, when one was."},
        },
    },
    "ModuleSummary": {
        "type": "object",
        "required": ["slug", "title", "summary", "language", "fallback", "url"],
        "properties": {
            "slug": {"type": "string"},
            "title": {"type": "string"},
            "summary": {"type": "string", "maxLength": 160},
            "language": {"type": "string", "description": "The language of title and summary."},
            "fallback": {"type": "boolean", "description": "True when shown in Swedish for lack of a translation."},
            "icon": {"type": "string"},
            "url": {"type": "string"},
        },
    },
    "ModuleList": {
        "type": "object",
        "required": ["language", "modules"],
        "properties": {
            "language": {"type": "string"},
            "modules": {"type": "array", "items": {"$ref": "#/components/schemas/ModuleSummary"}},
        },
    },
    "Module": {
        "type": "object",
        "required": ["slug", "language", "requested_language", "fallback", "status", "title", "summary", "sections"],
        "properties": {
            "slug": {"type": "string"},
            "language": {"type": "string"},
            "requested_language": {"type": "string"},
            "fallback": {"type": "boolean"},
            "status": {"type": "string", "enum": ["current", "stale", "missing", "unreviewed"]},
            "review_status": {"type": "string", "enum": ["unreviewed-draft", "reviewed"]},
            "source_revision": {"type": "string", "pattern": "^[0-9a-f]{12}$"},
            "title": {"type": "string"},
            "summary": {"type": "string"},
            "last_updated": {"type": "string", "format": "date"},
            "url": {"type": "string"},
            "introduction": {"type": "string", "nullable": True, "description": "Sanitised HTML."},
            "sections": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["anchor", "title", "html"],
                    "properties": {
                        "anchor": {"type": "string"},
                        "title": {"type": "string"},
                        "html": {"type": "string", "description": "Sanitised HTML."},
                    },
                },
            },
            "related": {"type": "array", "items": {"type": "string"}},
        },
    },
    "SearchResult": {
        "type": "object",
        "required": ["slug", "title", "summary", "section_anchor", "section_title", "snippet", "url"],
        "properties": {
            "slug": {"type": "string"},
            "title": {"type": "string"},
            "summary": {"type": "string"},
            "section_anchor": {"type": "string", "description": "Empty for the module introduction."},
            "section_title": {"type": "string"},
            "snippet": {"type": "string"},
            "url": {"type": "string", "example": "/info/halsa-och-vard#vardcentral"},
            "language": {"type": "string"},
            "local": {"type": "boolean", "description": "A municipality's local section."},
        },
    },
    "SearchResults": {
        "type": "object",
        "required": ["query", "language", "fallback", "results"],
        "properties": {
            "query": {"type": "string"},
            "requested_language": {"type": "string"},
            "language": {"type": "string", "description": "The language of the results."},
            "fallback": {
                "type": "boolean",
                "description": "True when nothing good matched in the language and these are Swedish results.",
            },
            "confidence": {
                "type": "string",
                "enum": ["confident", "middling", "none"],
                "description": "How sure search is of the first result: none means nothing good was found.",
            },
            "results": {"type": "array", "items": {"$ref": "#/components/schemas/SearchResult"}},
        },
    },
}

PATHS: dict[str, Any] = {
    "/openapi.json": {
        "get": {
            "summary": "This document",
            "operationId": "getOpenApi",
            "responses": {"200": {"description": "The OpenAPI document"}},
        }
    },
    "/modules": {
        "get": {
            "summary": "List the civic-information modules in a language",
            "operationId": "listModules",
            "tags": ["civic information"],
            "parameters": [LANG_PARAMETER],
            "responses": {"200": _json("ModuleList"), "400": _ERROR},
        }
    },
    "/modules/{slug}": {
        "get": {
            "summary": "Get one module in a language (Swedish, announced, when not translated)",
            "operationId": "getModule",
            "tags": ["civic information"],
            "parameters": [
                {"name": "slug", "in": "path", "required": True, "schema": {"type": "string"}},
                LANG_PARAMETER,
            ],
            "responses": {"200": _json("Module"), "400": _ERROR, "404": _ERROR},
        }
    },
    "/search": {
        "get": {
            "summary": "Search the published civic information in a language",
            "description": "Ranked modules, each with its best section and a snippet. With no results in the "
            "language, Swedish results are returned and `fallback` is true.",
            "operationId": "searchContent",
            "tags": ["civic information"],
            "parameters": [
                {
                    "name": "q",
                    "in": "query",
                    "schema": {"type": "string"},
                    "description": "The question; only its first 200 characters count. Empty finds nothing.",
                },
                LANG_PARAMETER,
                {
                    "name": "limit",
                    "in": "query",
                    "schema": {"type": "integer"},
                    "description": "How many results, 10 by default (also for 0); brought into 1..20.",
                },
            ],
            "responses": {"200": _json("SearchResults"), "400": _ERROR, "429": _ERROR},
        }
    },
    # The calendar feed is not under /api/v1 (calendar apps are handed its URL), so it names its
    # own server, as the internal API does: the path is /calendar/{token}.ics.
    "/{token}.ics": {
        "servers": [{"url": "/calendar"}],
        "get": {
            "summary": "A newcomer's activities as an iCalendar feed",
            "description": "From two weeks back to six months ahead, titled in the person's language. Made and "
            "turned off on /plan/calendar; subscribe with the same URL as webcal:// (the page gives it, with a "
            "QR code). The token is the only credential: it is shown once and stored as a hash.",
            "operationId": "getCalendarFeed",
            "tags": ["calendar"],
            "security": [],
            "parameters": [
                {
                    "name": "token",
                    "in": "path",
                    "required": True,
                    "schema": {"type": "string"},
                    "description": "The secret token of one person's feed.",
                }
            ],
            "responses": {
                "200": {
                    "description": "The feed (RFC 5545)",
                    "content": {"text/calendar": {"schema": {"type": "string"}}},
                },
                "404": {"description": "No such feed, or it was turned off"},
                "429": {"description": "More than 60 requests a minute"},
            },
        },
    },
}


def add_path(path: str, item: dict[str, Any]) -> None:
    """Describe a path (relative to /api/v1); operations merge with ones already there."""
    PATHS.setdefault(path, {}).update(item)


def add_schema(name: str, schema: dict[str, Any]) -> None:
    SCHEMAS[name] = schema


def build_spec() -> dict[str, Any]:
    """The whole OpenAPI document."""
    return {
        "openapi": "3.0.3",
        "info": INFO,
        "servers": [{"url": "/api/v1"}],
        "paths": copy.deepcopy(PATHS),
        "components": {"schemas": copy.deepcopy(SCHEMAS), "securitySchemes": SECURITY_SCHEMES},
    }


SECURITY_SCHEMES: dict[str, Any] = {
    # The newcomer's signed-in browser session (the cookie set by the SMS-code sign-in).
    "newcomerSession": {"type": "apiKey", "in": "cookie", "name": "ankomst_session"},
    # The action server's bearer token (ANKOMST_INTERNAL_TOKEN) for /internal/v1.
    "internalBearer": {"type": "http", "scheme": "bearer"},
}
