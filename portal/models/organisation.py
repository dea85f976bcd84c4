"""Organisations (region → municipality → district, and providers) and staff."""

from __future__ import annotations

import enum
from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import Enum, ForeignKey, String, UniqueConstraint, true
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.models.base import Base, UTCDateTime, utcnow


class OrganisationKind(enum.StrEnum):
    REGION = "region"
    MUNICIPALITY = "municipality"
    DISTRICT = "district"
    PROVIDER = "provider"  # job centre, SFI school, voluntary organisation


class Role(enum.StrEnum):
    CASEWORKER = "caseworker"
    EDITOR = "editor"
    REVIEWER = "reviewer"  # the independent reviewer of escalated objections, at regional level
    COORDINATOR = "coordinator"  # aggregate follow-up only, never individuals
    ADMIN = "admin"


class Organisation(Base):
    __tablename__ = "organisation"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[OrganisationKind] = mapped_column(Enum(OrganisationKind, native_enum=False, length=20))
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("organisation.id"))
    # A region's rule for its civic information: a Swedish (source) change that is not minor is
    # published only when a second editor approves it ("2i"). On by default.
    source_approval_required: Mapped[bool] = mapped_column(default=True, server_default=true())
    # Whether caseworkers may move people here. Off for an organisation that no caseworker works
    # in by design (the demo's synthetic district, which only feeds the coordinator's figures).
    accepts_transfers: Mapped[bool] = mapped_column(default=True, server_default=true())

    parent: Mapped[Organisation | None] = relationship(remote_side=[id], back_populates="children")
    children: Mapped[list[Organisation]] = relationship(back_populates="parent")

    def lineage(self) -> list[Organisation]:
        """This organisation and its ancestors, nearest first."""
        chain: list[Organisation] = []
        node: Organisation | None = self
        while node is not None:
            chain.append(node)
            node = node.parent
        return chain

    @property
    def municipality(self) -> Organisation | None:
        """The municipality this organisation is or belongs to."""
        return next((o for o in self.lineage() if o.kind == OrganisationKind.MUNICIPALITY), None)


class StaffUser(UserMixin, Base):
    __tablename__ = "staff_user"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    password_hash: Mapped[str] = mapped_column(String(255))
    totp_secret: Mapped[str | None] = mapped_column(String(64))
    totp_confirmed: Mapped[bool] = mapped_column(default=False)
    # The last TOTP time step used, so a code cannot be replayed inside its window.
    totp_last_step: Mapped[int | None]
    language: Mapped[str] = mapped_column(String(8), default="sv")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    memberships: Mapped[list[Membership]] = relationship(back_populates="staff", cascade="all, delete-orphan")

    kind = "staff"
    session_token = None  # set per request by the session loader; not a column

    def get_id(self) -> str | None:
        return self.session_token

    def has_role(self, role: Role) -> bool:
        return any(m.role == role for m in self.memberships)

    def organisations_with(self, role: Role) -> list[Organisation]:
        return [m.organisation for m in self.memberships if m.role == role]


class Membership(Base):
    """A staff user's role in one organisation."""

    __tablename__ = "membership"
    __table_args__ = (UniqueConstraint("staff_id", "organisation_id", "role"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff_user.id", ondelete="CASCADE"))
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"))
    role: Mapped[Role] = mapped_column(Enum(Role, native_enum=False, length=20))

    staff: Mapped[StaffUser] = relationship(back_populates="memberships")
    organisation: Mapped[Organisation] = relationship()
