"""Objections to the plan: the form that files one, and the status of filed ones (the reasons
list is in objection_reasons.py, the activity question in objection_target.py).

The objection flow is the "clear instance to turn to" that the region's decision asked for, so
it must work over plain SMS: reasons are a numbered list, answers may be a number or words.
"""

from __future__ import annotations

import re
import uuid
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import ActiveLoop, EventType, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import FormValidationAction
from rasa_sdk.types import DomainDict

from actions import portal_api
from actions.civic import answer_by_search, shorten
from actions.conversation import (
    PortalAction,
    Turn,
    known_language,
    message_text,
    say_not_identified,
    say_portal_unavailable,
)
from actions.i18n import Messages
from actions.leaving import LEAVES_FORM, OBJECTION_SLOTS, clear_objection
from actions.objection_reasons import REASON_CODES, parse_reason, reason_labels
from actions.objection_target import WHOLE_PLAN, ask_target, fold_text, parse_target, plan_activities

FORM_SLOTS = OBJECTION_SLOTS
# Intents that answer the confirmation question; anything else is asked once more, then dropped.
CONFIRM_INTENTS = {"affirm": True, "deny": False}
MAX_LISTED_OBJECTIONS = 3
# The portal's limits (TEXT_MAX_LENGTH, WANTED_MAX_LENGTH); longer answers are cut, not refused.
MAX_TEXT_CHARS = 4000
MAX_WANTED_CHARS = 1000
CROCKFORD_TYPOS = str.maketrans({"O": "0", "I": "1", "L": "1"})


def normalise_case_number(raw: str) -> str:
    """Return a case number as XXXX-XXXX, with Crockford's O→0 and I/L→1 applied."""
    compact = re.sub(r"[^0-9A-Za-z]", "", raw).upper().translate(CROCKFORD_TYPOS)
    return f"{compact[:4]}-{compact[4:]}" if len(compact) == 8 else compact


def idempotency_key(tracker: Tracker) -> str:
    """Return a key that is the same for every retry of one filled-in objection form."""
    started = next(
        (
            e.get("timestamp")
            for e in reversed(tracker.events)
            if e.get("event") == "active_loop" and e.get("name") == "objection_form"
        ),
        None,
    )
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"ankomst:objection:{tracker.sender_id}:{started}"))


def answer_was_rejected(tracker: Tracker, slot: str) -> bool:
    """Return whether the latest message answered the question for ``slot`` and did not fit."""
    return _rejected(tracker.events, slot)


def previous_answer_was_rejected(tracker: Tracker, slot: str) -> bool:
    """Return whether the message before the latest one answered ``slot`` and did not fit.

    While the form validates the latest message, the events after it hold nothing about
    ``slot`` yet; whether the question was already asked again shows in the turn before.
    """
    events = tracker.events
    latest_user = max((i for i, e in enumerate(events) if e.get("event") == "user"), default=None)
    return latest_user is not None and _rejected(events[:latest_user], slot)


def _rejected(events: list[dict[str, Any]], slot: str) -> bool:
    cleared = None
    for index in range(len(events) - 1, -1, -1):
        event = events[index]
        if event.get("event") == "slot" and event.get("name") == slot and cleared is None:
            cleared = event.get("value") is None
        if event.get("event") == "user":
            # Only an answer to this very question can be rejected: not the message that
            # started the form, and not a question asked in between (help, bot challenge).
            asked = next(
                (
                    e.get("value")
                    for e in reversed(events[:index])
                    if e.get("event") == "slot" and e.get("name") == "requested_slot"
                ),
                None,
            )
            return bool(cleared) and asked == slot
    return False


def _clear_form() -> list[EventType]:
    return clear_objection()


def _latest_intent(tracker: Tracker) -> tuple[str | None, float]:
    intent = (tracker.latest_message or {}).get("intent") or {}
    return intent.get("name"), float(intent.get("confidence") or 0.0)


