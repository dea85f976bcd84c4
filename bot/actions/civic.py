"""Civic-information answers from the portal's search over the published modules.

The answer always comes from the current published content, so changing a module never
requires retraining the bot. The portal's search says how sure it is:

- confident: the one or two sentences of the best section that answer the question, the
  section's title and a link a phone can open;
- middling: the two or three likeliest topics as a numbered list ("2" picks one); when the
  NLU is sure the message is a civic question, the best topic's answer comes first and the
  others follow as numbered choices, so the person is answered at once and, when the search
  guessed wrong, one digit away from the right topic (on the blind dev halves the right topic
  was second or third for about one middling answer in six);
- none: say so, and offer a caseworker.

The fallback, out-of-scope and greeting actions ask the search too before giving up, because
that is where many real questions land when the NLU is unsure.
"""

from __future__ import annotations

import re
from typing import Any

from rasa_sdk.events import EventType, FollowupAction, SlotSet

from actions.conversation import INFO_PATH, PortalAction, Turn
from actions.followups import follow_up_action

SEARCH_LIMIT = 3
MAX_CHOICES = 3
# The portal already picks one or two sentences; this only guards against a runaway section.
MAX_ANSWER_CHARS = 320
# With choices after it, the answer is shorter, so the whole reply stays about three SMS.
MAX_ANSWER_WITH_CHOICES_CHARS = 200


# The most words a "yes, tell me more" takes ("yes please send me the other links").
YES_WORDS = 6


