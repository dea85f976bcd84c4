"""The editorial team's work beyond the texts: translators' languages, their tasks, and link checks."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import Enum, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.models.base import Base, UTCDateTime, utcnow
from portal.models.content import ContentModule, ContentRevision
from portal.models.organisation import StaffUser


class TranslatorLanguage(Base):
    """A language a staff member translates into: whom a translation task is for.

    Kept apart from Membership on purpose: a role belongs to an organisation, a language to the
    person. The language-workflow issue (16) can build its translator role on these rows.
    """

    __tablename__ = "translator_language"
    __table_args__ = (UniqueConstraint("staff_id", "language"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff_user.id", ondelete="CASCADE"), index=True)
    language: Mapped[str] = mapped_column(String(8), index=True)

    staff: Mapped[StaffUser] = relationship()


class SectionReview(Base):
    """A translator checked one section of a translation beside the Swedish (issue 16).

    The review holds while the section's text still has `text_hash` and the Swedish section
    still has `source_hash`, or differs from `source_markdown` only by minor changes that touch
    no number, URL, name or term (portal.services.content.reviews). Rows are never updated:
    a changed section simply has no holding review, and a text changed back has one again.
    A row without a reviewer is a review recorded in a content file (review_status: reviewed).
    """

    __tablename__ = "section_review"
    __table_args__ = (Index("ix_section_review_module_language", "module_id", "language", "anchor"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    module_id: Mapped[int] = mapped_column(ForeignKey("content_module.id", ondelete="CASCADE"))
    language: Mapped[str] = mapped_column(String(8))
    anchor: Mapped[str] = mapped_column(String(80))  # "" the introduction, "#head" title and summary
    text_hash: Mapped[str] = mapped_column(String(12))
    # The Swedish it was checked against: the body revision, the section's hash and its text.
    source_revision: Mapped[str] = mapped_column(String(12))
    source_hash: Mapped[str] = mapped_column(String(12))
    source_markdown: Mapped[str] = mapped_column(Text)
    revision_id: Mapped[int | None] = mapped_column(ForeignKey("content_revision.id", ondelete="SET NULL"))
    reviewed_by_staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id", ondelete="SET NULL"))
    reviewed_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    reviewed_by: Mapped[StaffUser | None] = relationship()


class TaskClosed(enum.StrEnum):
    TRANSLATED = "translated"  # a translation made from the current Swedish was published
    SUPERSEDED = "superseded"  # the Swedish changed again: a newer task replaces this one
    NOT_NEEDED = "not-needed"  # the translation became current another way (a revert, a minor change)


class TranslationTask(Base):
    """ "Update the Arabic of Health care": made when a Swedish change leaves a translation stale.

    One per module, language and Swedish body revision (`source_revision`), so reconciling
    twice, or on two portals at once, makes one task. Reconciling (portal.services.content.tasks)
    closes it when the translation is current again.
    """

    __tablename__ = "translation_task"
    __table_args__ = (UniqueConstraint("module_id", "language", "source_revision"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    module_id: Mapped[int] = mapped_column(ForeignKey("content_module.id", ondelete="CASCADE"))
    language: Mapped[str] = mapped_column(String(8), index=True)
    source_revision: Mapped[str] = mapped_column(String(12))
    # The Swedish revision whose change made the task (for the "what changed" link).
    source_revision_id: Mapped[int | None] = mapped_column(ForeignKey("content_revision.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    done_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), index=True)
    done_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id", ondelete="SET NULL"))
    done_revision_id: Mapped[int | None] = mapped_column(ForeignKey("content_revision.id", ondelete="SET NULL"))
    closed: Mapped[TaskClosed | None] = mapped_column(Enum(TaskClosed, native_enum=False, length=20))

    module: Mapped[ContentModule] = relationship()
    source: Mapped[ContentRevision | None] = relationship(foreign_keys=[source_revision_id])
    done_by: Mapped[StaffUser | None] = relationship(foreign_keys=[done_by_id])


class LinkCheck(Base):
    """The last check of one external link in published content (portal.services.content.links)."""

    __tablename__ = "link_check"

    id: Mapped[int] = mapped_column(primary_key=True)
    url: Mapped[str] = mapped_column(String(2000), unique=True)
    ok: Mapped[bool] = mapped_column(default=True)
    status_code: Mapped[int | None]
    error: Mapped[str | None] = mapped_column(Text)  # "timeout", "connection refused": never a body
    checked_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    # Since when it has been broken: a link down for one check may be a blip, for days is not.
    broken_since: Mapped[datetime | None] = mapped_column(UTCDateTime())


class LinkDomain(Base):
    """A site the region's civic information may link to: the allow-list of link domains.

    The content rules say links go to official sites. With no rows for a region any https site
    is allowed (as before the list existed); with rows, a link's host must be one of them or a
    subdomain of one (portal.services.content.link_domains). tel: links are always allowed.
    """

    __tablename__ = "link_domain"
    __table_args__ = (UniqueConstraint("region_id", "domain"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    region_id: Mapped[int] = mapped_column(ForeignKey("organisation.id", ondelete="CASCADE"), index=True)
    domain: Mapped[str] = mapped_column(String(253))
    added_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    added_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id", ondelete="SET NULL"))
