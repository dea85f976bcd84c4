"""The bearer token that guards the internal API (the Rasa action server is the only caller)."""

from __future__ import annotations

import hmac

from flask import current_app, request


def bearer_token() -> str | None:
    """The token of an `Authorization: Bearer <token>` header, or None."""
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return None
    return token.strip()


def token_is_valid(token: str | None) -> bool:
    """Compare with INTERNAL_API_TOKEN in constant time; an unset token never matches."""
    expected = current_app.config.get("INTERNAL_API_TOKEN") or ""
    if not token or not expected:
        return False
    return hmac.compare_digest(token.encode(), expected.encode())
