"""Aggregate objection figures: the numbers, and suppression of every cell under 5 people."""

from __future__ import annotations

import itertools
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest

from portal.data.objection_figures import CaseFacts, case_facts, objection_figures, period_figures
from portal.data.people import visible_org_ids
from portal.models import Gender, ObjectionStatus, Role
from portal.services import objections
from tests.factories import (
    create_decided_objection,
    create_objection,
    create_objectionable_plan,
    create_person,
    create_staff,
)

S = ObjectionStatus
FILED = date(2026, 10, 1)
_ids = itertools.count(1)


def fact(
    person: int | None = None,
    *,
    status: S = S.SUBMITTED,
    municipality: int = 1,
    language: str = "ar",
    gender: str = "woman",
    days_to_decision: int | None = None,
    upheld: bool | None = None,
    late: bool = False,
) -> CaseFacts:
    objection_id = next(_ids)
    return CaseFacts(
        objection_id=objection_id,
        person_id=person if person is not None else objection_id,
        status=status,
        municipality_id=municipality,
        language=language,
        gender=gender,
        filed_on=FILED,
        decided_on=FILED + timedelta(days=days_to_decision) if days_to_decision is not None else None,
        upheld=upheld,
        late=late,
    )


def decided(n: int, *, upheld: int = 0, days: int = 7, **kwargs) -> list[CaseFacts]:
    return [fact(status=S.DECIDED, days_to_decision=days, upheld=i < upheld, **kwargs) for i in range(n)]


def _row(figures, breakdown: str, key: str):
    return next(r for r in figures.breakdowns[breakdown] if r.key == key)


def test_counts_by_status_and_zeros_are_shown():
    figures = objection_figures([fact() for _ in range(10)])
    assert figures.total.objections.value == 10 and figures.total.people.value == 10
    assert figures.total.by_status["submitted"].value == 10
    assert figures.total.by_status["decided"].value == 0 and not figures.total.by_status["decided"].suppressed


def test_a_status_with_fewer_than_5_people_is_suppressed_and_so_is_a_cell_it_could_be_worked_out_from():
    facts = [fact() for _ in range(9)] + decided(3)
    figures = objection_figures(facts)
    assert figures.total.by_status["decided"].suppressed
    assert figures.total.by_status["decided"].value is None
    # 12 in total and 9 submitted would give away the 3 decided.
    assert figures.total.by_status["submitted"].suppressed
    assert figures.total.objections.value == 12


def test_a_group_under_5_people_is_suppressed_whole_zeros_included():
    facts = (
        [fact(language="ar") for _ in range(10)]
        + [fact(language="ti") for _ in range(3)]
        + [fact(language="so") for _ in range(8)]
    )
    figures = objection_figures(facts)
    tigrinya = _row(figures, "language", "ti")
    assert tigrinya.people.suppressed and tigrinya.objections.suppressed
    assert all(f.suppressed for f in tigrinya.by_status.values())
    assert tigrinya.share_overdue.suppressed and tigrinya.median_days.suppressed and tigrinya.share_upheld.suppressed
    # The next smallest group goes too, or the total minus the others would give Tigrinya away.
    assert _row(figures, "language", "so").people.suppressed
    assert _row(figures, "language", "ar").people.value == 10


def test_two_groups_where_one_is_small_hide_each_other():
    facts = [fact(gender="woman") for _ in range(10)] + [fact(gender="man") for _ in range(4)]
    figures = objection_figures(facts)
    assert _row(figures, "gender", "man").people.suppressed
    assert _row(figures, "gender", "woman").people.suppressed
    assert figures.total.people.value == 14


def test_cells_count_people_not_objections():
    # One person with six objections is still one person.
    facts = [fact(person=1) for _ in range(6)] + [fact() for _ in range(10)]
    figures = objection_figures(facts)
    assert figures.total.people.value == 11
    row = _row(figures, "municipality", "1")
    assert row.objections.value == 16
    single = objection_figures([fact(person=1, municipality=2) for _ in range(6)])
    assert single.total.objections.suppressed and single.total.people.suppressed


@pytest.mark.parametrize(
    ("upheld", "expected"),
    [(0, 0.0), (5, 0.5), (10, 1.0), (3, None), (8, None)],  # 3 upheld, or 2 not upheld, are fewer than 5
)
def test_share_upheld_is_shown_only_when_both_sides_are_0_or_at_least_5(upheld, expected):
    figures = objection_figures(decided(10, upheld=upheld))
    share = figures.total.share_upheld
    assert share.value == expected
    assert share.suppressed is (expected is None)


def test_share_overdue_counts_cases_late_now_or_decided_late():
    facts = [fact(late=True) for _ in range(5)] + decided(5, late=True) + decided(10)
    assert objection_figures(facts).total.share_overdue.value == 0.5


def test_median_days_to_decision_needs_5_decided_people():
    facts = [fact(status=S.DECIDED, days_to_decision=d, upheld=False) for d in (1, 2, 3, 4, 5, 6)] + [
        fact() for _ in range(5)
    ]
    assert objection_figures(facts).total.median_days.value == 3.5
    few = [fact(status=S.DECIDED, days_to_decision=d, upheld=False) for d in (1, 2, 3, 4)] + [fact() for _ in range(9)]
    assert objection_figures(few).total.median_days.suppressed


