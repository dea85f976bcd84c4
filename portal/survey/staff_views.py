"""The coordinator's satisfaction figures: the NKI and factor scores as charts, tables and CSV."""

from __future__ import annotations

import csv
import io

from flask import Response, render_template
from flask_babel import format_percent
from flask_babel import gettext as _
from sqlalchemy import select

from portal.access import current_staff_user, staff_required
from portal.catalogues import activity_label
from portal.data.people import visible_org_ids
from portal.extensions import db
from portal.i18n import current_language
from portal.languages import LANGUAGES
from portal.models import Gender, Organisation, Role, SurveyResponse
from portal.services import audit
from portal.survey import charts
from portal.survey.nki import BREAKDOWNS, IndexFigures, IndexRow, Score, nki_figures
from portal.survey.plan_figures import (
    OBJECTION_COLUMNS,
    ActivityRow,
    PlanRow,
    activity_types_by_gender,
    plan_facts,
    plan_figures,
)
from portal.survey.questions import FACTORS
from portal.survey.views import bp


def _figures() -> tuple[IndexFigures, dict[str, dict[str, str]]]:
    org_ids = visible_org_ids(current_staff_user(), Role.COORDINATOR)
    responses = db.session.scalars(select(SurveyResponse).where(SurveyResponse.municipality_id.in_(org_ids))).all()
    return nki_figures(responses), _labels(org_ids)


def _labels(org_ids: set[int]) -> dict[str, dict[str, str]]:
    """The groups' names in the reader's language: municipalities, genders, languages, milestones."""
    names = {str(o.id): o.name for o in db.session.scalars(select(Organisation).where(Organisation.id.in_(org_ids)))}
    genders = _gender_labels()
    return {
        "municipality": names,
        "gender": genders,
        "language": {lang.code: lang.native_name for lang in LANGUAGES},
        "period": {},
        "milestone": {"three_months": _("After 3 months"), "closed": _("When the plan closed")},
        "municipality_gender": {
            key: _("%(municipality)s, %(gender)s", municipality=names[m], gender=genders[g])
            for m in names
            for g in genders
            for key in [f"{m}|{g}"]
            if key
        },
    }


def _gender_labels() -> dict[str, str]:
    return {
        Gender.WOMAN.value: _("Women"),
        Gender.MAN.value: _("Men"),
        Gender.OTHER.value: _("Other gender"),
        Gender.UNSPECIFIED.value: _("Gender not given"),
    }


@bp.get("/staff/follow-up/satisfaction")
@staff_required(Role.COORDINATOR)
def satisfaction():
    figures, labels = _figures()
    rtl = current_language().direction == "rtl"
    bar_charts = {}
    for name in ("municipality", "gender", "language", "milestone"):
        rows = [(labels[name].get(r.key, r.key), name, r.nki) for r in figures.breakdowns[name]]
        bar_charts[name] = charts.bars(rows, rtl=rtl)
    # Women and men side by side within each municipality.
    paired = [
        (labels["municipality_gender"].get(r.key, r.key), r.key.split("|", 1)[1], r.nki)
        for r in figures.breakdowns["municipality_gender"]
    ]
    bar_charts["municipality_gender"] = charts.bars(paired, rtl=rtl)
    periods = [(r.key, r) for r in figures.breakdowns["period"]]
    plan_rows, activity_rows = _plan_figures()
    bar_charts["activity_types"] = charts.bars(_activity_bars(activity_rows, labels["gender"]), rtl=rtl)
    # Hours: women and men side by side in each municipality (seeds 002 and 003).
    hours = [
        (labels["municipality_gender"].get(r.key, r.key), r.key.split("|", 1)[1], _percent(r.share_of_full_time))
        for r in plan_rows["municipality_gender"]
    ]
    bar_charts["full_time"] = charts.bars(hours, rtl=rtl)
    audit.record_and_commit("survey.figures", object_type="survey")
    return render_template(
        "survey/staff/satisfaction.html",
        figures=figures,
        labels=labels,
        bar_charts=bar_charts,
        width=charts.WIDTH,
        points=charts.series(periods, rtl=rtl),
        series_height=charts.HEIGHT,
        factors=FACTORS,
        summaries={
            name: _summary(rows, labels[name]) for name, rows in figures.breakdowns.items() if name in bar_charts
        },
        period_summary=_summary(figures.breakdowns["period"], {}),
        plan_rows=plan_rows,
        activity_rows=activity_rows,
        activity_summary=_activity_summary(activity_rows),
        full_time_summary=_full_time_summary(plan_rows["gender"]),
        activity_label=activity_label,
    )


def _plan_figures() -> tuple[dict[str, list[PlanRow]], list[ActivityRow]]:
    facts = plan_facts(visible_org_ids(current_staff_user(), Role.COORDINATOR))
    rows = plan_figures(facts)
    return rows, activity_types_by_gender(facts, rows)


def _percent(share: float | None) -> Score:
    return Score(None, suppressed=True) if share is None else Score(share * 100)


def _activity_bars(rows: list[ActivityRow], genders: dict[str, str]) -> list[tuple[str, str, Score | None]]:
    """Women and men side by side under each activity type (the gap seed 003 found)."""
    bars: list[tuple[str, str, Score | None]] = []
    for row in rows:
        pair = [g for g in ("woman", "man") if g in row.shares]
        if pair:
            bars.append((activity_label(row.type_key), "heading", None))
            bars += [(genders[g], g, _percent(row.shares[g])) for g in pair]
    return bars


