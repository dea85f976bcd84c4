"""The newcomer's objection pages: file, receipt, list, one case with its timeline, escalate."""

from __future__ import annotations

import secrets

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_limiter.util import get_remote_address

from portal.access import current_person, newcomer_required
from portal.bidi import isolate_filter
from portal.data.objections import get_objection_for_person, list_objections_for_person
from portal.extensions import limiter
from portal.languages import LANGUAGES
from portal.models import Objection, Plan
from portal.objections.forms import CaseLookupForm, EscalationForm, ObjectionForm
from portal.objections.helpers import register_template_helpers
from portal.services import objections
from portal.services.objection_text import REASON_CATEGORIES

bp = Blueprint("objections", __name__)
register_template_helpers(bp)


def _lookup_limit() -> str:
    return current_app.config["OBJECTION_LOOKUP_LIMIT"]


def _file_limit() -> str:
    return current_app.config["OBJECTION_FILE_LIMIT"]


def _person_key() -> str:
    # Per person, not per address: many newcomers share one library or shelter connection.
    person = current_person()
    return f"person:{person.id}" if person else get_remote_address()


def _fill_choices(form: ObjectionForm, plan: Plan) -> None:
    # Labels as Markup with their times isolated, so "9:00" reads the same in Arabic (portal.bidi).
    targets = objections.plan_targets(plan)
    form.target.choices = [(t.value, isolate_filter(objections.describe_target(t.frozen))) for t in targets]
    form.reason.choices = [(c.code.value, str(c.label)) for c in REASON_CATEGORIES]
    form.text_language.choices = [("", _("Find out from the text"))] + [
        (lang.code, lang.native_name) for lang in LANGUAGES
    ]


def _put_error(form, error: objections.ObjectionError) -> None:
    field = getattr(form, error.field or "", None)
    if field is None or error.field == "idempotency_key":
        field = form.text
    field.errors = [*field.errors, error.message]


@bp.route("/plan/objections/new", methods=["GET", "POST"])
@limiter.limit(_file_limit, methods=["POST"], key_func=_person_key)
@newcomer_required
def new():
    person = current_person()
    plan = objections.objectionable_plan(person)
    if plan is None:
        return render_template("objections/no_plan.html")
    form = ObjectionForm()
    _fill_choices(form, plan)
    if request.method == "GET":
        form.idempotency_key.data = secrets.token_urlsafe(24)
        if request.args.get("target") in {value for value, _label in form.target.choices}:
            form.target.data = request.args["target"]
        return _render_new(form)
    step = request.form.get("step", "send")
    if step == "change" and form.is_submitted():
        return _render_new(form)  # back from "check your answers", everything kept
    if form.validate_on_submit():
        data = objections.ObjectionInput(
            target=form.target.data,
            reason=form.reason.data,
            text=form.text.data,
            wanted=form.wanted.data or "",
            text_language=form.text_language.data or None,
            interpreter=form.interpreter.data,
            phone_call=form.phone_call.data,
            idempotency_key=form.idempotency_key.data or "",
        )
        try:
            if step == "check":
                objections.validate_objection(person, data)
                return _render_check(form)
            objection, _created = objections.file_objection(person, data)
        except objections.ObjectionError as error:
            _put_error(form, error)
        else:
            return redirect(url_for("objections.case", case=objection.display_case_number, received=1), 303)
    if not form.idempotency_key.data:
        form.idempotency_key.data = secrets.token_urlsafe(24)
    return _render_new(form, 422)


def _render_check(form: ObjectionForm):
    """'Check your answers' (issue 14, item 3): the answers read back, to send or to change.

    The form's own button asks for this step (step=check); the answers travel back in hidden
    fields, so it needs no session and no JavaScript. A post without a step files at once, as the
    form did before, so a form open in a browser during a deploy is not lost.
    """
    labels = dict(form.target.choices)
    languages = dict(form.text_language.choices)
    return render_template(
        "objections/check.html",
        form=form,
        target_label=labels.get(form.target.data, ""),
        reason_label=dict(form.reason.choices).get(form.reason.data, ""),
        language_label=languages.get(form.text_language.data or "", ""),
    )


def _render_new(form: ObjectionForm, status: int = 200):
    return render_template(
        "objections/new.html",
        form=form,
        decision_days=objections.decision_days(),
        reason_hints={c.code.value: str(c.hint) for c in REASON_CATEGORIES},
    ), status


@bp.get("/objections")
@newcomer_required
def index():
    person = current_person()
    return render_template(
        "objections/index.html",
        objections=list_objections_for_person(person),
        lookup=CaseLookupForm(formdata=None),
        can_object=objections.objectionable_plan(person) is not None,
    )


@bp.get("/objections/find")
@limiter.limit(_lookup_limit, key_func=_person_key)
@newcomer_required
def find():
    person = current_person()
    lookup = CaseLookupForm(request.args)
    status = 422
    if lookup.validate():
        found = get_objection_for_person(person, objections.normalise_case_number(lookup.case.data))
        if found is not None:
            return redirect(url_for("objections.case", case=found.display_case_number))
        # The same answer whether the number is someone else's or nobody's.
        lookup.case.errors = [_("None of your cases has that number. Check the number in the SMS.")]
        status = 404
    return render_template(
        "objections/index.html",
        objections=list_objections_for_person(person),
        lookup=lookup,
        can_object=objections.objectionable_plan(person) is not None,
    ), status


def _own_case_or_404(case: str) -> Objection:
    found = get_objection_for_person(current_person(), objections.normalise_case_number(case))
    if found is None:
        abort(404)
    return found


@bp.get("/objections/<case>")
@limiter.limit(_lookup_limit, key_func=_person_key)
@newcomer_required
def case(case: str):
    objection = _own_case_or_404(case)
    return _render_case(objection)


def _render_case(objection: Objection, escalation_form: EscalationForm | None = None, status: int = 200):
    return render_template(
        "objections/case.html",
        objection=objection,
        received=request.args.get("received") == "1",
        escalation_form=escalation_form or EscalationForm(formdata=None),
        can_escalate=objections.can_escalate(objection),
        escalation_deadline=objections.escalation_deadline(objection),
        overdue=objections.is_overdue(objection),
    ), status


@bp.post("/objections/<case>/escalate")
@limiter.limit(_lookup_limit, key_func=_person_key)
@newcomer_required
def escalate(case: str):
    objection = _own_case_or_404(case)
    form = EscalationForm()
    if form.validate_on_submit():
        try:
            objections.escalate(objection, current_person(), text=form.text.data)
        except objections.ObjectionError as error:
            form.text.errors = [*form.text.errors, error.message]
        else:
            flash(_("You have asked for an independent review."))
            return redirect(url_for("objections.case", case=objection.display_case_number), 303)
    return _render_case(objection, form, 422)
