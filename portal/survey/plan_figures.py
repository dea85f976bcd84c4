"""Follow-up figures from the plans (issue 17, item 3), per municipality and gender.

Per plan (not drafts): its ordinary weekly hours as a share of full time (40 hours, seed 002),
whether it has a week or more without activities in June-August (the summer gap), the days
from arrival to the plan (goal: 5, seed 001), which activity types it has (seed 003: women
were offered fewer job-focused activities), and the objections to it: how many per 100 plans,
their outcomes (the latest decision), and the share decided within the deadline.

"Decided within the deadline" counts the caseworker's first decision against its due date.
Its denominator is every objection that has a first decision or whose due date has passed
(one escalated for want of a decision counts as late); open cases not yet due are left out,
because they can still be decided in time.

Groups of fewer than 5 plans are hidden, and so is any group that could be worked out from
the others and the total (portal.survey.nki.suppress, the same rule as the satisfaction
figures). The objection columns are counts of their own: a count with 1-4 people behind it is
hidden, then complementary cells along every sum a reader could subtract (outcomes to the
objections, on time and late to the cases with a deadline, groups to the total). A share of
plans with an activity type is shown only when the plans with it and without it are each 0 or
at least 5, and hidden for one gender when it could be worked out from the others and all.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from statistics import fmean, median

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from portal.extensions import db
from portal.models import Activity, DecisionStage, Gender, Objection, Person, Plan, PlanStatus
from portal.models.objection import FIRST_DECISION_PENDING
from portal.services.schedule import ACTIVITY_PLAN_DAYS, STOCKHOLM, hours_periods, plan_breaks
from portal.survey.nki import THRESHOLD, Cell, suppress

FULL_TIME_HOURS = 40
SUMMER_MONTHS = (6, 7, 8)


OUTCOMES = ("upheld", "partly_upheld", "rejected", "open")  # "open": no decision yet
# The objection columns, each a count of objections; the people behind each decide suppression.
OBJECTION_COLUMNS = ("objections", *OUTCOMES, "with_deadline", "on_time", "late")


@dataclass(frozen=True)
class ObjectionFacts:
    """What the figures need of one objection to a plan: no names, texts or dates."""

    outcome: str  # one of OUTCOMES
    with_deadline: bool  # has a first decision, or its due date has passed
    on_time: bool  # the first decision came on or before its due date


@dataclass(frozen=True)
class PlanFacts:
    municipality: str
    gender: str
    share_of_full_time: float | None  # None: no activities yet
    summer_gap: bool
    days_to_plan: int | None  # None: arrival date unknown
    person_id: int = 0  # only to count people behind a cell; never shown
    activity_types: frozenset[str] = frozenset()
    objections: tuple[ObjectionFacts, ...] = ()


@dataclass
class PlanRow:
    key: str
    plans: int | None  # None when suppressed
    suppressed: bool
    share_of_full_time: float | None = None
    share_summer_gap: float | None = None
    median_days_to_plan: float | None = None
    share_within_goal: float | None = None
    # Objection columns: None when hidden (or the row is). Counts, and what is worked out of them.
    objections: dict[str, int | None] | None = None
    objections_per_100: float | None = None
    share_on_time: float | None = None


def plan_facts(org_ids: Iterable[int]) -> list[PlanFacts]:
    ids = list(org_ids)
    if not ids:
        return []
    plans = db.session.scalars(
        select(Plan)
        .join(Person, Plan.person_id == Person.id)
        .where(Person.responsible_org_id.in_(ids), Plan.status != PlanStatus.DRAFT)
        # The activities' changes too: the hours and the summer gap expand every occurrence,
        # and loading them one activity at a time made the page take seconds with 300 plans.
        .options(selectinload(Plan.person), selectinload(Plan.activities).selectinload(Activity.changes))
    ).all()
    today = datetime.now(STOCKHOLM).date()
    by_plan: dict[int, list[ObjectionFacts]] = {}
    if plans:
        objections = db.session.scalars(
            select(Objection)
            .where(Objection.plan_id.in_([p.id for p in plans]))
            .options(selectinload(Objection.decisions))
        )
        for objection in objections:
            by_plan.setdefault(objection.plan_id, []).append(_objection_facts(objection, today))
    return [_facts(plan, tuple(by_plan.get(plan.id, ()))) for plan in plans]


def _objection_facts(objection: Objection, today: date) -> ObjectionFacts:
    first = next((d for d in objection.decisions if d.stage == DecisionStage.FIRST), None)
    final = next((d for d in objection.decisions if d.stage == DecisionStage.INDEPENDENT), None)
    latest = final or first
    outcome = "open" if latest is None else latest.outcome.value
    if first is not None:
        on_time = first.decided_at.astimezone(STOCKHOLM).date() <= objection.due_date
        return ObjectionFacts(outcome, True, on_time)
    # No first decision: escalated for want of one (late), overdue now (late), or not yet due.
    passed = objection.status not in FIRST_DECISION_PENDING or today > objection.due_date
    return ObjectionFacts(outcome, passed, False)


def _facts(plan: Plan, objections: tuple[ObjectionFacts, ...] = ()) -> PlanFacts:
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
        person_id=plan.person_id,
        activity_types=frozenset(a.type_key for a in plan.activities),
        objections=objections,
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


def _groups(facts: list[PlanFacts]) -> dict[str, dict[str, list[PlanFacts]]]:
    keys = {
        "municipality": lambda f: f.municipality,
        "gender": lambda f: f.gender,
        "municipality_gender": lambda f: f"{f.municipality}|{f.gender}",
    }
    grouped: dict[str, dict[str, list[PlanFacts]]] = {name: {} for name in keys}
    for name, key_of in keys.items():
        for fact in facts:
            grouped[name].setdefault(key_of(fact), []).append(fact)
    return grouped


def _along(
    grouped: dict[str, dict[str, list[PlanFacts]]], column: tuple[str, ...] = ()
) -> list[tuple[Cell, list[Cell]]]:
    """Every (total, parts) a reader could subtract along: groups to all, and the cross table both ways."""
    everyone: Cell = (*column, "all", "all")
    sums: list[tuple[Cell, list[Cell]]] = [
        (everyone, [(*column, name, key) for key in grouped[name]]) for name in ("municipality", "gender")
    ]
    by_total: dict[Cell, list[Cell]] = {}
    for key in grouped["municipality_gender"]:
        municipality, gender = key.split("|", 1)
        by_total.setdefault((*column, "municipality", municipality), []).append((*column, "municipality_gender", key))
        by_total.setdefault((*column, "gender", gender), []).append((*column, "municipality_gender", key))
    return sums + list(by_total.items())


def _objection_cells(items: list[PlanFacts]) -> dict[str, tuple[int, set[int]]]:
    """Per objection column: the number of objections and the people behind them."""
    cells: dict[str, tuple[int, set[int]]] = {column: (0, set()) for column in OBJECTION_COLUMNS}

    def add(column: str, person_id: int) -> None:
        count, people = cells[column]
        people.add(person_id)
        cells[column] = (count + 1, people)

    for fact in items:
        for objection in fact.objections:
            add("objections", fact.person_id)
            add(objection.outcome, fact.person_id)
            if objection.with_deadline:
                add("with_deadline", fact.person_id)
                add("on_time" if objection.on_time else "late", fact.person_id)
    return cells


def _objection_figures(rows: dict[str, list[PlanRow]], all_groups: dict[tuple[str, str], list[PlanFacts]]) -> None:
    """Fill each shown row's objection columns, hiding small and complementary cells."""
    hidden_rows = {(name, row.key) for name, items in rows.items() for row in items if row.suppressed}
    cells = {group: _objection_cells(items) for group, items in all_groups.items()}
    sizes: dict[Cell, int] = {}
    also: list[Cell] = []
    for (name, key), columns in cells.items():
        for column, (_count, people) in columns.items():
            cell = (column, name, key)
            # A hidden row hides its zeros too, and they must count as something to subtract.
            sizes[cell] = len(people) if (name, key) not in hidden_rows else max(1, len(people))
            if (name, key) in hidden_rows:
                also.append(cell)
    sums: list[tuple[Cell, list[Cell]]] = []
    grouped = {"municipality": {}, "gender": {}, "municipality_gender": {}}
    for name, key in all_groups:
        if name != "all":
            grouped[name][key] = []
    for column in OBJECTION_COLUMNS:
        sums += _along(grouped, (column,))
    for name, key in all_groups:
        sums.append((("objections", name, key), [(o, name, key) for o in OUTCOMES]))
        sums.append((("with_deadline", name, key), [("on_time", name, key), ("late", name, key)]))
    hidden = suppress(sizes, sums, also)
    for name, items in rows.items():
        for row in items:
            if row.suppressed:
                continue
            columns = cells[(name, row.key)]
            shown = {c: (None if (c, name, row.key) in hidden else columns[c][0]) for c in OBJECTION_COLUMNS}
            row.objections = shown
            if shown["objections"] is not None and row.plans:
                row.objections_per_100 = 100 * shown["objections"] / row.plans
            if None not in (shown["on_time"], shown["late"]) and shown["with_deadline"]:
                row.share_on_time = shown["on_time"] / shown["with_deadline"]


