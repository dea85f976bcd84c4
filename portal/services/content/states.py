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
    next_action: str = "none"  # NextAction: what the editor looking should do here
    for_me: bool = False  # the action is theirs: in a language they translate, or an approval

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


class NextAction(enum.StrEnum):
    """What the editor looking at a cell should do next; the cell links to where it is done."""

    APPROVE = "approve"  # another editor's Swedish change waits for a second pair of eyes
    CONTINUE = "continue"  # the editor's own draft
    TRANSLATE = "translate"  # no translation yet
    UPDATE = "update"  # the Swedish changed since the translation was made
    CONFIRM_REVIEW = "confirm-review"  # another editor says a fluent speaker reviewed it
    GET_REVIEWED = "get-reviewed"  # nobody has reviewed it yet
    NONE = "none"  # current, or waiting for someone else


def next_action(cell: TranslationState, *, editor_id: int | None, awaiting_others: bool = False) -> NextAction:
    """The one next step for this editor, most urgent first: approving holds up everyone's work,
    then their own draft, then what readers miss (missing, stale), then the review."""
    revision = cell.revision
    if awaiting_others:
        return NextAction.APPROVE
    if cell.mine:
        return NextAction.CONTINUE
    if cell.status == TranslationStatus.MISSING:
        return NextAction.TRANSLATE
    if cell.status == TranslationStatus.STALE:
        return NextAction.UPDATE
    if cell.status == TranslationStatus.UNREVIEWED and revision is not None:
        if revision.review_status == ReviewStatus.AWAITING_REVIEW:
            return NextAction.CONFIRM_REVIEW if revision.author_staff_id != editor_id else NextAction.NONE
        return NextAction.GET_REVIEWED
    return NextAction.NONE


MATRIX_FILTERS = ("todo", "stale", "unreviewed", "missing", "mine")
MATRIX_SORTS = ("standard", "work")


def status_matrix(
    *,
    editor_id: int | None = None,
    show: str | None = None,
    my_languages: list[str] | None = None,
    sort: str = "standard",
) -> list[MatrixRow]:
    """Modules × languages with their status and each cell's next action, for the editor's overview.

    `show` keeps the modules with at least one cell in that state ("mine": a draft of the
    editor `editor_id`; "todo": an action that is theirs); every cell stays, so a row still
    reads across all languages. An action is the editor's own (`for_me`) when it is an approval
    or their draft, or in one of `my_languages` (the languages they translate; None: all), except
    confirming a translation's review, which is only ever a translator's of that language.
    `sort="work"` puts the modules with the most actions for this editor first.
    """
    current: dict[tuple[int, str], ContentRevision] = {}
    for revision in data.list_all_published_revisions():
        current[(revision.module_id, revision.language)] = revision  # oldest first: the last one wins
    sources = _source_texts()
    drafts = set(data.list_pending_drafts())
    mine = set(data.list_pending_drafts(editor_id)) if editor_id is not None else set()
    awaiting = {
        (module_id, language)
        for module_id, language, author_id in data.list_awaiting_approval()
        if author_id != editor_id
    }
    rows = []
    for module in data.list_modules():
        source = sources.get(module.id, SourceText([]))
        cells = []
        for code in CODES:
            key = (module.id, code)
            cell = replace(translation_state(current.get(key), source, code, has_draft=key in drafts), mine=key in mine)
            action = next_action(cell, editor_id=editor_id, awaiting_others=key in awaiting)
            if action == NextAction.CONFIRM_REVIEW and code != SOURCE_LANGUAGE and code not in (my_languages or ()):
                action = NextAction.NONE  # only a translator of the language may confirm (issue 16)
            ours = action in (NextAction.APPROVE, NextAction.CONTINUE) or my_languages is None or code in my_languages
            cells.append(replace(cell, next_action=str(action), for_me=action != NextAction.NONE and ours))
        title = source.current.title if source.current else module.slug
        rows.append(MatrixRow(module, title, cells))
    if show in MATRIX_FILTERS:
        rows = [r for r in rows if any(_cell_matches(c, show) for c in r.cells)]
    if sort == "work":
        rows.sort(key=lambda r: -sum(c.for_me for c in r.cells))  # stable: the standard's order within
    return rows


def _cell_matches(cell: TranslationState, show: str) -> bool:
    if show == "todo":
        return cell.for_me
    return cell.mine if show == "mine" else cell.status == show


def matrix_counts(rows: list[MatrixRow]) -> dict[str, dict[str, int]]:
    """How many texts of each language are in each state: {status: {language: count}}."""
    counts = {str(status): dict.fromkeys(CODES, 0) for status in TranslationStatus}
    for row in rows:
        for cell in row.cells:
            counts[str(cell.status)][cell.language] += 1
    return counts
