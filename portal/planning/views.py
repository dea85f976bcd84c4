from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, redirect, render_template, url_for
from flask_babel import gettext as _

from portal.access import current_staff_user, staff_required
from portal.catalogues import activity_label
from portal.data.people import get_person_for_staff, visible_org_ids
from portal.data.plans import (
    get_activity_in_plan,
    get_handover,
    get_plan_for_person,
    list_municipal_organisations,
    list_people_with_plans,
    list_providers,
)
from portal.local_time import stockholm_today
from portal.models import Person, PlanStatus, Role
from portal.planning.forms import (
    ActivityForm,
    CopyPlanForm,
    CreatePlanForm,
    GoalForm,
    HolidayForm,
    OccurrenceForm,
    PaperSignatureForm,
    RemoveForm,
    SaveTemplateForm,
    StatusForm,
    TemplateForm,
    TransferForm,
)
from portal.services import person_reads, plans
from portal.services.plan_templates import template_choices
from portal.services.plan_text import describe_warning, plan_error_message
from portal.services.plans import ActivityInput, PlanError
from portal.services.public_holidays import holiday_occurrences
from portal.services.schedule import hours_periods, plan_warnings, weekly_hours
from portal.staff.confirm import confirm_page, confirmed

bp = Blueprint("planning", __name__, url_prefix="/staff/people/<int:person_id>")


def _person_or_404(person_id: int) -> Person:
    person = get_person_for_staff(current_staff_user(), person_id)
    if person is None:
        person_reads.record_plan_read_denied(person_id)
        abort(404)
    return person


def _forms(plan, **overrides):
    providers = list_providers()
    revision = plan.revision if plan else 0
    forms = {
        "goal_form": GoalForm(revision=revision, formdata=None),
        "activity_form": ActivityForm(revision=revision, providers=providers, formdata=None),
        "occurrence_form": OccurrenceForm(revision=revision, formdata=None),
        "status_form": StatusForm(revision=revision, formdata=None),
        "remove_form": RemoveForm(revision=revision, formdata=None),
        "transfer_form": TransferForm(formdata=None),
        "create_form": CreatePlanForm(formdata=None, start_date=stockholm_today()),
        "template_form": TemplateForm(revision=revision, formdata=None),
        "copy_form": CopyPlanForm(revision=revision, formdata=None),
        "save_template_form": SaveTemplateForm(formdata=None),
        "holiday_form": HolidayForm(revision=revision, formdata=None),
        "signature_form": PaperSignatureForm(revision=revision, formdata=None, signed_on=stockholm_today()),
    }
    forms["transfer_form"].to_org.choices = transfer_choices()
    forms.update(overrides)
    staff = current_staff_user()
    forms["template_form"].template.choices = [("", _("Choose a template"))] + template_choices(staff)
    forms["copy_form"].source_person.choices = copy_choices(staff, plan)
    return forms


def copy_choices(staff, plan) -> list[tuple[int, str]]:
    """People of the caseworker's organisations whose plan has activities, to copy from."""
    people = list_people_with_plans(visible_org_ids(staff), exclude_plan_id=plan.id if plan else None)
    return [(0, _("Choose a person"))] + [(p.id, p.name) for p in people]


def transfer_choices() -> list[tuple[int, str]]:
    """Where a person can be moved, after an empty first choice: nothing is chosen for the caseworker."""
    return [(0, _("Choose a municipality or district"))] + [(o.id, o.name) for o in list_municipal_organisations()]


def _render(person: Person, status: int = 200, **overrides):
    plan = get_plan_for_person(person)
    warnings = []
    holiday_proposals = []
    if plan is not None:
        threshold = current_app.config["PLAN_FULL_TIME_HOURS"]
        warnings = [describe_warning(w.kind, w.params) for w in plan_warnings(plan, stockholm_today(), threshold)]
        holiday_proposals = holiday_occurrences(plan, stockholm_today())
    forms = _forms(plan, **overrides)
    if "holiday_form" not in overrides:
        forms["holiday_form"].occurrences.data = [h.key for h in holiday_proposals]  # proposed: all ticked
    forms["holiday_form"].occurrences.choices = [(h.key, h.key) for h in holiday_proposals]
    return render_template(
        "planning/plan.html",
        person=person,
        plan=plan,
        warnings=warnings,
        hours_periods=hours_periods(plan) if plan else [],
        weekly_hours=weekly_hours,
        holiday_proposals=holiday_proposals,
        unsent_changes=plans.has_unsent_changes(plan) if plan else False,
        handover=get_handover(person),
        **forms,
    ), status


