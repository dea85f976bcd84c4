from __future__ import annotations

from flask import Blueprint, abort, current_app, jsonify, redirect, render_template, request, session, url_for
from flask_babel import gettext as _

from portal.access import current_staff_user, staff_required
from portal.data.conversations import count_open_handoffs, list_handoffs_for_person
from portal.data.erasure_requests import get_pending_erasure_request
from portal.data.objections import list_objections_for_person
from portal.data.people import get_person_for_staff, visible_org_ids
from portal.extensions import db, limiter
from portal.forms import StaffPasswordForm, TotpForm
from portal.models import Person, Role, StaffUser, utcnow
from portal.services import data_export, person_reads, sessions, staff_signin, tasks
from portal.services.caseload import build_caseload
from portal.services.identity_numbers import IdentityNumber, stored_identity_number
from portal.services.objections import stockholm_date
from portal.services.staff_signin import PasswordResult
from portal.services.totp_qr import qr_svg
from portal.staff.forms import ErasureConfirmForm, IdentityNumberForm, TaskAssignForm, TaskDoneForm
from portal.urls import requested_next, safe_next

bp = Blueprint("staff", __name__, url_prefix="/staff")
PENDING_KEY = "staff_pending"


def _ip_limit() -> str:
    return current_app.config["STAFF_IP_LIMIT"]


def _pending_staff() -> StaffUser | None:
    staff_id = session.get(PENDING_KEY)
    return db.session.get(StaffUser, staff_id) if staff_id else None


@bp.route("/signin", methods=["GET", "POST"])
@limiter.limit(_ip_limit, methods=["POST"])
def signin():
    nxt = requested_next()
    form = StaffPasswordForm()
    if form.validate_on_submit():
        result, staff = staff_signin.check_password(form.email.data, form.password.data, request.remote_addr)
        if result is PasswordResult.OK and staff is not None:
            session[PENDING_KEY] = staff.id
            if nxt:
                session["signin_next"] = nxt
            return redirect(url_for("staff.totp" if staff.totp_confirmed else "staff.enrol"))
        if result is PasswordResult.WAIT:
            form.password.errors.append(_("Too many attempts. Please wait a while and try again."))
        else:
            form.password.errors.append(_("Wrong email or password."))
        return render_template("staff/signin.html", form=form), 422
    return render_template("staff/signin.html", form=form), (422 if form.errors else 200)


@bp.route("/signin/totp", methods=["GET", "POST"])
@limiter.limit(_ip_limit, methods=["POST"])
def totp():
    staff = _pending_staff()
    if staff is None or not staff.totp_confirmed:
        return redirect(url_for("staff.signin"))
    form = TotpForm()
    if form.validate_on_submit():
        if staff_signin.verify_totp(staff, form.code.data, request.remote_addr):
            nxt = session.get("signin_next")
            staff_signin.clear_failures(staff, request.remote_addr)
            sessions.start_session(staff)
            return redirect(safe_next(nxt) or url_for("staff.dashboard"))
        if staff_signin.must_wait(staff_signin.account_digest(staff.email), request.remote_addr):
            form.code.errors.append(_("Too many attempts. Please wait a while and try again."))
        else:
            form.code.errors.append(_("The code is wrong. Use the newest code in your app."))
        return render_template("staff/totp.html", form=form), 422
    return render_template("staff/totp.html", form=form), (422 if form.errors else 200)


@bp.route("/signin/enrol", methods=["GET", "POST"])
@limiter.limit(_ip_limit, methods=["POST"])
def enrol():
    staff = _pending_staff()
    if staff is None or staff.totp_confirmed:
        return redirect(url_for("staff.signin"))
    uri = staff_signin.start_enrolment(staff)
    form = TotpForm()
    if form.validate_on_submit():
        if staff_signin.confirm_enrolment(staff, form.code.data, request.remote_addr):
            staff_signin.clear_failures(staff, request.remote_addr)
            sessions.start_session(staff)
            return redirect(url_for("staff.dashboard"))
        form.code.errors.append(_("The code is wrong. Use the newest code in your app."))
    status = 422 if form.errors else 200
    return render_template("staff/enrol.html", form=form, qr=qr_svg(uri), secret=staff.totp_secret), status


