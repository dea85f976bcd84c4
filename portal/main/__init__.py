"""Home, language choice and health check."""

from portal.main.views import bp

__all__ = ["bp"]
