"""Who is told: the caseworkers of a person, the independent reviewers of a case."""

from __future__ import annotations

from sqlalchemy import select

from portal.extensions import db
from portal.models import Membership, Objection, OrganisationKind, Person, Role, StaffUser


def caseworkers_for(person: Person) -> list[StaffUser]:
    """Staff who may handle this person's cases: caseworkers of their organisation or one above it."""
    org_ids = [o.id for o in person.responsible_org.lineage()]
    return list(
        db.session.scalars(
            select(StaffUser)
            .join(Membership)
            .where(Membership.role == Role.CASEWORKER, Membership.organisation_id.in_(org_ids))
            .distinct()
            .order_by(StaffUser.id)
        )
    )


def reviewers_for(objection: Objection) -> list[StaffUser]:
    """Independent reviewers of the person's region who may decide this escalated case."""
    from portal.services.objections import is_independent, reviewer_covers

    region_ids = [o.id for o in objection.person.responsible_org.lineage() if o.kind == OrganisationKind.REGION]
    candidates = db.session.scalars(
        select(StaffUser)
        .join(Membership)
        .where(Membership.role == Role.REVIEWER, Membership.organisation_id.in_(region_ids))
        .distinct()
        .order_by(StaffUser.id)
    )
    return [s for s in candidates if reviewer_covers(s, objection) and is_independent(s, objection)]