@bp.get("/plan")
@staff_required(Role.CASEWORKER)
def edit(person_id: int):
    person = _person_or_404(person_id)
    person_reads.record_plan_read(person)
    return _render(person)


@bp.post("/plan")
@staff_required(Role.CASEWORKER)
def create(person_id: int):
    person = _person_or_404(person_id)
    form = CreatePlanForm()
    if not form.validate_on_submit():
        return _render(person, 422, create_form=form)
    if get_plan_for_person(person) is not None and get_plan_for_person(person).status != PlanStatus.CLOSED:
        flash(_("This person already has a plan."))
        return redirect(url_for(".edit", person_id=person.id))
    plans.create_plan(person, current_staff_user(), form.start_date.data)
    flash(_("The plan was created."))
    return redirect(url_for(".edit", person_id=person.id))


def _plan_or_404(person: Person):
    plan = get_plan_for_person(person)
    if plan is None:
        abort(404)
    return plan


def _apply(person, form_name, form, change, anchor: str | None = None):
    """Run one plan change; on refusal re-render with the caseworker's input kept.

    After a save the page opens where the caseworker was (the anchor), not at the top.
    """
    try:
        change()
    except PlanError as error:
        form.form_errors.append(plan_error_message(error))
        return _render(person, 409 if error.code == "stale" else 422, **{form_name: form})
    flash(saved_message(person))
    return redirect(url_for(".edit", person_id=person.id, _anchor=anchor))


def saved_message(person: Person) -> str:
    """What a save says: on a plan the newcomer sees, that the SMS waits for "send the changes"."""
    plan = get_plan_for_person(person, contents=False)
    if plan is not None and plans.has_unsent_changes(plan):
        return _("The plan was saved. When you are done, send the changes to the newcomer: they get one SMS.")
    return _("The plan was saved.")


@bp.post("/plan/goals")
@staff_required(Role.CASEWORKER)
def add_goal(person_id: int):
    person = _person_or_404(person_id)
    plan = _plan_or_404(person)
    form = GoalForm()
    if not form.validate_on_submit():
        return _render(person, 422, goal_form=form)
    return _apply(
        person,
        "goal_form",
        form,
        lambda: plans.add_goal(
            plan,
            current_staff_user(),
            template_key=form.template_key.data,
            target_date=form.target_date.data,
            note=form.goal_note.data,
            note_language=form.goal_note_language.data,
            expected_revision=form.expected_revision(),
        ),
        anchor="goals",
    )


@bp.post("/plan/goals/remove")
@staff_required(Role.CASEWORKER)
def remove_goal(person_id: int):
    person = _person_or_404(person_id)
    plan = _plan_or_404(person)
    form = RemoveForm()
    if not form.validate_on_submit() or not (form.item_id.data or "").isdecimal():
        abort(400)
    return _apply(
        person,
        "remove_form",
        form,
        lambda: plans.remove_goal(plan, current_staff_user(), int(form.item_id.data), form.expected_revision()),
        anchor="goals",
    )


def _activity_input(form: ActivityForm) -> ActivityInput:
    return ActivityInput(
        type_key=form.type_key.data,
        provider_id=form.provider_id.data or None,
        place=form.place.data or "",
        weekdays=[int(d) for d in form.weekdays.data],
        start_time=form.start_time.data,
        duration_minutes=form.duration_minutes.data,
        start_date=form.start_date.data,
        end_date=form.end_date.data,
        note=form.note.data,
        note_language=form.note_language.data,
    )


@bp.post("/plan/activities")
@staff_required(Role.CASEWORKER)
def add_activity(person_id: int):
    person = _person_or_404(person_id)
    plan = _plan_or_404(person)
    form = ActivityForm(providers=list_providers())
    if not form.validate_on_submit():
        return _render(person, 422, activity_form=form)
    return _apply(
        person,
        "activity_form",
        form,
        lambda: plans.add_activity(plan, current_staff_user(), _activity_input(form), form.expected_revision()),
        anchor="add-activity",
    )


