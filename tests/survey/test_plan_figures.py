"""Follow-up figures from the plans: small groups and small shares are not shown."""

from __future__ import annotations

import pytest

from portal.survey.plan_figures import ObjectionFacts, PlanFacts, activity_types_by_gender, plan_figures


def facts(municipality="1", gender="woman", share=0.5, gap=False, days=3):
    return PlanFacts(municipality, gender, share, gap, days)


def test_small_groups_and_the_group_they_could_be_subtracted_from_are_hidden():
    items = [facts("1") for _ in range(8)] + [facts("2") for _ in range(3)] + [facts("3") for _ in range(6)]
    rows = {row.key: row for row in plan_figures(items)["municipality"]}
    assert rows["2"].suppressed and rows["3"].suppressed and not rows["1"].suppressed
    assert rows["1"].plans == 8 and rows["1"].share_of_full_time == 0.5


def test_a_share_with_a_small_part_is_not_shown():
    # 3 of 10 had a summer gap: 3 people, a small cell in disguise.
    items = [facts(gap=i < 3) for i in range(10)]
    (total,) = plan_figures(items)["all"]
    assert total.plans == 10 and total.share_summer_gap is None
    items = [facts(gap=i < 5, days=3 if i < 5 else 9) for i in range(10)]
    (total,) = plan_figures(items)["all"]
    assert total.share_summer_gap == 0.5 and total.share_within_goal == 0.5 and total.median_days_to_plan == 6


def _objecting(municipality, gender, person_id, *outcomes, on_time=True):
    """A plan whose person filed one objection per outcome, each decided (or open and not yet due)."""
    objections = tuple(ObjectionFacts(o, o != "open", on_time) for o in outcomes)
    return PlanFacts(municipality, gender, 0.5, False, 3, person_id=person_id, objections=objections)


def test_objections_per_100_plans_their_outcomes_and_the_share_decided_in_time():
    items = [_objecting("1", "woman", i, "rejected") for i in range(6)]
    items += [_objecting("1", "man", 10 + i, "upheld", on_time=i < 5) for i in range(10)]
    items += [_objecting("1", "man", 20 + i) for i in range(4)]  # plans without objections
    (total,) = plan_figures(items)["all"]
    assert total.plans == 20 and total.objections_per_100 == 80
    assert total.objections["rejected"] == 6 and total.objections["upheld"] == 10
    assert total.objections["open"] == 0 and total.objections["partly_upheld"] == 0
    assert total.share_on_time == 11 / 16


@pytest.mark.parametrize(
    ("column", "small"),
    [
        ("partly_upheld", [("partly_upheld",)] * 3),  # 3 people: a small outcome cell
        ("late", [("rejected",)] * 2),  # 2 decided late
    ],
)
def test_a_small_objection_cell_is_hidden_with_one_it_could_be_subtracted_from(column, small):
    items = [_objecting("1", "woman", i, "rejected") for i in range(8)]
    items += [_objecting("1", "woman", 10 + i, *outcomes, on_time=column != "late") for i, outcomes in enumerate(small)]
    items += [_objecting("2", "woman", 20 + i, "upheld") for i in range(7)]
    rows = plan_figures(items)
    (total,) = rows["all"]
    assert total.objections[column] is None
    visible = [v for k, v in total.objections.items() if v is not None]
    # Nothing shown lets a reader work the hidden cell out: another part of its sum is hidden too.
    if column == "late":
        assert total.objections["on_time"] is None and total.share_on_time is None
    else:
        hidden = [k for k in ("upheld", "partly_upheld", "rejected", "open") if total.objections[k] is None]
        assert len(hidden) >= 2 or total.objections["objections"] is None, (hidden, visible)
    # The municipality row with the small cell is no better: its own cell is hidden too.
    first = next(r for r in rows["municipality"] if r.key == "1")
    assert first.objections[column] is None


def test_two_people_with_many_objections_are_a_small_cell():
    items = [_objecting("1", "woman", 1, *["upheld"] * 6), _objecting("1", "woman", 2, *["upheld"] * 6)]
    items += [_objecting("1", "woman", 10 + i) for i in range(8)]
    (total,) = plan_figures(items)["all"]
    assert total.plans == 10 and total.objections["upheld"] is None and total.objections_per_100 is None


def test_activity_types_by_gender_hide_small_shares_and_the_gender_they_could_be_subtracted_from():
    def plan(gender, *types):
        return PlanFacts("1", gender, 0.5, False, 3, activity_types=frozenset(types))

    items = [plan("other", "sfi", "praktik") for _ in range(2)] + [plan("other", "sfi") for _ in range(3)]
    items += [plan("man", "sfi", "praktik") for _ in range(10)] + [plan("man", "sfi") for _ in range(5)]
    items += [plan("woman", "sfi") for _ in range(10)] + [plan("woman", "sfi", "praktik") for _ in range(5)]
    rows = plan_figures(items)
    by_type = {row.type_key: row for row in activity_types_by_gender(items, rows)}
    assert by_type["praktik"].shares["man"] == 10 / 15 and by_type["praktik"].shares["all"] == 17 / 35
    # 2 of 5 "other": hidden, and so are the women, with fewer plans with it than the men
    # (else all minus women and men would give the other gender's 2).
    assert by_type["praktik"].shares["other"] is None and by_type["praktik"].shares["woman"] is None
    assert list(by_type["sfi"].shares) == ["all", "woman", "man", "other"]  # columns in a fixed order
    # Everyone has SFI: 100 % is no small cell (nobody is without it).
    assert by_type["sfi"].shares["woman"] == 1.0
