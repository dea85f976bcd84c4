"""SMS conversations: store, answer (keywords, language, assistant or menu), deliver late replies."""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from flask import Flask, current_app
from flask_babel import gettext
from sqlalchemy.exc import IntegrityError

from portal import i18n
from portal.channels.keywords import Keyword, KeywordMatch, match_keyword, reply_word
from portal.channels.language import detect_language, guess_language
from portal.channels.sms_text import fit_sms
from portal.channels.triage import asks_to_stop, greeting_language
from portal.clients.assistant import AssistantClient, AssistantReply, AssistantUnavailable
from portal.clients.sms import SmsSendError, send_sms
from portal.clients.sms.segments import count_segments
from portal.data.conversations import (
    get_message,
    get_message_by_sid,
    get_or_create_sms_conversation,
    replies_to,
)
from portal.data.people import get_person_by_phone
from portal.extensions import db
from portal.languages import LANGUAGES, get_language, resolve_choice
from portal.models import (
    AssistantEpisode,
    Conversation,
    ConversationState,
    Direction,
    HandledBy,
    Message,
    Person,
    SmsMessage,
    utcnow,
)
from portal.reminders.replies import record_cannot_come
from portal.reminders.sms_settings import answer_reminder_command
from portal.services import assistant_fallback
from portal.services.assistant_api import identified_person, in_language, set_conversation_language
from portal.services.conversations.background import submit
from portal.services.conversations.state import (
    assistant_down,
    assistant_recovered,
    clear_state,
    set_state,
    state_active,
)
from portal.services.conversations.triage import AssistantMessage, assistant_message
from portal.survey.sms import answer_by_sms
from portal.whatsapp import routing as whatsapp
from portal.worker import enqueue, job_context

log = logging.getLogger(__name__)


@dataclass
class SmsAnswer:
    """What the SMS webhook answers now: a message in TwiML, or nothing."""

    body: str | None = None
    reply: Message | None = None  # the recorded outbound message the TwiML carries
    sms_id: int | None = None  # its SmsMessage, for the status callback URL
    duplicate: bool = False
    late: bool = False  # the answer goes out later through the REST API


