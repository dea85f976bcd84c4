"""/internal/v1/conversations/{cid}/…: the action server's view of one conversation (docs/internal-api.md).

Thin views: find the conversation, call one function of services.assistant_api, answer JSON.
"""

from __future__ import annotations

from typing import Any

from flask import abort, current_app, jsonify, request

from portal.data.conversations import get_conversation
from portal.internal.base import bp
from portal.models import Conversation
from portal.services import assistant_api
from portal.services.assistant_api import AssistantError


@bp.errorhandler(AssistantError)
def _assistant_error(error: AssistantError):
    return jsonify(error.body()), error.status


def _conversation(cid: str) -> Conversation:
    # An ended conversation answers like an unknown one: the id is no key once it is over.
    conversation = get_conversation(cid)
    if conversation is None or not assistant_api.is_live(conversation):
        abort(404)
    return conversation


def _json_body() -> Any:
    return request.get_json(silent=True)


@bp.get("/conversations/<cid>")
def conversation(cid: str):
    return jsonify(assistant_api.describe_conversation(_conversation(cid)))


@bp.put("/conversations/<cid>/language")
def language(cid: str):
    return jsonify(assistant_api.change_language(_conversation(cid), _json_body()))


@bp.get("/conversations/<cid>/next-activity")
def next_activity(cid: str):
    return jsonify(assistant_api.next_activity(_conversation(cid)))


@bp.get("/conversations/<cid>/schedule")
def schedule(cid: str):
    return jsonify(assistant_api.schedule(_conversation(cid), request.args.get("days")))


@bp.post("/conversations/<cid>/schedule/query")
def schedule_question(cid: str):
    # Links in replies are absolute, so a phone can open them: the public address when there
    # is one, else the address the action server reached us on (a local run).
    base = current_app.config.get("PUBLIC_BASE_URL") or request.host_url
    return jsonify(assistant_api.schedule_question(_conversation(cid), _json_body(), base))


@bp.get("/conversations/<cid>/plan")
def plan(cid: str):
    return jsonify(assistant_api.plan_summary(_conversation(cid)))


@bp.post("/conversations/<cid>/objections")
def file_objection(cid: str):
    return jsonify(assistant_api.file_objection(_conversation(cid), _json_body())), 201


@bp.get("/conversations/<cid>/objections")
def objections(cid: str):
    return jsonify(assistant_api.list_objections(_conversation(cid)))


@bp.get("/conversations/<cid>/objections/<case_number>")
def objection(cid: str, case_number: str):
    return jsonify(assistant_api.objection_status(_conversation(cid), case_number))


@bp.post("/conversations/<cid>/objections/<case_number>/escalate")
def escalate_objection(cid: str, case_number: str):
    return jsonify(assistant_api.escalate_objection(_conversation(cid), case_number, _json_body()))


@bp.post("/conversations/<cid>/handoff")
def handoff(cid: str):
    return jsonify(assistant_api.request_handoff(_conversation(cid), _json_body())), 201
