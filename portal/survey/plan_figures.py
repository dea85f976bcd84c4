"""Follow-up figures from the plans (issue 17, item 3, in part), per municipality and gender.

Per plan (not drafts): its ordinary weekly hours as a share of full time (40 hours, seed 002),
whether it has a week or more without activities in June-August (the summer gap), and the
days from arrival to the plan (goal: 5, seed 001). Groups of fewer than 5 plans are hidden,
and so is any group that could be worked out from the others and the total
(portal.survey.nki.suppress, the same rule as the satisfaction figures).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from statistics import fmean, median

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from portal.extensions import db
from portal.models import Person, Plan, PlanStatus
from portal.services.schedule import ACTIVITY_PLAN_DAYS, STOCKHOLM, hours_periods, plan_breaks
from portal.survey.nki import THRESHOLD, Cell, suppress

FULL_TIME_HOURS = 40
SUMMER_MONTHS = (6, 7, 8)


@dataclass(frozen=True)
class PlanFacts:
    municipality: str
    gender: str
    share_of_full_time: float | None  # None: no activities yet
    summer_gap: bool
    days_to_plan: int | None  # None: arrival date unknown


@dataclass
class PlanRow:
    key: str
    plans: int | None  # None when suppressed
    suppressed: bool
    share_of_full_time: float | None = None
    share_summer_gap: float | None = None
    median_days_to_plan: float | None = None
    share_within_goal: float | None = None


def plan_facts(org_ids: Iterable[int]) -> list[PlanFacts]:
    ids = list(org_ids)
    if not ids:
        return []
    plans = db.session.scalars(
        select(Plan)
        .join(Person, Plan.person_id == Person.id)
        .where(Person.responsible_org_id.in_(ids), Plan.status != PlanStatus.DRAFT)
        .options(selectinload(Plan.person), selectinload(Plan.activities))
    ).all()
    return [_facts(plan) for plan in plans]


def _facts(plan: Plan) -> PlanFacts:
    periods = hours_periods(plan)
    days = sum((p.end - p.start).days + 1 for p in periods)
    share = sum(p.hours * ((p.end - p.start).days + 1) for p in periods) / days / FULL_TIME_HOURS if days else None
    gap = any(
        b.first.month in SUMMER_MONTHS or b.last.month in SUMMER_MONTHS for b in plan_breaks(plan, plan.start_date)
    )
    arrival = plan.person.arrival_date
    made = plan.created_at.astimezone(STOCKHOLM).date()
    return PlanFacts(
        municipality=str(plan.person.home_municipality_id),
        gender=str(plan.person.gender),
        share_of_full_time=share,
        summer_gap=gap,
        days_to_plan=(made - arrival).days if arrival is not None else None,
    )


def _share(part: int, whole: int) -> float | None:
    """A share is a count in disguise: shown only when its part and the rest are each 0 or at least 5."""
    if whole < THRESHOLD or 0 < part < THRESHOLD or 0 < whole - part < THRESHOLD:
        return None
    return part / whole


def _row(key: str, facts: list[PlanFacts], hidden: bool) -> PlanRow:
    if hidden:
        return PlanRow(key, None, True)
    shares = [f.share_of_full_time for f in facts if f.share_of_full_time is not None]
    days = [f.days_to_plan for f in facts if f.days_to_plan is not None]
    return PlanRow(
        key,
        len(facts),
        False,
        share_of_full_time=fmean(shares) if shares else None,
        share_summer_gap=_share(sum(f.summer_gap for f in facts), len(facts)),
        # A median or share of fewer than 5 known arrival dates is a small cell of its own.
        median_days_to_plan=median(days) if len(days) >= THRESHOLD else None,
        share_within_goal=_share(sum(d <= ACTIVITY_PLAN_DAYS for d in days), len(days)),
    )


def plan_figures(facts: list[PlanFacts]) -> dict[str, list[PlanRow]]:
    """Rows for all plans, per municipality, per gender and per municipality and gender, suppressed."""
    keys = {
        "municipality": lambda f: f.municipality,
        "gender": lambda f: f.gender,
        "municipality_gender": lambda f: f"{f.municipality}|{f.gender}",
    }
    grouped = {name: {} for name in keys}
    for name, key_of in keys.items():
        for fact in facts:
            grouped[name].setdefault(key_of(fact), []).append(fact)
    everyone: Cell = ("all", "all")
    sizes: dict[Cell, int] = {everyone: len(facts)}
    sums: list[tuple[Cell, list[Cell]]] = []
    for name, groups in grouped.items():
        sizes.update({(name, key): len(items) for key, items in groups.items()})
        if name != "municipality_gender":
            sums.append((everyone, [(name, key) for key in groups]))
    by_total: dict[Cell, list[Cell]] = {}
    for key in grouped["municipality_gender"]:
        municipality, gender = key.split("|", 1)
        by_total.setdefault(("municipality", municipality), []).append(("municipality_gender", key))
        by_total.setdefault(("gender", gender), []).append(("municipality_gender", key))
    hidden = suppress(sizes, sums + list(by_total.items()))
    rows = {"all": [_row("all", facts, everyone in hidden)]}
    for name, groups in grouped.items():
        rows[name] = [_row(key, groups[key], everyone in hidden or (name, key) in hidden) for key in sorted(groups)]
    return rows
