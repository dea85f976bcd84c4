"""Which portal-owned menu the next message answers, and the assistant's outage episodes."""

from __future__ import annotations

import logging
from datetime import timedelta

from flask import current_app

from portal.data.conversations import get_open_episode
from portal.extensions import db
from portal.models import AssistantEpisode, Conversation, ConversationState, utcnow

log = logging.getLogger(__name__)


def state_active(conversation: Conversation, state: ConversationState) -> bool:
    if conversation.state != state:
        return False
    expires = conversation.state_expires_at
    return expires is None or expires > utcnow()


def set_state(conversation: Conversation, state: ConversationState, data: dict | None = None) -> None:
    conversation.state = state
    conversation.state_data = dict(data or {})
    minutes = current_app.config["ASSISTANT_MENU_MINUTES"]
    conversation.state_expires_at = utcnow() + timedelta(minutes=minutes)


def clear_state(conversation: Conversation) -> None:
    conversation.state = ConversationState.NONE
    conversation.state_data = {}
    conversation.state_expires_at = None


def assistant_down(conversation: Conversation, reason: str) -> AssistantEpisode:
    """Note one message the portal answered itself, and open the fallback menu."""
    episode = get_open_episode()
    if episode is None:
        episode = AssistantEpisode(reason=reason, messages_handled=0)
        db.session.add(episode)
        log.warning("assistant unavailable; fallback menu on", extra={"reason": reason})
    episode.messages_handled += 1
    set_state(conversation, ConversationState.FALLBACK_MENU)
    return episode


def assistant_recovered(conversation: Conversation) -> None:
    episode = get_open_episode()
    if episode is not None:
        episode.ended_at = utcnow()
        log.info("assistant available again", extra={"episode_id": episode.id})
    if conversation.state == ConversationState.FALLBACK_MENU:
        clear_state(conversation)
