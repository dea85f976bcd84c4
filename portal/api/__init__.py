"""The public JSON API: /api/v1, described by the OpenAPI document in portal/api/openapi.py.

Each area adds its routes in its own module on `bp` (imported here so they register) and
describes them in portal/api/openapi.py.
"""

from portal.api import content, me  # noqa: F401 - registers the content and newcomer routes on bp
from portal.api.base import bp

__all__ = ["bp"]
