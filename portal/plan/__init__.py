"""The newcomer's own plan pages: plan, upcoming, what changed, acknowledge, calendar, print."""

from portal.plan import calendar_links, channel  # noqa: F401 - register their routes on bp
from portal.plan.views import bp

__all__ = ["bp"]
