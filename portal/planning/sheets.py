"""Views of a plan to read rather than edit: a week at a glance, and the bilingual sheet to sign."""

from __future__ import annotations

from datetime import date, timedelta

from flask import Response, abort, flash, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _

from portal.access import current_staff_user, staff_required
from portal.local_time import stockholm_today
from portal.models import Role
from portal.planning.forms import PaperSignatureForm
from portal.planning.views import _person_or_404, _plan_or_404, _render, bp, plan_error_message
from portal.services import person_reads, plan_export, plans
from portal.services.plan_print import bilingual_columns
from portal.services.plans import PlanError
from portal.services.public_holidays import swedish_holidays
from portal.services.schedule import occurrences


def _week_start(raw: str | None, fallback: date) -> date:
    try:
        day = date.fromisoformat(raw) if raw else fallback
    except ValueError:
        abort(400)
    return day - timedelta(days=day.weekday())


@bp.get("/plan/week")
@staff_required(Role.CASEWORKER)
def week(person_id: int):
    """One week of the plan, day by day, with public holidays marked; ?week=YYYY-MM-DD moves it."""
    person = _person_or_404(person_id)
    plan = _plan_or_404(person)
    monday = _week_start(request.args.get("week"), max(stockholm_today(), plan.start_date))
    sunday = monday + timedelta(days=6)
    days = {monday + timedelta(days=i): [] for i in range(7)}
    for occ in occurrences(plan.activities, monday, sunday):
        days[occ.day].append(occ)
    person_reads.record_plan_week_read(person)
    return render_template(
        "planning/week.html",
        person=person,
        plan=plan,
        days=days,
        holidays=swedish_holidays(monday, sunday),
        hours=sum(o.activity.duration_minutes for d in days.values() for o in d) / 60,
        previous=monday - timedelta(days=7),
        following=monday + timedelta(days=7),
    )


@bp.get("/plan/print")
@staff_required(Role.CASEWORKER)
def print_plan(person_id: int):
    """The plan in Swedish and the person's language side by side, with lines for signatures."""
    person = _person_or_404(person_id)
    plan = _plan_or_404(person)
    person_reads.record_plan_print(person, plan)
    return render_template(
        "plan/print_bilingual.html",
        columns=bilingual_columns(plan, person.preferred_language, today=stockholm_today()),
        back_url=url_for(".edit", person_id=person.id),
    )


@bp.post("/plan/signed")
@staff_required(Role.CASEWORKER)
def record_signature(person_id: int):
    """The caseworker records that the newcomer signed the printed plan on paper."""
    person = _person_or_404(person_id)
    plan = _plan_or_404(person)
    form = PaperSignatureForm()
    if not form.validate_on_submit():
        return _render(person, 422, signature_form=form)
    try:
        plans.record_paper_signature(plan, current_staff_user(), form.expected_revision(), form.signed_on.data)
    except PlanError as error:
        form.form_errors.append(plan_error_message(error))
        return _render(person, 409 if error.code == "stale" else 422, signature_form=form)
    flash(_("The paper signature was recorded for version %(number)s.", number=plan.acknowledged_revision))
    return redirect(url_for(".edit", person_id=person.id, _anchor="status"))


@bp.get("/plan/export.json")
@staff_required(Role.CASEWORKER)
def export_plan_json(person_id: int):
    """The plan for the national systems as JSON (docs/plan-export.md); audited."""
    return _export(person_id, "json")


@bp.get("/plan/export.csv")
@staff_required(Role.CASEWORKER)
def export_plan_csv(person_id: int):
    """The plan for the national systems as CSV, one row per activity (docs/plan-export.md); audited."""
    return _export(person_id, "csv")


def _export(person_id: int, fmt: str):
    person = _person_or_404(person_id)
    plan = _plan_or_404(person)
    body = plan_export.export_plan(person, plan, current_staff_user(), fmt)
    response = jsonify(body) if fmt == "json" else Response(body, mimetype="text/csv")
    if fmt == "csv":
        response.charset = "utf-8"
    response.headers["Content-Disposition"] = f'attachment; filename="ankomst-plan-{plan.id}-v{plan.revision}.{fmt}"'
    response.headers["Cache-Control"] = "no-store"
    return response
