"""The index against a hand-worked example, and the suppression of small and subtractable cells."""

from __future__ import annotations

from datetime import date

import pytest

from portal.models import SurveyResponse
from portal.survey.nki import nki_figures, respondent_index, suppress
from portal.survey.questions import FACTORS


def response(overall=(10, 10, 10), *, municipality=1, gender="woman", language="ar", month=date(2026, 10, 1), **kw):
    factors = {q.key: kw.get(q.key, 5) for q in FACTORS}
    return SurveyResponse(
        milestone=kw.get("milestone", "three_months"),
        municipality_id=municipality,
        gender=gender,
        language_group=language,
        months_in_programme=3,
        answered_month=month,
        overall_satisfied=overall[0],
        overall_expectations=overall[1],
        overall_ideal=overall[2],
        **factors,
    )


def test_the_index_is_worked_out_by_hand():
    # (7 + 8 + 6) / 3 = 7; (7 - 1) / 9 * 100 = 66.67. (4 + 4 + 4) / 3 = 4 -> 33.33. (10,10,10) -> 100.
    assert respondent_index(response((7, 8, 6))) == pytest.approx(200 / 3)
    assert respondent_index(response((1, 1, 1))) == 0
    overall = [(7, 8, 6), (4, 4, 4), (10, 10, 10), (1, 1, 1), (7, 8, 6)]
    answers = [response(o) for o in overall]
    figures = nki_figures(answers)
    # Indices 66.67, 33.33, 100, 0, 66.67: mean 53.33; s = 38.01; half-width 1.96 * s / sqrt(5) = 33.32.
    assert figures.total.nki.value == pytest.approx(160 / 3)
    assert figures.total.nki.low == pytest.approx(160 / 3 - 33.32, abs=0.01)
    assert figures.total.nki.high == pytest.approx(160 / 3 + 33.32, abs=0.01)
    # A factor answered 5 by all: (5 - 1) / 9 * 100 = 44.44.
    assert figures.total.factors["factor_goals"].value == pytest.approx(400 / 9)


def test_no_shown_cell_has_fewer_than_5_answers():
    answers = [response(municipality=1) for _ in range(7)] + [response(municipality=2) for _ in range(3)]
    answers += [response(municipality=3) for _ in range(6)]
    figures = nki_figures(answers)
    for rows in figures.breakdowns.values():
        for row in rows:
            assert row.suppressed or row.respondents >= 5
    by_key = {row.key: row for row in figures.breakdowns["municipality"]}
    assert by_key["2"].suppressed and by_key["2"].nki.value is None
    # Municipality 2 alone hidden could be subtracted from the total: the next smallest goes too.
    assert by_key["3"].suppressed and not by_key["1"].suppressed


def test_a_small_whole_is_hidden_entirely():
    figures = nki_figures([response() for _ in range(4)])
    assert figures.total.suppressed
    assert all(row.suppressed for rows in figures.breakdowns.values() for row in rows)


def test_no_differencing_across_periods():
    # 'All' minus one quarter must not give away a quarter of 2: quarters add up to the total.
    answers = [response(month=date(2026, 1, 1)) for _ in range(8)]
    answers += [response(month=date(2026, 4, 1)) for _ in range(6)]
    answers += [response(month=date(2026, 7, 1)) for _ in range(2)]
    figures = nki_figures(answers)
    shown = [row for row in figures.breakdowns["period"] if not row.suppressed]
    hidden = [row for row in figures.breakdowns["period"] if row.suppressed and row.key != "2026-Q3"]
    assert {row.key for row in shown} == {"2026-Q1"} and [row.key for row in hidden] == ["2026-Q2"]
    # So the shown total minus the shown quarters still covers at least 5 people.
    assert figures.total.respondents - sum(row.respondents for row in shown) >= 5


def test_the_cross_table_is_protected_both_ways():
    # Women and men per municipality add up to each municipality and to each gender.
    answers = [response(municipality=m, gender=g) for m in (1, 2) for g in ("woman", "man") for _ in range(6)]
    answers += [response(municipality=1, gender="other") for _ in range(2)]
    figures = nki_figures(answers)
    cross = {row.key: row for row in figures.breakdowns["municipality_gender"]}
    assert cross["1|other"].suppressed
    # The smallest other part of municipality 1 goes too (men or women, 6 each) ...
    partner = [g for g in ("woman", "man") if cross[f"1|{g}"].suppressed]
    assert len(partner) == 1
    # ... and that gender's total, less municipality 2's, would give it away: one of them is hidden in turn.
    genders = {row.key: row for row in figures.breakdowns["gender"]}
    assert genders[partner[0]].suppressed or cross[f"2|{partner[0]}"].suppressed
    assert all(row.suppressed or row.respondents >= 5 for row in cross.values())


def test_suppress_leaves_nothing_to_subtract():
    sizes = {("all", "all"): 20, ("g", "a"): 3, ("g", "b"): 8, ("g", "c"): 9}
    hidden = suppress(sizes, [(("all", "all"), [("g", "a"), ("g", "b"), ("g", "c")])])
    assert hidden == {("g", "a"), ("g", "b")}
