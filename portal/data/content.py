"""Queries about civic-information modules, revisions and local sections."""

from __future__ import annotations

from sqlalchemy import func, select

from portal.extensions import db
from portal.models import (
    ContentModule,
    ContentRevision,
    LocalSection,
    Organisation,
    OrganisationKind,
    RevisionStatus,
)


def content_stamp() -> tuple:
    """What changes whenever any published text could: part of the key of cached reader pages.

    Every save sets a revision's created_at, publishing sets published_at, a confirmed review
    sets reviewed_at, deleting lowers a count, and local sections set updated_at
    (portal.services.content), so a change made in any process is seen by every process on its
    next request, in one cheap query.
    """
    parts = (
        func.count(ContentRevision.id),
        func.max(ContentRevision.id),
        func.max(ContentRevision.created_at),
        func.max(ContentRevision.published_at),
        func.max(ContentRevision.reviewed_at),  # confirming a review removes the readers' notice
        func.count(LocalSection.id),
        func.max(LocalSection.updated_at),
    )
    return tuple(db.session.execute(select(*(select(part).scalar_subquery() for part in parts))).one())


def get_module(slug: str) -> ContentModule | None:
    return db.session.scalar(select(ContentModule).where(ContentModule.slug == slug))


def list_modules() -> list[ContentModule]:
    """All modules in the order of the regional standard."""
    return list(db.session.scalars(select(ContentModule).order_by(ContentModule.sort_order, ContentModule.id)))


def get_revision(revision_id: int) -> ContentRevision | None:
    return db.session.get(ContentRevision, revision_id)


def get_published_revision(module: ContentModule, language: str) -> ContentRevision | None:
    """The current published revision of a module in one language (the newest published)."""
    return db.session.scalar(
        select(ContentRevision)
        .where(
            ContentRevision.module_id == module.id,
            ContentRevision.language == language,
            ContentRevision.status == RevisionStatus.PUBLISHED,
        )
        .order_by(ContentRevision.id.desc())
        .limit(1)
    )


def list_published_revisions(module: ContentModule, language: str) -> list[ContentRevision]:
    """Every published revision of a module in one language, newest first."""
    return list(
        db.session.scalars(
            select(ContentRevision)
            .where(
                ContentRevision.module_id == module.id,
                ContentRevision.language == language,
                ContentRevision.status == RevisionStatus.PUBLISHED,
            )
            .order_by(ContentRevision.id.desc())
        )
    )


def list_current_revisions(language: str | None = None) -> list[ContentRevision]:
    """The current published revision of every module (in one language, or in all)."""
    newest = select(func.max(ContentRevision.id)).where(ContentRevision.status == RevisionStatus.PUBLISHED)
    if language is not None:
        newest = newest.where(ContentRevision.language == language)
    newest = newest.group_by(ContentRevision.module_id, ContentRevision.language)
    return list(db.session.scalars(select(ContentRevision).where(ContentRevision.id.in_(newest))))


def list_all_published_revisions() -> list[ContentRevision]:
    """Every published revision of every module, oldest first (for the status matrix)."""
    return list(
        db.session.scalars(
            select(ContentRevision)
            .where(ContentRevision.status == RevisionStatus.PUBLISHED)
            .order_by(ContentRevision.id)
        )
    )


def list_revisions(module: ContentModule, language: str) -> list[ContentRevision]:
    """The history of a module in one language, newest first, drafts included."""
    return list(
        db.session.scalars(
            select(ContentRevision)
            .where(ContentRevision.module_id == module.id, ContentRevision.language == language)
            .order_by(ContentRevision.id.desc())
        )
    )


PENDING = (RevisionStatus.DRAFT, RevisionStatus.AWAITING_APPROVAL)
# Pending, or approved and waiting for its time: listed with the drafts, cancelled like one.
WAITING = (*PENDING, RevisionStatus.SCHEDULED)


def get_pending_draft(module: ContentModule, language: str, author_id: int | None = None) -> ContentRevision | None:
    """The newest pending draft (or change awaiting approval) of a text; of one author if given.

    Drafts belong to their author: editors go through `author_id`; without it, any author's.
    """
    stmt = select(ContentRevision).where(
        ContentRevision.module_id == module.id,
        ContentRevision.language == language,
        ContentRevision.status.in_(PENDING),
    )
    if author_id is not None:
        stmt = stmt.where(ContentRevision.author_staff_id == author_id)
    return db.session.scalar(stmt.order_by(ContentRevision.id.desc()).limit(1))


