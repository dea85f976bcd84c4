"""Staff sign-in (password + TOTP), the caseworker's people pages, handoff and erasure requests."""

from portal.staff import erasure, handoffs, identity, inbox, tasks  # noqa: F401 - register /staff/erasure-requests, /handoffs, /inbox, /tasks
from portal.staff.views import bp

__all__ = ["bp"]
