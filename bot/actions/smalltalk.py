"""Short catalogue-backed replies: greetings, thanks, help, and what to say when lost."""

from __future__ import annotations

from actions.conversation import PortalAction, Turn
from actions.i18n import Messages


def what_i_can_do(messages: Messages) -> str:
    """Return the one-sentence menu of what the assistant can help with."""
    _ = messages._
    return _(
        "I can help with your activities, your plan, objections, questions about life in "
        "Sweden, and contact with a caseworker. Write your question."
    )


class ActionGreet(PortalAction):
    """Greet the person and say what the assistant can do."""

    def name(self) -> str:
        return "action_greet"

    def respond(self, turn: Turn) -> None:
        _ = turn.messages._
        turn.say(_("Hello! I am the Ankomst assistant."))
        turn.say(what_i_can_do(turn.messages))


class ActionGoodbye(PortalAction):
    """Say goodbye."""

    def name(self) -> str:
        return "action_goodbye"

    def respond(self, turn: Turn) -> None:
        _ = turn.messages._
        turn.say(_("Goodbye! Write again whenever you need."))


class ActionThanks(PortalAction):
    """Answer thanks."""

    def name(self) -> str:
        return "action_thanks"

    def respond(self, turn: Turn) -> None:
        _ = turn.messages._
        turn.say(_("You are welcome!"))


class ActionHelp(PortalAction):
    """Say what the assistant can help with."""

    def name(self) -> str:
        return "action_help"

    def respond(self, turn: Turn) -> None:
        turn.say(what_i_can_do(turn.messages))


class ActionBotChallenge(PortalAction):
    """Say plainly that this is a computer program, and how to reach a person."""

    def name(self) -> str:
        return "action_bot_challenge"

    def respond(self, turn: Turn) -> None:
        _ = turn.messages._
        turn.say(_("I am a computer program, not a person. Ask for a caseworker if you want to talk to a person."))


class ActionOutOfScope(PortalAction):
    """Say that this is outside what the assistant can do, and what it can do."""

    def name(self) -> str:
        return "action_out_of_scope"

    def respond(self, turn: Turn) -> None:
        _ = turn.messages._
        turn.say(_("Sorry, I cannot help with that."))
        turn.say(what_i_can_do(turn.messages))


class ActionFallback(PortalAction):
    """Say the message was not understood, and show the help menu."""

    def name(self) -> str:
        return "action_fallback"

    def respond(self, turn: Turn) -> None:
        _ = turn.messages._
        turn.say(_("Sorry, I did not understand."))
        turn.say(what_i_can_do(turn.messages))


class ActionAcknowledge(PortalAction):
    """Answer a yes or no that does not answer any question of ours."""

    def name(self) -> str:
        return "action_acknowledge"

    def respond(self, turn: Turn) -> None:
        _ = turn.messages._
        turn.say(_("OK. What else can I help you with?"))