def list_drafts(module: ContentModule, language: str) -> list[ContentRevision]:
    """Every pending draft, change awaiting approval and scheduled revision of a text, newest first."""
    return list(
        db.session.scalars(
            select(ContentRevision)
            .where(
                ContentRevision.module_id == module.id,
                ContentRevision.language == language,
                ContentRevision.status.in_(WAITING),
            )
            .order_by(ContentRevision.id.desc())
        )
    )


def list_pending_drafts(author_id: int | None = None) -> list[tuple[int, str]]:
    """(module id, language) of every text with a pending draft (of one author if given)."""
    stmt = select(ContentRevision.module_id, ContentRevision.language).where(ContentRevision.status.in_(WAITING))
    if author_id is not None:
        stmt = stmt.where(ContentRevision.author_staff_id == author_id)
    return [(row[0], row[1]) for row in db.session.execute(stmt.distinct())]


def lock_module(module: ContentModule) -> None:
    """Hold the module's row until commit, so two saves of its texts check and write one at a time.

    PostgreSQL takes a row lock; SQLite serialises writers by itself.
    """
    db.session.execute(select(ContentModule.id).where(ContentModule.id == module.id).with_for_update())


def list_regions() -> list[Organisation]:
    return list(db.session.scalars(select(Organisation).where(Organisation.kind == OrganisationKind.REGION)))


def source_approval_required() -> bool:
    """The region's rule: does a Swedish change that is not minor need a second editor? (default yes)"""
    value = db.session.scalar(
        select(Organisation.source_approval_required).where(Organisation.kind == OrganisationKind.REGION).limit(1)
    )
    return True if value is None else bool(value)


def find_revision_by_body(module: ContentModule, language: str, body_revision: str) -> ContentRevision | None:
    """The newest revision whose body has this revision hash."""
    return db.session.scalar(
        select(ContentRevision)
        .where(
            ContentRevision.module_id == module.id,
            ContentRevision.language == language,
            ContentRevision.body_revision == body_revision,
        )
        .order_by(ContentRevision.id.desc())
        .limit(1)
    )


# -- local sections ------------------------------------------------------------------------


def get_local_section(section_id: int) -> LocalSection | None:
    return db.session.get(LocalSection, section_id)


def list_local_sections(
    module: ContentModule, municipality: Organisation, language: str, *, published_only: bool = True
) -> list[LocalSection]:
    """A municipality's local sections of one module in one language."""
    stmt = select(LocalSection).where(
        LocalSection.module_id == module.id,
        LocalSection.municipality_id == municipality.id,
        LocalSection.language == language,
    )
    if published_only:
        stmt = stmt.where(LocalSection.published.is_(True))
    return list(db.session.scalars(stmt.order_by(LocalSection.id)))


def list_local_sections_of(municipality_ids: set[int]) -> list[LocalSection]:
    """Every local section of these municipalities, drafts included (for their editors)."""
    if not municipality_ids:
        return []
    return list(
        db.session.scalars(
            select(LocalSection)
            .where(LocalSection.municipality_id.in_(municipality_ids))
            .order_by(LocalSection.municipality_id, LocalSection.module_id, LocalSection.language, LocalSection.id)
        )
    )


def list_published_local_sections(module: ContentModule | None = None) -> list[LocalSection]:
    stmt = select(LocalSection).where(LocalSection.published.is_(True))
    if module is not None:
        stmt = stmt.where(LocalSection.module_id == module.id)
    return list(db.session.scalars(stmt.order_by(LocalSection.id)))


def list_municipalities() -> list[Organisation]:
    """Every municipality, by name (for the "choose your municipality" list)."""
    return list(
        db.session.scalars(
            select(Organisation).where(Organisation.kind == OrganisationKind.MUNICIPALITY).order_by(Organisation.name)
        )
    )


def get_municipality(slug: str) -> Organisation | None:
    return db.session.scalar(
        select(Organisation).where(Organisation.slug == slug, Organisation.kind == OrganisationKind.MUNICIPALITY)
    )


def list_due_scheduled(now) -> list[ContentRevision]:
    """Scheduled revisions whose time has come, in the order they were due."""
    return list(
        db.session.scalars(
            select(ContentRevision)
            .where(ContentRevision.status == RevisionStatus.SCHEDULED, ContentRevision.publish_at <= now)
            .order_by(ContentRevision.publish_at, ContentRevision.id)
        )
    )


def list_awaiting_approval() -> list[tuple[int, str, int | None]]:
    """(module id, language, author id) of every change waiting for a second editor."""
    stmt = select(ContentRevision.module_id, ContentRevision.language, ContentRevision.author_staff_id).where(
        ContentRevision.status == RevisionStatus.AWAITING_APPROVAL
    )
    return [(row[0], row[1], row[2]) for row in db.session.execute(stmt)]