# At the questions read here (which part, yes/no) these also leave the form when the NLU is sure
# of them: the answers expected there are a number or yes/no, never a description.
SURE_ESCAPES = {"ask_civic_info", "ask_plan", "ask_schedule", "ask_next_activity", "goodbye", "thanks", "greet"}
SURE_CONFIDENCE = 0.8
# At the free-text questions (why, what is wrong, what you want) a description is expected, and it
# often reads like a question about content or the schedule. Such a message leaves the form only
# when the NLU is sure and it is asked as a question ("how do I get my diploma validated here?").
QUESTION_ESCAPES = {"ask_civic_info", "ask_plan", "ask_schedule", "ask_next_activity"}
QUESTION_MARKS = ("?", "؟", "፧")


# Intents whose messages are short ("no", "stop", "thanks, bye"). At a free-text question, a
# message longer than MAX_SHORT_REPLY_WORDS read as one of them is a description the NLU
# misread ("I sleep badly and do not get up, I miss it all the time" as "no"), and it is taken
# as the answer: losing it would be worse, and the confirmation step shows what will be sent
# and accepts only a clear yes before anything is filed.
SHORT_REPLY_INTENTS = {"cancel", "deny", "thanks", "goodbye"}
MAX_SHORT_REPLY_WORDS = 8

# An answer to "which part" longer than this says more than the activity's name: what is wrong.
MAX_NAMING_WORDS = 4
# A question without a question mark is short; a description of what is wrong is longer.
MAX_QUESTION_WORDS = 6


def _asked(text: str) -> bool:
    """Whether a message is written as a question (a question mark of any script)."""
    return any(mark in text for mark in QUESTION_MARKS)


def _escapes(tracker: Tracker, *, questions_only: bool = False) -> bool:
    """Whether the latest message is one of the intents that leave the form at a number question.

    With `questions_only`, a question about content, the plan or the schedule leaves only when it
    is asked as a question or is short: at "which part of your plan", people describe the activity
    instead ("the internship at the care home, I have a hernia"), which reads like a question to
    the NLU, and a description is longer than "where do I find a dentist".
    """
    name, confidence = _latest_intent(tracker)
    text = message_text(tracker)
    if questions_only and _misread_short_reply(name, text):
        return False
    if name in SURE_ESCAPES:
        asked = _asked(text) or len(text.split()) <= MAX_QUESTION_WORDS
        if questions_only and name in QUESTION_ESCAPES and not asked:
            return False
        return confidence >= SURE_CONFIDENCE
    return name in LEAVES_FORM


def _misread_short_reply(intent: str | None, text: str) -> bool:
    """Whether a message read as "no", "stop", "thanks" or "bye" is too long to be one.

    At every question of the form but the last (yes/no), such a message is the person's
    description of what is wrong ("I was a driver in Kandahar, I want bus or taxi work"), unless
    it says "forget it" in so many words ("actually wait, forget it, my caseworker fixed it").
    """
    if intent not in SHORT_REPLY_INTENTS or len(text.split()) <= MAX_SHORT_REPLY_WORDS:
        return False
    return not _NEVER_MIND.search(f" {fold_text(text)} ")


# "Forget it" in so many words, in our languages: a long message with one of these leaves the
# form even when it also explains. Only phrases that never describe a problem with a plan: "I
# don't want" does ("I don't want the evening class"), so it is not here. A documented rule set:
# general phrases, never sentences copied from an evaluation set.
NEVER_MIND_PHRASES = (
    # en, sv
    "forget it", "never mind", "nevermind", "cancel it", "cancel that", "glom det", "strunt i det", "avbryt",
    # ar (and Arabizi)
    "انسى الموضوع", "انسي الموضوع", "انسى", "الغي", "الغيها", "خلص انسى", "ensa", "insa", "elghi",
    # fa, prs
    "بیخیال", "بی خیال", "ولش کن", "لغو کن", "لغوش کن", "bikhial", "bikhiyal", "velesh kon",
    # ps, ckb, ku
    "پریږده", "هیر یې کړه", "لغوه یې کړه", "لەبیری بکە", "وازی لێبهێنە", "هەڵیوەشێنەوە",
    "ji bir bike", "bihele", "betal bike",
    # so, ti
    "iska daa", "ka noqo", "ሕደጎ", "ሰርዞ",
    # uk, ru
    "забудь", "забудьте", "скасуй", "скасуйте", "неважливо", "отмени", "отмените", "неважно",
    # "no complaint after all", said of the objection itself
    "no complaint", "dont want to complain", "vill inte klaga", "ما بدي اشتكي", "ما اريد اشتكي",
    "نمیخوام شکایت کنم", "شکایت نمیکنم", "شکایت نه کوم", "ma rabo cabasho", "не треба скаргу",
    "не треба скарги", "не хочу скаржитись", "не надо жалобу", "не надо жалобы", "не хочу жаловаться",
)  # fmt: skip
_NEVER_MIND = re.compile("|".join(rf" {re.escape(fold_text(p))} " for p in NEVER_MIND_PHRASES))


