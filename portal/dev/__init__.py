"""Development-only pages. Registered only when DEV_PAGES is on (never in production)."""

from portal.dev.views import bp

__all__ = ["bp"]