@dataclass
class _PendingAnswer:
    """A Rasa call shared by the webhook (which may stop waiting) and its thread."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    done: threading.Event = field(default_factory=threading.Event)
    abandoned: bool = False
    replies: list[AssistantReply] | None = None
    error: str | None = None


# -- SMS ----------------------------------------------------------------------------------


def receive_sms(
    *, sid: str, phone: str, body: str, channel: str = "sms", service_number: str | None = None
) -> SmsAnswer:
    """Store and answer one inbound SMS or WhatsApp message (the webhook has checked its signature).

    A WhatsApp message joins the number's one conversation (portal.whatsapp): same language,
    same assistant, same keywords; its answer goes back on WhatsApp. `service_number` is the
    service's own number it was written to (services.reception routes a stranger by it).
    """
    conversation = get_or_create_sms_conversation(phone)
    if service_number:
        conversation.service_number = service_number
    whatsapp.record_inbound(phone, channel)
    info = count_segments(body)
    inbound = Message(
        conversation_id=conversation.id,
        direction=Direction.IN,
        body=body,
        provider_sid=sid,
        segments=info.segments,
        encoding=info.encoding,
        status="received",
    )
    db.session.add(inbound)
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        return _answer_duplicate(sid, phone)

    conversation.last_activity_at = utcnow()
    person = _identify(conversation)
    opted_out = _is_opted_out(conversation, person)
    answer = _answer_keyword(conversation, inbound, person, opted_out, body)
    if answer is not None:
        return answer
    if opted_out:
        # Kept, not answered: nothing goes to a number that said STOP until it says START.
        return _silent(inbound, HandledBy.OPTED_OUT)
    if person is not None:
        # "0" after a reminder: the person cannot come, and their caseworkers are told. A reminder
        # word ("PÅMINN 18") tells or changes their reminder setting (portal.reminders.sms_settings).
        # A number 1-10 while a satisfaction survey waits answers it (portal.survey.sms).
        reply = (
            answer_by_sms(person, body)
            or record_cannot_come(person, conversation, body)
            or answer_reminder_command(person, body)
        )
        if reply is not None:
            return _sms_reply(conversation, inbound, reply, HandledBy.KEYWORD)
    if not body.strip():
        # A picture or an empty message: nothing for the assistant; say what it can do.
        return _sms_reply(conversation, inbound, _help_text(conversation.language or "en"), HandledBy.KEYWORD)
    text, answer = _settle_language(conversation, inbound, body)
    if answer is not None:
        return answer
    if state_active(conversation, ConversationState.FALLBACK_MENU) and assistant_fallback.is_menu_answer(text):
        return _sms_reply(conversation, inbound, assistant_fallback.answer(conversation, text), HandledBy.FALLBACK)

    return _ask_assistant_for_sms(conversation, inbound, text)


def _answer_keyword(
    conversation: Conversation, inbound: Message, person: Person | None, opted_out: bool, body: str
) -> SmsAnswer | None:
    """STOP, START and HELP, answered by the portal; None when the message is not one of them."""
    keyword = match_keyword(body)
    if keyword is None and asks_to_stop(body):
        # "don't send me messages any more" in the person's own words is STOP too; the reply
        # says how to start again, so a wrong reading is undone with one word.
        keyword = KeywordMatch(Keyword.STOP, (conversation.language or "en",))
    if keyword is None:
        return None
    if conversation.language is None and keyword.language:
        conversation.language = keyword.language
    reply_language = keyword.reply_language(conversation.language)
    if keyword.keyword is Keyword.STOP:
        if opted_out:
            return _silent(inbound, HandledBy.KEYWORD)
        _opt_out(conversation, person)
        return _sms_reply(conversation, inbound, _stop_text(reply_language), HandledBy.KEYWORD)
    if keyword.keyword is Keyword.START and opted_out:
        _opt_in(conversation, person)
        return _sms_reply(conversation, inbound, _start_text(reply_language), HandledBy.KEYWORD)
    if keyword.keyword is Keyword.HELP and not opted_out:
        return _sms_reply(conversation, inbound, _help_text(reply_language), HandledBy.KEYWORD)
    return None  # START from someone who never stopped ("yes"): an answer for the assistant


def _settle_language(conversation: Conversation, inbound: Message, body: str) -> tuple[str, SmsAnswer | None]:
    """Know the conversation's language, or ask with the menu; return the text to answer."""
    if state_active(conversation, ConversationState.LANGUAGE_MENU):
        choice = resolve_choice(body)
        detected = detect_language(body) if choice is None else None
        pending_id = conversation.state_data.get("pending")
        if choice is None and detected is None and body.strip().isdigit():
            # A number the menu does not have: a try at the menu, which is shown again.
            return body, _sms_reply(conversation, inbound, language_menu_text(), HandledBy.LANGUAGE_MENU)
        if choice is None and detected is None:
            # The menu went unanswered: a second one would trap them (issue 11). Answer in the
            # language of both messages read together, else the likeliest; one message changes it.
            pending = get_message(pending_id) if pending_id else None
            earlier = pending.body if pending is not None and pending.conversation_id == conversation.id else ""
            detected = detect_language(f"{earlier}\n{body}") or guess_language(body)
        clear_state(conversation)
        if choice is None:
            conversation.language = detected
            return body, None
        set_conversation_language(conversation, choice.code)
        pending = get_message(pending_id) if pending_id else None
        if pending is None or pending.conversation_id != conversation.id:
            return body, _sms_reply(conversation, inbound, _language_set_text(conversation), HandledBy.LANGUAGE_MENU)
        # Answer the question they asked before we knew their language.
        pending.handled_by = HandledBy.LANGUAGE_MENU
        return pending.body, None
    if conversation.language is None:
        # A greeting alone is too short to identify, but "salaan" or "سڵاو" says which language.
        detected = detect_language(body) or greeting_language(body)
        if detected is None:
            set_state(conversation, ConversationState.LANGUAGE_MENU, {"pending": inbound.id})
            return body, _sms_reply(conversation, inbound, language_menu_text(), HandledBy.LANGUAGE_MENU)
        conversation.language = detected
    return body, None


def _answer_duplicate(sid: str, phone: str) -> SmsAnswer:
    """A repeated MessageSid gets the original's TwiML answer again, never a second turn.

    Twilio repeats a webhook only when it did not get our answer, so the original's reply
    was not sent; a reply that went out through the REST API is not repeated. Twilio repeats
    it from the same number: the same id from another number is not a repeat, and gets nothing
    (the original answer may be personal, and goes only to the number it was written for).
    """
    original = get_message_by_sid(sid)
    log.info("duplicate sms webhook", extra={"message_id": original.id if original else None})
    if original is None:
        return SmsAnswer(duplicate=True)
    if original.conversation.phone != phone:
        log.warning("sms webhook repeated a message id from another number", extra={"message_id": original.id})
        return SmsAnswer(duplicate=True)
    twiml = [m for m in replies_to(original) if m.delivery == "twiml"]
    if twiml:
        return SmsAnswer(body=twiml[0].body, reply=twiml[0], sms_id=twiml[0].sms_message_id, duplicate=True)
    return SmsAnswer(duplicate=True)


