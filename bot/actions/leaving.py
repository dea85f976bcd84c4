"""Leaving a half-filled form: nothing is filed, and the person is told so in one line."""

from __future__ import annotations

from rasa_sdk.events import ActiveLoop, EventType, FollowupAction, SlotSet

from actions.conversation import PortalAction, Turn
from actions.objection_target import fold_text

OBJECTION_SLOTS = ["objection_target", "objection_reason", "objection_text", "objection_wanted", "objection_confirm"]
# Intents that leave the objection form from any question, through their rules in
# data/rules/objections.yml: nothing the person wrote with one of them is ever filed. Thanks and
# goodbye are here because answering "thanks, bye" with the question again kept people in the form.
LEAVES_FORM = frozenset(
    {
        "deny", "help", "bot_challenge", "talk_to_human", "choose_language", "ask_interpreter", "emergency",
        "cancel", "objection_status", "ask_acknowledge", "request_review", "thanks", "goodbye",
    }
)  # fmt: skip


# "Yes, send it" at "shall I send it?": the NLU read "send" as cancel ("don't send it" is among
# the cancel examples) and "yes, thanks" as thanks, and both left the form with nothing sent. At
# that question, a short message that starts with a yes word and has no "no" in it is the yes it
# says. Other intents that leave the form (a person, a language, an emergency) still leave it.
MISREAD_YES_INTENTS = frozenset({"cancel", "deny", "thanks", "goodbye"})
YES_WORDS = frozenset(
    fold_text(word)
    for word in (
        "yes", "yeah", "yep", "ok", "okay", "ja", "japp", "jo", "visst", "نعم", "اي", "ايوه", "ايوا", "اکید",
        "na3am", "aywa", "aiwa", "بله", "آره", "اره", "باشه", "bale", "areh", "hoo", "ho", "هو",
        "haa", "haye", "waa yahay", "እወ", "ewe", "ewa", "так", "tak", "да", "da", "ага", "بەڵێ", "ئا", "ئەرێ",
        "erê", "ere", "belê", "bele",
    )
)  # fmt: skip
NO_WORDS = frozenset(
    fold_text(word)
    for word in (
        "no", "not", "dont", "don't", "wait", "later", "nej", "inte", "vänta", "senare", "لا", "ما", "مو", "مش",
        "بعدين", "نه", "نکن", "نفرست", "صبر", "na", "nakon", "ne", "nee", "maya", "ha", "sug", "ኣይ", "ኣይፋል",
        "нет", "не", "ні", "потом", "почекай", "подожди", "net", "ni", "نا", "نەخێر", "naxêr", "naxer",
    )
)  # fmt: skip
MAX_YES_WORDS = 6


def says_yes(text: str) -> bool:
    """Whether a short message is a plain yes (see above)."""
    words = fold_text(text).split()
    return bool(words) and len(words) <= MAX_YES_WORDS and words[0] in YES_WORDS and not set(words) & NO_WORDS


def clear_objection() -> list[EventType]:
    """Return the events that empty every answer of the objection form."""
    return [SlotSet(slot, None) for slot in OBJECTION_SLOTS]


class ActionLeaveForm(PortalAction):
    """End the active form because the person asked for something else; nothing is sent."""

    def name(self) -> str:
        return "action_leave_form"

    def respond(self, turn: Turn) -> list[EventType]:
        _ = turn.messages._
        intent = ((turn.tracker.latest_message or {}).get("intent") or {}).get("name")
        in_form = turn.tracker.active_loop_name == "objection_form"
        if in_form and intent in MISREAD_YES_INTENTS and says_yes(turn.text):
            if turn.tracker.get_slot("requested_slot") == "objection_confirm":
                # "yes, send it" read as cancel: send it, as the person said
                return [
                    ActiveLoop(None),
                    SlotSet("requested_slot", None),
                    SlotSet("objection_confirm", True),
                    FollowupAction("action_submit_objection"),
                ]
            # "yes, send it" before the last question: the objection is not dropped; the form
            # asks its question again (a yes answers none of them)
            return [FollowupAction("objection_form")]
        # In an emergency the number comes first and alone; the form is dropped without a word.
        if in_form and intent != "emergency":
            turn.say(_("I did not send your objection. You can object again at any time."))
        return [ActiveLoop(None), SlotSet("requested_slot", None), *clear_objection()]
