"""Short catalogue-backed replies: greetings, thanks, help, and what to say when lost."""

from __future__ import annotations

from rasa_sdk.events import EventType, FollowupAction

from actions import portal_api
from actions.civic import answer_by_search
from actions.conversation import PortalAction, Turn
from actions.followups import answered_this_turn, follow_up_action
from actions.i18n import Messages
from actions.objection_target import fold_text
from actions.schedule import say_schedule

# A greeting longer than this many words usually carries a question ("hi, where is the dentist").
GREETING_WORDS = 3
# "what can you help me with" in its longest common forms.
HELP_WORDS = 6


# Thanks and goodbyes the NLU may not know in the form people type them: transliterated
# ("spasibi, do pobachennia"), with a blessing ("аллах хранит"), in a dialect. In a short message
# that asks nothing, they close the conversation instead of a search for topics.
CLOSING_WORDS = 6
_THANKS = frozenset(
    fold_text(phrase)
    for phrase in (
        "thanks", "thank you", "thx", "tack", "tackar", "tack så mycket", "shukran", "shokran", "shukria",
        "mamnoon", "mamnun", "merci", "mersi", "mahadsanid", "mahadsantahay", "spasibo", "spasibi", "spasiba",
        "spasybi", "dyakuyu", "diakuiu", "dyakuju", "dyakuiu", "sipas", "spas", "manana", "mehrabani", "شكرا",
        "مشكور", "مشكورة", "مرسی", "مرسي", "ممنون", "تشکر", "سپاس", "مننه", "سوپاس", "спасибо", "спасиби",
        "спс", "благодарю", "дякую", "дяки", "ኣመሰግናለሁ", "የቐንየለይ", "የቐንየልና",
    )
)  # fmt: skip
_GOODBYES = frozenset(
    fold_text(phrase)
    for phrase in (
        "bye", "goodbye", "bye bye", "hejdå", "hej då", "ma3a salama", "maa salama", "ma3 elsalama",
        "مع السلامة", "مع السلامه", "خداحافظ", "خدا حافظ", "خدانگهدار", "د خدای په امان", "khoda hafez",
        "khuda hafiz", "xudaa haafiz", "nabadgelyo", "nabad gelyo", "до свидания", "пока", "до побачення",
        "бувай", "бувайте", "do pobachennia", "do pobachenya", "do svidaniya", "poka", "oxir bi xer",
        "xatirê te", "bi xatirê te", "ሰላም ኹን", "ደሓን ኹን", "аллах хранит", "храни вас бог", "бог в помощь",
        "allah yehfazak", "الله يحفظك", "الله يعطيك العافية", "يعطيك العافية", "الله معك",
    )
)  # fmt: skip


def _closing(text: str) -> str | None:
    """ "thanks" or "bye" for a short message that thanks or says goodbye and asks nothing."""
    plain = fold_text(text)  # the same folding as the objection form's "forget it" phrases
    if not plain or "?" in text or len(plain.split()) > CLOSING_WORDS:
        return None
    padded = f" {plain} "
    if any(f" {phrase} " in padded for phrase in _THANKS):
        return "thanks"
    if any(f" {phrase} " in padded for phrase in _GOODBYES):
        return "bye"
    return None


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

    def respond(self, turn: Turn) -> list[EventType] | None:
        _ = turn.messages._
        if len(turn.text.split()) > GREETING_WORDS:
            answered = answer_by_search(turn, when_none="silent", confident_only=True)
            if answered is not None:
                return answered
        turn.say(_("Hello! I am the Ankomst assistant."))
        turn.say(what_i_can_do(turn.messages))
        return None


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

    def respond(self, turn: Turn) -> list[EventType] | None:
        # "help" and "what can you do" are short; a longer message read as help is a question
        # ("one question: what is the difference between kommun and region?"), answered when
        # the search is sure of it, as a greeting that carries a question is.
        if len(turn.text.split()) > HELP_WORDS:
            answered = answer_by_search(turn, when_none="silent", confident_only=True)
            if answered is not None:
                return answered
        turn.say(what_i_can_do(turn.messages))
        return None


