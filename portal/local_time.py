"""The region's wall clock: the one home of the Stockholm time zone and of "today".

Plans, deadlines, reminders and publishing dates are Europe/Stockholm calendar days, whatever
zone the server runs in (containers usually run in UTC, where "today" turns an hour or two late).
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

STOCKHOLM = ZoneInfo("Europe/Stockholm")


def stockholm_today() -> date:
    """Today's date in Stockholm (not the server's date.today())."""
    return datetime.now(STOCKHOLM).date()
