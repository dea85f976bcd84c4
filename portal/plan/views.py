from __future__ import annotations

import json
from datetime import date, time

from flask import Blueprint, Response, abort, current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from markupsafe import Markup

from portal.access import current_person, newcomer_required
from portal.channels.keywords import Keyword, reply_word
from portal.data.erasure_requests import get_pending_erasure_request
from portal.data.plans import active_calendar_feed, get_plan_caseworker, get_plan_for_person, load_plan_contents
from portal.extensions import limiter
from portal.forms import ConfirmForm
from portal.i18n import current_language
from portal.local_time import stockholm_today
from portal.plan.forms import ErasureRequestForm, ReminderForm
from portal.planning.forms import RevisionForm
from portal.reminders.preferences import change_setting, setting_for
from portal.reminders.timing import ReminderSetting
from portal.services import calendar_feed, data_export, erasure, plans
from portal.services.fragments import cached, render_fragment
from portal.services.plan_print import bilingual_columns
from portal.services.plan_text import describe_change, map_url, time_label
from portal.services.plans import PlanError
from portal.services.schedule import (
    activity_plan_deadline,
    hours_periods,
    plan_breaks,
    plan_ends_before_autumn,
    upcoming,
    weekly_hours,
)
from portal.services.totp_qr import qr_svg
from portal.survey.service import due_milestone

bp = Blueprint("plan", __name__)


def _visible_plan(*, contents: bool = True):
    plan = get_plan_for_person(current_person(), contents=contents)
    return plan if plan is not None and plan.visible_to_newcomer else None


def _fragment_key(name: str, plan, *extra) -> tuple:
    # Every plan change bumps the revision and touches updated_at (see portal.services.fragments).
    return (name, plan.id, plan.created_at, plan.revision, plan.updated_at, current_language().code, *extra)


@bp.get("/plan")
@newcomer_required
def my_plan():
    person = current_person()
    plan = _visible_plan(contents=False)
    contents = None
    if plan is not None:
        contents = cached(_fragment_key("plan", plan), lambda: _render_plan_contents(plan))
    return render_template(
        "plan/plan.html",
        plan=plan,
        contents=contents,
        person=person,
        caseworker=get_plan_caseworker(plan) if plan is not None else None,
        # The five-day rule (seed 001) tells a person without a plan when to expect one.
        plan_due=activity_plan_deadline(person.arrival_date) if plan is None and person.arrival_date else None,
        # Only a plan waiting for its signature has the form (building one costs as much as a query).
        ack_form=RevisionForm(revision=plan.revision) if plan is not None and plan.awaiting_acknowledgement else None,
        # Weeks without activities (the summer break) said in words, with today's date: outside
        # the cached contents, which change only with the plan.
        breaks=plan_breaks(plan, stockholm_today()) if plan is not None else [],
        ends_before_autumn=plan_ends_before_autumn(plan, stockholm_today()) if plan is not None else None,
        # A satisfaction survey the person may answer now (issue 17): linked from the page they open most.
        survey_due=due_milestone(person, stockholm_today()) if plan is not None else None,
    )


def _render_plan_contents(plan) -> dict:
    load_plan_contents(plan)
    return {
        "hours_periods": hours_periods(plan),
        "html": render_fragment("plan/_my_plan_contents.html", plan=plan, weekly_hours=weekly_hours),
    }


@bp.get("/plan/upcoming")
@newcomer_required
def upcoming_activities():
    plan = _visible_plan(contents=False)
    today = stockholm_today()
    if plan is None:
        body = _render_upcoming(None, today)
    else:
        body = cached(_fragment_key("upcoming", plan, today), lambda: _render_upcoming(plan, today))
    return render_template("plan/upcoming.html", plan=plan, body=body)


def _render_upcoming(plan, today: date) -> Markup:
    days = upcoming(load_plan_contents(plan), today, 14) if plan else {}
    return render_fragment("plan/_upcoming_days.html", days=days, map_url=map_url)


@bp.get("/plan/changes")
@newcomer_required
def changes():
    plan = _visible_plan()
    versions = []
    if plan:
        versions = [(v, [describe_change(c) for c in v.changes]) for v in reversed(plan.versions) if v.changes]
    # "New" marks the versions made after the revision the person last confirmed (issue 14): the
    # changes they have not signed for. Versions are named by number, since a caseworker's
    # several saves in a minute would otherwise show the same time.
    confirmed = plan.acknowledged_revision if plan else None
    return render_template("plan/changes.html", plan=plan, versions=versions, confirmed=confirmed)


@bp.post("/plan/acknowledge")
@newcomer_required
def acknowledge():
    plan = _visible_plan()
    if plan is None:
        abort(404)
    form = RevisionForm()
    if not form.validate_on_submit() or form.expected_revision() is None:
        abort(400)
    try:
        plans.acknowledge(plan, current_person(), form.expected_revision())
    except PlanError as error:
        if error.code != "stale":
            abort(404)
        flash(_("Your plan changed while you were reading it. Please read it again and then confirm."))
        return redirect(url_for(".my_plan"))
    flash(_("Thank you. You have approved your plan."))
    return redirect(url_for(".my_plan"))