def free_text_answer(tracker: Tracker, slot: str) -> dict[str, Any]:
    """Take the latest message as the answer to a free-text question, unless it asks for something else.

    Returning nothing makes the form reject the turn, and the rule of the message's intent answers
    it after leaving the form (data/rules/objections.yml).
    """
    if tracker.get_slot("requested_slot") != slot:
        return {}
    # The person's words, also when the portal set the intent (a greeting left out, an objection
    # read by its triage): never "/file_objection" as the description of what is wrong.
    text = message_text(tracker).strip()
    name, confidence = _latest_intent(tracker)
    if _misread_short_reply(name, text):
        return {slot: text}
    if not text or name in LEAVES_FORM:
        return {}
    if name in QUESTION_ESCAPES and confidence >= SURE_CONFIDENCE and _asked(text):
        return {}
    return {slot: text}


class ActionStartObjection(PortalAction):
    """Check that the person is identified and has a plan before the objection form asks anything."""

    def name(self) -> str:
        return "action_start_objection"

    def respond(self, turn: Turn) -> list[EventType]:
        _ = turn.messages._
        try:
            identified = bool(turn.api.conversation(turn.cid).get("identified"))
            plan = turn.api.plan(turn.cid) if identified else None
        except portal_api.PortalUnavailable:
            say_portal_unavailable(turn)
            return [SlotSet("can_object", False)]
        if not identified:
            say_not_identified(turn)
            return [SlotSet("can_object", False), SlotSet("identified", False)]
        if plan is None:
            # The NLU heard an objection from someone with no plan: often a question about their
            # situation ("is there a safe place for me and the children?"). A sure answer from the
            # content comes first; the explanation follows either way.
            answered = answer_by_search(turn, when_none="silent", confident_only=True) if turn.text else None
            # An objection needs a plan to object to; a form that can never be sent is a trap.
            turn.say(
                _(
                    "You do not have a plan yet, so there is nothing to object to. If something is wrong, "
                    'write "caseworker" and a caseworker will contact you.'
                )
            )
            return [SlotSet("can_object", False), SlotSet("identified", True), *(answered or [])]
        events = [SlotSet("can_object", True), SlotSet("identified", True), *_clear_form()]
        if _latest_intent(turn.tracker)[0] != "file_objection":
            # Reached from "I want to appeal" with nothing to review (review.py): the rules start
            # the form only after file_objection, so this starts it.
            events.append(FollowupAction("objection_form"))
        return events


class ActionAskObjectionTarget(PortalAction):
    """Ask which activity of the person's own plan the objection is about, or the whole plan."""

    def name(self) -> str:
        return "action_ask_objection_target"

    def respond(self, turn: Turn) -> None:
        activities = plan_activities(turn.api.plan(turn.cid))
        ask_target(turn, activities, again=answer_was_rejected(turn.tracker, "objection_target"))


class ActionAskObjectionReason(PortalAction):
    """Ask why the person objects, as a numbered list of reasons."""

    def name(self) -> str:
        return "action_ask_objection_reason"

    def respond(self, turn: Turn) -> None:
        messages = turn.messages
        _ = messages._
        if answer_was_rejected(turn.tracker, "objection_reason"):
            intro = _("Sorry, I did not understand. Answer with a number from 1 to %(count)s:", count=len(REASON_CODES))
        else:
            intro = _("Why do you object? Answer with a number. Write %(word)s to stop.", word=_("cancel"))
        labels = reason_labels(messages)
        lines = [f"{number}. {labels[code]}" for number, code in enumerate(REASON_CODES, 1)]
        turn.say("\n".join([intro, *lines]))


