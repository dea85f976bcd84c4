"""The coordinator's satisfaction figures: the NKI and factor scores as charts, tables and CSV."""

from __future__ import annotations

import csv
import io

from flask import Response, render_template
from flask_babel import gettext as _
from sqlalchemy import select

from portal.access import current_staff_user, staff_required
from portal.data.people import visible_org_ids
from portal.extensions import db
from portal.i18n import current_language
from portal.languages import LANGUAGES
from portal.models import Gender, Organisation, Role, SurveyResponse
from portal.services import audit
from portal.survey import charts
from portal.survey.nki import BREAKDOWNS, IndexFigures, IndexRow, nki_figures
from portal.survey.plan_figures import plan_facts, plan_figures
from portal.survey.questions import FACTORS
from portal.survey.views import bp


def _figures() -> tuple[IndexFigures, dict[str, dict[str, str]]]:
    org_ids = visible_org_ids(current_staff_user(), Role.COORDINATOR)
    responses = db.session.scalars(select(SurveyResponse).where(SurveyResponse.municipality_id.in_(org_ids))).all()
    figures = nki_figures(responses)
    names = {str(o.id): o.name for o in db.session.scalars(select(Organisation).where(Organisation.id.in_(org_ids)))}
    genders = _gender_labels()
    labels = {
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
    return figures, labels


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
        rows = [(labels[name].get(r.key, r.key), name, r) for r in figures.breakdowns[name]]
        bar_charts[name] = charts.bars(rows, rtl=rtl)
    # Women and men side by side within each municipality.
    paired = [
        (labels["municipality_gender"].get(r.key, r.key), r.key.split("|", 1)[1], r)
        for r in figures.breakdowns["municipality_gender"]
    ]
    bar_charts["municipality_gender"] = charts.bars(paired, rtl=rtl)
    periods = [(r.key, r) for r in figures.breakdowns["period"]]
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
        summaries={name: _summary(figures.breakdowns[name], labels[name]) for name in bar_charts},
        period_summary=_summary(figures.breakdowns["period"], {}),
        plan_rows=plan_figures(plan_facts(visible_org_ids(current_staff_user(), Role.COORDINATOR))),
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
