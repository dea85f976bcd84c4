"""The answers of the internal API's conversation routes (docs/internal-api.md), as JSON-ready dicts.

The action server and the portal's own fallback menu both use these functions, so a newcomer
gets the same facts whether Rasa is up or not. Every text is written in the conversation's
language (portal.i18n.in_language), and refusals raise AssistantError, which carries the
contract's error body and status.

Privacy rules kept here:
- Personal answers need an identified person: a web chat linked to a signed-in newcomer, or
  an SMS conversation whose number is, right now, the registered number of that person.
  Everyone else gets 403 not_identified (civic information only).
- A draft plan is not shown: the newcomer does not see it on the web either.
- The action server reaches a conversation only while it is live (`is_live`): within
  ASSISTANT_LIVE_WINDOW of its last inbound message, or, for a signed-in web chat, while its
  sign-in session lasts. Anyone who learns an id later (a log, a screenshot) gets nothing.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from flask import current_app
from flask_babel import gettext

from portal import i18n
from portal.channels import triage
from portal.channels.schedule_words import Span, read_question
from portal.channels.sms_text import portal_url
from portal.extensions import db
from portal.languages import DEFAULT_LANGUAGE, get_language, resolve_choice
from portal.models import Channel, Conversation, Person, utcnow
from portal.services import objections_assistant, plan_api
from portal.services.objections_assistant import AssistantError
from portal.services.schedule import STOCKHOLM
from portal.services.sessions import session_is_current

MAX_NOTE_CHARS = 1000
MAX_QUESTION_CHARS = 300  # a schedule question is short; a long message is read only this far

__all__ = ["AssistantError"]


def conversation_language(conversation: Conversation) -> str:
    """The conversation's language code (Swedish until one is known)."""
    lang = get_language(conversation.language)
    return lang.code if lang else DEFAULT_LANGUAGE


@contextmanager
def in_language(conversation: Conversation) -> Iterator[str]:
    """Write in the conversation's language for the duration of the block."""
    code = conversation_language(conversation)
    with i18n.in_language(code):
        yield code


def identified_person(conversation: Conversation) -> Person | None:
    """The person this conversation may see personal data of, or None."""
    person = conversation.person
    if person is None:
        return None
    if conversation.channel == Channel.SMS and person.phone != conversation.phone:
        # The number changed hands (or the person's number changed): no personal answers.
        return None
    return person


def is_live(conversation: Conversation) -> bool:
    """Whether the action server may act in this conversation now."""
    if conversation.channel == Channel.CHAT and conversation.person_id is not None:
        # Personal web chat: bound to its sign-in session, it ends at sign-out or expiry.
        record = conversation.signin_session
        return record is not None and record.person_id == conversation.person_id and session_is_current(record)
    return utcnow() - conversation.last_activity_at <= current_app.config["ASSISTANT_LIVE_WINDOW"]


def _require_person(conversation: Conversation) -> Person:
    person = identified_person(conversation)
    if person is None:
        raise _not_identified()
    return person


def _not_identified() -> AssistantError:
    return AssistantError(
        403,
        "not_identified",
        gettext(
            "I can only answer questions about your own plan when you are signed in, "
            "or when you write from the mobile number you registered with us."
        ),
    )


# -- routes ---------------------------------------------------------------------------------


def describe_conversation(conversation: Conversation) -> dict[str, Any]:
    """GET /conversations/{cid}."""
    return {
        "conversation": conversation.public_id,
        "language": conversation_language(conversation),
        "channel": conversation.channel.value,
        "identified": identified_person(conversation) is not None,
        # Someone we cannot identify may still ask for a person: the reception, nothing personal.
        "reception": reception_details(conversation),
    }


def reception_details(conversation: Conversation) -> dict[str, Any]:
    """The phone and hours of the reception that takes this conversation's stranger, in its language,
    and whether a stranger's request from here waits there to be called back (SMS and WhatsApp)."""
    from portal.services.reception import calls_back, contact_for, reception_for

    with in_language(conversation):
        contact = contact_for(reception_for(conversation))
    return {"phone": contact.phone, "hours": contact.hours, "calls_back": calls_back(conversation)}


def change_language(conversation: Conversation, payload: Any) -> dict[str, Any]:
    """PUT /conversations/{cid}/language with {"language": code} or {"choice": raw text}."""
    with in_language(conversation):
        if not isinstance(payload, dict):
            raise AssistantError(422, "invalid", gettext("Something in the request was wrong"))
        field = "language" if "language" in payload else "choice"
        raw = payload.get(field)
        if not isinstance(raw, str):
            raise AssistantError(422, "invalid", gettext("Something in the request was wrong"), field=field)
        # Words switch only when they ask for a language ("in English please"): a language named
        # for another reason ("how can I learn Swedish") is not a request (channels.triage).
        lang = get_language(raw) if field == "language" else _requested_language(raw)
        if lang is None:
            raise AssistantError(
                422, "invalid", gettext("That language is not available. Please choose one from the list."), field=field
            )
    set_conversation_language(conversation, lang.code)
    db.session.commit()
    return {"language": lang.code}


def _requested_language(raw: str):
    code = triage.language_request(raw)
    if code:
        return get_language(code)
    # A menu answer: a number or a bare code.
    stripped = raw.strip()
    return resolve_choice(stripped) if stripped.isdecimal() or len(stripped) <= 3 else None


def set_conversation_language(conversation: Conversation, code: str) -> None:
    """Change the language; an identified person's stored preference follows (it is their choice)."""
    conversation.language = code
    person = identified_person(conversation)
    if person is not None:
        person.preferred_language = code


