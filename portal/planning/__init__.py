"""Caseworker pages for building and changing a person's plan, and transfers."""

from portal.planning.views import bp

__all__ = ["bp"]
