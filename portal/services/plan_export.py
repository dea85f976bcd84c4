"""A person's plan as a file for the national systems (issue 21, item 7): JSON or CSV, audited.

The format is documented in docs/plan-export.md ("ankomst-plan/1"). It carries what another
system needs to take the plan over: the person's id, identity number (when stored), arrival
date, the plan's version, status and approval, goals as catalogue keys, activities with their
schedule, cancelled and moved occurrences, and hours a week per period. It carries no name, no
phone number and no free-text notes: notes are in the language they were written in and stay
in Ankomst. Every export is in the audit log, with the format and the plan version.
"""

from __future__ import annotations

import csv
import io
from datetime import datetime
from typing import Any

from portal.extensions import db
from portal.models import Person, Plan, StaffUser, utcnow
from portal.services import audit
from portal.services.identity_numbers import stored_identity_number
from portal.services.schedule import hours_periods, weekly_hours

FORMAT = "ankomst-plan/1"
CSV_COLUMNS = (
    "format",
    "person_id",
    "identity_number",
    "identity_number_kind",
    "arrival_date",
    "plan_id",
    "plan_version",
    "plan_status",
    "approved_version",
    "activity_type",
    "weekdays",
    "start_time",
    "duration_minutes",
    "start_date",
    "end_date",
    "hours_per_week",
    "provider",
    "place",
    "cancelled_dates",
)


def plan_document(person: Person, plan: Plan, now: datetime | None = None) -> dict[str, Any]:
    """The plan as the documented JSON structure."""
    number = stored_identity_number(person)
    return {
        "format": FORMAT,
        "exported_at": (now or utcnow()).isoformat(),
        "person": {
            "id": person.id,
            "identity_number": number.digits if number else None,
            "identity_number_kind": number.kind if number else None,
            "arrival_date": person.arrival_date.isoformat() if person.arrival_date else None,
            "responsible_organisation": person.responsible_org.name,
            "preferred_language": person.preferred_language,
        },
        "plan": {
            "id": plan.id,
            "version": plan.revision,
            "status": str(plan.status),
            "start_date": plan.start_date.isoformat(),
            "approved": {
                "version": plan.acknowledged_revision,
                "at": plan.acknowledged_at.isoformat() if plan.acknowledged_at else None,
                "channel": plan.acknowledged_channel,
            },
            "goals": [
                {
                    "key": g.template_key,
                    "horizon": str(g.horizon),
                    "target_date": g.target_date.isoformat() if g.target_date else None,
                }
                for g in plan.goals
            ],
            "activities": [
                {
                    "type": a.type_key,
                    "weekdays": a.weekday_numbers,
                    "start_time": a.start_time.strftime("%H:%M"),
                    "duration_minutes": a.duration_minutes,
                    "start_date": a.start_date.isoformat(),
                    "end_date": a.end_date.isoformat(),
                    "hours_per_week": round(weekly_hours(a), 2),
                    "provider": a.provider.name if a.provider else None,
                    "place": a.place or None,
                    "changes": [
                        {
                            "date": c.original_date.isoformat(),
                            "kind": str(c.kind),
                            "new_date": c.new_date.isoformat() if c.new_date else None,
                            "new_start_time": c.new_start_time.strftime("%H:%M") if c.new_start_time else None,
                            "reason": c.reason,
                        }
                        for c in a.changes
                    ],
                }
                for a in plan.activities
            ],
            "hours_per_week_by_period": [
                {"from": p.start.isoformat(), "to": p.end.isoformat(), "hours": p.hours} for p in hours_periods(plan)
            ],
        },
    }


def plan_csv(document: dict[str, Any]) -> str:
    """One row per activity, the plan's facts repeated on each (CSV_COLUMNS, UTF-8, comma)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    person, plan = document["person"], document["plan"]
    for a in plan["activities"]:
        writer.writerow(
            [
                FORMAT,
                person["id"],
                person["identity_number"] or "",
                person["identity_number_kind"] or "",
                person["arrival_date"] or "",
                plan["id"],
                plan["version"],
                plan["status"],
                plan["approved"]["version"] or "",
                a["type"],
                "".join(str(d) for d in a["weekdays"]),
                a["start_time"],
                a["duration_minutes"],
                a["start_date"],
                a["end_date"],
                a["hours_per_week"],
                a["provider"] or "",
                a["place"] or "",
                " ".join(c["date"] for c in a["changes"] if c["kind"] == "cancelled"),
            ]
        )
    return out.getvalue()


def export_plan(person: Person, plan: Plan, staff: StaffUser, fmt: str) -> dict[str, Any] | str:
    """The export in `fmt` ("json" or "csv"), recorded in the audit log."""
    document = plan_document(person, plan)
    audit.record(
        "plan.export", person=person, object_type="plan", object_id=plan.id, actor=staff, format=fmt,
        version=plan.revision,
    )  # fmt: skip
    db.session.commit()
    return document if fmt == "json" else plan_csv(document)
