"""A caseworker's caseload: who needs what today, for everyone their organisation is responsible for.

One row per person with the plan's status, the 5-day activity-plan deadline counted from
arrival, an unconfirmed change, open objections with their deadlines, open requests to talk to
a person, the hours a week period by period, and the plan's warnings. Rows that are overdue
come first. The whole page is built from the few queries in `portal.data.caseload`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from flask import current_app

from portal.data.caseload import (
    current_plans_by_person,
    list_caseload_people,
    open_handoff_counts,
    open_objection_deadlines,
)
from portal.data.people import visible_org_ids
from portal.extensions import db
from portal.models import ObjectionStatus, Person, Plan, PlanStatus, Role, StaffUser
from portal.services import audit
from portal.services.schedule import HoursPeriod, PlanWarning, activity_plan_deadline, hours_periods, plan_warnings

# "Due soon": an activity plan or a decision due within this many days is shown as close.
DUE_SOON_DAYS = 2

# The filters of the list, in the order they are offered; "all" shows everyone.
FILTERS = ("all", "overdue", "no_plan", "unconfirmed", "objections", "handoffs", "warnings")
SORTS = ("urgency", "arrival", "name")


@dataclass(frozen=True)
class OpenObjection:
    case_number: str
    status: ObjectionStatus
    due: date
    overdue: bool

    @property
    def display_case_number(self) -> str:
        return f"{self.case_number[:4]}-{self.case_number[4:]}"


@dataclass
class CaseloadRow:
    person: Person
    plan: Plan | None
    today: date
    objections: list[OpenObjection] = field(default_factory=list)
    handoffs: int = 0
    hours: list[HoursPeriod] = field(default_factory=list)
    warnings: list[PlanWarning] = field(default_factory=list)

    @property
    def plan_status(self) -> PlanStatus | None:
        return self.plan.status if self.plan is not None else None

    @property
    def arrival(self) -> date | None:
        return self.person.arrival_date

    @property
    def days_since_arrival(self) -> int | None:
        return (self.today - self.arrival).days if self.arrival else None

    @property
    def has_activity_plan(self) -> bool:
        return self.plan is not None and self.plan.first_activity_at is not None

    @property
    def plan_deadline(self) -> date | None:
        """The 5-day activity-plan deadline, counted from arrival; None once there is an activity plan."""
        if self.arrival is None or self.has_activity_plan:
            return None
        return activity_plan_deadline(self.arrival)

    @property
    def plan_overdue(self) -> bool:
        return self.plan_deadline is not None and self.today > self.plan_deadline

    @property
    def unconfirmed(self) -> bool:
        return self.plan is not None and self.plan.awaiting_acknowledgement

    @property
    def overdue(self) -> bool:
        return self.plan_overdue or any(o.overdue for o in self.objections)

    @property
    def next_deadline(self) -> date | None:
        """The earliest date something is due: the activity plan or a pending decision."""
        dates = [o.due for o in self.objections]
        if self.plan_deadline is not None:
            dates.append(self.plan_deadline)
        return min(dates) if dates else None

    def matches(self, show: str) -> bool:
        return {
            "all": True,
            "overdue": self.overdue,
            "no_plan": self.plan is None or self.plan.status == PlanStatus.CLOSED,
            "unconfirmed": self.unconfirmed,
            "objections": bool(self.objections),
            "handoffs": self.handoffs > 0,
            "warnings": bool(self.warnings),
        }[show]


@dataclass
class Caseload:
    rows: list[CaseloadRow]  # the rows the filter kept, sorted
    counts: dict[str, int]  # how many people each filter would show
    show: str
    sort: str


def _sort_key(sort: str):
    if sort == "name":
        return lambda r: ((r.person.name or "").casefold(), r.person.id)
    if sort == "arrival":
        return lambda r: (r.arrival is None, r.arrival or date.max, r.person.id)
    # Urgency: overdue first, then whatever is due soonest, then the longest waiting.
    return lambda r: (
        not r.overdue,
        r.next_deadline is None,
        r.next_deadline or date.max,
        r.arrival or date.max,
        r.person.id,
    )


def build_caseload(
    staff: StaffUser, today: date, *, show: str = "all", sort: str = "urgency", query: str = ""
) -> Caseload:
    """The caseload of the caseworker's own organisations, filtered and sorted, with a count per filter."""
    show = show if show in FILTERS else "all"
    sort = sort if sort in SORTS else "urgency"
    org_ids = visible_org_ids(staff, Role.CASEWORKER)
    people = list_caseload_people(org_ids, query)
    plans = current_plans_by_person(org_ids)
    objections = open_objection_deadlines(org_ids)
    handoffs = open_handoff_counts(org_ids)
    threshold = current_app.config["PLAN_FULL_TIME_HOURS"]

    rows = []
    for person in people:
        plan = plans.get(person.id)
        open_plan = plan if plan is not None and plan.status != PlanStatus.CLOSED else None
        rows.append(
            CaseloadRow(
                person=person,
                plan=plan,
                today=today,
                objections=[
                    OpenObjection(number, status, due, today > due)
                    for number, status, due in objections.get(person.id, [])
                ],
                handoffs=handoffs.get(person.id, 0),
                hours=hours_periods(open_plan) if open_plan else [],
                warnings=plan_warnings(open_plan, today, threshold) if open_plan else [],
            )
        )
    counts = {name: sum(1 for r in rows if r.matches(name)) for name in FILTERS}
    kept = sorted((r for r in rows if r.matches(show)), key=_sort_key(sort))
    # Staff reads of people are audited: the list shows names and plan facts.
    audit.record("person.list", object_type="person", count=len(kept), searched=bool(query.strip()), show=show)
    _commit_keeping_loaded()
    return Caseload(rows=kept, counts=counts, show=show, sort=sort)


def _commit_keeping_loaded() -> None:
    """Commit the audit event without expiring what was just read.

    An ordinary commit expires every loaded row, and the page would then reload each person,
    plan and activity one by one while rendering: the N+1 this module exists to avoid.
    """
    session = db.session()
    previous = session.expire_on_commit
    session.expire_on_commit = False
    try:
        session.commit()
    finally:
        session.expire_on_commit = previous
