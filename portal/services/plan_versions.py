"""A plan's versions as plain data: the snapshot a PlanVersion stores and what changed between two.

Changes are recorded as language-neutral dicts (keys, ids, dates), so the newcomer reads
"what changed" in their own language, whatever language the caseworker works in.
"""

from __future__ import annotations

from typing import Any

from portal.models import Plan


def snapshot(plan: Plan) -> dict[str, Any]:
    """The plan as plain data: what a version stores and what changes are computed from."""
    return {
        "status": str(plan.status),
        "start_date": plan.start_date.isoformat(),
        "goals": {
            str(g.id): {
                "key": g.template_key,
                "horizon": str(g.horizon),
                "target_date": g.target_date.isoformat() if g.target_date else None,
                "note": g.note,
                "note_language": g.note_language,
            }
            for g in plan.goals
        },
        "activities": {
            str(a.id): {
                "type": a.type_key,
                "provider_id": a.provider_id,
                "provider": a.provider.name if a.provider else None,
                "place": a.place,
                "weekdays": a.weekdays,
                "start_time": a.start_time.strftime("%H:%M"),
                "duration_minutes": a.duration_minutes,
                "start_date": a.start_date.isoformat(),
                "end_date": a.end_date.isoformat(),
                "note": a.note,
                "note_language": a.note_language,
                "changes": {
                    c.original_date.isoformat(): {
                        "kind": str(c.kind),
                        "new_date": c.new_date.isoformat() if c.new_date else None,
                        "new_time": c.new_start_time.strftime("%H:%M") if c.new_start_time else None,
                        **({"reason": c.reason} if c.reason else {}),
                    }
                    for c in a.changes
                },
            }
            for a in plan.activities
        },
    }


def diff(old: dict[str, Any] | None, new: dict[str, Any]) -> list[dict[str, Any]]:
    """What changed between two snapshots, as language-neutral change records."""
    if old is None:
        return [{"kind": "plan_created"}]
    changes: list[dict[str, Any]] = []
    if old["status"] != new["status"]:
        changes.append({"kind": "status_changed", "from": old["status"], "to": new["status"]})
    for gid, goal in new["goals"].items():
        before = old["goals"].get(gid)
        if before is None:
            changes.append({"kind": "goal_added", "goal": goal["key"]})
        elif before["target_date"] != goal["target_date"]:
            changes.append(
                {
                    "kind": "goal_date_changed",
                    "goal": goal["key"],
                    "from": before["target_date"],
                    "to": goal["target_date"],
                }
            )
    for gid, goal in old["goals"].items():
        if gid not in new["goals"]:
            changes.append({"kind": "goal_removed", "goal": goal["key"]})
    for aid, act in new["activities"].items():
        before = old["activities"].get(aid)
        if before is None:
            changes.append(
                {
                    "kind": "activity_added",
                    "activity": act["type"],
                    "weekdays": act["weekdays"],
                    "time": act["start_time"],
                    "start": act["start_date"],
                }
            )
            continue
        changes.extend(_activity_changes(before, act))
    for aid, act in old["activities"].items():
        if aid not in new["activities"]:
            changes.append({"kind": "activity_removed", "activity": act["type"]})
    return changes


def _activity_changes(before: dict[str, Any], after: dict[str, Any]) -> list[dict[str, Any]]:
    kind = after["type"]
    found: list[dict[str, Any]] = []
    if (before["weekdays"], before["start_time"]) != (after["weekdays"], after["start_time"]):
        found.append(
            {
                "kind": "activity_rescheduled",
                "activity": kind,
                "from_days": before["weekdays"],
                "to_days": after["weekdays"],
                "from_time": before["start_time"],
                "to_time": after["start_time"],
            }
        )
    if before["duration_minutes"] != after["duration_minutes"]:
        found.append(
            {
                "kind": "activity_duration_changed",
                "activity": kind,
                "from": before["duration_minutes"],
                "to": after["duration_minutes"],
            }
        )
    if (before["start_date"], before["end_date"]) != (after["start_date"], after["end_date"]):
        found.append(
            {
                "kind": "activity_dates_changed",
                "activity": kind,
                "from_start": before["start_date"],
                "to_start": after["start_date"],
                "from_end": before["end_date"],
                "to_end": after["end_date"],
            }
        )
    if (before["place"], before["provider_id"]) != (after["place"], after["provider_id"]):
        found.append(
            {"kind": "activity_place_changed", "activity": kind, "from": before["place"], "to": after["place"]}
        )
    for day, change in after["changes"].items():
        if before["changes"].get(day) == change:
            continue
        if change["kind"] == "cancelled":
            record = {"kind": "occurrence_cancelled", "activity": kind, "date": day}
            if change.get("reason"):
                record["reason"] = change["reason"]
            found.append(record)
        else:
            found.append(
                {
                    "kind": "occurrence_moved",
                    "activity": kind,
                    "from": day,
                    "to": change["new_date"],
                    "time": change["new_time"] or after["start_time"],
                }
            )
    for day in before["changes"]:
        if day not in after["changes"]:
            found.append({"kind": "occurrence_restored", "activity": kind, "date": day})
    return found
