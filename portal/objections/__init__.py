"""Objections: the newcomer's pages (`bp`) and the staff's queues and case pages (`staff_bp`).

Two blueprints in one package because they are one area seen from two sides, sharing forms,
templates and template helpers; the staff side lives under /staff like the other staff pages.
"""

from portal.objections.staff_views import staff_bp
from portal.objections.views import bp

__all__ = ["bp", "staff_bp"]
