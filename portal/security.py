"""Security headers on every response, and no NUL characters in any request."""

from __future__ import annotations

from typing import Any

from flask import Flask, Response, abort, request

from portal.urls import AUTHENTICATED_FIRST

# No inline script or style anywhere: pages must work, and stay safe, with this policy.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'"
)


def init_app(app: Flask) -> None:
    app.before_request(refuse_nul_characters)
    app.after_request(add_security_headers)


def refuse_nul_characters() -> None:
    """Refuse a request with a NUL character anywhere in its input.

    Nobody types one, and PostgreSQL cannot store or even compare text with one (a server error
    there, silently kept on SQLite). The internal API's contract answers 422 for bad input.
    """
    if not request.path.startswith(AUTHENTICATED_FIRST):
        check_for_nul()  # machine paths call it themselves, once their credentials are checked


def check_for_nul() -> None:
    body = request.get_json(silent=True) if request.is_json else None
    fields = [*request.args.items(multi=True), *request.form.items(multi=True), *request.cookies.items(multi=True)]
    if "\x00" in request.path or any(_has_nul(pair) for pair in fields) or _has_nul(body):
        abort(422 if request.path.startswith("/internal/") else 400)


def _has_nul(value: Any) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_has_nul(k) or _has_nul(v) for k, v in value.items())
    if isinstance(value, list | tuple):
        return any(_has_nul(v) for v in value)
    return False


def add_security_headers(response: Response) -> Response:
    """Add CSP and friends; HSTS only when the request really came over HTTPS."""
    headers = response.headers
    headers.setdefault("Content-Security-Policy", CSP)
    headers.setdefault("X-Content-Type-Options", "nosniff")
    headers.setdefault("X-Frame-Options", "DENY")
    # Secret URLs (calendar feeds) must not leak to other sites through Referer.
    headers.setdefault("Referrer-Policy", "same-origin")
    headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()")
    headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
    if request.is_secure:
        headers.setdefault("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
    if request.endpoint and not request.endpoint.startswith("static"):
        # Personal pages must not sit in shared caches or the back-forward cache of a shared phone.
        headers.setdefault("Cache-Control", "no-store")
    return response
