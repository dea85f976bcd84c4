from __future__ import annotations

import re

from flask import Blueprint, current_app, jsonify, redirect, render_template, request, session, url_for
from markupsafe import Markup

from portal.access import current_person
from portal.bidi import isolate_html, text_direction
from portal.chat.forms import ChatForm
from portal.data.conversations import get_conversation, list_messages
from portal.extensions import limiter
from portal.i18n import current_language
from portal.models import Conversation, Direction, Message
from portal.services import conversations

bp = Blueprint("chat", __name__)
SESSION_KEY = "chat"


def _current_conversation() -> Conversation | None:
    """This browser's conversation, if it still belongs to whoever is signed in (or nobody)."""
    conversation = get_conversation(session.get(SESSION_KEY) or "")
    return conversation if conversations.belongs_to_browser(conversation, current_person()) else None


def _wants_json() -> bool:
    return request.accept_mimetypes.best == "application/json"


def _limit() -> str:
    return current_app.config["CHAT_POST_LIMIT"]


@bp.get("/chat")
def chat():
    conversation = _current_conversation()
    messages = list_messages(conversation) if conversation else []
    return render_template("chat/chat.html", form=ChatForm(), messages=messages, personal=current_person() is not None)


@bp.post("/chat")
@limiter.limit(_limit)
def post_message():
    form = ChatForm()
    if not form.validate_on_submit():
        if _wants_json():
            return jsonify(error="invalid", message=next(iter(form.errors.values()))[0]), 422
        conversation = _current_conversation()
        messages = list_messages(conversation) if conversation else []
        return (
            render_template("chat/chat.html", form=form, messages=messages, personal=current_person() is not None),
            422,
        )
    conversation = conversations.chat_conversation(session.get(SESSION_KEY), current_person(), current_language().code)
    session[SESSION_KEY] = conversation.public_id
    replies = conversations.send_chat_message(conversation, form.message.data.strip())
    if _wants_json():
        return jsonify(messages=[_message_json(m) for m in replies])
    return redirect(url_for(".chat", _anchor="latest"))


def _message_json(message: Message) -> dict[str, str]:
    return {
        "direction": message.direction.value,
        "html": str(linkify(message.body)),
        "dir": text_direction(message.body),
    }


_LINK = re.compile(r"(https?://[^\s<>\"']+|(?<!\S)/[a-z][\w\-/#?=&.%]*)", re.IGNORECASE)


@bp.app_template_filter("linkify")
def linkify(text: str) -> Markup:
    """Escape a message, turn portal paths and web links into links, and isolate LTR runs."""
    parts = _LINK.split(text or "")
    out = []
    for index, part in enumerate(parts):
        if index % 2:
            href = part.rstrip(".,;:!?)")
            tail = part[len(href) :]
            out.append(Markup('<a href="{}" dir="ltr">{}</a>{}').format(href, href, tail))
        else:
            # Phone numbers, times and case numbers keep their order in an Arabic reply (portal.bidi).
            out.append(Markup(isolate_html(part)))  # noqa: S704 - isolate_html escapes the text
    return Markup("").join(out)


@bp.app_template_global()
def is_outbound(message: Message) -> bool:
    return message.direction == Direction.OUT
