"""The newcomer's own plan pages: plan, upcoming, what changed, acknowledge, calendar, print."""

from portal.plan.views import bp

__all__ = ["bp"]
