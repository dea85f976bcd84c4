"""Staff sign-in (password + TOTP) and the caseworker's people pages."""

from portal.staff.views import bp

__all__ = ["bp"]