def plan_figures(facts: list[PlanFacts]) -> dict[str, list[PlanRow]]:
    """Rows for all plans, per municipality, per gender and per municipality and gender, suppressed."""
    grouped = _groups(facts)
    everyone: Cell = ("all", "all")
    sizes: dict[Cell, int] = {everyone: len(facts)}
    for name, groups in grouped.items():
        sizes.update({(name, key): len(items) for key, items in groups.items()})
    hidden = suppress(sizes, _along(grouped))
    rows = {"all": [_row("all", facts, everyone in hidden)]}
    for name, groups in grouped.items():
        rows[name] = [_row(key, groups[key], everyone in hidden or (name, key) in hidden) for key in sorted(groups)]
    all_groups = {("all", "all"): facts} | {
        (n, k): items for n, groups in grouped.items() for k, items in groups.items()
    }
    _objection_figures(rows, all_groups)
    return rows


@dataclass
class ActivityRow:
    type_key: str
    shares: dict[str, float | None]  # gender (or "all") -> share of plans with this type; None when hidden


def activity_types_by_gender(facts: list[PlanFacts], rows: dict[str, list[PlanRow]]) -> list[ActivityRow]:
    """Per activity type, the share of plans that have it, for all and per gender, suppressed.

    `rows` are plan_figures' rows: a gender hidden there is hidden here too.
    """
    by_gender: dict[str, list[PlanFacts]] = {}
    for fact in facts:
        by_gender.setdefault(fact.gender, []).append(fact)
    # Columns in a fixed order (women, men, then the rest), whatever order the plans came in.
    order = {g.value: i for i, g in enumerate(Gender)}
    groups = {"all": facts} | {g: by_gender[g] for g in sorted(by_gender, key=lambda g: (order.get(g, 99), g))}
    hidden_groups = {row.key for row in rows["gender"] if row.suppressed}
    if rows["all"][0].suppressed:
        hidden_groups |= set(groups)
    out = []
    for type_key in sorted({t for f in facts for t in f.activity_types}):
        counts = {g: sum(type_key in f.activity_types for f in items) for g, items in groups.items()}
        sizes: dict[Cell, int] = {}
        also: list[Cell] = []
        for g, items in groups.items():
            sizes[(type_key, g)] = max(1, counts[g]) if g in hidden_groups else counts[g]
            if g in hidden_groups or (items and _share(counts[g], len(items)) is None):
                also.append((type_key, g))
        genders = [(type_key, g) for g in groups if g != "all"]
        hidden = suppress(sizes, [((type_key, "all"), genders)], also)
        out.append(
            ActivityRow(
                type_key,
                {g: None if (type_key, g) in hidden else counts[g] / len(items) for g, items in groups.items()},
            )
        )
    return out
