"""Civic-information answers from the portal's search over the published modules.

The answer always comes from the current published content, so changing a module never
requires retraining the bot.
"""

from __future__ import annotations

from typing import Any

from rasa_sdk.events import EventType, SlotSet

from actions.conversation import INFO_PATH, PortalAction, Turn

SEARCH_LIMIT = 3
# Keeps summary, link and offer inside three SMS segments even in UCS-2 scripts (3 x 67).
MAX_SUMMARY_CHARS = 110


def shorten(text: str, limit: int = MAX_SUMMARY_CHARS) -> str:
    """Cut text at a word boundary so it fits ``limit`` characters, marking the cut with …."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(",.;:") + "…"


def _heading(result: dict[str, Any]) -> str:
    return result.get("section_title") or result["title"]


class ActionCivicAnswer(PortalAction):
    """Answer a civic question with the best search hit: summary, short link and more on offer."""

    def name(self) -> str:
        return "action_civic_answer"

    def respond(self, turn: Turn) -> list[EventType]:
        _ = turn.messages._
        results = turn.api.search(turn.text, turn.messages.language, limit=SEARCH_LIMIT)
        if not results:
            turn.say(_("I found nothing about that. All civic information is at %(url)s", url=INFO_PATH))
            return [SlotSet("civic_more", None)]
        best, others = results[0], results[1:]
        summary = shorten(best.get("snippet") or best.get("summary") or "")
        lines = [
            _("%(title)s: %(summary)s", title=_heading(best), summary=summary),
            _("Read more: %(url)s", url=best["url"]),
        ]
        if others:
            lines.append(_("Do you want more links about this?"))
        turn.say("\n".join(lines))
        more = [{"title": _heading(r), "url": r["url"]} for r in others]
        return [SlotSet("civic_more", more or None)]


class ActionCivicMore(PortalAction):
    """Send the other search hits of the last civic question as short links."""

    def name(self) -> str:
        return "action_civic_more"

    def respond(self, turn: Turn) -> list[EventType]:
        _ = turn.messages._
        more = turn.tracker.get_slot("civic_more") or []
        if not more:
            turn.say(_("That was all I found. Ask me something else, or read %(url)s", url=INFO_PATH))
            return []
        turn.say("\n".join(_("%(title)s: %(url)s", title=r["title"], url=r["url"]) for r in more))
        return [SlotSet("civic_more", None)]
