"""What goes to the assistant for one message: its text, or an explicit intent, and metadata.

portal.channels.triage reads emergencies, explicit language requests and interpreter requests
with word lists, because safety and the stored language must not hang on a classifier's guess.
A recognised message goes to Rasa as an explicit intent (``/emergency``), which Rasa takes
without its NLU, so its dialogue rules still decide what happens next (leaving a half-filled
form first). The person's own words travel in the metadata, for the civic search and the
caseworker's note.

People's own messages never start with "/" when they reach Rasa: Rasa would read "/affirm" as
the intent itself, and anyone could confirm a form or pick an intent by typing one.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from portal.channels import triage
from portal.models import Conversation


@dataclass(frozen=True)
class AssistantMessage:
    """The text Rasa gets, and what the portal found in the message."""

    text: str
    metadata: dict[str, Any] = field(default_factory=dict)


def _plain(text: str) -> str:
    stripped = text.strip()
    if stripped.startswith("/"):
        stripped = stripped.lstrip("/ ").strip() or "?"
    return stripped


def assistant_message(conversation: Conversation, text: str) -> AssistantMessage:
    """Return what to send to the assistant for `text`, written in this conversation."""
    plain = _plain(text)
    emergencies = triage.find_emergencies(plain)
    if emergencies:
        return AssistantMessage("/emergency", {"text": plain, "triage": {"emergencies": [e.kind for e in emergencies]}})
    wants_interpreter, interpreter_language = triage.interpreter_request(plain)
    if wants_interpreter:
        return AssistantMessage(
            "/ask_interpreter",
            {"text": plain, "triage": {"interpreter": interpreter_language or conversation.language}},
        )
    case = triage.case_number(plain)
    if triage.asks_for_review(plain, with_case=bool(case)):
        # Someone with only SMS asks for an independent review, as the decision SMS tells them.
        entity = json.dumps({"case_number": case}) if case else ""
        return AssistantMessage(f"/request_review{entity}", {"text": plain, "triage": {"case_number": case}})
    if case:
        # A case number in a message is a question about that case, also in the middle of a form.
        entity = json.dumps({"case_number": case})
        return AssistantMessage(f"/objection_status{entity}", {"text": plain, "triage": {"case_number": case}})
    if triage.asks_objection_status(plain):
        # "I sent a complaint three weeks ago, what happened?": the list of their objections.
        return AssistantMessage("/objection_status", {"text": plain})
    if triage.agrees_with_plan(plain) or triage.asks_about_signing(plain):
        # "I agree with the plan" and "must I sign the plan?" name the plan, and the classifier
        # opened the objection form or searched the content; the answer is how to confirm it.
        return AssistantMessage("/ask_acknowledge", {"text": plain})
    if triage.objects_to_plan(plain):
        # "I complain about the SFI class, I am old": the classifier searched the content for the
        # reason; the form asks which part, and one word leaves it.
        return AssistantMessage("/file_objection", {"text": plain})
    requested = triage.language_request(plain)
    if requested and requested != conversation.language:
        return AssistantMessage("/choose_language", {"text": plain, "triage": {"language": requested}})
    question = triage.after_greeting(plain)
    if question:
        # "marhaba, when is my next class": the classifier reads the greeting and misses the
        # question, so it gets the question; the whole message is in the metadata.
        return AssistantMessage(_plain(question), {"text": plain})
    return AssistantMessage(plain)
