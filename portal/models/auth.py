"""Sign-in codes and server-side sign-in sessions."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.models.base import Base, UTCDateTime, utcnow

if TYPE_CHECKING:
    from portal.models.organisation import StaffUser
    from portal.models.person import Person


class SignInCode(Base):
    """A one-time code sent by SMS. Only its hash is stored."""

    __tablename__ = "signin_code"

    id: Mapped[int] = mapped_column(primary_key=True)
    # A keyed hash of the phone number: lets us rate-limit unknown numbers without storing them.
    phone_digest: Mapped[str] = mapped_column(String(64), index=True)
    person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"))
    code_hash: Mapped[str] = mapped_column(String(255))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())
    attempts: Mapped[int] = mapped_column(default=0)
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class SignInThrottle(Base):
    """One row per number that asked for a code: the lock that makes the hourly limit exact.

    Code requests for one number update this row first, which holds a row lock (PostgreSQL) or
    the write lock (SQLite) until the request commits; so counting the last hour's codes and
    adding one happen as one step, and parallel requests cannot all pass the limit at once.
    """

    __tablename__ = "signin_throttle"

    phone_digest: Mapped[str] = mapped_column(String(64), primary_key=True)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)


class StaffSignInThrottle(Base):
    """Failed staff sign-ins from one address against one account, and how long it must wait.

    Keyed by the account's email (a keyed hash, so an unknown email is counted the same way
    without being stored) and the client address: someone else's failures elsewhere never
    lock a caseworker out, and each failure past the free ones doubles the wait.
    """

    __tablename__ = "staff_signin_throttle"

    account_digest: Mapped[str] = mapped_column(String(64), primary_key=True)
    address: Mapped[str] = mapped_column(String(45), primary_key=True)
    failures: Mapped[int] = mapped_column(default=0)
    last_failure_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)
    wait_until: Mapped[datetime | None] = mapped_column(UTCDateTime())


class SignInSession(Base):
    """One signed-in session. The cookie carries only its random token.

    Keeping sessions on the server lets sign-in issue a fresh id (no fixation), enforce the
    idle and absolute lifetimes, and end a session for real at sign-out.
    """

    __tablename__ = "signin_session"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id", ondelete="CASCADE"))
    person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    # Loaded with the session row in one query on every signed-in request (see load_principal).
    person: Mapped[Person | None] = relationship(lazy="raise")
    staff: Mapped[StaffUser | None] = relationship(lazy="raise")
