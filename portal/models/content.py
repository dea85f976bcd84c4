"""Civic-information modules, their per-language revisions, local sections, and the search index."""

from __future__ import annotations

import enum
from datetime import date, datetime

from sqlalchemy import JSON, Enum, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.dialects.postgresql import TSVECTOR
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.models.base import Base, UTCDateTime, utcnow
from portal.models.organisation import Organisation, StaffUser


class RevisionStatus(enum.StrEnum):
    DRAFT = "draft"  # an editor's own, private draft
    AWAITING_APPROVAL = "awaiting-approval"  # a Swedish change waiting for a second editor (2i)
    SCHEDULED = "scheduled"  # approved (where needed) and waiting for its publish_at
    PUBLISHED = "published"


class ReviewStatus(enum.StrEnum):
    UNREVIEWED = "unreviewed-draft"
    # The writer says a fluent speaker reviewed it; another editor must confirm (never the writer).
    AWAITING_REVIEW = "awaiting-review"
    REVIEWED = "reviewed"


class ContentModule(Base):
    """One of the twelve regional modules (the slugs are fixed, see portal.content.catalogue)."""

    __tablename__ = "content_module"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    sort_order: Mapped[int] = mapped_column(default=0)
    icon: Mapped[str] = mapped_column(String(40), default="info")

    revisions: Mapped[list[ContentRevision]] = relationship(back_populates="module", cascade="all, delete-orphan")


class ContentRevision(Base):
    """One saved version of a module in one language. Revisions are never edited once published.

    `body_revision` is this body's own 12-hex hash; `source_revision` is the Swedish body
    revision a translation was made from (for Swedish, its own). Comparing them with the
    current Swedish revision is what makes staleness computable.
    """

    __tablename__ = "content_revision"
    __table_args__ = (Index("ix_content_revision_module_language", "module_id", "language", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    module_id: Mapped[int] = mapped_column(ForeignKey("content_module.id", ondelete="CASCADE"))
    language: Mapped[str] = mapped_column(String(8))
    title: Mapped[str] = mapped_column(String(200))
    summary: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text)
    body_revision: Mapped[str] = mapped_column(String(12), index=True)
    source_revision: Mapped[str] = mapped_column(String(12))
    # [[anchor, hash], ...] in order; the introduction has anchor "".
    section_hashes: Mapped[list[list[str]]] = mapped_column(JSON, default=list)
    review_status: Mapped[ReviewStatus] = mapped_column(
        Enum(ReviewStatus, native_enum=False, length=20), default=ReviewStatus.UNREVIEWED
    )
    status: Mapped[RevisionStatus] = mapped_column(
        Enum(RevisionStatus, native_enum=False, length=20), default=RevisionStatus.DRAFT
    )
    # A Swedish change marked minor keeps the translations made from the previous text current.
    minor: Mapped[bool] = mapped_column(default=False)
    last_updated: Mapped[date]
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    author_staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id", ondelete="SET NULL"))
    # Where this revision came from: "file", "editor" or "revert:<id>".
    origin: Mapped[str] = mapped_column(String(40), default="file")
    # The published revision the editor's text started from: a save against a newer one is an
    # edit conflict, never a silent overwrite.
    base_revision_id: Mapped[int | None] = mapped_column(ForeignKey("content_revision.id", ondelete="SET NULL"))
    # Who wrote it (author), who published or approved it, and who confirmed the review: always
    # recorded separately, because the second pair of eyes must be another person.
    published_by_staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id", ondelete="SET NULL"))
    reviewed_by_staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id", ondelete="SET NULL"))
    reviewed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # "Publish on date": when a scheduled revision goes out (portal.services.content.schedule).
    publish_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), index=True)

    module: Mapped[ContentModule] = relationship(back_populates="revisions")
    author: Mapped[StaffUser | None] = relationship(foreign_keys=[author_staff_id])
    published_by: Mapped[StaffUser | None] = relationship(foreign_keys=[published_by_staff_id])
    reviewed_by: Mapped[StaffUser | None] = relationship(foreign_keys=[reviewed_by_staff_id])

    @property
    def is_published(self) -> bool:
        return self.status == RevisionStatus.PUBLISHED


