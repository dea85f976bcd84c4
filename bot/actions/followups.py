"""Short follow-up questions about what the assistant has just answered.

The NLU reads each message alone. After the list of someone's objections, "how long does it
usually take?" names nothing, and it was searched in the civic content; after the plan, "what is
in it?" or "ci heye te de" was not understood. A short message right after an answer about the
person's own objections or plan, which the NLU could not place or the search could not answer
with confidence, is about that answer: it is given again (it holds the dates, the state and the
link to the whole of it).

The same reading of the tracker's turns tells the fallback whether the assistant has already
answered the latest message (``answered_this_turn``).
"""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker

# The answer a follow-up asks about → the action that gives it again.
FOLLOWS = {
    "action_objection_status": "action_objection_status",
    "action_plan_summary": "action_plan_summary",
    "action_ask_acknowledge": "action_plan_summary",
}
# "how long does it usually take", "what is in it exactly": a longer message says what it is about.
MAX_FOLLOW_UP_WORDS = 6


def _user_messages(events: list[dict[str, Any]]) -> list[int]:
    """Where the person's messages are in a tracker's events."""
    return [i for i, event in enumerate(events) if event.get("event") == "user"]


def _previous_turn_actions(events: list[dict[str, Any]]) -> list[str]:
    """The actions that answered the message before the latest one."""
    users = _user_messages(events)
    if len(users) < 2:
        return []
    window = events[users[-2] + 1 : users[-1]]
    return [event["name"] for event in window if event.get("event") == "action" and event.get("name")]


def answered_this_turn(tracker: Tracker) -> bool:
    """Whether the assistant has already said something since the person's latest message."""
    users = _user_messages(tracker.events)
    since = tracker.events[users[-1] + 1 :] if users else tracker.events
    return any(event.get("event") == "bot" for event in since)


def follow_up_action(tracker: Tracker, text: str) -> str | None:
    """The action to answer a short follow-up with, or None when the message is not one."""
    if not text.strip() or len(text.split()) > MAX_FOLLOW_UP_WORDS:
        return None
    for action in _previous_turn_actions(tracker.events):
        if action in FOLLOWS:
            return FOLLOWS[action]
    return None
