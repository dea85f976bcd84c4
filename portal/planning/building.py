"""Fast plan building: a template, a copy of another plan, public holidays, one SMS per batch."""

from __future__ import annotations

from flask import flash, redirect, url_for
from flask_babel import gettext as _
from flask_babel import ngettext

from portal.access import current_staff_user, staff_required
from portal.local_time import stockholm_today
from portal.models import Role
from portal.planning.forms import CopyPlanForm, HolidayForm, RevisionForm, SaveTemplateForm, TemplateForm
from portal.planning.views import _person_or_404, _plan_or_404, _render, bp, copy_choices, plan_error_message
from portal.services import plan_templates, plans, public_holidays
from portal.services.plan_templates import Applied
from portal.services.plans import PlanError


def _added_message(applied: Applied) -> str:
    message = (
        ngettext("%(num)d activity was added.", "%(num)d activities were added.", applied.activities)
        + " "
        + ngettext("%(num)d goal was added.", "%(num)d goals were added.", applied.goals)
    )
    if applied.skipped:
        message += " " + ngettext(
            "%(num)d activity was left out: it would be over before the plan starts.",
            "%(num)d activities were left out: they would be over before the plan starts.",
            applied.skipped,
        )
    return message + " " + _("Check the dates and times below; change what does not suit this person.")


@bp.post("/plan/template")
@staff_required(Role.CASEWORKER)
def apply_template(person_id: int):
    person = _person_or_404(person_id)
    plan = _plan_or_404(person)
    form = TemplateForm()
    form.template.choices = [("", "")] + plan_templates.template_choices(current_staff_user())
    if not form.validate_on_submit():
        return _render(person, 422, template_form=form)
    try:
        applied = plan_templates.apply_template(
            plan, current_staff_user(), form.template.data, form.expected_revision()
        )
    except PlanError as error:
        form.form_errors.append(plan_error_message(error))
        return _render(person, 409 if error.code == "stale" else 422, template_form=form)
    flash(_added_message(applied))
    return redirect(url_for(".edit", person_id=person.id, _anchor="activities"))


@bp.post("/plan/copy")
@staff_required(Role.CASEWORKER)
def copy_plan(person_id: int):
    person = _person_or_404(person_id)
    plan = _plan_or_404(person)
    form = CopyPlanForm()
    form.source_person.choices = copy_choices(current_staff_user(), plan)
    if not form.validate_on_submit():
        return _render(person, 422, copy_form=form)
    try:
        applied = plan_templates.copy_from_person(
            plan, current_staff_user(), form.source_person.data, form.expected_revision()
        )
    except PlanError as error:
        form.form_errors.append(plan_error_message(error))
        return _render(person, 409 if error.code == "stale" else 422, copy_form=form)
    flash(_added_message(applied))
    return redirect(url_for(".edit", person_id=person.id, _anchor="activities"))


@bp.post("/plan/save-template")
@staff_required(Role.CASEWORKER)
def save_template(person_id: int):
    person = _person_or_404(person_id)
    plan = _plan_or_404(person)
    form = SaveTemplateForm()
    if not form.validate_on_submit():
        return _render(person, 422, save_template_form=form)
    try:
        template = plan_templates.save_template(plan, current_staff_user(), form.name.data)
    except PlanError as error:
        form.form_errors.append(plan_error_message(error))
        return _render(person, 422, save_template_form=form)
    flash(_("The template %(name)s was saved for your municipality.", name=template.name))
    return redirect(url_for(".edit", person_id=person.id, _anchor="templates"))


@bp.post("/plan/holidays")
@staff_required(Role.CASEWORKER)
def cancel_holidays(person_id: int):
    person = _person_or_404(person_id)
    plan = _plan_or_404(person)
    form = HolidayForm()
    form.occurrences.choices = [(h.key, h.key) for h in public_holidays.holiday_occurrences(plan, stockholm_today())]
    if not form.validate_on_submit():
        return _render(person, 422, holiday_form=form)
    try:
        count = public_holidays.cancel_holiday_occurrences(
            plan, current_staff_user(), form.occurrences.data, stockholm_today(), form.expected_revision()
        )
    except PlanError as error:
        form.form_errors.append(plan_error_message(error))
        return _render(person, 409 if error.code == "stale" else 422, holiday_form=form)
    flash(ngettext("%(num)d occurrence was cancelled.", "%(num)d occurrences were cancelled.", count))
    return redirect(url_for(".edit", person_id=person.id, _anchor="holidays"))


@bp.post("/plan/send")
@staff_required(Role.CASEWORKER)
def send_changes(person_id: int):
    person = _person_or_404(person_id)
    plan = _plan_or_404(person)
    form = RevisionForm()
    if not form.validate_on_submit():
        return _render(person, 422)
    if form.expected_revision() != plan.revision:
        form.form_errors.append(plan_error_message(PlanError("stale")))
        return _render(person, 409, status_form=form)
    if plans.send_changes(plan, current_staff_user()):
        flash(_("The newcomer got one SMS about the changes, in their language."))
    else:
        flash(_("There were no changes to send."))
    return redirect(url_for(".edit", person_id=person.id, _anchor="status"))
