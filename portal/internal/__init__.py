"""The internal API for the action server: /internal/v1, bearer token, JSON only (docs/internal-api.md).

Each area adds its routes in its own module on `bp`, imported here so they register.
"""

from portal.internal import conversations, openapi, search  # noqa: F401 - register routes and their description
from portal.internal.base import bp

__all__ = ["bp"]