@bp.get("/")
@staff_required()
def dashboard():
    staff = current_staff_user()
    if not staff.has_role(Role.CASEWORKER):
        return render_template("staff/dashboard.html", staff=staff, caseload=None, tasks=[])
    open_tasks = tasks.tasks_for_start_page(staff, utcnow())
    choices = [(s.id, s.name) for s in tasks.colleagues(staff)]
    return render_template(
        "staff/dashboard.html",
        staff=staff,
        caseload=build_caseload(staff, stockholm_date(), show="overdue"),
        filter_labels=caseload_filter_labels(),
        tasks=[(t, tasks.describe_task(t)) for t in open_tasks],
        assign_forms={t.id: _assign_form(t, choices) for t in open_tasks},
        done_form=TaskDoneForm(formdata=None),
        # Strangers' requests have no person, so no row or task: the count is how the reception sees them.
        open_handoffs=count_open_handoffs(visible_org_ids(staff, Role.CASEWORKER)),
    )


def _assign_form(task, choices) -> TaskAssignForm:
    form = TaskAssignForm(formdata=None, assignee=task.assigned_to_id)
    form.assignee.choices = choices
    return form


@bp.get("/people")
@staff_required(Role.CASEWORKER)
def people():
    query = request.args.get("q", "")[:100]
    caseload = build_caseload(
        current_staff_user(),
        stockholm_date(),
        show=request.args.get("show", "all"),
        sort=request.args.get("sort", "urgency"),
        query=query,
    )
    return render_template(
        "staff/people.html",
        caseload=caseload,
        q=query,
        filter_labels=caseload_filter_labels(),
        sort_labels=caseload_sort_labels(),
    )


def caseload_filter_labels() -> dict[str, str]:
    """The caseload filters' names, in the staff member's language."""
    return {
        "all": _("Everyone"),
        "overdue": _("Overdue"),
        "no_plan": _("No plan"),
        "unconfirmed": _("Not approved by the newcomer"),
        "objections": _("Open objections"),
        "handoffs": _("Requests to talk to a person"),
        "warnings": _("Plans to check"),
    }


def caseload_sort_labels() -> dict[str, str]:
    return {"urgency": _("Most urgent first"), "arrival": _("Arrival date"), "name": _("Name")}


@bp.get("/people/<int:person_id>/export.json")
@staff_required(Role.CASEWORKER)
def person_export(person_id: int):
    """A person's data export, produced on their request (audited)."""
    found = get_person_for_staff(current_staff_user(), person_id)
    if found is None:
        person_reads.record_export_denied(person_id)
        abort(404)
    response = jsonify(data_export.export_for_staff(current_staff_user(), found))
    response.headers["Content-Disposition"] = f'attachment; filename="ankomst-person-{found.id}.json"'
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.get("/people/<int:person_id>")
@staff_required(Role.CASEWORKER)
def person(person_id: int):
    found = get_person_for_staff(current_staff_user(), person_id)
    if found is None:
        # 404, not 403: do not reveal whether a person exists in another organisation.
        person_reads.record_person_read_denied(person_id)
        abort(404)
    person_reads.record_person_read(found)
    return render_template("staff/person.html", **person_page_context(found))


def person_page_context(
    person: Person,
    form: ErasureConfirmForm | None = None,
    *,
    identity_form: IdentityNumberForm | None = None,
    shown_identity_number: IdentityNumber | None = None,
) -> dict:
    """What the staff person page shows: the person, their number masked (or shown on request), and
    a pending erasure request with its form."""
    pending = get_pending_erasure_request(person)
    return {
        "person": person,
        "erasure_request": pending,
        "erasure_form": (form or ErasureConfirmForm()) if pending is not None else None,
        "identity_number": stored_identity_number(person),
        "identity_stored": person.identity_number_encrypted is not None,
        "shown_identity_number": shown_identity_number,
        "identity_form": identity_form or IdentityNumberForm(formdata=None),
        # The person's cases and requests, each one click from its page (issue 14, item 5); the
        # page is already audited as a read of this person.
        "objections": list_objections_for_person(person),
        "handoffs": list_handoffs_for_person(person),
    }
