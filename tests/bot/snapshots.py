"""Tracker snapshots: the state Rasa posts to the action server, built for one test turn."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker


def tracker_snapshot(
    sender_id: str = "c-ZmFrZUNvbnZlcnNhdGlvbg",
    *,
    text: str = "",
    intent: str | None = None,
    confidence: float = 0.97,
    entities: list[dict[str, Any]] | None = None,
    language: str | None = None,
    slots: dict[str, Any] | None = None,
    active_loop: str | None = None,
    events_after_user: list[dict[str, Any]] | None = None,
    events_before_user: list[dict[str, Any]] | None = None,
    metadata: dict[str, Any] | None = None,
) -> Any:
    """Build a Tracker from a state like the one Rasa posts to the action server."""
    latest_message = {
        "text": text,
        "intent": {"name": intent, "confidence": confidence} if intent else {},
        "intent_ranking": [{"name": intent, "confidence": confidence}] if intent else [],
        "entities": entities or [],
        "metadata": {**({"language": language} if language else {}), **(metadata or {})},
        "message_id": "m-1",
    }
    events = [
        {"event": "action", "name": "action_session_start", "timestamp": 1700000000.0},
        *(events_before_user or []),
        {"event": "action", "name": "action_listen", "timestamp": 1700000001.0},
        {
            "event": "user",
            "text": text,
            "parse_data": latest_message,
            "metadata": latest_message["metadata"],
            "timestamp": 1700000002.0,
        },
        *(events_after_user or []),
    ]
    state = {
        "sender_id": sender_id,
        "slots": {"requested_slot": None, **(slots or {})},
        "latest_message": latest_message,
        "events": events,
        "paused": False,
        "followup_action": None,
        "active_loop": {"name": active_loop} if active_loop else {},
        "latest_action_name": "action_listen",
    }
    return Tracker.from_dict(state)


def slot_events(events: list[dict[str, Any]]) -> dict[str, Any]:
    """Return the slot values that a list of events sets (the last value wins)."""
    return {e["name"]: e["value"] for e in events if e.get("event") == "slot"}