class ActionAskObjectionText(PortalAction):
    """Ask what is wrong, in the person's own words, when the reason came as a number."""

    def name(self) -> str:
        return "action_ask_objection_text"

    def respond(self, turn: Turn) -> None:
        _ = turn.messages._
        turn.say(_("Tell me in a few words what is wrong."))


class ActionAskObjectionWanted(PortalAction):
    """Ask what the person wants instead, in their own words."""

    def name(self) -> str:
        return "action_ask_objection_wanted"

    def respond(self, turn: Turn) -> None:
        _ = turn.messages._
        turn.say(_("What do you want instead? Write it in your own words."))


class ActionAskObjectionConfirm(PortalAction):
    """Repeat the objection back and ask whether to send it."""

    def name(self) -> str:
        return "action_ask_objection_confirm"

    def respond(self, turn: Turn) -> None:
        messages = turn.messages
        _ = messages._
        if answer_was_rejected(turn.tracker, "objection_confirm"):
            turn.say(_("Please answer yes or no: shall I send your objection?"))
            return
        reason = reason_labels(messages).get(turn.tracker.get_slot("objection_reason"), "")
        wanted = shorten(turn.tracker.get_slot("objection_wanted") or "", 80)
        turn.say(_("Your objection: %(reason)s. You want: %(wanted)s", reason=reason, wanted=wanted))
        turn.say(_("Shall I send it to your caseworker? Answer yes or no."))


