"""Aggregate objection figures for coordinators: never individual data, small cells suppressed.

Figures: objections by status, median days from filing to decision, share overdue, and share
upheld (in whole or in part), for all cases and broken down by home municipality, by language
and by gender.

How suppression works, and why:
- Every figure is a cell backed by a set of people. A count cell with 1–4 people behind it is
  suppressed (shown as "fewer than 5"). A cell of 0 is shown: it describes nobody.
- A group (a municipality, a language, a gender) with fewer than 5 people is suppressed as a
  whole row, zeros included: "none of these 3 people had a decision" is about 3 people.
- A share is a count in disguise: it is shown only when the people with the attribute and
  the people without it are each 0 or at least 5, and the denominator has 5 or more people.
  The median needs 5 or more decided people.
- Complementary suppression: figures add up (statuses to the row total, groups to the
  overall row), so one suppressed cell among shown ones could be recovered by subtraction.
  Whenever exactly one part of a sum is suppressed while its total is shown, the smallest
  other part (or else the total) is suppressed too, repeated until nothing changes.
- Across periods: the page shows "since the start", "the last 12 months" and "the last 90
  days", and each window lies inside the wider ones, so a reader can subtract the same cell
  of two windows. A cell of a window is suppressed when that difference, against any wider
  window, has 1-4 people behind it; complementary suppression then runs as above.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from statistics import median

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from portal.extensions import db
from portal.local_time import STOCKHOLM
from portal.models import DecisionStage, Objection, ObjectionStatus, Outcome, Person
from portal.models.objection import FIRST_DECISION_PENDING, REVIEW_PENDING

THRESHOLD = 5
BREAKDOWNS = ("municipality", "language", "gender")
STATUSES = tuple(ObjectionStatus)


@dataclass(frozen=True)
class CaseFacts:
    """What the figures need of one objection: no names, numbers or texts."""

    objection_id: int
    person_id: int
    status: ObjectionStatus
    municipality_id: int
    language: str
    gender: str
    filed_on: date
    decided_on: date | None  # the first decision of any stage
    upheld: bool | None  # the latest decision upheld in whole or in part; None before a decision
    late: bool  # a decision is overdue now, or was made after its due date


@dataclass(frozen=True)
class Figure:
    """One number on the page. `value` is None when suppressed or when there is nothing to show."""

    value: int | float | None
    suppressed: bool = False


@dataclass
class FigureRow:
    key: str  # "all", or the group's municipality id, language code or gender
    people: Figure
    objections: Figure
    by_status: dict[str, Figure]
    median_days: Figure
    share_overdue: Figure
    share_upheld: Figure


@dataclass
class Figures:
    total: FigureRow
    breakdowns: dict[str, list[FigureRow]]
    threshold: int = THRESHOLD


# --- reading the facts --------------------------------------------------------------------------


def case_facts(org_ids: Iterable[int], *, today: date, since: date | None = None) -> list[CaseFacts]:
    """The facts of every objection of people in these organisations, filed on or after `since`."""
    ids = list(org_ids)
    if not ids:
        return []
    stmt = (
        select(Objection, Person)
        .join(Person, Objection.person_id == Person.id)
        .where(Person.responsible_org_id.in_(ids))
        .options(selectinload(Objection.decisions))
    )
    facts = []
    for objection, person in db.session.execute(stmt):
        filed_on = objection.filed_at.astimezone(STOCKHOLM).date()
        if since is not None and filed_on < since:
            continue
        facts.append(_facts(objection, person, filed_on, today))
    return facts


def _facts(objection: Objection, person: Person, filed_on: date, today: date) -> CaseFacts:
    first = next((d for d in objection.decisions if d.stage == DecisionStage.FIRST), None)
    final = next((d for d in objection.decisions if d.stage == DecisionStage.INDEPENDENT), None)
    earliest = first or final
    latest = final or first
    decided_on = earliest.decided_at.astimezone(STOCKHOLM).date() if earliest else None
    late = False
    if first is not None:
        late = first.decided_at.astimezone(STOCKHOLM).date() > objection.due_date
    elif objection.status in FIRST_DECISION_PENDING:
        late = today > objection.due_date
    elif objection.escalated_at is not None:
        late = True  # escalated without a first decision: only possible once it was overdue
    if objection.review_due_date is not None:
        if final is not None:
            late = late or final.decided_at.astimezone(STOCKHOLM).date() > objection.review_due_date
        elif objection.status in REVIEW_PENDING:
            late = late or today > objection.review_due_date
    return CaseFacts(
        objection_id=objection.id,
        person_id=person.id,
        status=objection.status,
        municipality_id=person.home_municipality_id,
        language=person.preferred_language,
        gender=str(person.gender),
        filed_on=filed_on,
        decided_on=decided_on,
        upheld=(latest.outcome in (Outcome.UPHELD, Outcome.PARTLY_UPHELD)) if latest else None,
        late=late,
    )


# --- computing and suppressing ------------------------------------------------------------------


@dataclass
class _Cell:
    objections: set[int] = field(default_factory=set)
    people: set[int] = field(default_factory=set)
    suppressed: bool = False

    def add(self, fact: CaseFacts) -> None:
        self.objections.add(fact.objection_id)
        self.people.add(fact.person_id)

    @property
    def count(self) -> int:
        return len(self.objections)


# Hidden columns behind the shares: each share is shown only if its parts are.
_COLUMNS = (
    "people",
    "objections",
    *(f"status:{s.value}" for s in STATUSES),
    "late",
    "on_time",
    "decided",
    "upheld",
    "not_upheld",
)


def _cells(facts: list[CaseFacts]) -> dict[str, _Cell]:
    cells = {name: _Cell() for name in _COLUMNS}
    for fact in facts:
        cells["objections"].add(fact)
        cells["people"].add(fact)
        cells[f"status:{fact.status.value}"].add(fact)
        cells["late" if fact.late else "on_time"].add(fact)
        if fact.upheld is not None:
            cells["decided"].add(fact)
            cells["upheld" if fact.upheld else "not_upheld"].add(fact)
    return cells


def _primary(cells: dict[str, _Cell]) -> None:
    if 0 < len(cells["people"].people) < THRESHOLD:
        for cell in cells.values():  # the whole group is too small: zeros included
            cell.suppressed = True
        return
    for cell in cells.values():
        if 0 < len(cell.people) < THRESHOLD:
            cell.suppressed = True


def _sums(rows: dict[str, dict[str, _Cell]]) -> list[tuple[_Cell, list[_Cell]]]:
    """Every (total, parts) relation a reader could subtract along."""
    sums = []
    for cells in rows.values():
        sums.append((cells["objections"], [cells[f"status:{s.value}"] for s in STATUSES]))
        sums.append((cells["objections"], [cells["late"], cells["on_time"]]))
        sums.append((cells["decided"], [cells["upheld"], cells["not_upheld"]]))
    return sums


def _complementary(sums: list[tuple[_Cell, list[_Cell]]]) -> None:
    changed = True
    while changed:
        changed = False
        for total, parts in sums:
            hidden = [p for p in parts if p.suppressed and p.count > 0]
            if total.suppressed or len(hidden) != 1:
                continue
            shown = sorted((p for p in parts if not p.suppressed and p.count > 0), key=lambda p: p.count)
            (shown[0] if shown else total).suppressed = True
            changed = True


def _figure(cell: _Cell) -> Figure:
    return Figure(None, True) if cell.suppressed else Figure(cell.count)


def _share(part: _Cell, rest: _Cell, whole: _Cell) -> Figure:
    if part.suppressed or rest.suppressed or whole.suppressed:
        return Figure(None, True)
    if whole.count == 0:
        return Figure(None)
    return Figure(part.count / whole.count)


def _median_days(facts: list[CaseFacts], decided: _Cell) -> Figure:
    days = [(f.decided_on - f.filed_on).days for f in facts if f.decided_on is not None]
    if decided.suppressed or 0 < len({f.person_id for f in facts if f.decided_on is not None}) < THRESHOLD:
        return Figure(None, True)
    return Figure(median(days) if days else None)


def _row(key: str, facts: list[CaseFacts], cells: dict[str, _Cell]) -> FigureRow:
    return FigureRow(
        key=key,
        people=Figure(None, True) if cells["people"].suppressed else Figure(len(cells["people"].people)),
        objections=_figure(cells["objections"]),
        by_status={s.value: _figure(cells[f"status:{s.value}"]) for s in STATUSES},
        median_days=_median_days(facts, cells["decided"]),
        share_overdue=_share(cells["late"], cells["on_time"], cells["objections"]),
        share_upheld=_share(cells["upheld"], cells["not_upheld"], cells["decided"]),
    )


_GROUP_KEYS: dict[str, Callable[[CaseFacts], str]] = {
    "municipality": lambda f: str(f.municipality_id),
    "language": lambda f: f.language,
    "gender": lambda f: f.gender,
}


def _hide_differences(cells: dict[str, _Cell], current: list[CaseFacts], wider: list[CaseFacts]) -> None:
    """Suppress each cell whose difference from the same cell of a wider window has 1-4 people behind it."""
    ids = {f.objection_id for f in current}
    rest = _cells([f for f in wider if f.objection_id not in ids])
    for name, cell in cells.items():
        # A head count's difference is the people who are only in the wider window.
        behind = {f.person_id for f in wider} - cell.people if name == "people" else rest[name].people
        if 0 < len(behind) < THRESHOLD:
            cell.suppressed = True


def objection_figures(facts: list[CaseFacts], wider: Sequence[list[CaseFacts]] = ()) -> Figures:
    """The figures for these cases, with every small cell suppressed (see the module docstring).

    `wider` are the cases of the wider periods the reader can also see (for "the last 90 days",
    the last 12 months and since the start): no cell may differ from one of theirs by 1-4 people.
    """
    total_cells = _cells(facts)
    _primary(total_cells)
    for other in wider:
        _hide_differences(total_cells, facts, other)
    groups: dict[str, dict[str, list[CaseFacts]]] = {}
    group_cells: dict[str, dict[str, dict[str, _Cell]]] = {}
    sums = _sums({"all": total_cells})
    for name in BREAKDOWNS:
        grouped: dict[str, list[CaseFacts]] = {}
        for fact in facts:
            grouped.setdefault(_GROUP_KEYS[name](fact), []).append(fact)
        groups[name] = grouped
        group_cells[name] = {key: _cells(items) for key, items in grouped.items()}
        for cells in group_cells[name].values():
            _primary(cells)
        for other in wider:
            other_groups: dict[str, list[CaseFacts]] = {}
            for fact in other:
                other_groups.setdefault(_GROUP_KEYS[name](fact), []).append(fact)
            for key, cells in group_cells[name].items():
                _hide_differences(cells, grouped[key], other_groups.get(key, []))
        sums += _sums(group_cells[name])
        # Groups add up to the overall row, column by column (people too: each person is in one group).
        for column in _COLUMNS:
            sums.append((total_cells[column], [cells[column] for cells in group_cells[name].values()]))
    while True:
        _complementary(sums)
        # A group whose head count had to be hidden is hidden whole, as a small group is.
        grew = False
        for name in BREAKDOWNS:
            for cells in group_cells[name].values():
                if cells["people"].suppressed and not all(c.suppressed for c in cells.values()):
                    for cell in cells.values():
                        cell.suppressed = True
                    grew = True
        if not grew:
            break
    return Figures(
        total=_row("all", facts, total_cells),
        breakdowns={
            name: [_row(key, groups[name][key], group_cells[name][key]) for key in sorted(groups[name])]
            for name in BREAKDOWNS
        },
    )


def period_figures(facts: list[CaseFacts], *, today: date, days: int | None, periods: Iterable[int | None]) -> Figures:
    """The figures of the cases filed in the last `days` days (None: all), checked against the wider `periods`."""

    def within(span: int | None) -> list[CaseFacts]:
        start = today - timedelta(days=span) if span else None
        return [f for f in facts if start is None or f.filed_on >= start]

    wider = [span for span in periods if days and (span is None or span > days)]
    return objection_figures(within(days), [within(span) for span in wider])