def test_no_cases_give_empty_figures_not_errors():
    figures = objection_figures([])
    assert figures.total.objections.value == 0
    assert figures.total.share_upheld.value is None and not figures.total.share_upheld.suppressed
    assert figures.total.median_days.value is None
    assert figures.breakdowns == {"municipality": [], "language": [], "gender": []}


def test_no_figure_could_be_worked_out_by_subtraction():
    """Brute-force check on a mixed data set: no shown sum has exactly one hidden non-empty part."""
    facts = (
        [fact(language="ar", gender="woman", municipality=1) for _ in range(7)]
        + decided(6, upheld=2, language="fa", gender="man", municipality=2)
        + [fact(language="ti", gender="woman", municipality=3) for _ in range(2)]
        + decided(9, upheld=5, language="ar", gender="man", municipality=1, late=True)
    )
    figures = objection_figures(facts)
    rows = [figures.total, *[r for rows in figures.breakdowns.values() for r in rows]]
    for row in rows:
        hidden = [s for s, f in row.by_status.items() if f.suppressed]
        if not row.objections.suppressed:
            assert len(hidden) != 1, (row.key, hidden)
    for name, group_rows in figures.breakdowns.items():
        hidden = [r.key for r in group_rows if r.people.suppressed]
        assert len(hidden) != 1, (name, hidden)


# --- from the database ----------------------------------------------------------------------------


def test_case_facts_read_the_database_without_personal_data(app, region):
    caseworker = create_staff(region["sodertalje"], Role.CASEWORKER)
    now = datetime(2026, 11, 2, 10, tzinfo=UTC)
    people = [create_person(region["sodertalje"], language="ar", gender=Gender.WOMAN) for _ in range(2)]
    for person in people:
        create_objectionable_plan(person, caseworker)
    on_time = create_decided_objection(people[0], caseworker, now=now)
    late = create_objection(people[1], now=now)
    objections.acknowledge(late, caseworker, now=now)
    objections.start_review(late, caseworker, now=now)
    objections.decide(
        late,
        caseworker,
        outcome="partly_upheld",
        grounds=["rules_followed"],
        reasons="Some of it is right: SFI moves.",
        now=now + timedelta(days=20),
    )
    open_case = create_objection(people[1], now=now)

    coordinator = create_staff(region["region"], Role.COORDINATOR)
    facts = {
        f.objection_id: f for f in case_facts(visible_org_ids(coordinator, Role.COORDINATOR), today=date(2026, 12, 1))
    }
    assert set(facts) == {on_time.id, late.id, open_case.id}
    assert not facts[on_time.id].late and facts[on_time.id].upheld is False
    assert (
        facts[late.id].late
        and facts[late.id].upheld is True
        and (facts[late.id].decided_on - facts[late.id].filed_on).days == 20
    )
    assert facts[open_case.id].late  # due 16 November, still open on 1 December
    assert {f.language for f in facts.values()} == {"ar"} and {f.gender for f in facts.values()} == {"woman"}
    # A coordinator of another municipality sees none of these.
    botkyrka = create_staff(region["botkyrka"], Role.COORDINATOR)
    assert case_facts(visible_org_ids(botkyrka, Role.COORDINATOR), today=date(2026, 12, 1)) == []
    # The period filter.
    assert (
        case_facts(visible_org_ids(coordinator, Role.COORDINATOR), today=date(2026, 12, 1), since=date(2026, 11, 3))
        == []
    )


def _filed(days_ago: int, today: date, **kwargs) -> CaseFacts:
    return replace(fact(**kwargs), filed_on=today - timedelta(days=days_ago))


def test_no_cell_can_be_worked_out_by_subtracting_two_periods():
    """All minus the last 90 days must not give away 1-4 people: 12 objections, 3 of them older."""
    today = date(2026, 12, 1)
    facts = [_filed(10, today, municipality=1) for _ in range(9)] + [
        _filed(200, today, municipality=1) for _ in range(3)
    ]
    facts += [_filed(10, today, municipality=2) for _ in range(8)]
    periods = (None, 365, 90)
    everything = period_figures(facts, today=today, days=None, periods=periods)
    recent = period_figures(facts, today=today, days=90, periods=periods)
    year = period_figures(facts, today=today, days=365, periods=periods)
    assert everything.total.objections.value == 20 and _row(everything, "municipality", "1").objections.value == 12
    assert year.total.objections.value == 20  # nothing older than a year: no difference to hide
    # 9 of municipality 1 in 90 days next to 12 in all would give away 3: hidden, and the total with it.
    assert recent.total.objections.suppressed and _row(recent, "municipality", "1").objections.suppressed
    # The other municipality filed only lately: the same in every period, nothing to hide.
    assert _row(recent, "municipality", "2").objections.value == 8


def test_periods_with_large_differences_show_everything():
    today = date(2026, 12, 1)
    facts = [_filed(10, today) for _ in range(9)] + [_filed(200, today) for _ in range(6)]
    recent = period_figures(facts, today=today, days=90, periods=(None, 365, 90))
    assert recent.total.objections.value == 9 and recent.total.people.value == 9