@bp.route("/plan/activities/<int:activity_id>", methods=["GET", "POST"])
@staff_required(Role.CASEWORKER)
def edit_activity(person_id: int, activity_id: int):
    person = _person_or_404(person_id)
    plan = _plan_or_404(person)
    activity = get_activity_in_plan(plan, activity_id)
    if activity is None:
        abort(404)
    form = ActivityForm(providers=list_providers(), obj=activity, revision=plan.revision)
    if form.is_submitted():
        if form.validate():
            try:
                plans.update_activity(
                    plan, current_staff_user(), activity, _activity_input(form), form.expected_revision()
                )
            except PlanError as error:
                form.form_errors.append(plan_error_message(error))
                return render_template(
                    "planning/activity.html", person=person, plan=plan, activity=activity, form=form
                ), (409 if error.code == "stale" else 422)
            flash(saved_message(person))
            return redirect(url_for(".edit", person_id=person.id, _anchor=f"activity-{activity.id}"))
        return render_template("planning/activity.html", person=person, plan=plan, activity=activity, form=form), 422
    form.weekdays.data = list(activity.weekdays)
    form.provider_id.data = activity.provider_id or 0
    return render_template("planning/activity.html", person=person, plan=plan, activity=activity, form=form)


@bp.post("/plan/activities/remove")
@staff_required(Role.CASEWORKER)
def remove_activity(person_id: int):
    person = _person_or_404(person_id)
    plan = _plan_or_404(person)
    form = RemoveForm()
    if not form.validate_on_submit() or not (form.item_id.data or "").isdecimal():
        abort(400)
    activity = get_activity_in_plan(plan, int(form.item_id.data))
    if activity is not None and not confirmed():
        return confirm_page(
            title=_("Remove the activity?"),
            question=_(
                "%(activity)s will be removed from the plan of %(name)s. The newcomer is told about the change.",
                activity=activity_label(activity.type_key),
                name=person.name,
            ),
            action=url_for(".remove_activity", person_id=person.id),
            fields={"revision": form.revision.data, "item_id": activity.id},
            confirm_label=_("Yes, remove the activity"),
            cancel_url=url_for(".edit", person_id=person.id),
        )
    return _apply(
        person,
        "remove_form",
        form,
        lambda: plans.remove_activity(plan, current_staff_user(), int(form.item_id.data), form.expected_revision()),
        anchor="activities",
    )


@bp.post("/plan/activities/<int:activity_id>/occurrences")
@staff_required(Role.CASEWORKER)
def change_occurrence(person_id: int, activity_id: int):
    person = _person_or_404(person_id)
    plan = _plan_or_404(person)
    activity = get_activity_in_plan(plan, activity_id)
    if activity is None:
        abort(404)
    form = OccurrenceForm()
    if not form.validate_on_submit():
        return _render(person, 422, occurrence_form=form)
    return _apply(
        person,
        "occurrence_form",
        form,
        lambda: plans.change_occurrence(
            plan,
            current_staff_user(),
            activity,
            original_date=form.original_date.data,
            cancel=form.action.data == "cancel",
            new_date=form.new_date.data,
            new_time=form.new_time.data,
            expected_revision=form.expected_revision(),
            reason=form.reason.data,
        ),
        anchor=f"activity-{activity.id}",
    )


@bp.post("/plan/status")
@staff_required(Role.CASEWORKER)
def change_status(person_id: int):
    person = _person_or_404(person_id)
    plan = _plan_or_404(person)
    form = StatusForm()
    if not form.validate_on_submit() or form.status.data not in {s.value for s in PlanStatus}:
        abort(400)
    return _apply(
        person,
        "status_form",
        form,
        lambda: plans.set_status(plan, current_staff_user(), PlanStatus(form.status.data), form.expected_revision()),
        anchor="status",
    )


@bp.post("/transfer")
@staff_required(Role.CASEWORKER)
def transfer(person_id: int):
    person = _person_or_404(person_id)
    form = TransferForm()
    form.to_org.choices = transfer_choices()
    if not form.validate_on_submit():
        return _render(person, 422, transfer_form=form)
    target = next(o for o in list_municipal_organisations() if o.id == form.to_org.data)
    if target.id != person.responsible_org_id and not confirmed():
        return confirm_page(
            title=_("Move the person?"),
            question=_(
                "%(name)s will be moved to %(org)s. Your organisation then loses access to the person and the plan.",
                name=person.name,
                org=target.name,
            ),
            action=url_for(".transfer", person_id=person.id),
            fields={"to_org": target.id, "handover_note": form.handover_note.data},
            confirm_label=_("Yes, move the person"),
            cancel_url=url_for(".edit", person_id=person.id),
        )
    try:
        plans.transfer_person(person, current_staff_user(), target, form.handover_note.data)
    except PlanError as error:
        form.form_errors.append(plan_error_message(error))
        return _render(person, 422, transfer_form=form)
    flash(_("%(name)s was moved to %(org)s. Their plan and its history moved too.", name=person.name, org=target.name))
    return redirect(url_for("staff.people"))