def shorten(text: str, limit: int) -> str:
    """Cut text at a word boundary so it fits ``limit`` characters, marking the cut with …."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(",.;:") + "…"


def _heading(result: dict[str, Any]) -> str:
    return result.get("section_title") or result.get("title") or ""


def _topic(result: dict[str, Any]) -> str:
    """A choice's label: the module and the section ("Housing – If you need help").

    A section heading alone ("If you need help") does not say which topic it belongs to.
    """
    module, section = result.get("title") or "", result.get("section_title") or ""
    if module and section and section.casefold() != module.casefold():
        return f"{module} – {section}"
    return module or section


def answer_of(found: dict[str, Any]) -> dict[str, Any] | None:
    """The best answer in the search response (older portals send only results)."""
    answer = found.get("answer")
    if answer:
        return answer
    results = found.get("results") or []
    if not results:
        return None
    best = results[0]
    return {
        "title": _heading(best),
        "text": best.get("snippet") or best.get("summary") or "",
        "url": best.get("url"),
    }


def confidence_of(found: dict[str, Any]) -> str:
    """How sure the search is: "confident", "middling" or "none" (older portals: by results)."""
    if "confidence" in found:
        return str(found["confidence"])
    return "confident" if found.get("results") else "none"


def _plain(text: str) -> str:
    # Snippets may carry highlight markup meant for the web page.
    return re.sub(r"<[^>]+>", "", text or "")


def say_answer(turn: Turn, found: dict[str, Any], *, offer_more: bool = True) -> list[EventType]:
    """Say the confident answer: title, the sentences that answer, and the link."""
    _ = turn.messages._
    answer = answer_of(found) or {}
    lines = []
    if found.get("fallback_language"):
        lines.append(_("I found this in Swedish:"))
    text = shorten(_plain(answer.get("text") or ""), MAX_ANSWER_CHARS)
    lines.append(_("%(title)s: %(summary)s", title=answer.get("title") or "", summary=text))
    lines.append(_("Read more: %(url)s", url=answer.get("url") or INFO_PATH))
    others = [r for r in (found.get("results") or [])[1:] if r.get("url") != answer.get("url")]
    if offer_more and others:
        lines.append(_("Do you want more links about this?"))
    turn.say("\n".join(lines))
    more = [{"title": _heading(r), "url": r["url"]} for r in others] if offer_more else []
    return [SlotSet("civic_more", more or None), SlotSet("civic_choices", None)]


def offer_choices(turn: Turn, found: dict[str, Any]) -> list[EventType]:
    """Offer the likeliest topics as a numbered list; the person answers with a number."""
    _ = turn.messages._
    results = (found.get("results") or [])[:MAX_CHOICES]
    lines = [_("Which of these do you mean? Answer with a number:")]
    lines += [f"{number}. {_topic(r)}" for number, r in enumerate(results, 1)]
    turn.say("\n".join(lines))
    return [SlotSet("civic_choices", _choices(results)), SlotSet("civic_more", None)]


def _choices(results: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [
        {"title": _heading(r), "url": r["url"], "text": _plain(r.get("snippet") or r.get("summary") or "")}
        for r in results
    ]


def say_answer_with_choices(turn: Turn, found: dict[str, Any]) -> list[EventType]:
    """Say the best topic's answer, then the other likely topics as numbered choices.

    The answered topic is choice 1, so the numbers on the screen are the numbers that work.
    """
    _ = turn.messages._
    answer = answer_of(found) or {}
    results = (found.get("results") or [])[:MAX_CHOICES]
    lines = []
    if found.get("fallback_language"):
        lines.append(_("I found this in Swedish:"))
    text = shorten(_plain(answer.get("text") or ""), MAX_ANSWER_WITH_CHOICES_CHARS)
    lines.append(_("%(title)s: %(summary)s", title=answer.get("title") or "", summary=text))
    lines.append(_("Read more: %(url)s", url=answer.get("url") or INFO_PATH))
    lines.append(_("Not what you asked? Answer with a number:"))
    lines += [f"{number}. {_topic(r)}" for number, r in enumerate(results, 1) if number > 1]
    turn.say("\n".join(lines))
    return [SlotSet("civic_choices", _choices(results)), SlotSet("civic_more", None)]


def say_nothing_found(turn: Turn) -> list[EventType]:
    """Say that nothing matched, and offer a person and the list of topics."""
    _ = turn.messages._
    turn.say(
        _(
            'I did not find an answer to that. Write "caseworker" to ask a person, '
            "or read all civic information at %(url)s",
            url=INFO_PATH,
        )
    )
    return [SlotSet("civic_more", None), SlotSet("civic_choices", None)]


def search(turn: Turn, text: str | None = None) -> dict[str, Any]:
    """Ask the portal's search about the person's words (or `text`)."""
    return turn.api.search_answer(text if text is not None else turn.text, turn.messages.language, SEARCH_LIMIT)


def answer_by_search(turn: Turn, *, when_none: str = "nothing", confident_only: bool = False) -> list[EventType] | None:
    """Answer from the search as well as its confidence allows.

    Returns None when nothing matched (or, with ``confident_only``, nothing matched surely) and
    ``when_none`` is "silent", so the caller can say its own words; otherwise the nothing-found
    answer is given.
    """
    found = search(turn)
    confidence = confidence_of(found)
    if confidence == "confident" and answer_of(found):
        return say_answer(turn, found)
    if confident_only:
        confidence = "none"
    if confidence == "middling" and len(found.get("results") or []) > 1:
        return offer_choices(turn, found)
    if confidence == "middling" and answer_of(found):
        return say_answer(turn, found)
    if when_none == "silent":
        return None
    return say_nothing_found(turn)


class ActionCivicAnswer(PortalAction):
    """Answer a civic question with the best sentences of the best section, or offer topics."""

    def name(self) -> str:
        return "action_civic_answer"

    def respond(self, turn: Turn) -> list[EventType]:
        # The NLU is sure this is a civic question, so the best section answers even when the
        # search is only middling, with the other likely topics as numbered choices after it;
        # a list of topics alone is for the messages the NLU was unsure of (fallback, out of scope).
        found = search(turn)
        confidence = confidence_of(found)
        if confidence != "confident" and (follow_up := follow_up_action(turn.tracker, turn.text)):
            # a short question about the objections or the plan just listed (followups.py)
            return [FollowupAction(follow_up)]
        if confidence == "middling" and answer_of(found) and len(found.get("results") or []) > 1:
            return say_answer_with_choices(turn, found)
        if confidence in ("confident", "middling") and answer_of(found):
            return say_answer(turn, found)
        return say_nothing_found(turn)


class ActionCivicMore(PortalAction):
    """Send the other search hits of the last civic question as short links."""

    def name(self) -> str:
        return "action_civic_more"

    def respond(self, turn: Turn) -> list[EventType] | None:
        _ = turn.messages._
        # "yes" to "want more?" is short; a longer message the NLU read as yes is a new question
        # ("w el jiran 3am yeshko, kif bfarez el zbele hon sa7?": "sa7" is "right?"), so it is
        # searched first, as a long greeting or "help" is.
        if len(turn.text.split()) > YES_WORDS:
            answered = answer_by_search(turn, when_none="silent")
            if answered is not None:
                return answered
        more = turn.tracker.get_slot("civic_more") or []
        if not more:
            turn.say(_("That was all I found. Ask me something else, or read %(url)s", url=INFO_PATH))
            return []
        turn.say("\n".join(_("%(title)s: %(url)s", title=r["title"], url=r["url"]) for r in more))
        return [SlotSet("civic_more", None)]


class ActionChooseOption(PortalAction):
    """Answer the topic a number picks from the list just offered; else treat it as unclear."""

    def name(self) -> str:
        return "action_choose_option"

    def respond(self, turn: Turn) -> list[EventType]:
        _ = turn.messages._
        choices = turn.tracker.get_slot("civic_choices") or []
        match = re.search(r"\d+", turn.text)
        index = int(match.group()) - 1 if match else -1
        if not choices or not 0 <= index < len(choices):
            from actions.smalltalk import what_i_can_do

            turn.say(_("Sorry, I did not understand."))
            turn.say(what_i_can_do(turn.messages))
            return [SlotSet("civic_choices", None)]
        chosen = choices[index]
        summary = shorten(chosen.get("text") or "", MAX_ANSWER_CHARS)
        lines = [_("%(title)s: %(summary)s", title=chosen["title"], summary=summary) if summary else chosen["title"]]
        lines.append(_("Read more: %(url)s", url=chosen["url"]))
        turn.say("\n".join(lines))
        return [SlotSet("civic_choices", None)]
