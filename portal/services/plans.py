"""Building and changing a plan. Every change bumps the plan's revision and makes a PlanVersion.

Changes are recorded as language-neutral dicts (keys, ids, dates), so the newcomer reads
"what changed" in their own language, whatever language the caseworker works in.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from flask import current_app, url_for
from flask_babel import gettext
from sqlalchemy import select

from portal.catalogues import ACTIVITY_TYPES_BY_KEY, GOAL_TEMPLATES_BY_KEY, OCCURRENCE_REASONS_BY_KEY
from portal.clients.sms import send_sms
from portal.extensions import db
from portal.i18n import in_language
from portal.models import (
    Activity,
    Goal,
    Horizon,
    OccurrenceChange,
    OccurrenceChangeKind,
    Organisation,
    Person,
    PersonTransfer,
    Plan,
    PlanStatus,
    PlanVersion,
    StaffUser,
    utcnow,
)
from portal.reminders.planning import plan_for_person
from portal.services import audit
from portal.services.plan_versions import diff, snapshot
from portal.services.schedule import STOCKHOLM

log = logging.getLogger(__name__)


TRANSFER_NOTE_MIN_LENGTH = 20  # a handover the receiving caseworker can act on, not "."


class PlanError(ValueError):
    """A change that cannot be made; `code` picks the translated message the view shows."""

    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


@dataclass
class ActivityInput:
    type_key: str
    provider_id: int | None
    place: str
    weekdays: list[int]
    start_time: time
    duration_minutes: int
    start_date: date
    end_date: date
    note: str | None = None
    note_language: str | None = None


def record_version(plan: Plan, staff: StaffUser | None) -> PlanVersion:
    """Snapshot the plan after a change, with what changed since the previous version."""
    db.session.flush()
    db.session.refresh(plan)
    current = snapshot(plan)
    previous = plan.versions[-1].snapshot if plan.versions else None
    changes = diff(previous, current)
    plan.revision += 1
    version = PlanVersion(
        plan=plan,
        number=plan.revision,
        created_by_id=staff.id if staff else None,
        status=str(plan.status),
        snapshot=current,
        changes=changes,
    )
    db.session.add(version)
    return version


def _check_revision(plan: Plan, expected: int | None) -> None:
    # Two caseworkers editing at once: the later submit is refused instead of silently winning.
    if expected is not None and expected != plan.revision:
        raise PlanError("stale")


def _finish(plan: Plan, staff: StaffUser | None, action: str, notify: bool = False, **details: Any) -> PlanVersion:
    was_acknowledged = plan.acknowledged_revision is not None and plan.acknowledged_revision == plan.revision
    version = record_version(plan, staff)
    if was_acknowledged and all(c["kind"] == "status_changed" for c in version.changes):
        # Activating or closing changes nothing the newcomer signed; no new signature is needed.
        plan.acknowledged_revision = plan.revision
        notify = False
    audit.record(
        action,
        person=plan.person,
        object_type="plan",
        object_id=plan.id,
        actor=staff,
        version=version.number,
        **details,
    )
    db.session.commit()
    # A cancelled occurrence cancels its reminder, a moved one moves it, a closed plan stops them.
    plan_for_person(plan.person_id)
    # One SMS per proposal, not one per edit: only proposing (and send_changes) tells the
    # newcomer; edits to a plan they can see wait for the caseworker to send them as a batch.
    if notify and plan.status != PlanStatus.DRAFT and version.changes:
        notify_plan_changed(plan)
    return version


def finish_change(plan: Plan, staff: StaffUser | None, action: str, **details: Any) -> PlanVersion:
    """Record a change made by another flow (a template, a copy) as one version, audited."""
    return _finish(plan, staff, action, **details)


def has_unsent_changes(plan: Plan) -> bool:
    """The newcomer can see the plan, it changed since they confirmed it, and no SMS has told them."""
    return (
        plan.visible_to_newcomer
        and plan.status != PlanStatus.CLOSED
        and plan.awaiting_acknowledgement
        and (plan.notified_revision is None or plan.notified_revision < plan.revision)
    )


def send_changes(plan: Plan, staff: StaffUser) -> bool:
    """Tell the newcomer, in one SMS, about every change since they were last told."""
    if not has_unsent_changes(plan):
        return False
    notify_plan_changed(plan)
    audit.record(
        "plan.changes_sent",
        person=plan.person,
        object_type="plan",
        object_id=plan.id,
        actor=staff,
        version=plan.revision,
    )
    db.session.commit()
    return True


# --- changes --------------------------------------------------------------------------------


def create_plan(person: Person, staff: StaffUser, start_date: date) -> Plan:
    """Start a draft plan for a person."""
    plan = Plan(person=person, start_date=start_date, status=PlanStatus.DRAFT)
    db.session.add(plan)
    _finish(plan, staff, "plan.create", notify=False)
    return plan


def add_goal(
    plan: Plan,
    staff: StaffUser,
    *,
    template_key: str,
    target_date: date | None,
    note: str | None,
    note_language: str | None,
    expected_revision: int | None,
) -> Goal:
    _check_revision(plan, expected_revision)
    template = GOAL_TEMPLATES_BY_KEY.get(template_key)
    if template is None:
        raise PlanError("unknown_goal")
    if target_date and target_date < plan.start_date:
        raise PlanError("goal_before_start")
    goal = Goal(
        plan=plan,
        template_key=template_key,
        horizon=Horizon(template.horizon),
        target_date=target_date,
        note=(note or None),
        note_language=note_language if note else None,
    )
    db.session.add(goal)
    _finish(plan, staff, "plan.goal_add")
    return goal


def remove_goal(plan: Plan, staff: StaffUser, goal_id: int, expected_revision: int | None) -> None:
    _check_revision(plan, expected_revision)
    goal = next((g for g in plan.goals if g.id == goal_id), None)
    if goal is None:
        raise PlanError("not_in_plan")
    plan.goals.remove(goal)
    _finish(plan, staff, "plan.goal_remove")


def validate_activity(plan: Plan, data: ActivityInput, *, ignore_id: int | None = None) -> None:
    """Refuse unknown types, impossible schedules and clashes with another activity."""
    if data.type_key not in ACTIVITY_TYPES_BY_KEY:
        raise PlanError("unknown_activity")
    if not data.weekdays or any(d < 1 or d > 7 for d in data.weekdays):
        raise PlanError("no_weekdays")
    if data.duration_minutes <= 0 or data.duration_minutes > 12 * 60:
        raise PlanError("bad_duration")
    if data.start_time.hour * 60 + data.start_time.minute + data.duration_minutes > 24 * 60:
        raise PlanError("past_midnight")
    if data.end_date < data.start_date:
        raise PlanError("end_before_start")
    if (data.end_date - data.start_date).days > 3 * 366:
        raise PlanError("too_long")
    # Thursdays from Monday 7 to Monday 7 December never happen: such an activity would show
    # hours a week that the person never gets.
    days_in_range = min(7, (data.end_date - data.start_date).days + 1)
    if not any((data.start_date + timedelta(days=i)).isoweekday() in data.weekdays for i in range(days_in_range)):
        raise PlanError("no_occurrences")
    start = data.start_time.hour * 60 + data.start_time.minute
    end = start + data.duration_minutes
    for other in plan.activities:
        if other.id == ignore_id:
            continue
        if other.end_date < data.start_date or other.start_date > data.end_date:
            continue
        if not set(other.weekday_numbers) & set(data.weekdays):
            continue
        o_start = other.start_time.hour * 60 + other.start_time.minute
        if start < o_start + other.duration_minutes and o_start < end:
            raise PlanError("overlap", activity=other.type_key)


def add_activity(plan: Plan, staff: StaffUser, data: ActivityInput, expected_revision: int | None) -> Activity:
    _check_revision(plan, expected_revision)
    validate_activity(plan, data)
    activity = Activity(plan=plan, **activity_fields(data))
    db.session.add(activity)
    if plan.first_activity_at is None:
        plan.first_activity_at = utcnow()
    _finish(plan, staff, "plan.activity_add")
    return activity


def update_activity(
    plan: Plan, staff: StaffUser, activity: Activity, data: ActivityInput, expected_revision: int | None
) -> None:
    _check_revision(plan, expected_revision)
    validate_activity(plan, data, ignore_id=activity.id)
    for name, value in activity_fields(data).items():
        setattr(activity, name, value)
    _finish(plan, staff, "plan.activity_update")


def remove_activity(plan: Plan, staff: StaffUser, activity_id: int, expected_revision: int | None) -> None:
    _check_revision(plan, expected_revision)
    activity = next((a for a in plan.activities if a.id == activity_id), None)
    if activity is None:
        raise PlanError("not_in_plan")
    plan.activities.remove(activity)
    _finish(plan, staff, "plan.activity_remove")


def activity_fields(data: ActivityInput) -> dict[str, Any]:
    """The Activity columns for validated input."""
    return {
        "type_key": data.type_key,
        "provider_id": data.provider_id,
        "place": data.place.strip(),
        "weekdays": "".join(str(d) for d in sorted(set(data.weekdays))),
        "start_time": data.start_time,
        "duration_minutes": data.duration_minutes,
        "start_date": data.start_date,
        "end_date": data.end_date,
        "note": (data.note or "").strip() or None,
        "note_language": data.note_language if (data.note or "").strip() else None,
    }


def change_occurrence(
    plan: Plan,
    staff: StaffUser,
    activity: Activity,
    *,
    original_date: date,
    cancel: bool,
    new_date: date | None,
    new_time: time | None,
    expected_revision: int | None,
    reason: str | None = None,
) -> None:
    """Cancel or move one occurrence of a recurring activity, with a catalogued reason."""
    _check_revision(plan, expected_revision)
    if reason is not None and reason not in OCCURRENCE_REASONS_BY_KEY:
        raise PlanError("unknown_reason")
    if not (activity.start_date <= original_date <= activity.end_date) or (
        original_date.isoweekday() not in activity.weekday_numbers
    ):
        raise PlanError("no_such_occurrence")
    if not cancel and new_date is None:
        raise PlanError("move_needs_date")
    existing = next((c for c in activity.changes if c.original_date == original_date), None)
    if existing is None:
        existing = OccurrenceChange(activity=activity, original_date=original_date, kind=OccurrenceChangeKind.CANCELLED)
        db.session.add(existing)
    existing.kind = OccurrenceChangeKind.CANCELLED if cancel else OccurrenceChangeKind.MOVED
    existing.new_date = None if cancel else new_date
    existing.new_start_time = None if cancel else new_time
    existing.reason = reason
    _finish(plan, staff, "plan.occurrence_change")


def set_status(plan: Plan, staff: StaffUser, status: PlanStatus, expected_revision: int | None) -> None:
    """Propose, activate or close a plan."""
    _check_revision(plan, expected_revision)
    allowed = {
        PlanStatus.PROPOSED: {PlanStatus.DRAFT},
        PlanStatus.ACTIVE: {PlanStatus.ACKNOWLEDGED},
        PlanStatus.CLOSED: {PlanStatus.DRAFT, PlanStatus.PROPOSED, PlanStatus.ACKNOWLEDGED, PlanStatus.ACTIVE},
    }
    if plan.status not in allowed.get(status, set()):
        raise PlanError("bad_transition")
    if status == PlanStatus.PROPOSED and not plan.activities:
        raise PlanError("empty_plan")
    plan.status = status
    _finish(plan, staff, f"plan.{status.value}", notify=status == PlanStatus.PROPOSED)


def acknowledge(plan: Plan, person: Person, revision: int) -> None:
    """The newcomer confirms they have read this revision of the plan (their signature)."""
    if plan.person_id != person.id or not plan.visible_to_newcomer:
        raise PlanError("not_in_plan")
    if revision != plan.revision:
        raise PlanError("stale")
    plan.acknowledged_revision = plan.revision
    plan.acknowledged_at = utcnow()
    plan.acknowledged_channel = "web"
    if plan.status == PlanStatus.PROPOSED:
        plan.status = PlanStatus.ACKNOWLEDGED
        record_version(plan, None)
        plan.acknowledged_revision = plan.revision  # the status change itself needs no new signature
    audit.record(
        "plan.acknowledge",
        person=person,
        object_type="plan",
        object_id=plan.id,
        actor_kind="newcomer",
        revision=plan.acknowledged_revision,
    )
    db.session.commit()


def record_paper_signature(plan: Plan, staff: StaffUser, revision: int, signed_on: date) -> None:
    """The caseworker records that the newcomer signed the printed plan of this revision on paper.

    Same effect as approving it on the plan page, with the channel "paper"; the signed sheet is
    kept in the case file, as the municipality keeps other signed papers.
    """
    if revision != plan.revision:
        raise PlanError("stale")
    if not plan.visible_to_newcomer or plan.status == PlanStatus.CLOSED:
        raise PlanError("not_proposed")
    if signed_on > date.today() or signed_on < plan.start_date - timedelta(days=60):
        raise PlanError("bad_signing_date")
    plan.acknowledged_revision = plan.revision
    # The day the person signed, not the day it was typed in (noon, as the hour is not known).
    signed_at = datetime.combine(signed_on, time(12), tzinfo=STOCKHOLM).astimezone(UTC)
    plan.acknowledged_at = min(signed_at, utcnow())
    plan.acknowledged_channel = "paper"
    if plan.status == PlanStatus.PROPOSED:
        plan.status = PlanStatus.ACKNOWLEDGED
        record_version(plan, staff)
        plan.acknowledged_revision = plan.revision
    audit.record(
        "plan.signed_on_paper",
        person=plan.person,
        object_type="plan",
        object_id=plan.id,
        actor=staff,
        revision=plan.acknowledged_revision,
        signed_on=signed_on.isoformat(),
    )
    db.session.commit()


def transfer_person(person: Person, staff: StaffUser, to_org: Organisation, note: str = "") -> PersonTransfer:
    """Move a person to another municipality or district; their plan and history follow them.

    The handover note goes to the receiving caseworkers (a task on their start page), the move
    is a version in the plan's history, and the newcomer is told by SMS in their language.
    """
    municipality = to_org.municipality
    if municipality is None or to_org.id == person.responsible_org_id:
        raise PlanError("bad_transfer")
    note = (note or "").strip()
    if len(note) < TRANSFER_NOTE_MIN_LENGTH:
        raise PlanError("transfer_note")
    from_org = person.responsible_org
    transfer = PersonTransfer(
        person_id=person.id, from_org_id=from_org.id, to_org_id=to_org.id, by_staff_id=staff.id, note=note
    )
    person.responsible_org_id = to_org.id
    person.home_municipality_id = municipality.id
    db.session.add(transfer)
    plan = db.session.scalar(
        select(Plan).where(Plan.person_id == person.id, Plan.status != PlanStatus.CLOSED).order_by(Plan.id.desc())
    )
    if plan is not None:
        version = record_version(plan, staff)
        version.changes = [*version.changes, {"kind": "transferred", "from": from_org.name, "to": to_org.name}]
        if plan.acknowledged_revision == plan.revision - 1 and len(version.changes) == 1:
            plan.acknowledged_revision = plan.revision  # nothing the newcomer approved has changed
    audit.record(
        "person.transfer",
        person=person,
        object_type="person",
        object_id=person.id,
        actor=staff,
        from_org=from_org.id,
        to_org=to_org.id,
    )
    db.session.commit()
    with in_language(person.preferred_language):
        body = gettext(
            "Your introduction has moved to %(organisation)s. Your plan and its history moved with you. "
            "Your new caseworker will contact you.",
            organisation=to_org.name,
        )
    send_sms(person, body, purpose="transfer")
    return transfer


def notify_plan_changed(plan: Plan) -> None:
    """Tell the newcomer by SMS, in their language, that their plan changed and needs reading."""
    person = plan.person
    with in_language(person.preferred_language):
        body = gettext("Your introduction plan has changed. Read it and approve it: %(url)s", url=_plan_url())
    send_sms(person, body, purpose="plan_changed")
    plan.notified_revision = plan.revision
    db.session.commit()


def _plan_url() -> str:
    """A short link for SMS: the public base URL plus the plan path, or just the path."""
    base = current_app.config.get("PUBLIC_BASE_URL")
    with current_app.test_request_context("/"):  # a notification may be sent outside a request
        path = url_for("plan.my_plan")
    return f"{base.rstrip('/')}{path}" if base else path
