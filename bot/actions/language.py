"""Changing the conversation language: by name in any language, or by number from a menu.

The portal owns the conversation's language and understands the person's own words
("arabic", "عربي", "soomaali"), so the bot passes the raw text on as ``choice``. A bare number
is an answer to our menu, whose order is ``BABEL_LOCALES``, so the bot maps it to a code itself.
"""

from __future__ import annotations

import re
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import FormValidationAction
from rasa_sdk.types import DomainDict

from actions import portal_api
from actions.conversation import PortalAction, Turn, known_language, say_portal_unavailable
from actions.i18n import BABEL_LOCALES, DEFAULT_LANGUAGE, Messages, native_name

MENU_LANGUAGES = list(BABEL_LOCALES)


def menu_choice(text: str) -> str | None:
    """Return the language code for an answer like "3" or "٣" to the language menu."""
    match = re.fullmatch(r"\W*(\d{1,2})\W*", text)  # \d also matches Arabic-Indic digits
    if not match:
        return None
    index = int(match.group(1)) - 1
    return MENU_LANGUAGES[index] if 0 <= index < len(MENU_LANGUAGES) else None


def request_language(api: portal_api.PortalClient, cid: str, text: str) -> str | None:
    """Ask the portal to switch language from the person's words; None if it did not understand."""
    code = menu_choice(text)
    try:
        if code:
            return api.set_language(cid, language=code)
        return api.set_language(cid, choice=text.strip())
    except portal_api.Invalid:
        return None


class ActionAskLanguageChoice(PortalAction):
    """Show the numbered list of languages, each written in its own language."""

    def name(self) -> str:
        return "action_ask_language_choice"

    def respond(self, turn: Turn) -> None:
        _ = turn.messages._
        lines = [_("Which language do you want? Answer with a number:")]
        lines += [f"{number}. {native_name(code)}" for number, code in enumerate(MENU_LANGUAGES, 1)]
        turn.say("\n".join(lines))


class ValidateLanguageForm(FormValidationAction):
    """Take the person's words for a language and let the portal switch to it."""

    def name(self) -> str:
        return "validate_language_form"

    def extract_language_choice(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """Use the whole message: the one that asked for a change, or the answer to the menu."""
        if tracker.active_loop_name not in (None, "language_form"):
            return {}
        return {"language_choice": (tracker.latest_message or {}).get("text") or ""}

    def validate_language_choice(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """Switch the language through the portal; ask again once, then give up politely."""
        current = known_language(tracker) or DEFAULT_LANGUAGE
        api = portal_api.client()
        try:
            language = request_language(api, tracker.sender_id, str(value or ""))
        except portal_api.PortalError:
            turn = Turn(dispatcher, tracker, api, Messages(current))
            say_portal_unavailable(turn)
            return {"language_choice": None, "requested_slot": None}
        if language:
            return {"language_choice": language, "language": language}
        if tracker.get_slot("requested_slot") == "language_choice":
            # This was already the answer to the menu: stop instead of looping.
            _ = Messages(current)._
            dispatcher.utter_message(
                text=_(
                    "I did not recognise that language, so I keep writing in %(language)s.",
                    language=native_name(current),
                )
            )
            return {"language_choice": None, "requested_slot": None}
        return {"language_choice": None}


class ActionChangeLanguage(PortalAction):
    """Confirm the new conversation language, in that language."""

    def name(self) -> str:
        return "action_change_language"

    def respond(self, turn: Turn) -> list[EventType]:
        _ = turn.messages._
        if turn.tracker.get_slot("language_choice"):
            turn.say(_("OK, I will write in %(language)s from now on.", language=native_name(turn.messages.language)))
        return [SlotSet("language_choice", None)]