def _identify(conversation: Conversation) -> Person | None:
    """Look the number up again on every message: a number that changed hands loses access."""
    person = get_person_by_phone(conversation.phone) if conversation.phone else None
    conversation.person_id = person.id if person else None
    conversation.person = person
    if person is not None and get_language(person.preferred_language):
        conversation.language = get_language(person.preferred_language).code  # type: ignore[union-attr]
    return person


def _is_opted_out(conversation: Conversation, person: Person | None) -> bool:
    # A registered person's own setting decides (they may opt in again on the web too).
    if person is not None:
        return person.sms_opted_out
    return conversation.opted_out_at is not None


def _opt_out(conversation: Conversation, person: Person | None) -> None:
    now = utcnow()
    conversation.opted_out_at = now
    if person is not None:
        person.sms_opted_out_at = now
    clear_state(conversation)
    log.info("sms opt-out", extra={"conversation_id": conversation.id})


def _opt_in(conversation: Conversation, person: Person | None) -> None:
    conversation.opted_out_at = None
    if person is not None:
        person.sms_opted_out_at = None
    log.info("sms opt-in", extra={"conversation_id": conversation.id})


def _silent(inbound: Message, handled_by: HandledBy) -> SmsAnswer:
    inbound.handled_by = handled_by
    db.session.commit()
    return SmsAnswer()


@contextmanager
def _writing_in(code: str) -> Iterator[None]:
    with i18n.in_language(code):
        yield


def _stop_text(code: str) -> str:
    with _writing_in(code):
        return gettext(
            "You will not get any more messages from Ankomst. To get messages again, reply %(start)s.",
            start=reply_word(Keyword.START, code),
        )


def _start_text(code: str) -> str:
    with _writing_in(code):
        return gettext(
            "You will get messages from Ankomst again. To stop them, reply %(stop)s.",
            stop=reply_word(Keyword.STOP, code),
        )


def _help_text(code: str) -> str:
    with _writing_in(code):
        return gettext(
            "Ankomst answers questions about life in Sweden and about your introduction plan. Write your "
            "question in your own language. To stop messages, reply %(stop)s. In an emergency, call 112.",
            stop=reply_word(Keyword.STOP, code),
        )


def _language_set_text(conversation: Conversation) -> str:
    with in_language(conversation) as code:
        return gettext(
            "I will write to you in %(language)s. What would you like to know?",
            language=get_language(code).native_name,  # type: ignore[union-attr]
        )


def language_menu_text() -> str:
    """The numbered language menu, in every language's own name (the numbers of resolve_choice)."""
    return "Ankomst\n" + "\n".join(f"{n} {lang.native_name}" for n, lang in enumerate(LANGUAGES, start=1))


def _sms_text(texts: list[str]) -> str:
    config = current_app.config
    return fit_sms(texts, max_segments=config["SMS_MAX_SEGMENTS"], public_base_url=config.get("PUBLIC_BASE_URL"))


def _sms_reply(
    conversation: Conversation,
    inbound: Message,
    text: str,
    handled_by: HandledBy,
    episode: AssistantEpisode | None = None,
) -> SmsAnswer:
    """Record an answer that goes back in the webhook's TwiML, and commit."""
    body = _sms_text([text])
    info = count_segments(body)
    person = identified_person(conversation)
    sms = SmsMessage(
        direction="out",
        person_id=person.id if person else None,
        to_number=conversation.phone,
        body=body,
        purpose="assistant",
        backend="twiml",
        segments=info.segments,
        encoding=info.encoding,
        status="queued",
        channel=whatsapp.last_channel(conversation.phone),  # TwiML answers on the question's channel
    )
    reply = Message(
        conversation_id=conversation.id,
        direction=Direction.OUT,
        body=body,
        segments=info.segments,
        encoding=info.encoding,
        status="queued",
        handled_by=handled_by,
        reply_to_id=inbound.id,
        delivery="twiml",
        sms_message=sms,
        episode=episode,
    )
    inbound.handled_by = handled_by
    inbound.episode = episode
    db.session.add_all([sms, reply])
    db.session.flush()
    sms_id = sms.id  # read before the commit expires it: one query less per message
    db.session.commit()
    return SmsAnswer(body=body, reply=reply, sms_id=sms_id)


