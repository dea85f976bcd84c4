"""Emergencies: the right number first, in the person's language, then what the content says.

The portal's triage (portal/channels/triage/) recognises the message and sends the
``emergency`` intent with the kinds it found, gravest first. A half-filled form is left before
this runs (data/rules/objections.yml), so nothing from an emergency is ever filed.
"""

from __future__ import annotations

from typing import Any

from rasa_sdk.events import EventType, SlotSet

from actions.civic import answer_of, confidence_of, say_answer, search
from actions.conversation import PortalAction, Turn
from actions.i18n import Messages

DEFAULT_KINDS = ["danger"]
# The module whose sections go on from each number (shelters, crisis lines, the advice line).
KIND_MODULES = {
    "violence": "trygghet-och-akut-hjalp",
    "danger": "trygghet-och-akut-hjalp",
    "suicide": "trygghet-och-akut-hjalp",
    "health": "halsa-och-vard",
}


def _kind_first(found: dict[str, Any], kinds: list[str]) -> dict[str, Any]:
    """The search response with a hit from the emergency's own module first, when it has one.

    "Is there a safe place for me and the children?" after violence at home shares words with
    preschool and housing; the shelter section is what goes on from the help line.
    """
    wanted = {KIND_MODULES[kind] for kind in kinds if kind in KIND_MODULES}
    results = found.get("results") or []
    if not results or results[0].get("slug") in wanted:
        return found
    for result in results[1:]:
        if result.get("slug") in wanted:
            return {**found, "answer": None, "results": [result, *(r for r in results if r is not result)]}
    return found


def emergency_lines(messages: Messages, kinds: list[str]) -> list[str]:
    """Return the line with the right number for each kind of emergency, gravest first."""
    _ = messages._
    lines = {
        "suicide": _(
            "If you think about taking your life, call 90101 (Mind, free, every day) now. "
            "If you are in danger right now, call 112."
        ),
        "violence": _(
            "If someone hurts or threatens you at home, call Kvinnofridslinjen on 020-50 50 50: "
            "free, day and night, and it does not show on your phone bill. In danger now, call 112."
        ),
        "danger": _("If you or someone else is in danger right now, call 112 (police, ambulance, fire)."),
        "health": _(
            "Call 1177 for health advice day and night, also about a sick child. If it is life-threatening, call 112."
        ),
    }
    if "violence" in kinds:
        # The help line's own words end with "in danger now, call 112": a threat at home ("he says
        # he will kill me") gets both numbers in one line, and the SMS budget keeps both.
        kinds = [kind for kind in kinds if kind != "danger"]
    return [lines[kind] for kind in kinds if kind in lines] or [lines["danger"]]


class ActionEmergency(PortalAction):
    """Give the emergency number first, then the civic answer if the search has a good one."""

    def name(self) -> str:
        return "action_emergency"

    def respond(self, turn: Turn) -> list[EventType]:
        # The message right after an emergency answer (data/rules/smalltalk.yml) carries no kinds
        # of its own: it is about the emergency just answered.
        kinds = list(turn.triage.get("emergencies") or turn.tracker.get_slot("emergency_kinds") or DEFAULT_KINDS)
        turn.say("\n".join(emergency_lines(turn.messages, kinds)))
        remembered = [SlotSet("emergency_kinds", kinds)]
        if not turn.text:
            return remembered
        # The content adds what to do next: the best section's sentences when the search is at
        # least middling; never a list of topics to choose from, which would bury the number.
        found = _kind_first(search(turn), kinds)
        if confidence_of(found) in ("confident", "middling") and answer_of(found):
            return [*remembered, *say_answer(turn, found, offer_more=False)]
        return remembered
