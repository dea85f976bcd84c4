"""Conversations with the assistant: one message in, the replies out, over SMS or web chat.

An inbound SMS (after the webhook has checked Twilio's signature):
1. is stored and committed first; a repeated MessageSid is answered from the original;
2. the number is looked up: a registered person's conversation may get personal answers,
   any other number only civic information (services.assistant_api enforces that);
3. STOP / START / HELP in any of our languages are answered here, before the bot; after
   STOP nothing more is sent until START, except that STOP's own confirmation;
4. the language is the person's stored preference, else the conversation's, else detected
   from the text, else asked with a numbered menu (the question is kept and answered after);
5. the text goes to Rasa under the conversation's opaque id; the replies are joined into one
   SMS of at most SMS_MAX_SEGMENTS segments and recorded;
6. the answer goes back in the webhook's TwiML, or, past SMS_REPLY_DEADLINE, later through
   the SMS client from a worker job (the webhook answers with empty TwiML);
7. when Rasa is down, slow past RASA_TIMEOUT, or answers nothing (its action server is
   down), the portal's own menu answers (services.assistant_fallback), the episode is
   recorded, and the menu's digits are handled by the portal until it expires.

Web chat takes the same path without the SMS parts (keywords, segments, deadline).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import wait as wait_futures
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import timedelta

from flask import Flask, current_app
from flask_babel import force_locale, gettext
from sqlalchemy.exc import IntegrityError

from portal.channels.keywords import Keyword, match_keyword, reply_word
from portal.channels.language import detect_language
from portal.channels.sms_text import fit_sms
from portal.clients.assistant import AssistantClient, AssistantReply, AssistantUnavailable
from portal.clients.sms import SmsSendError, send_sms
from portal.clients.sms.segments import count_segments
from portal.data.conversations import (
    create_chat_conversation,
    get_conversation,
    get_message,
    get_message_by_sid,
    get_open_episode,
    get_or_create_sms_conversation,
    get_sms_by_provider_sid,
    messages_for_sms,
    replies_to,
)
from portal.data.people import get_person_by_phone
from portal.extensions import db
from portal.languages import LANGUAGES, get_language, resolve_choice
from portal.models import (
    AssistantEpisode,
    Channel,
    Conversation,
    ConversationState,
    Direction,
    HandledBy,
    Message,
    Person,
    SmsMessage,
    utcnow,
)
from portal.services import assistant_fallback
from portal.services.assistant_api import identified_person, in_language, set_conversation_language
from portal.worker import enqueue, job_context

log = logging.getLogger(__name__)

# Rasa calls that may outlive the webhook run here; the pool bounds how many wait at once.
_executor = ThreadPoolExecutor(max_workers=32, thread_name_prefix="assistant")
_background: set[Future] = set()
_background_lock = threading.Lock()


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


def receive_sms(*, sid: str, phone: str, body: str) -> SmsAnswer:
    """Store and answer one inbound SMS (the webhook has already checked its signature)."""
    conversation = get_or_create_sms_conversation(phone)
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
        return _answer_duplicate(sid)

    conversation.last_activity_at = utcnow()
    person = _identify(conversation)
    opted_out = _is_opted_out(conversation, person)
    answer = _answer_keyword(conversation, inbound, person, opted_out, body)
    if answer is not None:
        return answer
    if opted_out:
        # Kept, not answered: nothing goes to a number that said STOP until it says START.
        return _silent(inbound, HandledBy.OPTED_OUT)
    if not body.strip():
        # A picture or an empty message: nothing for the assistant; say what it can do.
        return _sms_reply(conversation, inbound, _help_text(conversation.language or "en"), HandledBy.KEYWORD)
    text, answer = _settle_language(conversation, inbound, body)
    if answer is not None:
        return answer
    if _state_active(conversation, ConversationState.FALLBACK_MENU) and assistant_fallback.is_menu_answer(text):
        return _sms_reply(conversation, inbound, assistant_fallback.answer(conversation, text), HandledBy.FALLBACK)

    return _ask_assistant_for_sms(conversation, inbound, text)


def _answer_keyword(
    conversation: Conversation, inbound: Message, person: Person | None, opted_out: bool, body: str
) -> SmsAnswer | None:
    """STOP, START and HELP, answered by the portal; None when the message is not one of them."""
    keyword = match_keyword(body)
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
    if _state_active(conversation, ConversationState.LANGUAGE_MENU):
        choice = resolve_choice(body)
        detected = detect_language(body) if choice is None else None
        if choice is None and detected is None:
            return body, _sms_reply(conversation, inbound, language_menu_text(), HandledBy.LANGUAGE_MENU)
        pending_id = conversation.state_data.get("pending")
        _clear_state(conversation)
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
        detected = detect_language(body)
        if detected is None:
            _set_state(conversation, ConversationState.LANGUAGE_MENU, {"pending": inbound.id})
            return body, _sms_reply(conversation, inbound, language_menu_text(), HandledBy.LANGUAGE_MENU)
        conversation.language = detected
    return body, None


def _answer_duplicate(sid: str) -> SmsAnswer:
    """A repeated MessageSid gets the original's TwiML answer again, never a second turn.

    Twilio repeats a webhook only when it did not get our answer, so the original's reply
    was not sent; a reply that went out through the REST API is not repeated.
    """
    original = get_message_by_sid(sid)
    log.info("duplicate sms webhook", extra={"message_id": original.id if original else None})
    if original is None:
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
    _clear_state(conversation)
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
    with force_locale(get_language(code).babel_locale):  # type: ignore[union-attr]
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


def _state_active(conversation: Conversation, state: ConversationState) -> bool:
    if conversation.state != state:
        return False
    expires = conversation.state_expires_at
    return expires is None or expires > utcnow()


def _set_state(conversation: Conversation, state: ConversationState, data: dict | None = None) -> None:
    conversation.state = state
    conversation.state_data = dict(data or {})
    minutes = current_app.config["ASSISTANT_MENU_MINUTES"]
    conversation.state_expires_at = utcnow() + timedelta(minutes=minutes)


def _clear_state(conversation: Conversation) -> None:
    conversation.state = ConversationState.NONE
    conversation.state_data = {}
    conversation.state_expires_at = None


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
    _submit(_call_assistant, app, client, pending, public_id, text, language, inbound_id)
    pending.done.wait(current_app.config["SMS_REPLY_DEADLINE"])
    with pending.lock:
        if not pending.done.is_set():
            pending.abandoned = True
    if pending.abandoned:
        log.info("assistant past the sms deadline; replying later", extra={"message_id": inbound_id})
        return SmsAnswer(late=True)
    if pending.replies is not None:
        _assistant_recovered(conversation)
        return _sms_reply(conversation, inbound, _sms_text([r.text for r in pending.replies]), HandledBy.RASA)
    episode = _assistant_down(conversation, pending.error or "error")
    return _sms_reply(conversation, inbound, assistant_fallback.menu_text(conversation), HandledBy.FALLBACK, episode)


def _submit(fn, *args) -> None:
    future = _executor.submit(fn, *args)
    with _background_lock:
        _background.add(future)
    future.add_done_callback(_forget)


def _forget(future: Future) -> None:
    with _background_lock:
        _background.discard(future)


def wait_for_background(timeout: float = 30.0) -> None:
    """Wait until late replies have been recorded and handed to the worker (tests, the simulator)."""
    with _background_lock:
        futures = list(_background)
    wait_futures(futures, timeout=timeout)


def _call_assistant(
    app: Flask,
    client: AssistantClient,
    pending: _PendingAnswer,
    public_id: str,
    text: str,
    language: str | None,
    inbound_id: int,
) -> None:
    try:
        pending.replies = client.send(public_id, text, language=language)
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
        _assistant_recovered(conversation)
        body, handled_by = _sms_text([r.text for r in replies]), HandledBy.RASA
    else:
        episode = _assistant_down(conversation, error or "timeout")
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
            sms = send_sms(person or conversation.phone, reply.body, purpose="assistant")
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


# -- the assistant's health ----------------------------------------------------------------


def _assistant_down(conversation: Conversation, reason: str) -> AssistantEpisode:
    """Note one message the portal answered itself, and open the fallback menu."""
    episode = get_open_episode()
    if episode is None:
        episode = AssistantEpisode(reason=reason, messages_handled=0)
        db.session.add(episode)
        log.warning("assistant unavailable; fallback menu on", extra={"reason": reason})
    episode.messages_handled += 1
    _set_state(conversation, ConversationState.FALLBACK_MENU)
    return episode


def _assistant_recovered(conversation: Conversation) -> None:
    episode = get_open_episode()
    if episode is not None:
        episode.ended_at = utcnow()
        log.info("assistant available again", extra={"episode_id": episode.id})
    if conversation.state == ConversationState.FALLBACK_MENU:
        _clear_state(conversation)


# -- web chat ------------------------------------------------------------------------------


def chat_conversation(public_id: str | None, person: Person | None, ui_language: str) -> Conversation:
    """The browser's chat conversation: reused while it belongs to the same person (or nobody)."""
    conversation = get_conversation(public_id) if public_id else None
    if conversation is not None and (
        conversation.channel != Channel.CHAT or conversation.person_id != (person.id if person else None)
    ):
        # Signed in or out since: a civic-only conversation never turns personal, nor back.
        conversation = None
    if conversation is None:
        language = person.preferred_language if person and get_language(person.preferred_language) else ui_language
        conversation = create_chat_conversation(person, language)
        conversation.state_data = {"ui": ui_language}
        db.session.commit()
    elif conversation.state_data.get("ui") != ui_language:
        # The reader switched the page's language: the chat follows.
        conversation.language = ui_language
        conversation.state_data = {**conversation.state_data, "ui": ui_language}
        db.session.commit()
    return conversation


