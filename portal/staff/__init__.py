"""Staff sign-in (password + TOTP), the caseworker's people pages, handoff and erasure requests."""

from portal.staff import (  # noqa: F401 - register /staff/erasure-requests, /handoffs, /inbox, /message-costs, /tasks
    erasure,
    handoffs,
    identity,
    inbox,
    message_costs,
    tasks,
)
from portal.staff.views import bp

__all__ = ["bp"]
