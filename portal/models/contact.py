"""How to reach a municipality's (or the region's) reception: the contact page's one source.

Opening hours are kept as weekday numbers and times, not as text, so that the contact page
shows them in each of the 12 languages (Babel's weekday names and time format) without anyone
translating them, and a change is made once for every language.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.models.base import Base, UTCDateTime, utcnow
from portal.models.organisation import Organisation, StaffUser


class MunicipalityContact(Base):
    """The reception's phone, e-mail, visiting address and opening hours, edited by its own staff."""

    __tablename__ = "municipality_contact"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id", ondelete="CASCADE"), unique=True)
    phone: Mapped[str] = mapped_column(String(40))
    email: Mapped[str | None] = mapped_column(String(254))
    address: Mapped[str] = mapped_column(Text, default="")
    # [[weekday 0-6 (Monday 0), "HH:MM" opens, "HH:MM" closes], ...], in weekday order.
    opening_hours: Mapped[list[list]] = mapped_column(JSON, default=list)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id", ondelete="SET NULL"))

    organisation: Mapped[Organisation] = relationship()
    updated_by: Mapped[StaffUser | None] = relationship()
