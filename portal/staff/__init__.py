"""Staff sign-in (password + TOTP), the caseworker's people pages and handoff requests."""

from portal.staff import handoffs  # noqa: F401 - registers /staff/handoffs on bp
from portal.staff.views import bp

__all__ = ["bp"]