class EditPresence(Base):
    """That an editor has a text open: the advisory "being edited by X since 10:42" notice.

    Advisory only (the revision check is what prevents lost text); a row older than
    portal.services.content.PRESENCE_MINUTES is ignored and replaced.
    """

    __tablename__ = "content_edit_presence"
    __table_args__ = (UniqueConstraint("module_id", "language", "staff_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    module_id: Mapped[int] = mapped_column(ForeignKey("content_module.id", ondelete="CASCADE"))
    language: Mapped[str] = mapped_column(String(8))
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff_user.id", ondelete="CASCADE"))
    started_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    seen_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    staff: Mapped[StaffUser] = relationship()


class LocalSection(Base):
    """A municipality's own section inside a regional module (where SFI is, opening hours).

    Local sections add to the regional text; they never replace it.
    """

    __tablename__ = "local_section"

    id: Mapped[int] = mapped_column(primary_key=True)
    module_id: Mapped[int] = mapped_column(ForeignKey("content_module.id", ondelete="CASCADE"), index=True)
    municipality_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"), index=True)
    language: Mapped[str] = mapped_column(String(8))
    title: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text)
    published: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)
    author_staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id", ondelete="SET NULL"))
    # A translation of the municipality's Swedish local section, and the hash of the Swedish
    # body it was made from: when the Swedish changes, the translation is stale, as for regional text.
    source_section_id: Mapped[int | None] = mapped_column(ForeignKey("local_section.id", ondelete="SET NULL"))
    source_hash: Mapped[str | None] = mapped_column(String(12))

    module: Mapped[ContentModule] = relationship()
    municipality: Mapped[Organisation] = relationship()
    source_section: Mapped[LocalSection | None] = relationship(remote_side=[id])

    @property
    def anchor(self) -> str:
        return f"lokal-{self.id}"


# A tsvector on PostgreSQL; an unused text column elsewhere (SQLite searches through FTS5).
SEARCH_VECTOR = Text().with_variant(TSVECTOR(), "postgresql")


class SearchSection(Base):
    """One searchable section of the published content: derived data, rebuilt from revisions.

    The `*_norm` columns hold normalised words (portal.content.normalise); the engines index
    those. On SQLite an FTS5 table (search_section_fts) mirrors them; on PostgreSQL
    `search_vector` holds the weighted tsvector behind a GIN index.
    """

    __tablename__ = "search_section"
    __table_args__ = (Index("ix_search_section_vector", "search_vector", postgresql_using="gin"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    language: Mapped[str] = mapped_column(String(8), index=True)
    module_id: Mapped[int] = mapped_column(ForeignKey("content_module.id", ondelete="CASCADE"))
    revision_id: Mapped[int | None] = mapped_column(ForeignKey("content_revision.id", ondelete="CASCADE"))
    local_section_id: Mapped[int | None] = mapped_column(ForeignKey("local_section.id", ondelete="CASCADE"))
    municipality_id: Mapped[int | None] = mapped_column(ForeignKey("organisation.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(default=0)
    anchor: Mapped[str] = mapped_column(String(80))
    section_title: Mapped[str] = mapped_column(String(200))
    text: Mapped[str] = mapped_column(Text)  # the plain text, for snippets
    title_norm: Mapped[str] = mapped_column(Text)
    module_norm: Mapped[str] = mapped_column(Text)  # module title and summary
    body_norm: Mapped[str] = mapped_column(Text)
    search_vector: Mapped[str | None] = mapped_column(SEARCH_VECTOR)
    indexed_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    module: Mapped[ContentModule] = relationship()


class UnansweredQuery(Base):
    """How often a search found no good answer, per language and ISO week: what editors learn.

    Aggregated on purpose: no person, no address, no phone, no time of day. Numbers long
    enough to be a phone or personal identity number are cut out before anything is stored
    (portal.services.search.unanswered); a week is deleted 90 days after it ended.
    """

    __tablename__ = "unanswered_query"
    __table_args__ = (UniqueConstraint("language", "week", "text"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    language: Mapped[str] = mapped_column(String(8))
    week: Mapped[str] = mapped_column(String(8), index=True)  # ISO week, "2026-W49"
    text: Mapped[str] = mapped_column(String(200))
    count: Mapped[int] = mapped_column(default=0)
