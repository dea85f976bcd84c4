"""URL helpers."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import abort, request

# Machine-to-machine paths: their own authentication (bearer token, Twilio signature) answers
# before anything else looks at what the request holds.
AUTHENTICATED_FIRST = ("/internal/", "/webhooks/")


def safe_next(target: str | None) -> str | None:
    """Return `target` only if it is a local path, so redirects cannot send people elsewhere."""
    if not target:
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return None
    if "\\" in target or any(ord(ch) < 0x20 or ord(ch) == 0x7F for ch in target):
        return None  # a CR/LF would split the Location header; no real path has control characters
    return target


def requested_next() -> str | None:
    """The request's `next` parameter: None when absent, 400 when it is not a safe local path."""
    target = request.args.get("next")
    if not target:
        return None
    nxt = safe_next(target)
    if nxt is None:
        abort(400)
    return nxt
