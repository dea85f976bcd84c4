"""Staff pages for objections: the caseworker queue and case, the reviewer queue and case, and
the coordinator's aggregate figures.

Access follows the service's rules on every request, not only by hiding buttons: a case of a
person outside the caseworker's organisation is 404 (its existence is not revealed), a
reviewer sees escalated cases in their region only, and every action is checked again by
the service. Every read and refusal is audited.
"""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from portal.access import current_staff_user, staff_required
from portal.data.objection_figures import case_facts, period_figures
from portal.data.objections import (
    get_objection_by_case_number,
    list_escalated_objections,
    list_objections_for_caseworker,
    plan_versions_since,
)
from portal.data.people import org_ids_below, organisation_names, visible_org_ids
from portal.forms import ConfirmForm
from portal.languages import LANGUAGES
from portal.models import Gender, Objection, ObjectionStatus, Outcome, Role, StaffUser
from portal.objections.forms import DecisionForm, FollowUpFilterForm, QueueFilterForm
from portal.objections.helpers import register_template_helpers
from portal.services import objections
from portal.services.objection_text import DECISION_GROUNDS, staff_outcome_label, status_label
from portal.services.objections import staff_reads
from portal.services.plan_text import day_label

staff_bp = Blueprint("casework", __name__, url_prefix="/staff")
register_template_helpers(staff_bp)


def _denied(case: str, status: int = 404):
    staff_reads.record_denied(case)
    abort(status)


# --- caseworker ------------------------------------------------------------------------------------


@staff_bp.get("/objections")
@staff_required(Role.CASEWORKER)
def queue():
    staff = current_staff_user()
    form = QueueFilterForm(request.args)
    form.status.choices = [("", _("All"))] + [(s.value, status_label(s)) for s in ObjectionStatus]
    form.language.choices = [("", _("All"))] + [(lang.code, lang.native_name) for lang in LANGUAGES]
    status = form.status.data if form.status.data in {s.value for s in ObjectionStatus} else None
    language = form.language.data if form.language.data in {lang.code for lang in LANGUAGES} else None
    today = objections.stockholm_date()
    found = list_objections_for_caseworker(
        staff,
        today=today,
        status=ObjectionStatus(status) if status else None,
        overdue_only=bool(form.overdue.data),
        language=language,
    )
    # Overdue first, then by due date: the cases that most need someone come to the top.
    found.sort(key=lambda o: (not objections.is_overdue(o, today), o.current_due_date, o.id))
    staff_reads.record_queue(len(found), filtered=bool(request.args))
    return render_template("objections/staff/queue.html", objections=found, form=form, today=today)


def _caseworker_case(case: str) -> Objection:
    objection = get_objection_by_case_number(objections.normalise_case_number(case))
    if objection is None or not objections.caseworker_may_handle(current_staff_user(), objection):
        _denied(case)
    return objection


def _decision_form(objection: Objection, formdata=None) -> DecisionForm:
    form = DecisionForm(formdata=formdata)
    form.outcome.choices = [(o.value, staff_outcome_label(o)) for o in Outcome]
    # The caseworker reads the grounds in their own language, as the sentences the newcomer gets.
    form.grounds.choices = [(g.key, str(g.text)) for g in DECISION_GROUNDS]
    form.plan_version.choices = [("", _("No plan version"))] + [
        (
            str(v.id),
            _("Version %(number)s, %(date)s", number=v.number, date=day_label(objections.stockholm_date(v.created_at))),
        )
        for v in plan_versions_since(objection)
    ]
    return form


def _render_staff_case(objection: Objection, mode: str, decision_form: DecisionForm | None = None, status: int = 200):
    staff = current_staff_user()
    return render_template(
        "objections/staff/case.html",
        objection=objection,
        mode=mode,
        confirm_form=ConfirmForm(formdata=None),
        decision_form=decision_form or _decision_form(objection),
        overdue=objections.is_overdue(objection),
        reviewer_refusal=objections.reviewer_refusal(staff, objection) if mode == "reviewer" else None,
        versions_since=plan_versions_since(objection),
    ), status


@staff_bp.get("/objections/<case>")
@staff_required(Role.CASEWORKER)
def case(case: str):
    objection = _caseworker_case(case)
    staff_reads.record_read(objection)
    return _render_staff_case(objection, "caseworker")


def _after_action(objection: Objection, endpoint: str, message: str):
    flash(message)
    return redirect(url_for(endpoint, case=objection.display_case_number), 303)


def _refused(objection: Objection, mode: str, error: objections.ObjectionError, form: DecisionForm | None = None):
    if form is not None and error.field and hasattr(form, error.field):
        field = getattr(form, error.field)
        field.errors = [*field.errors, error.message]
        return _render_staff_case(objection, mode, form, 422)
    flash(error.message)
    return _render_staff_case(objection, mode, form, 409 if error.code == "not_allowed" else 403)


@staff_bp.post("/objections/<case>/acknowledge")
@staff_required(Role.CASEWORKER)
def acknowledge(case: str):
    objection = _caseworker_case(case)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    try:
        objections.acknowledge(objection, current_staff_user())
    except objections.ObjectionError as error:
        return _refused(objection, "caseworker", error)
    return _after_action(objection, "casework.case", _("The newcomer has been told that you have seen the objection."))


