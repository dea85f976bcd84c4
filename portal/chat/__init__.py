"""The web chat with the assistant at /chat: a plain form first, JavaScript only improves it."""

from portal.chat.views import bp

__all__ = ["bp"]
