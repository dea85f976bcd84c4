"""URL helpers."""

from __future__ import annotations

from urllib.parse import urlsplit

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
    if "\\" in target:
        return None
    return target
