"""Web chat: the browser's conversation, one message in, the replies out."""

from __future__ import annotations

from flask import current_app

from portal.clients.assistant import AssistantClient, AssistantUnavailable
from portal.data.conversations import create_chat_conversation, get_conversation
from portal.extensions import db
from portal.languages import get_language
from portal.models import (
    AssistantEpisode,
    Channel,
    Conversation,
    ConversationState,
    Direction,
    HandledBy,
    Message,
    Person,
    utcnow,
)
from portal.services import assistant_fallback
from portal.services.conversations.state import assistant_down, assistant_recovered, state_active
from portal.services.conversations.triage import assistant_message


def belongs_to_browser(conversation: Conversation | None, person: Person | None) -> bool:
    """Whether a chat conversation is this browser's: same person (or nobody), same sign-in session."""
    if conversation is None or conversation.channel != Channel.CHAT:
        return False
    if person is None:
        return conversation.person_id is None
    return conversation.person_id == person.id and conversation.signin_session_id == person.signin_session_id


def chat_conversation(public_id: str | None, person: Person | None, ui_language: str) -> Conversation:
    """The browser's chat conversation: reused while it belongs to the same sign-in (or nobody)."""
    conversation = get_conversation(public_id) if public_id else None
    if not belongs_to_browser(conversation, person):
        # Signed in or out since: a civic-only conversation never turns personal, nor back, and
        # a personal one lives only as long as its sign-in session.
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

    if state_active(conversation, ConversationState.FALLBACK_MENU) and assistant_fallback.is_menu_answer(text):
        return [_chat_reply(conversation, inbound, assistant_fallback.answer(conversation, text), HandledBy.FALLBACK)]
    client = AssistantClient.from_config(current_app.config)
    public_id, language = conversation.public_id, conversation.language
    db.session.commit()
    try:
        message = assistant_message(conversation, text)
        replies = client.send(public_id, message.text, language=language, metadata=message.metadata)
    except AssistantUnavailable as error:
        episode = assistant_down(conversation, error.reason)
        return [
            _chat_reply(conversation, inbound, assistant_fallback.menu_text(conversation), HandledBy.FALLBACK, episode)
        ]
    assistant_recovered(conversation)
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
