"""Putting the person in touch with a caseworker, from any state of the conversation."""

from __future__ import annotations

from actions import portal_api
from actions.conversation import PortalAction, Turn


def say_reception(turn: Turn, *, asked: bool = False) -> None:
    """Tell someone we cannot identify how to reach the municipality's reception (nothing personal).

    ``asked``: the person's request was just sent to the portal, which queues a stranger's request
    from SMS or WhatsApp at the reception (``calls_back``); then say so rather than that nobody was
    asked. An anonymous web chat has no number to call back, so it only gets the contact.
    """
    _ = turn.messages._
    reception = {}
    try:
        reception = turn.api.conversation(turn.cid).get("reception") or {}
    except portal_api.PortalError:
        reception = {}
    phone = reception.get("phone")
    hours = reception.get("hours") or ""
    if asked and reception.get("calls_back") and phone:
        text = _(
            "I cannot see who you are, so I have passed your request to the newcomers' reception. "
            "They can call you back on this number. You can also call them on %(phone)s (%(hours)s).",
            phone=phone,
            hours=hours,
        )
    elif asked and reception.get("calls_back"):
        text = _(
            "I cannot see who you are, so I have passed your request to your municipality's reception. "
            "They can call you back on this number."
        )
    elif phone:
        text = _(
            "I cannot see who you are, so I cannot ask your caseworker. Call the newcomers' reception on "
            "%(phone)s (%(hours)s), or write from the phone number you registered with us.",
            phone=phone,
            hours=hours,
        )
    else:
        text = _(
            "I cannot see who you are, so I cannot ask your caseworker. Contact your municipality's "
            "reception, or write from the phone number you registered with us."
        )
    turn.say(text)
    turn.say(_("In an emergency, call 112."))


class ActionHandoff(PortalAction):
    """Ask the portal to hand the conversation to a caseworker, and tell the person what happens."""

    def name(self) -> str:
        return "action_handoff"

    def respond(self, turn: Turn) -> None:
        _ = turn.messages._
        # The person's own words tell the caseworker what it is about; the portal stores them
        # with the conversation it already holds, so nothing new leaves the portal's care.
        try:
            turn.api.request_handoff(turn.cid, note=turn.text or None)
        except portal_api.NotIdentified:
            say_reception(turn, asked=True)
            return
        turn.say(_("I have asked a caseworker to contact you. It can take a few working days."))
        turn.say(_("In an emergency, call 112."))
