"""The caseload: who needs what, for the caseworker's own organisation only, overdue first."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from portal.models import PlanStatus, Role
from portal.services.caseload import build_caseload
from tests.factories import create_handoff, create_objection, create_person, create_plan, create_staff

TODAY = date(2026, 12, 7)  # a Monday; the clock is frozen by passing the day


@pytest.fixture
def caseworker(region):
    return create_staff(region["sodertalje"], Role.CASEWORKER)


@pytest.fixture
def caseload_people(region, caseworker):
    """Five people in Södertälje and one in Botkyrka, each needing something different."""
    late = create_person(region["sodertalje"], name="Late Nopl", arrival_date=date(2026, 11, 1))
    new = create_person(region["sodertalje"], name="New Arrival", arrival_date=date(2026, 12, 4))
    planned = create_person(region["sodertalje"], name="Planned Done", arrival_date=date(2026, 3, 1))
    create_plan(planned, caseworker, status="active")
    waiting = create_person(region["sodertalje"], name="Waiting Confirm", arrival_date=date(2026, 3, 1))
    create_plan(waiting, caseworker, status="proposed")
    objecting = create_person(region["sodertalje"], name="Objecting Person", arrival_date=date(2026, 3, 1))
    create_plan(objecting, caseworker, status="active")
    create_objection(objecting, now=datetime(2026, 11, 2, 11, tzinfo=UTC))  # due long before TODAY
    create_handoff(objecting)
    elsewhere = create_person(region["botkyrka"], name="Other Municipality", arrival_date=date(2026, 10, 1))
    return {
        "late": late,
        "new": new,
        "planned": planned,
        "waiting": waiting,
        "objecting": objecting,
        "elsewhere": elsewhere,
    }


def _names(caseload) -> list[str]:
    return [r.person.name for r in caseload.rows]


def test_the_caseload_holds_only_the_caseworkers_own_organisation(app, caseworker, caseload_people):
    names = _names(build_caseload(caseworker, TODAY))
    assert "Other Municipality" not in names and len(names) == 5


def test_overdue_rows_come_first(app, caseworker, caseload_people):
    names = _names(build_caseload(caseworker, TODAY))
    assert set(names[:2]) == {"Late Nopl", "Objecting Person"}
    # Then what is due soonest: the new arrival's activity plan, due 9 December.
    assert names[2] == "New Arrival"


def test_the_activity_plan_deadline_counts_from_arrival(app, caseworker, caseload_people):
    rows = {r.person.name: r for r in build_caseload(caseworker, TODAY).rows}
    late, new = rows["Late Nopl"], rows["New Arrival"]
    assert late.plan_deadline == date(2026, 11, 6) and late.plan_overdue and late.days_since_arrival == 36
    assert new.plan_deadline == date(2026, 12, 9) and not new.plan_overdue
    assert "New Arrival" not in _names(build_caseload(caseworker, date(2026, 12, 9), show="overdue"))
    assert "New Arrival" in _names(build_caseload(caseworker, date(2026, 12, 10), show="overdue"))
    # Someone with an activity plan has no deadline left.
    assert rows["Planned Done"].plan_deadline is None and not rows["Planned Done"].overdue


@pytest.mark.parametrize(
    ("show", "expected"),
    [
        ("all", {"Late Nopl", "New Arrival", "Planned Done", "Waiting Confirm", "Objecting Person"}),
        ("overdue", {"Late Nopl", "Objecting Person"}),
        ("no_plan", {"Late Nopl", "New Arrival"}),
        ("unconfirmed", {"Waiting Confirm"}),
        ("objections", {"Objecting Person"}),
        ("handoffs", {"Objecting Person"}),
        ("nonsense", {"Late Nopl", "New Arrival", "Planned Done", "Waiting Confirm", "Objecting Person"}),
    ],
)
def test_the_worklist_filters(app, caseworker, caseload_people, show, expected):
    caseload = build_caseload(caseworker, TODAY, show=show)
    assert set(_names(caseload)) == expected
    assert caseload.counts[caseload.show] == len(expected)


def test_the_counts_cover_every_filter_whatever_is_shown(app, caseworker, caseload_people):
    counts = build_caseload(caseworker, TODAY, show="handoffs").counts
    assert counts == {
        "all": 5,
        "overdue": 2,
        "no_plan": 2,
        "unconfirmed": 1,
        "objections": 1,
        "handoffs": 1,
        "warnings": 3,
    }


def test_a_row_carries_the_objection_deadline_hours_and_status(app, caseworker, caseload_people):
    rows = {r.person.name: r for r in build_caseload(caseworker, TODAY).rows}
    objecting = rows["Objecting Person"]
    assert [(o.due, o.overdue) for o in objecting.objections] == [(objecting.objections[0].due, True)]
    assert objecting.handoffs == 1
    assert rows["Waiting Confirm"].plan_status == PlanStatus.PROPOSED and rows["Waiting Confirm"].unconfirmed
    assert [p.hours for p in rows["Planned Done"].hours] == [6.0]
    assert rows["Late Nopl"].plan_status is None and rows["Late Nopl"].hours == []


@pytest.mark.parametrize(
    ("sort", "first"),
    [("name", "Late Nopl"), ("arrival", "Planned Done")],
)
def test_the_list_can_be_sorted(app, caseworker, caseload_people, sort, first):
    assert _names(build_caseload(caseworker, TODAY, sort=sort))[0] == first


def test_a_search_narrows_the_caseload(app, caseworker, caseload_people):
    assert _names(build_caseload(caseworker, TODAY, query="waiting")) == ["Waiting Confirm"]


def test_a_district_caseworker_does_not_see_the_municipalitys_other_districts(app, region):
    district = create_staff(region["rinkeby-kista"], Role.CASEWORKER)
    create_person(region["rinkeby-kista"], name="In Rinkeby", arrival_date=TODAY - timedelta(days=1))
    create_person(region["spanga-tensta"], name="In Tensta", arrival_date=TODAY - timedelta(days=1))
    assert _names(build_caseload(district, TODAY)) == ["In Rinkeby"]
    city = create_staff(region["stockholm"], Role.CASEWORKER)
    assert set(_names(build_caseload(city, TODAY))) == {"In Rinkeby", "In Tensta"}