class ValidateObjectionForm(FormValidationAction):
    """Turn the answers to the objection form into a reason code and a clean wish."""

    def name(self) -> str:
        return "validate_objection_form"

    def extract_objection_target(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """Read the activity from a number or its name; a second unclear answer means the whole plan.

        People often answer with the activity and what is wrong with it ("the evening SFI class,
        my husband works evenings"). That names the activity, so it is the answer even when the
        NLU takes it for a question, and its words are the objection's text.
        """
        if tracker.get_slot("requested_slot") != "objection_target":
            return {}
        text = message_text(tracker)
        intent, _confidence = _latest_intent(tracker)
        if intent in LEAVES_FORM and not _misread_short_reply(intent, text):
            return {}
        try:
            activities = plan_activities(portal_api.client().plan(tracker.sender_id))
        except portal_api.PortalError:
            return {"objection_target": WHOLE_PLAN}
        target = parse_target(text, activities)
        if target is None:
            if _escapes(tracker, questions_only=True):
                return {}
            if previous_answer_was_rejected(tracker, "objection_target"):
                target = WHOLE_PLAN  # asked twice: the caseworker sees the person's own words anyway
        # Words beyond an activity's name say what is wrong: they are kept as the objection's text,
        # also when no activity was named and the part is asked again.
        described = len(text.split()) > MAX_NAMING_WORDS
        return {"objection_target": target, **({"objection_text": text.strip()} if described else {})}

    def extract_objection_reason(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        return free_text_answer(tracker, "objection_reason")

    def validate_objection_reason(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """Accept a number from the list or words that point at one reason.

        Asked twice without a reason found, the words are kept as "other": the caseworker reads
        them, and the person is not asked for a number a third time.
        """
        text = str(value or "")
        messages = Messages(known_language(tracker))
        code = parse_reason(text, messages)
        if code is None:
            if previous_answer_was_rejected(tracker, "objection_reason"):
                own_words = None if text.strip().isdigit() else text.strip()[:MAX_TEXT_CHARS]
                return {"objection_reason": "other", "objection_text": own_words or tracker.get_slot("objection_text")}
            return {"objection_reason": None}
        # Words are already the person's own explanation, so the form need not ask for one.
        own_words = None if re.fullmatch(r"\D{0,4}?\d+\W*", text.strip()) else text.strip()
        # A number keeps what the person already wrote when they named the activity.
        return {"objection_reason": code, "objection_text": own_words or tracker.get_slot("objection_text")}

    def extract_objection_text(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        return free_text_answer(tracker, "objection_text")

    def validate_objection_text(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """Accept any non-empty text, cut to the portal's limit."""
        text = " ".join(str(value or "").split())
        return {"objection_text": text[:MAX_TEXT_CHARS] or None}

    def extract_objection_confirm(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """Read yes or no from the intent of the answer to the confirmation question."""
        if tracker.get_slot("requested_slot") != "objection_confirm" or _escapes(tracker):
            # Another intent leaves the form through its rules (nothing is sent).
            return {}
        intent, _confidence = _latest_intent(tracker)
        if intent in CONFIRM_INTENTS:
            return {"objection_confirm": CONFIRM_INTENTS[intent]}
        # Only a clear yes sends. Unclear once: ask again; unclear twice: send nothing.
        if previous_answer_was_rejected(tracker, "objection_confirm"):
            return {"objection_confirm": False}
        return {"objection_confirm": None}

    def extract_objection_wanted(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        return free_text_answer(tracker, "objection_wanted")

    def validate_objection_wanted(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """Accept any non-empty text, capped to a sane length."""
        text = " ".join(str(value or "").split())
        return {"objection_wanted": text[:MAX_WANTED_CHARS] or None}


class ActionSubmitObjection(PortalAction):
    """Send the confirmed objection to the portal, or drop it when the person said no."""

    def name(self) -> str:
        return "action_submit_objection"

    def respond(self, turn: Turn) -> list[EventType]:
        messages = turn.messages
        _ = messages._
        slots = turn.tracker.slots
        if slots.get("objection_confirm") is not True or not slots.get("objection_reason"):
            turn.say(_("OK, I did not send anything. You can object again at any time."))
            return _clear_form()
        try:
            case = turn.api.file_objection(
                turn.cid,
                reason=slots["objection_reason"],
                wanted=slots.get("objection_wanted") or "",
                text=slots.get("objection_text") or "",
                interpreter=False,
                idempotency_key=idempotency_key(turn.tracker),
                target=slots.get("objection_target") or WHOLE_PLAN,
            )
        except (portal_api.Invalid, portal_api.PortalUnavailable):
            turn.say(_("Sorry, your objection was not sent. Please try again later, or ask to talk to a caseworker."))
            return _clear_form()
        turn.say(_("Your objection is sent. Case number: %(case_number)s.", case_number=case["case_number"]))
        if case.get("due_date"):
            turn.say(_("You get an answer by %(date)s.", date=messages.long_date(case["due_date"])))
        return [*_clear_form(), SlotSet("case_number", case["case_number"])]


class ActionCancelObjection(PortalAction):
    """Stop the objection form when the person says no in the middle of it."""

    def name(self) -> str:
        return "action_cancel_objection"

    def respond(self, turn: Turn) -> list[EventType]:
        _ = turn.messages._
        turn.say(_("OK, I did not send anything. You can object again at any time."))
        return [ActiveLoop(None), SlotSet("requested_slot", None), *_clear_form()]


class ActionObjectionStatus(PortalAction):
    """Tell the status of one objection by its case number, or list the person's objections."""

    def name(self) -> str:
        return "action_objection_status"

    def respond(self, turn: Turn) -> None:
        messages = turn.messages
        _ = messages._
        raw = next(turn.tracker.get_latest_entity_values("case_number"), None)
        if raw:
            case_number = normalise_case_number(raw)
            try:
                case = turn.api.objection(turn.cid, case_number)
            except portal_api.NotFound:
                turn.say(
                    _("I cannot find case %(case_number)s. Check the number and try again.", case_number=case_number)
                )
                return
            turn.say(self._describe(messages, case))
            return
        cases = turn.api.objections(turn.cid)
        if not cases:
            turn.say(_("You have no objections."))
            return
        lines = [messages.ngettext("You have %(n)s objection:", "You have %(n)s objections:", len(cases))]
        lines += [self._describe(messages, case) for case in cases[:MAX_LISTED_OBJECTIONS]]
        turn.say("\n".join(lines))

    @staticmethod
    def _describe(messages: Messages, case: dict[str, Any]) -> str:
        _ = messages._
        if case.get("due_date"):
            return _(
                "%(case_number)s: %(status)s, answer by %(date)s",
                case_number=case["case_number"],
                status=case["status_label"],
                date=messages.long_date(case["due_date"]),
            )
        return _("%(case_number)s: %(status)s", case_number=case["case_number"], status=case["status_label"])