def send_chat_message(conversation: Conversation, text: str) -> list[Message]:
    """Store a chat message and answer it; return the replies."""
    inbound = Message(conversation_id=conversation.id, direction=Direction.IN, body=text, status="received")
    conversation.last_activity_at = utcnow()
    db.session.add(inbound)
    db.session.commit()

    if _state_active(conversation, ConversationState.FALLBACK_MENU) and assistant_fallback.is_menu_answer(text):
        return [_chat_reply(conversation, inbound, assistant_fallback.answer(conversation, text), HandledBy.FALLBACK)]
    client = AssistantClient.from_config(current_app.config)
    public_id, language = conversation.public_id, conversation.language
    db.session.commit()
    try:
        replies = client.send(public_id, text, language=language)
    except AssistantUnavailable as error:
        episode = _assistant_down(conversation, error.reason)
        return [
            _chat_reply(conversation, inbound, assistant_fallback.menu_text(conversation), HandledBy.FALLBACK, episode)
        ]
    _assistant_recovered(conversation)
    return [_chat_reply(conversation, inbound, r.text, HandledBy.RASA) for r in replies if r.text]


def _chat_reply(
    conversation: Conversation,
    inbound: Message,
    text: str,
    handled_by: HandledBy,
    episode: AssistantEpisode | None = None,
) -> Message:
    reply = Message(
        conversation_id=conversation.id,
        direction=Direction.OUT,
        body=text,
        status="delivered",
        handled_by=handled_by,
        reply_to_id=inbound.id,
        delivery="chat",
        episode=episode,
    )
    inbound.handled_by = handled_by
    inbound.episode = episode
    db.session.add(reply)
    db.session.commit()
    return reply


# -- delivery status -----------------------------------------------------------------------

_FINAL = {"delivered", "undelivered", "failed", "read"}


def record_delivery_status(
    provider_sid: str, status: str, error_code: str | None, sms_id: int | None = None
) -> SmsMessage | None:
    """Twilio's status callback: update the SMS record and the conversation message it carries."""
    sms = get_sms_by_provider_sid(provider_sid) if provider_sid else None
    if sms is None and sms_id is not None:
        # A TwiML reply: Twilio names its id only in the first callback, at the URL we gave.
        candidate = db.session.get(SmsMessage, sms_id)
        if candidate is not None and candidate.provider_sid is None:
            candidate.provider_sid = provider_sid or None
            sms = candidate
    if sms is None:
        return None
    # Callbacks can arrive out of order: never step back from a final status.
    if sms.status not in _FINAL or status in _FINAL:
        sms.status = status[:20]
    if error_code:
        sms.error_code = error_code[:20]
    for message in messages_for_sms(sms):
        message.status = sms.status
    db.session.commit()
    return sms
