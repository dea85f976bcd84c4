"""Queries about erasure requests, scoped to the organisations a caseworker may see."""

from __future__ import annotations

from collections.abc import Collection

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from portal.extensions import db
from portal.models import ErasureRequest, ErasureRequestStatus, Person


def get_pending_erasure_request(person: Person) -> ErasureRequest | None:
    """The person's request that waits for a caseworker, if any."""
    return db.session.scalar(
        select(ErasureRequest)
        .where(ErasureRequest.person_id == person.id, ErasureRequest.status == ErasureRequestStatus.PENDING)
        .order_by(ErasureRequest.id)
        .limit(1)
    )


def list_pending_erasure_requests(org_ids: Collection[int]) -> list[ErasureRequest]:
    """Pending requests of people these organisations are responsible for, oldest first."""
    if not org_ids:
        return []
    return list(
        db.session.scalars(
            select(ErasureRequest)
            .join(Person, ErasureRequest.person_id == Person.id)
            .where(ErasureRequest.status == ErasureRequestStatus.PENDING, Person.responsible_org_id.in_(org_ids))
            .options(joinedload(ErasureRequest.person))
            .order_by(ErasureRequest.requested_at, ErasureRequest.id)
        )
    )