def next_activity(conversation: Conversation) -> dict[str, Any]:
    """GET /conversations/{cid}/next-activity."""
    with in_language(conversation):
        return plan_api.next_activity_for(_require_person(conversation))


def schedule(conversation: Conversation, days_arg: str | None) -> dict[str, Any]:
    """GET /conversations/{cid}/schedule?days=7: the coming days that have activities."""
    with in_language(conversation):
        person = _require_person(conversation)
        try:
            days = int(days_arg) if days_arg is not None else 7
        except ValueError:
            days = 0
        if not 1 <= days <= plan_api.MAX_SCHEDULE_DAYS:
            raise AssistantError(422, "invalid", gettext("Something in the request was wrong"), field="days")
        return plan_api.schedule_for(person, days)


def schedule_question(conversation: Conversation, payload: Any, public_base_url: str) -> dict[str, Any]:
    """POST /conversations/{cid}/schedule/query: the activities a question such as "friday?" asks about.

    The person's words come in a body, not a query string, so they never reach an access log.
    """
    with in_language(conversation) as code:
        person = _require_person(conversation)
        text, default, days = _schedule_question_body(payload)
        moment = plan_api.now()
        today = moment.astimezone(STOCKHOLM).date()
        question = read_question(text[:MAX_QUESTION_CHARS], code, today, default=default, days=days)
        answer = plan_api.schedule_answer_for(person, question, moment)
    channel = conversation.channel
    return {
        **answer,
        "url": portal_url(plan_api.SCHEDULE_PATH, public_base_url),
        # What the reply may cost: the portal fits SMS replies to this many segments.
        "sms_max_segments": current_app.config["SMS_MAX_SEGMENTS"] if channel == Channel.SMS else None,
    }


def _schedule_question_body(payload: Any) -> tuple[str, Span, int]:
    def invalid(field: str | None = None) -> AssistantError:
        return AssistantError(422, "invalid", gettext("Something in the request was wrong"), field=field)

    if not isinstance(payload, dict):
        raise invalid()
    text = payload.get("text", "")
    if not isinstance(text, str):
        raise invalid("text")
    default = payload.get("default", Span.NEXT.value)
    if default not in (Span.NEXT.value, Span.COMING.value):
        raise invalid("default")
    days = payload.get("days", 7)
    if isinstance(days, bool) or not isinstance(days, int) or not 1 <= days <= plan_api.MAX_SCHEDULE_DAYS:
        raise invalid("days")
    return text, Span(default), days


def plan_summary(conversation: Conversation) -> dict[str, Any]:
    """GET /conversations/{cid}/plan."""
    with in_language(conversation):
        return plan_api.plan_summary_for(_require_person(conversation))


def file_objection(conversation: Conversation, payload: Any) -> dict[str, Any]:
    """POST /conversations/{cid}/objections (the objection service does the work)."""
    with in_language(conversation) as code:
        person = _require_person(conversation)
    return objections_assistant.file_objection_for_assistant(person, payload, code)


def list_objections(conversation: Conversation) -> dict[str, Any]:
    """GET /conversations/{cid}/objections."""
    with in_language(conversation) as code:
        person = _require_person(conversation)
    return objections_assistant.list_objections_for_assistant(person, code)


def objection_status(conversation: Conversation, case_number: str) -> dict[str, Any]:
    """GET /conversations/{cid}/objections/{case_number}; another person's case is not found."""
    with in_language(conversation) as code:
        person = _require_person(conversation)
    return objections_assistant.objection_status_for_assistant(person, case_number, code)


def escalate_objection(conversation: Conversation, case_number: str, payload: Any) -> dict[str, Any]:
    """POST /conversations/{cid}/objections/{case_number}/escalate: ask for an independent review."""
    with in_language(conversation) as code:
        person = _require_person(conversation)
    return objections_assistant.escalate_objection_for_assistant(person, case_number, payload, code)


def request_handoff(conversation: Conversation, payload: Any) -> dict[str, Any]:
    """POST /conversations/{cid}/handoff: a caseworker of the person's organisation will see it.

    A stranger (no identified person) still gets 403 not_identified, so the assistant tells them
    the reception's contact (GET /conversations/{cid}), but an SMS stranger's request is first
    queued at that reception (services.reception), so the reception can call them back.
    """
    from portal.services.handoffs import create_handoff
    from portal.services.reception import create_stranger_handoff

    with in_language(conversation):
        person = identified_person(conversation)
        if not isinstance(payload, dict):
            raise AssistantError(422, "invalid", gettext("Something in the request was wrong"))
        note = payload.get("note")
        if note is not None and not isinstance(note, str):
            raise AssistantError(422, "invalid", gettext("Something in the request was wrong"), field="note")
        note = (note or "").strip() or None
        interpreter = payload.get("interpreter")
        if interpreter is not None and (not isinstance(interpreter, str) or get_language(interpreter) is None):
            raise AssistantError(422, "invalid", gettext("Something in the request was wrong"), field="interpreter")
        if note and len(note) > MAX_NOTE_CHARS:
            raise AssistantError(
                422,
                "invalid",
                gettext("Please write at most %(count)s characters.", count=MAX_NOTE_CHARS),
                field="note",
            )
    interpreter = get_language(interpreter).code if interpreter else None
    if person is None:
        create_stranger_handoff(conversation, note, interpreter=interpreter)
        with in_language(conversation):
            raise _not_identified()  # nothing personal goes back, not even the request's id
    handoff = create_handoff(person, conversation, note, interpreter=interpreter)
    return {"handoff": handoff.id}
