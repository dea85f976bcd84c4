"""Argon2 hashing for passwords and one-time codes."""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask import current_app

_FULL = PasswordHasher()
# Only for the test suite: same algorithm, low cost, so hundreds of sign-ins stay fast.
_FAST = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)


def _hasher() -> PasswordHasher:
    return _FAST if current_app.config.get("ARGON2_FAST") else _FULL


def hash_secret(secret: str) -> str:
    """Hash a password or code with Argon2id."""
    return _hasher().hash(secret)


def verify_secret(hashed: str, secret: str) -> bool:
    """Check a secret against its hash, in constant time for a given hash."""
    try:
        return _hasher().verify(hashed, secret)
    except (VerificationError, InvalidHashError):
        return False


def burn_time(secret: str) -> None:
    """Spend the time one hash costs, so a code for an unknown number takes as long to answer."""
    _hasher().hash(secret)
