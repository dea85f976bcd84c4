"""Objections for the assistant (SMS and chat): JSON-ready answers as docs/internal-api.md describes.

The internal API mounts these under /internal/v1/conversations/{cid}/objections. Each takes
the identified Person and the conversation's language code, and writes every text in that
language. Refusals raise AssistantError, which carries the contract's error body and status.

Decisions:
- An idempotent repeat (same idempotency_key) answers exactly like the first filing, so the
  route returns 201 both times: the action server need not tell a retry from a first call.
- The conversation's language is the fallback for detecting the language of the free text:
  it is the language the person is writing to us in right now.
- `target` defaults to "plan" (the bot usually cannot name a goal or activity by id), but
  "goal:<id>", "activity:<id>" and "version:<id>" work as on the web, scoped to the plan.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from flask_babel import gettext

from portal.data.objections import get_objection_for_person, list_objections_for_person
from portal.i18n import in_language
from portal.languages import get_language
from portal.local_time import STOCKHOLM
from portal.models import Objection, Person
from portal.services.objection_text import case_status_label, timeline
from portal.services.objections import (
    ObjectionError,
    ObjectionInput,
    can_escalate,
    escalate,
    escalation_deadline,
    file_objection,
    normalise_case_number,
)


class AssistantError(Exception):
    """A refusal in the internal API's error format: {"error", "message"[, "field"]} with a 4xx status."""

    def __init__(self, status: int, error: str, message: str, field: str | None = None) -> None:
        super().__init__(error)
        self.status = status
        self.error = error
        self.message = message
        self.field = field

    def body(self) -> dict[str, Any]:
        body: dict[str, Any] = {"error": self.error, "message": self.message}
        if self.field:
            body["field"] = self.field
        return body


@contextmanager
def _in_language(person: Person, lang: str | None) -> Iterator[str]:
    language = get_language(lang)
    code = language.code if language else person.preferred_language
    with in_language(code):
        yield code


def summary(objection: Objection) -> dict[str, Any]:
    """One case in the contract's short form, in the current locale."""
    return {
        "case_number": objection.display_case_number,
        "status": objection.status.value,
        "status_label": case_status_label(objection),
        "due_date": objection.current_due_date.isoformat(),
        # What the assistant needs to offer the independent review to someone with only SMS.
        "can_escalate": can_escalate(objection),
        "escalation_deadline": deadline.isoformat() if (deadline := escalation_deadline(objection)) else None,
    }


def _text(payload: dict[str, Any], name: str) -> str:
    value = payload.get(name, "")
    if value is None:
        return ""
    if not isinstance(value, str):
        raise AssistantError(422, "invalid", gettext("Something in the request was wrong"), field=name)
    return value


def file_objection_for_assistant(person: Person, payload: Any, lang: str | None) -> dict[str, Any]:
    """File an objection from the assistant; answers the 201 body of POST .../objections."""
    with _in_language(person, lang) as code:
        if not isinstance(payload, dict):
            raise AssistantError(422, "invalid", gettext("Something in the request was wrong"))
        data = ObjectionInput(
            target=_text(payload, "target") or "plan",
            reason=_text(payload, "reason"),
            text=_text(payload, "text"),
            wanted=_text(payload, "wanted"),
            interpreter=payload.get("interpreter") is True,
            phone_call=payload.get("phone_call") is True,
            idempotency_key=_text(payload, "idempotency_key"),
            channel="assistant",
            language_hint=code,
        )
        try:
            objection, _created = file_objection(person, data, actor_kind="assistant")
        except ObjectionError as error:
            raise AssistantError(422, "invalid", error.message, field=error.field) from error
        return summary(objection)


def list_objections_for_assistant(person: Person, lang: str | None) -> dict[str, Any]:
    """The person's cases, newest first; answers GET .../objections."""
    with _in_language(person, lang):
        return {"objections": [summary(o) for o in list_objections_for_person(person)]}


def objection_status_for_assistant(person: Person, case_number: str, lang: str | None) -> dict[str, Any]:
    """One of the person's cases with its timeline; another person's case is not found."""
    with _in_language(person, lang):
        objection = get_objection_for_person(person, normalise_case_number(case_number))
        if objection is None:
            raise AssistantError(404, "not_found", gettext("We could not find a case with that number."))
        return {
            **summary(objection),
            "timeline": [
                {"at": entry.at.astimezone(STOCKHOLM).isoformat(), "status": entry.status.value, "label": entry.label}
                for entry in timeline(objection)
            ],
        }


def escalate_objection_for_assistant(
    person: Person, case_number: str, payload: Any, lang: str | None
) -> dict[str, Any]:
    """Ask for an independent review of one of the person's cases; answers like the status route.

    POST /conversations/{cid}/objections/{case_number}/escalate with an optional {"text": str}, so
    a newcomer with only SMS can escalate too. A refusal (too late, upheld, not decided) is a 422
    with the reason in the person's language.
    """
    with _in_language(person, lang):
        objection = get_objection_for_person(person, normalise_case_number(case_number))
        if objection is None:
            raise AssistantError(404, "not_found", gettext("We could not find a case with that number."))
        # The body is an object, as documented ({} when there is nothing to add): anything else
        # is refused before the case moves.
        if not isinstance(payload, dict):
            raise AssistantError(422, "invalid", gettext("Something in the request was wrong"), field="text")
        text = _text(payload, "text")
        try:
            escalate(objection, person, text=text, actor_kind="assistant")
        except ObjectionError as error:
            raise AssistantError(422, "invalid", error.message, field=error.field or "case_number") from error
    return objection_status_for_assistant(person, case_number, lang)
