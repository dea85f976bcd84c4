"""Swedish public holidays, and the plan occurrences that fall on them.

The dates come from the `holidays` package (the field's library: Easter, Midsummer and All
Saints' Day move every year). Beside the public holidays we count its "de facto" days —
Midsummer Eve, Christmas Eve and New Year's Eve — because schools, SFI and most workplaces
are closed on them although the law does not name them.

Occurrences on these days are *proposed* for cancellation, never cancelled silently: a
workplace internship may well run on Midsummer Eve. The caseworker ticks which to cancel, and
each is cancelled with the reason "public holiday", which the newcomer reads in their language.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache

import holidays

from portal.extensions import db
from portal.models import Activity, OccurrenceChange, OccurrenceChangeKind, Plan, StaffUser
from portal.services import plans
from portal.services.plans import PlanError
from portal.services.schedule import expand_activity

HOLIDAY_CATEGORIES = ("public", "de_facto")


@lru_cache(maxsize=16)
def _year(year: int) -> dict[date, str]:
    return dict(holidays.country_holidays("SE", years=year, language="sv", categories=HOLIDAY_CATEGORIES))


def swedish_holidays(start: date, end: date) -> dict[date, str]:
    """Holidays from `start` to `end` inclusive, with their Swedish names."""
    found: dict[date, str] = {}
    for year in range(start.year, end.year + 1):
        found.update({d: n for d, n in _year(year).items() if start <= d <= end})
    return found


@dataclass(frozen=True)
class HolidayOccurrence:
    activity: Activity
    day: date
    holiday: str  # the Swedish name, for the caseworker's page

    @property
    def key(self) -> str:
        """The form value that names this occurrence: activity id and date."""
        return f"{self.activity.id}:{self.day.isoformat()}"


def holiday_occurrences(plan: Plan, today: date) -> list[HolidayOccurrence]:
    """Occurrences from today on that fall on a holiday and are not already cancelled or moved."""
    if not plan.activities:
        return []
    start = max(today, plan.start_date)
    end = max(a.end_date for a in plan.activities)
    if end < start:
        return []
    days = swedish_holidays(start, end)
    found = []
    for activity in plan.activities:
        changed = {c.original_date for c in activity.changes}
        for occ in expand_activity(activity, start, end):
            if occ.moved_from is None and occ.day in days and occ.day not in changed:
                found.append(HolidayOccurrence(activity, occ.day, days[occ.day]))
    return sorted(found, key=lambda h: (h.day, h.activity.start_time))


def cancel_holiday_occurrences(
    plan: Plan, staff: StaffUser, keys: list[str], today: date, expected_revision: int | None
) -> int:
    """Cancel the chosen holiday occurrences, with the reason "public holiday", as one change."""
    if expected_revision is not None and expected_revision != plan.revision:
        raise PlanError("stale")
    proposed = {h.key: h for h in holiday_occurrences(plan, today)}
    chosen = [proposed[k] for k in dict.fromkeys(keys) if k in proposed]
    if not chosen:
        raise PlanError("nothing_chosen")
    for item in chosen:
        db.session.add(
            OccurrenceChange(
                activity=item.activity,
                original_date=item.day,
                kind=OccurrenceChangeKind.CANCELLED,
                reason="public_holiday",
            )
        )
    plans.finish_change(plan, staff, "plan.holidays_cancel", count=len(chosen))
    return len(chosen)
