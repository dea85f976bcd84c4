"""The signed-in newcomer's own plan as JSON: /api/v1/me/... (read-only, so no CSRF needed)."""

from __future__ import annotations

from flask import jsonify, request
from flask_babel import gettext

from portal.access import current_person
from portal.api.base import bp, language_param
from portal.api.openapi import LANG_PARAMETER, add_path, add_schema
from portal.i18n import in_language
from portal.services import plan_api


def _person_or_401():
    person = current_person()
    if person is None:
        return None, (jsonify(error="unauthorized", message=gettext("Please sign in")), 401)
    return person, None


def _locale():
    return in_language(language_param(request.args.get("lang")))


@bp.get("/me/plan")
def my_plan():
    person, error = _person_or_401()
    if error:
        return error
    with _locale():
        return jsonify(plan_api.plan_summary_for(person))


@bp.get("/me/next-activity")
def my_next_activity():
    person, error = _person_or_401()
    if error:
        return error
    with _locale():
        return jsonify(plan_api.next_activity_for(person))


@bp.get("/me/schedule")
def my_schedule():
    person, error = _person_or_401()
    if error:
        return error
    days = request.args.get("days", "14")
    if not days.isdecimal() or not 1 <= int(days) <= plan_api.MAX_SCHEDULE_DAYS:
        return jsonify(error="invalid", field="days", message=gettext("Something in the request was wrong")), 422
    with _locale():
        return jsonify(plan_api.schedule_for(person, int(days)))


_ACTIVITY = {
    "type": "object",
    "properties": {
        "title": {"type": "string"},
        "starts_at": {"type": "string", "format": "date-time"},
        "ends_at": {"type": "string", "format": "date-time"},
        "place": {"type": "string", "nullable": True},
        "provider": {"type": "string", "nullable": True},
        "map_url": {"type": "string", "nullable": True},
    },
}
add_schema("Activity", _ACTIVITY)
add_schema(
    "NextActivity",
    {
        "type": "object",
        "properties": {"activity": {"allOf": [{"$ref": "#/components/schemas/Activity"}], "nullable": True}},
    },
)
add_schema(
    "Schedule",
    {
        "type": "object",
        "properties": {
            "days": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {
                        "date": {"type": "string", "format": "date"},
                        "activities": {"type": "array", "items": {"$ref": "#/components/schemas/Activity"}},
                    },
                },
            }
        },
    },
)
add_schema(
    "PlanSummary",
    {
        "type": "object",
        "properties": {
            "plan": {
                "type": "object",
                "nullable": True,
                "properties": {
                    "status": {"type": "string"},
                    "status_label": {"type": "string"},
                    "hours_per_week": {"type": "number"},
                    "awaiting_acknowledgement": {"type": "boolean"},
                    "goals": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "properties": {
                                "title": {"type": "string"},
                                "horizon": {"type": "string", "enum": ["short", "long"]},
                            },
                        },
                    },
                    "activities": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "properties": {"title": {"type": "string"}, "hours_per_week": {"type": "number"}},
                        },
                    },
                    "url": {"type": "string"},
                },
            }
        },
    },
)

_ERR = {"description": "Error", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}


def _op(summary: str, schema: str, extra_params: list | None = None, security: str = "newcomerSession") -> dict:
    return {
        "get": {
            "summary": summary,
            "parameters": [LANG_PARAMETER, *(extra_params or [])],
            "security": [{security: []}],
            "responses": {
                "200": {
                    "description": "OK",
                    "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{schema}"}}},
                },
                "400": _ERR,
                "401": _ERR,
                "422": _ERR,
            },
        }
    }


add_path("/me/plan", _op("The signed-in newcomer's plan, in the requested language", "PlanSummary"))
add_path("/me/next-activity", _op("The signed-in newcomer's next activity", "NextActivity"))
add_path(
    "/me/schedule",
    _op(
        "The signed-in newcomer's coming days with activities",
        "Schedule",
        [{"name": "days", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 31}}],
    ),
)
