"""The conversation language: changed only when the person asks for it, and interpreters.

The portal's triage reads an explicit request ("in English please", "українською будь
ласка") and sends the ``choose_language`` intent with the language it found. When the NLU
alone guessed ``choose_language``, the portal is asked with the person's words; it switches
only on an explicit request, so "how can I learn Swedish" never changes anything. There is no
language menu form any more: a menu took the next message as a language name, and trapped
people who had meant something else. A wrong switch is undone in one message, by writing the
old language's name, which the confirmation names.
"""

from __future__ import annotations

from rasa_sdk.events import EventType, SlotSet

from actions import portal_api
from actions.civic import answer_by_search
from actions.conversation import PortalAction, Turn
from actions.i18n import BABEL_LOCALES, Messages, native_name

MENU_LANGUAGES = list(BABEL_LOCALES)
SHORT_REQUEST_WORDS = 4


class ActionChangeLanguage(PortalAction):
    """Switch to the language the person asked for, and confirm in that language."""

    def name(self) -> str:
        return "action_change_language"

    def respond(self, turn: Turn) -> list[EventType]:
        before = turn.messages.language
        wanted = turn.triage.get("language")
        try:
            if wanted in BABEL_LOCALES:
                language = turn.api.set_language(turn.cid, language=wanted)
            else:
                language = turn.api.set_language(turn.cid, choice=turn.text.strip())
        except portal_api.Invalid:
            language = None
        if not language or language == before:
            if not wanted and len(turn.text.split()) > SHORT_REQUEST_WORDS:
                # The NLU guessed a language change, the portal heard no request: a question that
                # names a language ("more Swedish after SFI?") is answered from the content.
                answered = answer_by_search(turn, when_none="silent", confident_only=True)
                if answered is not None:
                    return answered
            _ = turn.messages._
            names = ", ".join(native_name(code) for code in MENU_LANGUAGES if code != before)
            turn.say(
                _(
                    "I write in %(language)s. To change, write the language you want, for example: %(names)s",
                    language=native_name(before),
                    names=names,
                )
            )
            return []
        _ = Messages(language)._
        turn.say(
            _(
                "OK, I will write in %(language)s from now on. To go back, write: %(previous)s",
                language=native_name(language),
                previous=native_name(before),
            )
        )
        return [SlotSet("language", language)]


class ActionInterpreter(PortalAction):
    """Record that an interpreter is needed and tell a caseworker; the language stays as it is."""

    def name(self) -> str:
        return "action_interpreter"

    def respond(self, turn: Turn) -> None:
        _ = turn.messages._
        interpreter = turn.triage.get("interpreter") or turn.messages.language
        try:
            turn.api.request_handoff(turn.cid, note=turn.text or None, interpreter=interpreter)
        except portal_api.NotIdentified:
            from actions.handoff import say_reception

            say_reception(turn, asked=True)
            return
        turn.say(
            _(
                "I have noted that you need an interpreter in %(language)s, and asked a caseworker to contact you. "
                "An interpreter is free at your meetings with the municipality.",
                language=native_name(interpreter) if interpreter in BABEL_LOCALES else interpreter,
            )
        )
