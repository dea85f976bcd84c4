"""/staff/handoffs: newcomers who asked the assistant for a person, with their language marked."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _

from portal.access import current_staff_user, staff_required
from portal.data.conversations import list_open_handoffs
from portal.data.people import visible_org_ids
from portal.extensions import db
from portal.forms import Form
from portal.models import Role
from portal.reminders.replies import cannot_come_by_handoff
from portal.services import audit, handoffs
from portal.staff.confirm import confirm_page, confirmed
from portal.staff.views import bp


@bp.get("/handoffs")
@staff_required(Role.CASEWORKER)
def handoff_requests():
    staff = current_staff_user()
    found = list_open_handoffs(visible_org_ids(staff, Role.CASEWORKER))
    audit.record("handoff.list", object_type="handoff", count=len(found))
    db.session.commit()
    # Requests made by replying 0 to a reminder say which occurrence the person cannot come to.
    cannot_come = cannot_come_by_handoff([h.id for h in found])
    return render_template("staff/handoffs.html", handoffs=found, form=Form(), cannot_come=cannot_come)


@bp.post("/handoffs/<int:handoff_id>/close")
@staff_required(Role.CASEWORKER)
def close_handoff(handoff_id: int):
    if not Form().validate_on_submit():
        abort(400)
    if not confirmed():
        handoff = handoffs.get_handoff_for_staff(current_staff_user(), handoff_id)
        if handoff is None:
            abort(404)
        return confirm_page(
            title=_("Mark the request as handled?"),
            question=_("Have you been in touch with %(name)s? The request leaves the list.", name=handoff.person.name),
            action=url_for("staff.close_handoff", handoff_id=handoff.id),
            fields={},
            confirm_label=_("Yes, mark as handled"),
            cancel_url=url_for("staff.handoff_requests"),
        )
    if handoffs.close_handoff(current_staff_user(), handoff_id) is None:
        abort(404)
    flash(_("The request is marked as handled."))
    return redirect(url_for("staff.handoff_requests"))
