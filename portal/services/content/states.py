"""Where each translation stands (current, stale, missing, unreviewed) and the editor's status matrix."""

from __future__ import annotations

import enum
from dataclasses import dataclass, replace

from portal.data import content as data
from portal.languages import CODES, SOURCE_LANGUAGE
from portal.models import ContentModule, ContentRevision, ReviewStatus
from portal.services.content.sources import ChangedSection, SourceText, _source_texts, source_text


class TranslationStatus(enum.StrEnum):
    CURRENT = "current"
    STALE = "stale"
    MISSING = "missing"
    UNREVIEWED = "unreviewed"


@dataclass(frozen=True)
class TranslationState:
    language: str
    status: TranslationStatus
    revision: ContentRevision | None = None
    # None when the Swedish text the translation was made from is not in the history.
    changed_sections: list[ChangedSection] | None = None
    has_draft: bool = False
    mine: bool = False  # the editor looking has a draft of it (the matrix's "my drafts")

    @property
    def is_stale(self) -> bool:
        return self.status == TranslationStatus.STALE

    @property
    def is_reviewed(self) -> bool:
        return self.revision is not None and self.revision.review_status == ReviewStatus.REVIEWED


def translation_state(
    revision: ContentRevision | None, source: SourceText, language: str, *, has_draft: bool = False
) -> TranslationState:
    """Where one language of a module stands: current, stale, missing or unreviewed."""
    if revision is None:
        return TranslationState(language, TranslationStatus.MISSING, has_draft=has_draft)
    stale = (
        language != SOURCE_LANGUAGE
        and source.current is not None
        and revision.source_revision not in source.chain_hashes
    )
    if stale:
        changes = source.changes_since(revision.source_revision)
        return TranslationState(language, TranslationStatus.STALE, revision, changes, has_draft)
    if revision.review_status != ReviewStatus.REVIEWED:
        return TranslationState(language, TranslationStatus.UNREVIEWED, revision, has_draft=has_draft)
    return TranslationState(language, TranslationStatus.CURRENT, revision, has_draft=has_draft)


def module_state(module: ContentModule, language: str) -> TranslationState:
    """The state of one module in one language."""
    has_draft = data.get_pending_draft(module, language) is not None
    return translation_state(
        data.get_published_revision(module, language), source_text(module), language, has_draft=has_draft
    )


def module_titles() -> dict[str, str]:
    """The Swedish title of every module that has one, by slug (editors see titles, not slugs)."""
    return {r.module.slug: r.title for r in data.list_current_revisions(SOURCE_LANGUAGE)}


@dataclass(frozen=True)
class MatrixRow:
    module: ContentModule
    title: str
    cells: list[TranslationState]


MATRIX_FILTERS = ("stale", "unreviewed", "missing", "mine")


def status_matrix(*, editor_id: int | None = None, show: str | None = None) -> list[MatrixRow]:
    """Modules × languages with their status, for the editor's overview.

    `show` keeps the modules with at least one cell in that state ("mine": a draft of the
    editor `editor_id`); every cell stays, so a row still reads across all languages.
    """
    current: dict[tuple[int, str], ContentRevision] = {}
    for revision in data.list_all_published_revisions():
        current[(revision.module_id, revision.language)] = revision  # oldest first: the last one wins
    sources = _source_texts()
    drafts = set(data.list_pending_drafts())
    mine = set(data.list_pending_drafts(editor_id)) if editor_id is not None else set()
    rows = []
    for module in data.list_modules():
        source = sources.get(module.id, SourceText([]))
        cells = [
            replace(
                translation_state(current.get((module.id, code)), source, code, has_draft=(module.id, code) in drafts),
                mine=(module.id, code) in mine,
            )
            for code in CODES
        ]
        title = source.current.title if source.current else module.slug
        rows.append(MatrixRow(module, title, cells))
    if show in MATRIX_FILTERS:
        rows = [r for r in rows if any(_cell_matches(c, show) for c in r.cells)]
    return rows


def _cell_matches(cell: TranslationState, show: str) -> bool:
    return cell.mine if show == "mine" else cell.status == show


def matrix_counts(rows: list[MatrixRow]) -> dict[str, dict[str, int]]:
    """How many texts of each language are in each state: {status: {language: count}}."""
    counts = {str(status): dict.fromkeys(CODES, 0) for status in TranslationStatus}
    for row in rows:
        for cell in row.cells:
            counts[str(cell.status)][cell.language] += 1
    return counts
