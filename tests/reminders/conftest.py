from __future__ import annotations

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from portal.models import utcnow
from portal.reminders import clock
from tests.servers import fake_rasa  # noqa: F401 - fixture

STOCKHOLM = ZoneInfo("Europe/Stockholm")


def local(*args: int) -> datetime:
    """A wall-clock moment in Stockholm."""
    return datetime(*args, tzinfo=STOCKHOLM)


@pytest.fixture
def at():
    """Put the reminders' clock at a moment (it keeps running from there), and back afterwards."""

    def move(moment: datetime) -> None:
        clock.set_offset(moment - utcnow())

    yield move
    clock.set_offset(timedelta(0))


@pytest.fixture
def newcomer(app, db, region, at):
    """A newcomer with an active plan: SFI on Wednesdays at 09:00 at a street address.

    The clock is Tuesday 8 December 2026 at 10:00, so the next lesson is tomorrow morning and
    its evening reminder is due today at 18:00.
    """
    from tests.factories import create_person, create_plan, create_staff

    at(local(2026, 12, 8, 10, 0))
    caseworker = create_staff(region["sodertalje"])
    person = create_person(region["sodertalje"], language="sv")
    plan = create_plan(
        person,
        caseworker,
        start=local(2026, 12, 7).date(),
        status="active",
        activities=[{"weekdays": [3], "start_time": time(9, 0), "end_date": local(2027, 3, 1).date()}],
    )
    return person, plan, caseworker
