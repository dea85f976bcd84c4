"""A newcomer's request to have their data erased, waiting for a caseworker's confirmation.

Why a row and not an immediate erasure: the municipality must keep some of what the person
gave (decided objections), a mistaken click must not wipe a plan, and someone else holding a
signed-in phone must not erase its owner. So the newcomer asks, a caseworker of their
organisation confirms with a reason (services.erasure.confirm_erasure_request), and the row
records only who asked when, and who confirmed when: no personal data, so it outlives the
erasure as the answer to "did we do what was asked?".
"""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import Enum, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.models.base import Base, UTCDateTime, utcnow
from portal.models.organisation import StaffUser
from portal.models.person import Person


class ErasureRequestStatus(enum.StrEnum):
    PENDING = "pending"
    CONFIRMED = "confirmed"


class ErasureRequest(Base):
    __tablename__ = "erasure_request"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    channel: Mapped[str] = mapped_column(String(8), default="web")
    status: Mapped[ErasureRequestStatus] = mapped_column(
        Enum(ErasureRequestStatus, native_enum=False, length=10), default=ErasureRequestStatus.PENDING, index=True
    )
    requested_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    confirmed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    confirmed_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))

    person: Mapped[Person] = relationship()
    confirmed_by: Mapped[StaffUser | None] = relationship()
