"""The audit trail of staff reads and writes of a person's data."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.models.base import Base, UTCDateTime, utcnow
from portal.models.organisation import StaffUser


class AuditEvent(Base):
    __tablename__ = "audit_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)
    actor_staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    # "system" or "newcomer" for events not done by staff (transfers by job, self-service).
    actor_kind: Mapped[str] = mapped_column(String(20), default="staff")
    action: Mapped[str] = mapped_column(String(60))  # e.g. "person.read", "plan.update"
    person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"), index=True)
    object_type: Mapped[str | None] = mapped_column(String(40))
    object_id: Mapped[int | None]
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisation.id"))
    # Never personal data here: ids and field names only.
    details: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)

    actor: Mapped[StaffUser | None] = relationship()
