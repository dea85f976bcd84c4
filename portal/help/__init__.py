"""Help, contact, about and the accessibility statement: the pages a public service must have (issue 14, item 4)."""

from portal.help.views import bp

__all__ = ["bp"]
