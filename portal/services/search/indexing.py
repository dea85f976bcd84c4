"""The search index: one row per section and language, rebuilt when text is published."""

from __future__ import annotations

import logging
from collections.abc import Iterable

from sqlalchemy import delete, func, select

from portal.content.files import split_questions, split_sections
from portal.content.markdown import plain_text
from portal.data.content import get_published_revision, list_current_revisions, list_published_local_sections
from portal.extensions import db
from portal.models import ContentModule, ContentRevision, LocalSection, SearchSection, utcnow
from portal.services.search.analysis import index_text
from portal.services.search.engines import engine

log = logging.getLogger(__name__)


def _revision_rows(revision: ContentRevision) -> list[SearchSection]:
    language = revision.language
    module_words = index_text(f"{revision.title} {revision.summary}", language)
    rows = []
    for position, section in enumerate(split_sections(revision.body)):
        markdown, questions = split_questions(section.markdown)
        body = plain_text(markdown)
        title = section.title or revision.title
        rows.append(
            SearchSection(
                language=language,
                module_id=revision.module_id,
                revision_id=revision.id,
                position=position,
                anchor=section.anchor,
                section_title=title,
                text=body,
                title_norm=index_text(title, language),
                module_norm=module_words,
                # The questions count as text for matching; ranking.py weighs them on their own.
                body_norm=index_text(" ".join([body, *questions]), language),
            )
        )
    return rows


def _local_rows(section: LocalSection, module_title: str) -> list[SearchSection]:
    markdown, questions = split_questions(section.body)
    body = plain_text(markdown)
    return [
        SearchSection(
            language=section.language,
            module_id=section.module_id,
            local_section_id=section.id,
            municipality_id=section.municipality_id,
            position=1000 + section.id,
            anchor=section.anchor,
            section_title=section.title,
            text=body,
            title_norm=index_text(section.title, section.language),
            module_norm=index_text(module_title, section.language),
            body_norm=index_text(" ".join([body, *questions]), section.language),
        )
    ]


def _write(rows: Iterable[SearchSection]) -> int:
    now = utcnow()
    count = 0
    for row in rows:
        row.indexed_at = now
        db.session.add(row)
        count += 1
    db.session.flush()
    engine().after_write(db.session)
    return count


def index_module(module: ContentModule, language: str) -> int:
    """Rebuild the index rows of one module in one language (regional text and local sections)."""
    db.session.execute(
        delete(SearchSection).where(SearchSection.module_id == module.id, SearchSection.language == language)
    )
    revision = get_published_revision(module, language)
    rows: list[SearchSection] = _revision_rows(revision) if revision else []
    title = revision.title if revision else module.slug
    for section in list_published_local_sections(module):
        if section.language == language:
            rows += _local_rows(section, title)
    return _write(rows)


def rebuild_index() -> int:
    """Rebuild the whole index from the current published revisions and local sections."""
    db.session.execute(delete(SearchSection))
    rows: list[SearchSection] = []
    titles: dict[tuple[int, str], str] = {}
    for revision in list_current_revisions():
        rows += _revision_rows(revision)
        titles[(revision.module_id, revision.language)] = revision.title
    for section in list_published_local_sections():
        rows += _local_rows(section, titles.get((section.module_id, section.language), ""))
    count = _write(rows)
    log.info("search index rebuilt", extra={"sections": count, "engine": engine().name})
    return count


def index_is_empty() -> bool:
    """True when nothing is indexed yet (a fresh database)."""
    return not db.session.scalar(select(func.count(SearchSection.id)))
