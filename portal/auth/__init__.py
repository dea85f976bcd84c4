"""Newcomer sign-in with a code by SMS."""

from portal.auth.views import bp

__all__ = ["bp"]
