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

from portal.services.conversations.background import wait_for_background
from portal.services.conversations.chat import belongs_to_browser, chat_conversation, send_chat_message
from portal.services.conversations.delivery_status import record_delivery_status
from portal.services.conversations.sms import (
    ReplyNotDelivered,
    SmsAnswer,
    deliver_reply,
    language_menu_text,
    receive_sms,
)

__all__ = [
    "ReplyNotDelivered",
    "SmsAnswer",
    "belongs_to_browser",
    "chat_conversation",
    "deliver_reply",
    "language_menu_text",
    "receive_sms",
    "record_delivery_status",
    "send_chat_message",
    "wait_for_background",
]