def _ask_assistant_for_sms(conversation: Conversation, inbound: Message, text: str) -> SmsAnswer:
    client = AssistantClient.from_config(current_app.config)
    public_id, language, inbound_id = conversation.public_id, conversation.language, inbound.id
    # Nothing stays open in the database while we wait for the assistant.
    db.session.commit()
    pending = _PendingAnswer()
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    message = assistant_message(conversation, text)
    submit(_call_assistant, app, client, pending, public_id, message, language, inbound_id)
    pending.done.wait(current_app.config["SMS_REPLY_DEADLINE"])
    with pending.lock:
        if not pending.done.is_set():
            pending.abandoned = True
    if pending.abandoned:
        log.info("assistant past the sms deadline; replying later", extra={"message_id": inbound_id})
        return SmsAnswer(late=True)
    if pending.replies is not None:
        assistant_recovered(conversation)
        return _sms_reply(conversation, inbound, _sms_text([r.text for r in pending.replies]), HandledBy.RASA)
    episode = assistant_down(conversation, pending.error or "error")
    return _sms_reply(conversation, inbound, assistant_fallback.menu_text(conversation), HandledBy.FALLBACK, episode)


def _call_assistant(
    app: Flask,
    client: AssistantClient,
    pending: _PendingAnswer,
    public_id: str,
    message: AssistantMessage,
    language: str | None,
    inbound_id: int,
) -> None:
    try:
        pending.replies = client.send(public_id, message.text, language=language, metadata=message.metadata)
    except AssistantUnavailable as error:
        pending.error = error.reason
    except Exception:  # the webhook must get an answer whatever went wrong here
        log.exception("assistant call failed")
        pending.error = "error"
    with pending.lock:
        pending.done.set()
        abandoned = pending.abandoned
    if abandoned:
        with app.app_context():
            try:
                reply_id = _record_late_answer(inbound_id, pending.replies, pending.error)
                if reply_id is not None:
                    enqueue(deliver_reply, reply_id)
            finally:
                db.session.remove()


def _record_late_answer(inbound_id: int, replies: list[AssistantReply] | None, error: str | None) -> int | None:
    """Record the answer to a message the webhook stopped waiting for; return the reply's id."""
    inbound = get_message(inbound_id)
    if inbound is None:
        return None
    conversation = inbound.conversation
    _identify(conversation)
    episode = None
    if replies is not None:
        assistant_recovered(conversation)
        body, handled_by = _sms_text([r.text for r in replies]), HandledBy.RASA
    else:
        episode = assistant_down(conversation, error or "timeout")
        body, handled_by = _sms_text([assistant_fallback.menu_text(conversation)]), HandledBy.FALLBACK
    info = count_segments(body)
    reply = Message(
        conversation_id=conversation.id,
        direction=Direction.OUT,
        body=body,
        segments=info.segments,
        encoding=info.encoding,
        status="pending",
        handled_by=handled_by,
        reply_to_id=inbound.id,
        delivery="rest",
        episode=episode,
    )
    inbound.handled_by = handled_by
    inbound.episode = episode
    db.session.add(reply)
    db.session.commit()
    return reply.id


class ReplyNotDelivered(RuntimeError):
    """The SMS provider did not take a late reply; the worker retries the job."""


def deliver_reply(message_id: int) -> None:
    """Worker job: send a recorded assistant reply through the SMS client (REST), once."""
    with job_context():
        reply = get_message(message_id)
        if reply is None or reply.direction != Direction.OUT or reply.status in ("sent", "delivered", "suppressed"):
            return
        if reply.sms_message is not None and reply.sms_message.status != "failed":
            return
        conversation = reply.conversation
        person = _identify(conversation)
        if _is_opted_out(conversation, person):
            reply.status = "suppressed"
            db.session.commit()
            return
        try:
            sms = send_sms(
                person or conversation.phone,
                reply.body,
                purpose="assistant",
                reply_channel=whatsapp.last_channel(conversation.phone),
            )
        except SmsSendError:
            sms = None
        if sms is None:
            reply.status = "suppressed" if person is not None and person.sms_opted_out else "failed"
        else:
            reply.sms_message_id = sms.id
            reply.status = "failed" if sms.status == "failed" else "sent"
        db.session.commit()
        if reply.status == "failed":
            raise ReplyNotDelivered(f"message {message_id}")
