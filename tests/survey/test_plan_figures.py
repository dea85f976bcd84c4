"""Follow-up figures from the plans: small groups and small shares are not shown."""

from __future__ import annotations

from portal.survey.plan_figures import PlanFacts, plan_figures


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
