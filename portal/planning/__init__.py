"""Caseworker pages for building and changing a person's plan, and transfers."""

from portal.planning import building, sheets  # noqa: F401 - register templates, copy, holidays, week, print
from portal.planning.views import bp

__all__ = ["bp"]