class ActionBotChallenge(PortalAction):
    """Say plainly that this is a computer program, and how to reach a person."""

    def name(self) -> str:
        return "action_bot_challenge"

    def respond(self, turn: Turn) -> None:
        _ = turn.messages._
        turn.say(_("I am a computer program, not a person. Ask for a caseworker if you want to talk to a person."))


class ActionOutOfScope(PortalAction):
    """Search the civic information first; only when nothing matches, say it is out of scope."""

    def name(self) -> str:
        return "action_out_of_scope"

    def respond(self, turn: Turn) -> list[EventType] | None:
        answered = answer_by_search(turn, when_none="silent")
        if answered is not None:
            return answered
        _ = turn.messages._
        turn.say(_('Sorry, I cannot help with that. Write "caseworker" if you want to ask a person.'))
        turn.say(what_i_can_do(turn.messages))
        return None


# A short message the NLU could not place that names a day ("lomi entay aloni", "sibe ez li ku
# me") is most often the person asking what they have that day. Longer ones are left to search.
MAX_DAY_QUESTION_WORDS = 8


def _answered_as_a_day(turn: Turn) -> bool:
    """Answer with the person's activities when a short unclear message names a day."""
    if not turn.text or len(turn.text.split()) > MAX_DAY_QUESTION_WORDS:
        return False
    try:
        answer = turn.api.schedule_question(turn.cid, turn.text, default="next")
    except portal_api.PortalError:
        return False  # not identified, or the portal is away: the search can still help
    if not (answer.get("question") or {}).get("day_word"):
        return False
    say_schedule(turn, answer)
    return True


class ActionFallback(PortalAction):
    """Search the civic information before giving up; then say so and offer a person."""

    def name(self) -> str:
        return "action_fallback"

    def respond(self, turn: Turn) -> list[EventType] | None:
        if answered_this_turn(turn.tracker):
            # Reached as the core fallback after an answer: no rule follows an action another one
            # forced (FollowupAction below, or in civic.py), so Rasa asked this action again,
            # which sent "You are welcome!" five times. The message has its answer: listen.
            return [FollowupAction("action_listen")]
        closing = _closing(turn.text or "")
        if closing:
            # The thanks or goodbye action answers, as if the NLU had understood.
            return [FollowupAction("action_thanks" if closing == "thanks" else "action_goodbye")]
        if follow_up := follow_up_action(turn.tracker, turn.text or ""):
            # "how long does it take?" right after the list of objections: that answer again
            return [FollowupAction(follow_up)]
        if _answered_as_a_day(turn):
            return None
        answered = answer_by_search(turn, when_none="silent")
        if answered is not None:
            return answered
        _ = turn.messages._
        turn.say(_('Sorry, I did not understand. Write "caseworker" if you want to ask a person.'))
        turn.say(what_i_can_do(turn.messages))
        return None


class ActionCancel(PortalAction):
    """Answer "cancel" when nothing is going on: nothing was started, so nothing is lost."""

    def name(self) -> str:
        return "action_cancel"

    def respond(self, turn: Turn) -> None:
        _ = turn.messages._
        turn.say(_("OK, nothing more is happening. What else can I help you with?"))


class ActionAcknowledge(PortalAction):
    """Answer a yes or no that answers no question of ours; a plan that waits hears how to confirm."""

    def name(self) -> str:
        return "action_acknowledge"

    def respond(self, turn: Turn) -> None:
        _ = turn.messages._
        intent = ((turn.tracker.latest_message or {}).get("intent") or {}).get("name")
        if intent == "affirm":
            # "OK, I agree" to a plan that waits for the person: say where to confirm it.
            from actions import portal_api

            try:
                plan = turn.api.plan(turn.cid)
            except portal_api.PortalError:
                plan = None
            if plan and plan.get("awaiting_acknowledgement"):
                url = plan.get("url") or "/plan"
                turn.say(_("Your plan waits for you. Read it and approve it at %(url)s", url=url))
                return
        turn.say(_("OK. What else can I help you with?"))
