"""Leaving a half-filled form: nothing is filed, and the person is told so in one line."""

from __future__ import annotations

from rasa_sdk.events import ActiveLoop, EventType, SlotSet

from actions.conversation import PortalAction, Turn

OBJECTION_SLOTS = ["objection_target", "objection_reason", "objection_text", "objection_wanted", "objection_confirm"]
# Intents that leave the objection form from any question, through their rules in
# data/rules/objections.yml: nothing the person wrote with one of them is ever filed. Thanks and
# goodbye are here because answering "thanks, bye" with the question again kept people in the form.
LEAVES_FORM = frozenset(
    {
        "deny", "help", "bot_challenge", "talk_to_human", "choose_language", "ask_interpreter", "emergency",
        "cancel", "objection_status", "ask_acknowledge", "request_review", "thanks", "goodbye",
    }
)  # fmt: skip


def clear_objection() -> list[EventType]:
    """Return the events that empty every answer of the objection form."""
    return [SlotSet(slot, None) for slot in OBJECTION_SLOTS]


class ActionLeaveForm(PortalAction):
    """End the active form because the person asked for something else; nothing is sent."""

    def name(self) -> str:
        return "action_leave_form"

    def respond(self, turn: Turn) -> list[EventType]:
        _ = turn.messages._
        intent = ((turn.tracker.latest_message or {}).get("intent") or {}).get("name")
        # In an emergency the number comes first and alone; the form is dropped without a word.
        if turn.tracker.active_loop_name == "objection_form" and intent != "emergency":
            turn.say(_("I did not send your objection. You can object again at any time."))
        return [ActiveLoop(None), SlotSet("requested_slot", None), *clear_objection()]
