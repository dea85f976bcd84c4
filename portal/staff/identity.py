"""A person's personnummer or samordningsnummer on the staff person page: set, remove, show (audited)."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _

from portal.access import current_staff_user, staff_required
from portal.data.people import get_person_for_staff
from portal.models import Role
from portal.services import person_reads
from portal.services.identity_numbers import IdentityNumberError, reveal_identity_number, set_identity_number
from portal.staff.forms import IdentityNumberForm
from portal.staff.views import bp, person_page_context


def identity_error_message(error: IdentityNumberError) -> str:
    """The translated message for a refused number."""
    return {
        "format": _("Write the number as YYYYMMDD-NNNN or YYMMDD-NNNN."),
        "date": _("The date in the number is not a real date of birth."),
        "check_digit": _("The last digit does not match the others. Please check the number."),
        "no_key": _("Numbers cannot be stored: the service has no key for them. Ask the administrator."),
    }.get(error.code, _("The change could not be saved."))


def _person_or_404(person_id: int):
    found = get_person_for_staff(current_staff_user(), person_id)
    if found is None:
        person_reads.record_person_read_denied(person_id)
        abort(404)
    return found


@bp.post("/people/<int:person_id>/identity-number")
@staff_required(Role.CASEWORKER)
def set_person_identity_number(person_id: int):
    person = _person_or_404(person_id)
    form = IdentityNumberForm()
    if not form.validate_on_submit():
        return render_template("staff/person.html", **person_page_context(person, identity_form=form)), 422
    try:
        number = set_identity_number(person, current_staff_user(), form.identity_number.data or "")
    except IdentityNumberError as error:
        form.identity_number.errors = [identity_error_message(error)]
        return render_template("staff/person.html", **person_page_context(person, identity_form=form)), 422
    flash(_("The number was saved.") if number else _("The number was removed."))
    return redirect(url_for("staff.person", person_id=person.id, _anchor="identity"))


@bp.post("/people/<int:person_id>/identity-number/show")
@staff_required(Role.CASEWORKER)
def show_person_identity_number(person_id: int):
    person = _person_or_404(person_id)
    if not IdentityNumberForm().validate_on_submit():
        abort(400)
    number = reveal_identity_number(person, current_staff_user())
    return render_template("staff/person.html", **person_page_context(person, shown_identity_number=number))
