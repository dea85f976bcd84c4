"""/staff/message-costs: each automatic SMS in the 12 languages, with its encoding and segments."""

from __future__ import annotations

from flask import render_template

from portal.access import staff_required
from portal.models import Role
from portal.services.message_costs import message_costs as build_costs
from portal.services.message_costs import ucs2_factor
from portal.staff.views import bp


@bp.get("/message-costs")
@staff_required(Role.EDITOR, Role.CASEWORKER, Role.ADMIN)
def message_costs():
    costs = build_costs()
    return render_template("staff/message_costs.html", costs=costs, factor=ucs2_factor(costs))