def _full_time_summary(rows: list[PlanRow]) -> str:
    """Women's and men's mean share of full time, in one sentence."""
    shares = {r.key: r.share_of_full_time for r in rows if not r.suppressed}
    if shares.get("woman") is None or shares.get("man") is None:
        return _("Too few plans to show women and men apart.")
    return _(
        "On average, women's plans fill %(women)s of full time and men's %(men)s.",
        women=format_percent(shares["woman"]),
        men=format_percent(shares["man"]),
    )


def _activity_summary(rows: list[ActivityRow]) -> str:
    """The activity type with the widest gap between women and men, in one sentence."""
    both = [r for r in rows if r.shares.get("woman") is not None and r.shares.get("man") is not None]
    if not both:
        return _("No activity type has figures for both women and men.")
    widest = max(both, key=lambda r: abs(r.shares["woman"] - r.shares["man"]))
    return _(
        "The widest gap is in %(activity)s: %(women)s of women's plans and %(men)s of men's have it.",
        activity=activity_label(widest.type_key),
        women=format_percent(widest.shares["woman"]),
        men=format_percent(widest.shares["man"]),
    )


def _summary(rows: list[IndexRow], labels: dict[str, str]) -> str:
    """One sentence a screen reader can take in: the highest and the lowest shown group."""
    shown = [r for r in rows if r.nki.value is not None]
    hidden = len(rows) - len(shown)
    if not shown:
        return _("No group has 5 answers or more, so no figure is shown.")
    high = max(shown, key=lambda r: r.nki.value)
    low = min(shown, key=lambda r: r.nki.value)
    text = _(
        "Highest: %(high)s, %(high_value)s. Lowest: %(low)s, %(low_value)s.",
        high=labels.get(high.key, high.key),
        high_value=round(high.nki.value),
        low=labels.get(low.key, low.key),
        low_value=round(low.nki.value),
    )
    if hidden:
        text += " " + _("%(count)s groups are not shown: too few answers.", count=hidden)
    return text


@bp.get("/staff/follow-up/satisfaction.csv")
@staff_required(Role.COORDINATOR)
def satisfaction_csv():
    figures, labels = _figures()
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["breakdown", "group", "respondents", "nki", "nki_low", "nki_high", *(q.key for q in FACTORS)])
    hidden = "<5"

    def number(value: float | None, suppressed: bool) -> str:
        return hidden if suppressed else ("" if value is None else f"{value:.1f}")

    def score(s) -> str:
        return number(s.value, s.suppressed)

    rows = [("all", figures.total)]
    rows += [(name, r) for name in (*BREAKDOWNS, "municipality_gender") for r in figures.breakdowns[name]]
    for name, row in rows:
        writer.writerow(
            [
                name,
                labels.get(name, {}).get(row.key, row.key),
                hidden if row.suppressed else row.respondents,
                score(row.nki),
                number(row.nki.low, row.suppressed),
                number(row.nki.high, row.suppressed),
                *(score(row.factors[q.key]) for q in FACTORS),
            ]
        )
    audit.record_and_commit("survey.figures_csv", object_type="survey")
    return Response(
        out.getvalue(),
        mimetype="text/csv",
        headers={"Content-Disposition": "attachment; filename=satisfaction.csv"},
    )


@bp.get("/staff/follow-up/plans.csv")
@staff_required(Role.COORDINATOR)
def satisfaction_plans_csv():
    """The plans' figures as CSV, one figure a line: hidden counts say "<5", a share not shown is empty."""
    plan_rows, activity_rows = _plan_figures()
    labels = _labels(visible_org_ids(current_staff_user(), Role.COORDINATOR))
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["breakdown", "group", "measure", "value"])
    hidden = "<5"

    def share(value: float | None) -> str:
        return "" if value is None else f"{value:.3f}"

    for name in ("all", "municipality", "gender", "municipality_gender"):
        for row in plan_rows[name]:
            group = _("All") if name == "all" else labels[name].get(row.key, row.key)
            if row.suppressed:
                writer.writerow([name, group, "plans", hidden])
                continue
            counts = row.objections or {}
            figures = [
                ("plans", str(row.plans)),
                ("share_of_full_time", share(row.share_of_full_time)),
                ("share_summer_gap", share(row.share_summer_gap)),
                ("median_days_to_plan", "" if row.median_days_to_plan is None else str(row.median_days_to_plan)),
                ("share_plan_within_5_days", share(row.share_within_goal)),
                *((f"objections_{c}", hidden if counts.get(c) is None else str(counts[c])) for c in OBJECTION_COLUMNS),
                ("objections_per_100_plans", "" if row.objections_per_100 is None else f"{row.objections_per_100:.1f}"),
                ("share_decided_within_deadline", share(row.share_on_time)),
            ]
            writer.writerows([name, group, measure, value] for measure, value in figures)
    for row in activity_rows:
        for gender, value in row.shares.items():
            group = _("All") if gender == "all" else labels["gender"].get(gender, gender)
            writer.writerow(["activity_type_by_gender", group, f"share_with_{row.type_key}", share(value)])
    audit.record_and_commit("survey.plan_figures_csv", object_type="survey")
    return Response(
        out.getvalue(),
        mimetype="text/csv",
        headers={"Content-Disposition": "attachment; filename=plans.csv"},
    )
