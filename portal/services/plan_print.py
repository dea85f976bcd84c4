"""The plan on paper: Swedish and the newcomer's language side by side, with lines to sign.

Seed 001 says the individual approves the plan by signing it. The sheet says so in both
languages ("I have read this plan, version N, and I approve it"), names the version, and has
lines for the newcomer's and the caseworker's signatures; the caseworker records the signed
paper in the portal (services.plans.record_paper_signature). Each column is rendered in its own
locale, with its own lang and dir, so an Arabic column reads right to left beside the Swedish.
For a Swedish-speaking person the sheet has one column.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from flask import render_template
from markupsafe import Markup

from portal.i18n import in_language
from portal.languages import get_language
from portal.models import Plan
from portal.services.schedule import hours_periods, weekly_hours


@dataclass(frozen=True)
class PrintColumn:
    lang: str
    direction: str
    html: Markup


def bilingual_columns(plan: Plan, language: str | None, *, today: date) -> list[PrintColumn]:
    """The plan rendered in Swedish and, when it differs, in the person's language."""
    codes = ["sv"] + ([language] if language and language != "sv" and get_language(language) else [])
    periods = hours_periods(plan)
    columns = []
    for code in codes:
        lang = get_language(code)
        with in_language(code):
            html = render_template(
                "plan/_print_column.html",
                plan=plan,
                person=plan.person,
                hours_periods=periods,
                weekly_hours=weekly_hours,
                today=today,
                lang_code=lang.code,
            )
        columns.append(PrintColumn(lang=lang.code, direction=lang.direction, html=Markup(html)))  # noqa: S704
    return columns
