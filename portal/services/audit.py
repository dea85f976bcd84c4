"""Recording staff reads and writes of a person's data."""

from __future__ import annotations

from typing import Any

from flask import has_request_context
from flask_login import current_user

from portal.extensions import db
from portal.models import AuditEvent, Person, StaffUser


def record(
    action: str,
    *,
    person: Person | None = None,
    object_type: str | None = None,
    object_id: int | None = None,
    actor: StaffUser | None = None,
    actor_kind: str | None = None,
    **details: Any,
) -> AuditEvent:
    """Add an audit event to the session; it commits with the caller's change (or read)."""
    actor = actor or current_staff()
    event = AuditEvent(
        action=action,
        actor_staff_id=actor.id if actor else None,
        actor_kind=actor_kind or ("staff" if actor else "system"),
        person_id=person.id if person else None,
        organisation_id=person.responsible_org_id if person else None,
        object_type=object_type,
        object_id=object_id,
        details=details,
    )
    db.session.add(event)
    return event


def record_and_commit(action: str, **kwargs: Any) -> AuditEvent:
    """Record an audit event and commit it: the one home for a service's audited read or refusal.

    Views call the service that audits; they do not commit themselves (STYLE.md).
    """
    event = record(action, **kwargs)
    db.session.commit()
    return event


def current_staff() -> StaffUser | None:
    """The signed-in staff user of this request, if any."""
    if not has_request_context():
        return None
    user = current_user._get_current_object()
    return user if isinstance(user, StaffUser) else None
