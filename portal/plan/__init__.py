"""The newcomer's own plan pages: plan, upcoming, what changed, acknowledge, calendar, print."""

from portal.plan import calendar_links  # noqa: F401 - registers its route on bp
from portal.plan.views import bp

__all__ = ["bp"]
