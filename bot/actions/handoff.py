"""Putting the person in touch with a caseworker."""

from __future__ import annotations

from actions.conversation import PortalAction, Turn


class ActionHandoff(PortalAction):
    """Ask the portal to hand the conversation to a caseworker, and tell the person what happens."""

    def name(self) -> str:
        return "action_handoff"

    def respond(self, turn: Turn) -> None:
        _ = turn.messages._
        # The person's own words tell the caseworker what it is about; the portal stores them
        # with the conversation it already holds, so nothing new leaves the portal's care.
        turn.api.request_handoff(turn.cid, note=turn.text or None)
        turn.say(_("I have asked a caseworker to contact you. It can take a few working days."))
        turn.say(_("In an emergency, call 112."))