@bp.get("/plan/print")
@newcomer_required
def printable():
    plan = _visible_plan()
    if plan is None:
        return render_template("plan/print.html", plan=None)
    # The same sheet the caseworker prints: the person's language beside Swedish, to sign.
    return render_template(
        "plan/print_bilingual.html",
        columns=bilingual_columns(plan, current_person().preferred_language, today=stockholm_today()),
        back_url=url_for(".my_plan"),
        for_newcomer=True,
    )


@bp.route("/plan/calendar", methods=["GET", "POST"])
@newcomer_required
def calendar():
    form = ConfirmForm()
    person = current_person()
    new_url = None
    if form.validate_on_submit():
        token = calendar_feed.create_feed(person)
        # Shown once; only the hash is kept. Stored in the session so a reload still shows it.
        session["calendar_url"] = url_for(".feed", token=token, _external=True)
        return redirect(url_for(".calendar"))
    new_url = session.pop("calendar_url", None)
    links = qr = None
    if new_url:
        links = calendar_feed.subscription_links(calendar_feed.token_of_feed_url(new_url), current_language().code)
        qr = qr_svg(links.phone_page, _("QR code for your calendar link"))
    return render_template(
        "plan/calendar.html",
        form=form,
        revoke_form=ConfirmForm(),
        has_feed=active_calendar_feed(person) is not None,
        links=links,
        qr=qr,
    )


@bp.post("/plan/calendar/revoke")
@newcomer_required
def revoke_calendar():
    form = ConfirmForm()
    if form.validate_on_submit() and calendar_feed.revoke_feed(current_person()):
        flash(_("The calendar link was turned off. Calendars that used it will stop updating."))
    return redirect(url_for(".calendar"))


@bp.get("/calendar/<token>.ics")
@limiter.limit("60 per minute")
def feed(token: str):
    person = calendar_feed.person_for_token(token)
    if person is None:
        abort(404)
    body = calendar_feed.build_calendar(person, get_plan_for_person(person), stockholm_today())
    return Response(body, mimetype="text/calendar", headers={"Content-Disposition": "inline; filename=ankomst.ics"})


@bp.route("/plan/reminders", methods=["GET", "POST"])
@newcomer_required
def reminders():
    """The newcomer's own reminder choice: the evening before (at an hour), and/or some hours before."""
    person = current_person()
    current = setting_for(person)
    config = current_app.config
    form = ReminderForm(
        data={
            "evening": current.evening_before,
            "evening_hour": current.evening_hour,
            "hours_before": current.hours_before or 0,
        }
        if request.method == "GET"
        else None
    )
    hours = sorted({*config["REMINDER_EVENING_HOURS"], current.evening_hour})
    form.evening_hour.choices = [(h, time_label(time(h))) for h in hours]
    form.hours_before.choices = [(0, _("No"))] + [
        (n, ngettext("%(num)d hour before", "%(num)d hours before", n)) for n in config["REMINDER_HOURS_BEFORE_CHOICES"]
    ]
    if form.validate_on_submit():
        change_setting(
            person,
            ReminderSetting(
                evening_before=form.evening.data,
                evening_hour=form.evening_hour.data,
                hours_before=form.hours_before.data or None,
            ),
        )
        flash(_("Your reminder settings are saved."))
        return redirect(url_for(".reminders"))
    start, end = config["REMINDER_QUIET_HOURS"]
    return render_template(
        "plan/reminders.html",
        form=form,
        setting=current,
        quiet_start=time_label(start),
        quiet_end=time_label(end),
        opted_out=person.sms_opted_out,
        start_word=reply_word(Keyword.START, person.preferred_language),
    ), (422 if form.errors else 200)


@bp.get("/my-data")
@newcomer_required
def my_data():
    """The same data as /my-data.json, as a page the newcomer can read in their language."""
    return _my_data_page(ErasureRequestForm())


def _my_data_page(erasure_form: ErasureRequestForm, status: int = 200) -> Response:
    person = current_person()
    page = render_template(
        "plan/my_data.html",
        data=data_export.export_person(person),
        erasure_form=erasure_form,
        erasure_request=get_pending_erasure_request(person),
    )
    response = Response(page, status=status)
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.post("/my-data/erasure")
@newcomer_required
def request_erasure():
    """The newcomer asks for their data to be erased; a caseworker confirms it later."""
    form = ErasureRequestForm()
    if not form.validate_on_submit():
        return _my_data_page(form, status=422)
    erasure.request_erasure(current_person())
    flash(_("We have received your request. A caseworker will check it and erase your data."))
    return redirect(url_for(".my_data", _anchor="erasure"))


@bp.get("/my-data.json")
@newcomer_required
def export_my_data():
    """Everything Ankomst holds about the signed-in newcomer, as a JSON download."""
    document = data_export.export_person(current_person())
    response = Response(json.dumps(document, ensure_ascii=False, indent=2), mimetype="application/json")
    response.headers["Content-Disposition"] = 'attachment; filename="ankomst-my-data.json"'
    response.headers["Cache-Control"] = "no-store"
    return response
