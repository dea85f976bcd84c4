"""Server-side sign-in sessions with idle and absolute lifetimes."""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

from flask import current_app, g, session
from flask_login import login_user, logout_user
from sqlalchemy import delete, select
from sqlalchemy.orm import joinedload

from portal.extensions import db
from portal.models import Person, SignInSession, StaffUser, utcnow

Principal = Person | StaffUser
_TOUCH_EVERY = timedelta(seconds=60)


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def start_session(principal: Principal) -> str:
    """Sign `principal` in with a brand-new session id (the old cookie state is dropped)."""
    language = session.get("lang")
    session.clear()  # no session fixation: nothing from before sign-in survives but the language
    if language:
        session["lang"] = language
    token = secrets.token_urlsafe(32)
    record = SignInSession(token_hash=_digest(token))
    if isinstance(principal, StaffUser):
        record.staff_id = principal.id
    else:
        record.person_id = principal.id
    db.session.add(record)
    db.session.commit()
    principal.session_token = token
    principal.signin_session_id = record.id
    login_user(principal)
    return token


def end_session(principal: Principal | None) -> None:
    """Sign out and forget the session on the server too."""
    token = getattr(principal, "session_token", None)
    if token:
        db.session.execute(delete(SignInSession).where(SignInSession.token_hash == _digest(token)))
        db.session.commit()
    logout_user()
    session.clear()


def session_is_current(record: SignInSession, now: datetime | None = None) -> bool:
    """Whether a sign-in session is within its idle and absolute lifetimes."""
    now = now or utcnow()
    cfg = current_app.config
    return (
        now - record.last_seen_at <= cfg["SESSION_IDLE_TIMEOUT"]
        and now - record.created_at <= cfg["SESSION_ABSOLUTE_LIFETIME"]
    )


def load_principal(token: str) -> Principal | None:
    """Flask-Login's user loader: a valid, unexpired session's staff user or person."""
    g._loading_user = True
    try:
        # One round trip for the session and whoever it belongs to: this runs on every request.
        record = db.session.scalar(
            select(SignInSession)
            .where(SignInSession.token_hash == _digest(token))
            .options(joinedload(SignInSession.person), joinedload(SignInSession.staff))
        )
        if record is None:
            return None
        now = utcnow()
        if not session_is_current(record, now):
            db.session.delete(record)
            db.session.commit()
            return None
        if now - record.last_seen_at > _TOUCH_EVERY:
            record.last_seen_at = now
            db.session.commit()
        principal: Principal | None = record.staff if record.staff_id else record.person
        if principal is not None:
            principal.session_token = token
            principal.signin_session_id = record.id
        return principal
    finally:
        g._loading_user = False
