"""Help, contact, about and accessibility-statement pages, and the editors' contact form.

The pages are plain templates with UI strings, so they exist in all 12 languages through the
same catalogues as the rest of the portal. The contact details come from the database, one row
per municipality (and one for the region), edited by that municipality's own staff.
"""

from __future__ import annotations

from datetime import date

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from portal.access import current_person, current_staff_user, staff_required
from portal.data.contacts import get_contact, get_organisation_by_slug, list_public_contacts
from portal.help.forms import ContactForm
from portal.models import Role
from portal.services import contacts

bp = Blueprint("help", __name__)

# The day the accessibility statement was last reviewed against the pages (DIGG's model asks for
# it). Change it whenever the list of known problems is checked again.
ACCESSIBILITY_STATEMENT_REVIEWED = date(2026, 12, 7)


@bp.get("/help")
def help_page():
    """How to use Ankomst and where to get help, with the national numbers to call."""
    return render_template("help/help.html", lines=contacts.NATIONAL_LINES)


@bp.get("/contact")
def contact():
    """Each reception's phone, e-mail, address and opening hours; a signed-in person's own first."""
    person = current_person()
    found = list_public_contacts()
    own_id = person.home_municipality_id if person is not None else None
    found.sort(key=lambda c: c.organisation_id != own_id)  # stable: the rest stay in name order
    return render_template(
        "help/contact.html",
        contacts=found,
        own_id=own_id,
        opening_days=contacts.opening_days,
        lines=contacts.NATIONAL_LINES,
    )


@bp.get("/about")
def about():
    return render_template("help/about.html")


@bp.get("/accessibility")
def accessibility():
    """The accessibility statement (tillgänglighetsredogörelse), after DIGG's model."""
    return render_template(
        "help/accessibility.html", reviewed=ACCESSIBILITY_STATEMENT_REVIEWED, contacts=list_public_contacts()
    )


@bp.get("/staff/contacts")
@staff_required(Role.EDITOR, Role.ADMIN)
def staff_contacts():
    """The receptions whose contact details this staff member may change."""
    orgs = contacts.editable_organisations(current_staff_user())
    return render_template("help/staff_contacts.html", rows=[(o, get_contact(o)) for o in orgs])


@bp.route("/staff/contacts/<slug>", methods=["GET", "POST"])
@staff_required(Role.EDITOR, Role.ADMIN)
def edit_contact(slug: str):
    organisation = get_organisation_by_slug(slug)
    staff = current_staff_user()
    if organisation is None or not contacts.may_edit(staff, organisation):
        abort(403, description=_("You can change the contact details of your own municipality only."))
    existing = get_contact(organisation)
    form = ContactForm(formdata=request.form if request.method == "POST" else None, obj=existing)
    if request.method == "GET" and existing is not None:
        for weekday, opens, closes in existing.opening_hours:
            form[f"opens_{weekday}"].data, form[f"closes_{weekday}"].data = opens, closes
    if request.method == "POST" and form.validate():
        try:
            rows = {d: (form[f"opens_{d}"].data or "", form[f"closes_{d}"].data or "") for d in contacts.WEEKDAYS}
            contacts.save_contact(
                organisation,
                staff,
                phone=form.phone.data or "",
                email=form.email.data,
                address=form.address.data or "",
                hours=contacts.parse_hours(rows),
            )
        except contacts.ContactError as error:
            form[error.field].errors = [*form[error.field].errors, contacts.error_message(error.code)]
        else:
            flash(_("The contact details are saved. The contact page shows them now."))
            return redirect(url_for("help.staff_contacts"), 303)
    status = 422 if request.method == "POST" else 200
    return render_template(
        "help/edit_contact.html", form=form, organisation=organisation, weekdays=contacts.weekday_names()
    ), status
