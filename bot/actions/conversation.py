"""What every reply action shares: the conversation's language and the portal's failure modes."""

from __future__ import annotations

import asyncio
import logging
from abc import ABC, abstractmethod
from dataclasses import dataclass, field

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions import portal_api
from actions.i18n import BABEL_LOCALES, DEFAULT_LANGUAGE, Messages

log = logging.getLogger(__name__)

# Short portal paths for links in replies; the portal serves them in the person's language.
PLAN_PATH = "/plan"
SCHEDULE_PATH = "/plan/upcoming"
INFO_PATH = "/info"
SIGN_IN_PATH = "/signin"


def known_language(tracker: Tracker) -> str | None:
    """Return the language the tracker already knows: just changed, message metadata, slot."""
    metadata = (tracker.latest_message or {}).get("metadata") or {}
    # A change made in this very turn beats the metadata, which the portal sent before it;
    # otherwise the portal's metadata wins over our own copy in the slot.
    for candidate in (_language_set_this_turn(tracker), metadata.get("language"), tracker.get_slot("language")):
        if candidate in BABEL_LOCALES:
            return candidate
    return None


def conversation_language(tracker: Tracker, api: portal_api.PortalClient) -> str:
    """Return the conversation's language, asking the portal only when the tracker can't tell."""
    language = known_language(tracker)
    if language:
        return language
    try:
        language = api.conversation(tracker.sender_id).get("language")
    except portal_api.PortalError:
        return DEFAULT_LANGUAGE
    return language if language in BABEL_LOCALES else DEFAULT_LANGUAGE


def message_text(tracker: Tracker) -> str:
    """Return the person's own words: the portal sends them as metadata when it set the intent."""
    latest = tracker.latest_message or {}
    original = (latest.get("metadata") or {}).get("text")
    if isinstance(original, str) and original.strip():
        return original
    text = latest.get("text") or ""
    return "" if text.startswith("/") else text


def _language_set_this_turn(tracker: Tracker) -> str | None:
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            return None
        if event.get("event") == "slot" and event.get("name") == "language":
            return event.get("value")
    return None


@dataclass
class Turn:
    """One run of an action: who we answer, in which language, and the events to return."""

    dispatcher: CollectingDispatcher
    tracker: Tracker
    api: portal_api.PortalClient
    messages: Messages
    events: list[EventType] = field(default_factory=list)

    @property
    def cid(self) -> str:
        """Return the opaque conversation id (Rasa's sender id)."""
        return self.tracker.sender_id

    @property
    def text(self) -> str:
        """Return the person's own words in the latest message (not an intent the portal set)."""
        return message_text(self.tracker)

    @property
    def triage(self) -> dict:
        """Return what the portal's triage found in the latest message (emergency, language...)."""
        return ((self.tracker.latest_message or {}).get("metadata") or {}).get("triage") or {}

    def say(self, text: str) -> None:
        """Send one reply message."""
        self.dispatcher.utter_message(text=text)


def start_turn(dispatcher: CollectingDispatcher, tracker: Tracker) -> Turn:
    """Look up the language and prepare a turn; remember the language in its slot."""
    api = portal_api.client()
    language = conversation_language(tracker, api)
    turn = Turn(dispatcher, tracker, api, Messages(language))
    if tracker.get_slot("language") != language:
        turn.events.append(SlotSet("language", language))
    return turn


def say_portal_unavailable(turn: Turn) -> None:
    """Apologise that personal answers are not available right now."""
    _ = turn.messages._
    turn.say(_("Sorry, I cannot reach the service right now. Please try again in a while."))


def say_not_identified(turn: Turn) -> None:
    """Explain that personal answers need a registered phone or sign-in, and offer civic info."""
    _ = turn.messages._
    turn.say(
        _(
            "I can only answer about your own plan when you write from your registered phone or sign in at %(url)s.",
            url=SIGN_IN_PATH,
        )
    )
    turn.say(_("I can still answer questions about life in Sweden. What do you want to know?"))


class PortalAction(Action, ABC):
    """Base for actions that answer in the conversation language and may call the portal."""

    @abstractmethod
    def name(self) -> str:
        """Return the action's name as listed in the domain."""

    @abstractmethod
    def respond(self, turn: Turn) -> list[EventType] | None:
        """Write the replies for this turn and return extra events."""

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        """Run ``respond`` in a worker thread, so a slow portal never blocks other chats."""
        return await asyncio.to_thread(self._run_sync, dispatcher, tracker)

    def _run_sync(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> list[EventType]:
        turn = start_turn(dispatcher, tracker)
        try:
            extra = self.respond(turn) or []
        except portal_api.NotIdentified:
            say_not_identified(turn)
            extra = []
        except portal_api.PortalError as error:
            if not isinstance(error, portal_api.PortalUnavailable):  # already logged by the client
                log.warning("portal refused", extra={"action": self.name(), "code": error.code})
            say_portal_unavailable(turn)
            extra = []
        except Exception:  # noqa: BLE001 - a broken answer must still reach the person
            log.exception("action failed", extra={"action": self.name()})
            say_portal_unavailable(turn)
            extra = []
        return turn.events + list(extra)
