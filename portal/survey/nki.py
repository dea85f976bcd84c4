"""The satisfaction index (NKI) and factor scores, per group, with small cells suppressed.

How the index is computed (SCB's NKI, as the municipalities' follow-up uses it):
- Each answer on the 1-10 scale is rescaled to 0-100: (answer - 1) / 9 * 100.
- A respondent's index is the weighted mean of their three overall answers, rescaled. The
  weights are in `portal.survey.questions` (SCB estimates them from its own model; with no
  such model we use equal weights, which is what the simplified NKI does).
- A group's NKI is the mean of its respondents' indices, with a 95 % confidence interval
  mean +/- 1.96 * s / sqrt(n) (s the sample standard deviation).
- A factor score is the mean of that factor's answers, rescaled the same way.

Suppression is the coordinator page's (portal.data.objection_figures): a group of fewer than
5 respondents is hidden, and when exactly one group of a breakdown is hidden while the total
is shown, the next smallest is hidden too (a mean and a count of the rest would give it away).
Periods are fixed calendar quarters, a breakdown like the others, never rolling windows: a
window of "the last 90 days" next to "all" would let a reader subtract one from the other.
For the same reason there are no filters at all: the milestone is a breakdown too.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from math import sqrt
from statistics import fmean, stdev

from portal.data.objection_figures import THRESHOLD
from portal.models import SurveyResponse
from portal.survey.questions import FACTORS, OVERALL

BREAKDOWNS = ("municipality", "gender", "language", "period", "milestone")
Z95 = 1.96


def rescale(answer: float) -> float:
    """A 1-10 answer on the 0-100 scale."""
    return (answer - 1) / 9 * 100


def respondent_index(response: SurveyResponse) -> float:
    """One respondent's NKI: the weighted mean of the three overall answers, rescaled to 0-100."""
    weighted = sum(q.weight * getattr(response, q.key) for q in OVERALL) / sum(q.weight for q in OVERALL)
    return rescale(weighted)


@dataclass(frozen=True)
class Score:
    """A mean on 0-100 with its 95 % interval; all None when suppressed or without answers."""

    value: float | None
    low: float | None = None
    high: float | None = None
    n: int = 0
    suppressed: bool = False


@dataclass
class IndexRow:
    key: str  # "all", or the group's municipality id, gender, language, quarter ("2026-Q3") or milestone
    respondents: int | None  # None when suppressed
    suppressed: bool
    nki: Score
    factors: dict[str, Score]


def _score(values: list[float]) -> Score:
    if not values:
        return Score(None)
    mean = fmean(values)
    if len(values) < 2:
        return Score(mean, n=len(values))
    half = Z95 * stdev(values) / sqrt(len(values))
    return Score(mean, max(0.0, mean - half), min(100.0, mean + half), len(values))


def _row(key: str, responses: list[SurveyResponse], suppressed: bool) -> IndexRow:
    if suppressed:
        hidden = Score(None, suppressed=True)
        return IndexRow(key, None, True, hidden, {q.key: hidden for q in FACTORS})
    factors = {}
    for q in FACTORS:
        answers = [rescale(v) for r in responses if (v := getattr(r, q.key)) is not None]
        # A factor skipped by all but a few is as small a cell as a small group.
        factors[q.key] = _score(answers) if not 0 < len(answers) < THRESHOLD else Score(None, suppressed=True)
    return IndexRow(key, len(responses), False, _score([respondent_index(r) for r in responses]), factors)


def quarter(response: SurveyResponse) -> str:
    month = response.answered_month
    return f"{month.year}-Q{(month.month - 1) // 3 + 1}"


_GROUP_KEYS: dict[str, Callable[[SurveyResponse], str]] = {
    "municipality": lambda r: str(r.municipality_id),
    "gender": lambda r: r.gender,
    "language": lambda r: r.language_group,
    "period": quarter,
    "milestone": lambda r: r.milestone,
}


Cell = tuple[str, ...]  # (breakdown, key), or (column, breakdown, key); ("all", "all") is the overall row


def suppress(sizes: dict[Cell, int], sums: list[tuple[Cell, list[Cell]]], also: Iterable[Cell] = ()) -> set[Cell]:
    """The cells to hide: the small ones, then complementary ones until no hidden cell can be subtracted.

    `also` are cells hidden for a reason of the caller's (a share with a small part). `sums`
    lists each total with the parts that add up to it. Whenever exactly one part with
    respondents is hidden while its total is shown, the smallest shown part is hidden too
    (or, with none left, the total), repeated until nothing changes, as on the objection page.
    """
    hidden = {cell for cell, n in sizes.items() if 0 < n < THRESHOLD} | set(also)
    changed = True
    while changed:
        changed = False
        for total, parts in sums:
            if total in hidden or sum(1 for p in parts if p in hidden and sizes[p] > 0) != 1:
                continue
            shown = sorted((p for p in parts if p not in hidden and sizes[p] > 0), key=lambda p: (sizes[p], p))
            hidden.add(shown[0] if shown else total)
            changed = True
    return hidden


@dataclass
class IndexFigures:
    total: IndexRow
    breakdowns: dict[str, list[IndexRow]]
    threshold: int = THRESHOLD


def _cross_key(r: SurveyResponse) -> str:
    return f"{r.municipality_id}|{r.gender}"


def nki_figures(responses: Iterable[SurveyResponse]) -> IndexFigures:
    """The NKI and factor scores overall, per breakdown and per municipality and gender, small cells suppressed."""
    items = list(responses)
    keys = {**_GROUP_KEYS, "municipality_gender": _cross_key}
    grouped: dict[str, dict[str, list[SurveyResponse]]] = {}
    for name, key_of in keys.items():
        grouped[name] = {}
        for r in items:
            grouped[name].setdefault(key_of(r), []).append(r)
    everyone: Cell = ("all", "all")
    sizes: dict[Cell, int] = {everyone: len(items)}
    sums: list[tuple[Cell, list[Cell]]] = []
    for name, groups in grouped.items():
        sizes.update({(name, key): len(rs) for key, rs in groups.items()})
        if name != "municipality_gender":
            sums.append((everyone, [(name, key) for key in groups]))
    # The cross table adds up along both ways: to each municipality's row and to each gender's.
    by_total: dict[Cell, list[Cell]] = {}
    for key in grouped["municipality_gender"]:
        municipality, gender = key.split("|", 1)
        by_total.setdefault(("municipality", municipality), []).append(("municipality_gender", key))
        by_total.setdefault(("gender", gender), []).append(("municipality_gender", key))
    sums += list(by_total.items())
    hidden = suppress(sizes, sums)
    return IndexFigures(
        total=_row("all", items, everyone in hidden),
        breakdowns={
            name: [_row(key, groups[key], everyone in hidden or (name, key) in hidden) for key in sorted(groups)]
            for name, groups in grouped.items()
        },
    )
