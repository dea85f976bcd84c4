"""The civic-information reader: module index, module pages and search."""

from portal.info.views import bp

__all__ = ["bp"]
