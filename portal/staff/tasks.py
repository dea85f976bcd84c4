"""/staff/tasks: assign a task within the organisation, or mark it done with a note (listed on the start page)."""

from __future__ import annotations

from flask import abort, flash, redirect, url_for
from flask_babel import gettext as _

from portal.access import current_staff_user, staff_required
from portal.models import Role, utcnow
from portal.services import tasks
from portal.services.tasks import TaskError
from portal.staff.forms import TaskAssignForm, TaskDoneForm
from portal.staff.views import bp


def task_error_message(error: TaskError) -> str:
    return {
        "done": _("The task is already done."),
        "assignee": _("Choose a colleague in your organisation."),
        "note_empty": _("Write what was done."),
        "note_too_long": _("Please write at most %(max)d characters.", max=tasks.NOTE_MAX_LENGTH),
    }.get(error.code, _("The change could not be saved."))


@bp.post("/tasks/<int:task_id>/assign")
@staff_required(Role.CASEWORKER)
def assign_task(task_id: int):
    form = TaskAssignForm()
    form.assignee.choices = [(s.id, s.name) for s in tasks.colleagues(current_staff_user())]
    if not form.validate_on_submit():
        abort(400)
    try:
        if tasks.assign_task(current_staff_user(), task_id, form.assignee.data) is None:
            abort(404)
    except TaskError as error:
        flash(task_error_message(error))
        return redirect(url_for("staff.dashboard", _anchor=f"task-{task_id}"))
    flash(_("The task is assigned."))
    return redirect(url_for("staff.dashboard", _anchor="tasks"))


@bp.post("/tasks/<int:task_id>/done")
@staff_required(Role.CASEWORKER)
def complete_task(task_id: int):
    form = TaskDoneForm()
    # The note's own rules (present, not too long) are the service's; the form checks CSRF.
    if not form.validate_on_submit() and "csrf_token" in form.errors:
        abort(400)
    try:
        if tasks.complete_task(current_staff_user(), task_id, form.note.data or "", utcnow()) is None:
            abort(404)
    except TaskError as error:
        flash(task_error_message(error))
        return redirect(url_for("staff.dashboard", _anchor=f"task-{task_id}"))
    flash(_("The task is done."))
    return redirect(url_for("staff.dashboard", _anchor="tasks"))
