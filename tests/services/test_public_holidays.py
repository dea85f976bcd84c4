"""Swedish public holidays: occurrences on them are proposed for cancellation, with a reason."""

from __future__ import annotations

from datetime import date, time

import pytest
from flask_babel import force_locale

from portal.models import Role
from portal.services import public_holidays
from portal.services.plan_text import describe_change
from portal.services.plans import PlanError
from tests.factories import create_person, create_plan, create_staff


def test_the_movable_and_the_de_facto_holidays_are_known():
    days = public_holidays.swedish_holidays(date(2026, 1, 1), date(2027, 12, 31))
    assert days[date(2026, 4, 3)] == "Långfredagen"  # Easter moves every year
    assert days[date(2027, 3, 26)] == "Långfredagen"
    assert days[date(2026, 6, 19)] == "Midsommarafton"  # closed in practice, though not by law
    assert date(2026, 12, 24) in days and date(2026, 12, 31) in days
    assert date(2026, 12, 23) not in days
    assert date(2026, 12, 6) not in days  # an ordinary Sunday is not a holiday


@pytest.fixture
def christmas_plan(region):
    caseworker = create_staff(region["sodertalje"], Role.CASEWORKER)
    person = create_person(region["sodertalje"], language="ar")
    # SFI every weekday 09:00 from 7 December 2026 to 15 January 2027.
    plan = create_plan(
        person,
        caseworker,
        start=date(2026, 12, 7),
        status="active",
        activities=[{"weekdays": [1, 2, 3, 4, 5], "end_date": date(2027, 1, 15), "start_time": time(9)}],
    )
    return caseworker, plan


def test_occurrences_on_holidays_are_proposed_from_today_on(app, christmas_plan):
    _, plan = christmas_plan
    proposed = public_holidays.holiday_occurrences(plan, date(2026, 12, 7))
    assert [h.day for h in proposed] == [
        date(2026, 12, 24),  # Julafton (Thu)
        date(2026, 12, 25),  # Juldagen (Fri)
        date(2026, 12, 31),  # Nyårsafton (Thu)
        date(2027, 1, 1),  # Nyårsdagen (Fri)
        date(2027, 1, 6),  # Trettondedag jul (Wed)
    ]
    # Annandag jul (Sat 26 December) has no SFI. Nothing before "today" is proposed.
    assert [h.day for h in public_holidays.holiday_occurrences(plan, date(2027, 1, 2))] == [date(2027, 1, 6)]


def test_the_chosen_ones_are_cancelled_at_once_with_a_reason_the_newcomer_reads(app, christmas_plan):
    caseworker, plan = christmas_plan
    proposed = public_holidays.holiday_occurrences(plan, date(2026, 12, 7))
    revision = plan.revision
    chosen = [h.key for h in proposed if h.day != date(2027, 1, 6)]
    assert public_holidays.cancel_holiday_occurrences(plan, caseworker, chosen, date(2026, 12, 7), revision) == 4
    assert plan.revision == revision + 1  # one version
    changes = {c.original_date: c for c in plan.activities[0].changes}
    assert set(changes) == {h.day for h in proposed} - {date(2027, 1, 6)}
    assert {c.reason for c in changes.values()} == {"public_holiday"}
    assert [h.day for h in public_holidays.holiday_occurrences(plan, date(2026, 12, 7))] == [date(2027, 1, 6)]
    record = next(c for c in plan.versions[-1].changes if c["kind"] == "occurrence_cancelled")
    with app.test_request_context("/"), force_locale("en"):
        assert "Public holiday" in describe_change(record)
    with app.test_request_context("/"), force_locale("ar"):
        text = describe_change(record)
        assert "Public holiday" not in text and any("\u0600" <= ch <= "\u06ff" for ch in text)


@pytest.mark.parametrize(("keys", "code"), [([], "nothing_chosen"), (["999:2026-12-24", "x"], "nothing_chosen")])
def test_nothing_or_a_foreign_occurrence_is_refused(app, christmas_plan, keys, code):
    caseworker, plan = christmas_plan
    with pytest.raises(PlanError) as error:
        public_holidays.cancel_holiday_occurrences(plan, caseworker, keys, date(2026, 12, 7), plan.revision)
    assert error.value.code == code
