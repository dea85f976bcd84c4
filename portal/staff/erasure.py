"""/staff/erasure-requests: newcomers who asked for their data to be erased, and the confirmation."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _

from portal.access import current_staff_user, staff_required
from portal.data.erasure_requests import get_pending_erasure_request
from portal.data.people import get_person_for_staff
from portal.models import Role
from portal.services import erasure, person_reads
from portal.staff.forms import ErasureConfirmForm
from portal.staff.views import bp, person_page_context


@bp.get("/erasure-requests")
@staff_required(Role.CASEWORKER)
def erasure_requests():
    return render_template("staff/erasure_requests.html", requests=erasure.pending_requests_for(current_staff_user()))


@bp.post("/people/<int:person_id>/erasure")
@staff_required(Role.CASEWORKER)
def confirm_erasure(person_id: int):
    """The caseworker confirms a pending request with a reason; the person's data is erased."""
    staff = current_staff_user()
    person = get_person_for_staff(staff, person_id)
    if person is None or get_pending_erasure_request(person) is None:
        abort(404)
    form = ErasureConfirmForm()
    if not form.validate_on_submit():
        person_reads.record_person_read(person)
        return render_template("staff/person.html", **person_page_context(person, form)), 422
    erasure.confirm_erasure_request(staff, person_id, form.reason.data.strip())
    flash(_("The person's data has been erased. Decided objections are kept without personal details."))
    return redirect(url_for("staff.erasure_requests"))