@staff_bp.post("/objections/<case>/start-review")
@staff_required(Role.CASEWORKER)
def start_review(case: str):
    objection = _caseworker_case(case)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    try:
        objections.start_review(objection, current_staff_user())
    except objections.ObjectionError as error:
        return _refused(objection, "caseworker", error)
    return _after_action(objection, "casework.case", _("The review has started. The newcomer has been told."))


def _version_id(form: DecisionForm) -> int | None:
    raw = (form.plan_version.data or "").strip()
    # A version id is a database key: anything longer is not one (and int() of thousands of digits raises).
    return int(raw) if raw.isdecimal() and len(raw) <= 18 else None


@staff_bp.post("/objections/<case>/decide")
@staff_required(Role.CASEWORKER)
def decide(case: str):
    objection = _caseworker_case(case)
    form = _decision_form(objection, request.form)
    if not form.validate_on_submit():
        return _render_staff_case(objection, "caseworker", form, 422)
    try:
        objections.decide(
            objection,
            current_staff_user(),
            outcome=form.outcome.data,
            grounds=form.grounds.data or [],
            reasons=form.reasons.data,
            plan_version_id=_version_id(form),
        )
    except objections.ObjectionError as error:
        return _refused(objection, "caseworker", error, form)
    return _after_action(objection, "casework.case", _("The decision is saved. The newcomer has been told."))


# --- independent reviewer ----------------------------------------------------------------------------


@staff_bp.get("/reviews")
@staff_required(Role.REVIEWER)
def reviews():
    staff = current_staff_user()
    today = objections.stockholm_date()
    region_ids = org_ids_below(objections.reviewer_regions(staff))
    found = list_escalated_objections(region_ids, today=today, overdue_only=request.args.get("overdue") == "1")
    found.sort(key=lambda o: (not objections.is_overdue(o, today), o.current_due_date, o.id))
    rows = [(o, objections.reviewer_refusal(staff, o)) for o in found]
    staff_reads.record_escalated_list(len(found))
    return render_template("objections/staff/reviews.html", rows=rows, today=today)


def _reviewer_case(case: str) -> Objection:
    staff = current_staff_user()
    objection = get_objection_by_case_number(objections.normalise_case_number(case))
    if objection is None or not objections.reviewer_covers(staff, objection):
        _denied(case)
    if not objections.is_independent(staff, objection):
        staff_reads.record_not_independent(objection)
        abort(403, description=objections.error_message("not_independent"))
    return objection


@staff_bp.get("/reviews/<case>")
@staff_required(Role.REVIEWER)
def review_case(case: str):
    objection = _reviewer_case(case)
    staff_reads.record_read(objection)
    return _render_staff_case(objection, "reviewer")


@staff_bp.post("/reviews/<case>/start")
@staff_required(Role.REVIEWER)
def start_independent_review(case: str):
    objection = _reviewer_case(case)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    try:
        objections.start_independent_review(objection, current_staff_user())
    except objections.ObjectionError as error:
        return _refused(objection, "reviewer", error)
    return _after_action(objection, "casework.review_case", _("You have taken the case. The newcomer has been told."))


@staff_bp.post("/reviews/<case>/decide")
@staff_required(Role.REVIEWER)
def final_decide(case: str):
    objection = _reviewer_case(case)
    form = _decision_form(objection, request.form)
    if not form.validate_on_submit():
        return _render_staff_case(objection, "reviewer", form, 422)
    try:
        objections.final_decide(
            objection,
            current_staff_user(),
            outcome=form.outcome.data,
            grounds=form.grounds.data or [],
            reasons=form.reasons.data,
            plan_version_id=_version_id(form),
        )
    except objections.ObjectionError as error:
        return _refused(objection, "reviewer", error, form)
    return _after_action(
        objection, "casework.review_case", _("The final decision is saved. The newcomer has been told.")
    )


# --- coordinator ---------------------------------------------------------------------------------


PERIODS = {"all": None, "365": 365, "90": 90}


@staff_bp.get("/follow-up")
@staff_required(Role.COORDINATOR)
def follow_up():
    staff: StaffUser = current_staff_user()
    form = FollowUpFilterForm(request.args)
    form.period.choices = [
        ("all", _("Since the start")),
        ("365", _("The last 12 months")),
        ("90", _("The last 90 days")),
    ]
    period = form.period.data if form.period.data in PERIODS else "all"
    form.period.data = period
    today = objections.stockholm_date()
    days = PERIODS[period]
    org_ids = visible_org_ids(staff, Role.COORDINATOR)
    # Every period's cases: no cell may differ from the same cell of a wider period by 1-4 people.
    figures = period_figures(case_facts(org_ids, today=today), today=today, days=days, periods=PERIODS.values())
    municipality_ids = [int(row.key) for row in figures.breakdowns["municipality"]]
    municipalities = organisation_names(municipality_ids)
    staff_reads.record_figures(period)
    return render_template(
        "objections/staff/follow_up.html",
        figures=figures,
        form=form,
        statuses=list(ObjectionStatus),
        group_labels={
            "municipality": municipalities,
            "language": {lang.code: lang.native_name for lang in LANGUAGES},
            "gender": _gender_labels(),
        },
    )


def _gender_labels() -> dict[str, str]:
    return {
        Gender.WOMAN.value: _("Women"),
        Gender.MAN.value: _("Men"),
        Gender.OTHER.value: _("Other gender"),
        Gender.UNSPECIFIED.value: _("Gender not given"),
    }
