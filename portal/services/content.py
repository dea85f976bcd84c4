"""Civic-information flows: file sync and export, staleness, the reader's view, editor writes.

Staleness is computed, never stored: a translation records the Swedish body revision it was
made from (`source_revision`). It is current when that revision is the current Swedish one,
or one that a later *minor* Swedish change replaced; otherwise it is stale, and comparing
the per-section hashes of the two Swedish revisions says which sections changed.
"""

from __future__ import annotations

import difflib
import enum
import logging
import re
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from flask import current_app
from markupsafe import Markup

from portal.bidi import strip_isolates
from portal.content import catalogue
from portal.content.files import (
    ContentDocument,
    ContentFormatError,
    Problem,
    body_revision,
    load_tree,
    parse_document,
    split_sections,
    validate_body,
    validate_metadata,
    write_document,
)
from portal.content.markdown import RenderedSection, render_markdown, render_sections
from portal.data import content as data
from portal.extensions import db
from portal.languages import CODES, SOURCE_LANGUAGE
from portal.models import (
    ContentModule,
    ContentRevision,
    LocalSection,
    Organisation,
    OrganisationKind,
    ReviewStatus,
    RevisionStatus,
    Role,
    StaffUser,
    utcnow,
)
from portal.services import audit, search

log = logging.getLogger(__name__)
ROOT = Path(__file__).resolve().parent.parent.parent
DEFAULT_CONTENT_DIR = ROOT / "content" / "samhallsinfo"
STOCKHOLM = ZoneInfo("Europe/Stockholm")


def content_dir() -> Path:
    """Where the module files live (CONTENT_DIR in the config, content/samhallsinfo by default)."""
    configured = current_app.config.get("CONTENT_DIR")
    return Path(configured) if configured else DEFAULT_CONTENT_DIR


def today() -> date:
    return datetime.now(STOCKHOLM).date()


def section_hashes(body: str) -> list[list[str]]:
    return [[s.anchor, s.revision] for s in split_sections(body)]


# -- modules -------------------------------------------------------------------------------


def ensure_modules() -> dict[str, ContentModule]:
    """Create (or update) the twelve modules of the catalogue; return them by slug."""
    existing = {m.slug: m for m in data.list_modules()}
    for order, spec in enumerate(catalogue.MODULES):
        module = existing.get(spec.slug)
        if module is None:
            module = ContentModule(slug=spec.slug)
            db.session.add(module)
            existing[spec.slug] = module
        module.sort_order = order
        module.icon = spec.icon
    db.session.flush()
    return existing


# -- sync and export -----------------------------------------------------------------------


@dataclass
class SyncReport:
    created: list[tuple[str, str]] = field(default_factory=list)
    unchanged: int = 0
    database_ahead: list[tuple[str, str]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    indexed: int = 0


def _fingerprint(title: str, summary: str, body: str, source: str, review: str, updated: date) -> tuple:
    return (title.strip(), summary.strip(), body.strip(), source, str(review), updated)


def public_review_status(rev: ContentRevision) -> str:
    """The review status files and the API show: a review awaiting confirmation is not a review yet."""
    return str(ReviewStatus.REVIEWED if rev.review_status == ReviewStatus.REVIEWED else ReviewStatus.UNREVIEWED)


def _revision_fingerprint(rev: ContentRevision) -> tuple:
    return _fingerprint(
        rev.title, rev.summary, rev.body, rev.source_revision, public_review_status(rev), rev.last_updated
    )


def sync_from_files(root: Path | None = None, *, reindex: bool = False) -> SyncReport:
    """Load the module files as published revisions, all or nothing; running it twice changes nothing.

    Every file is parsed and validated before the database is touched; a broken file raises
    ContentFormatError naming the file and line. A file equal to the current revision is
    skipped; a file equal to an *older* revision is skipped too (the database is ahead:
    someone published in the editor; run `flask content export`).
    """
    root = root or content_dir()
    files = load_tree(root)
    files.sort(key=lambda f: (f.language != SOURCE_LANGUAGE, catalogue.sort_order(f.slug), f.language))
    report = SyncReport()
    try:
        modules = ensure_modules()
        for item in files:
            module, doc = modules[item.slug], item.document
            source = doc.source_revision
            if item.language == SOURCE_LANGUAGE and source != doc.revision:
                report.warnings.append(
                    f"{item.path}: source_revision should be {doc.revision} (the body's own revision); "
                    f"see `flask content revision {item.slug}`"
                )
                source = doc.revision
            wanted = _fingerprint(doc.title, doc.summary, doc.body, source, doc.review_status, doc.last_updated)
            history = data.list_published_revisions(module, item.language)
            if history and _revision_fingerprint(history[0]) == wanted:
                report.unchanged += 1
                continue
            if any(_revision_fingerprint(rev) == wanted for rev in history[1:]):
                report.database_ahead.append((item.slug, item.language))
                continue
            _add_revision(
                module,
                item.language,
                title=doc.title,
                summary=doc.summary,
                body=doc.body,
                source_revision=source,
                review_status=ReviewStatus(doc.review_status),
                status=RevisionStatus.PUBLISHED,
                last_updated=doc.last_updated,
                origin="file",
            )
            report.created.append((item.slug, item.language))
        db.session.flush()
        if reindex or search.index_is_empty():
            report.indexed = search.rebuild_index()
        else:
            for slug, language in report.created:
                report.indexed += search.index_module(modules[slug], language)
        db.session.commit()
    except Exception:
        db.session.rollback()
        raise
    log.info("content synced", extra={"created": len(report.created), "unchanged": report.unchanged})
    return report


def _add_revision(module: ContentModule, language: str, **values) -> ContentRevision:
    body = values["body"].strip() + "\n"
    values["body"] = body
    revision = ContentRevision(
        module=module,
        language=language,
        body_revision=body_revision(body),
        section_hashes=section_hashes(body),
        **values,
    )
    if revision.status == RevisionStatus.PUBLISHED:
        revision.published_at = utcnow()
    db.session.add(revision)
    return revision


def export_to_files(root: Path | None = None) -> list[Path]:
    """Write every current published revision back to <root>/<slug>/<lang>.md; return the files changed.

    A translation that is current (also through a minor Swedish change) is written with the
    current Swedish revision as its source, so a fresh database loaded from these files
    agrees about what is current.
    """
    root = root or content_dir()
    written: list[Path] = []
    sources = _source_texts()
    for revision in data.list_current_revisions():
        source = sources.get(revision.module_id)
        source_revision = revision.source_revision
        if revision.language == SOURCE_LANGUAGE:
            source_revision = revision.body_revision
        elif source and source.current and source_revision in source.chain_hashes:
            source_revision = source.current.body_revision
        document = ContentDocument(
            title=revision.title,
            summary=revision.summary,
            source_revision=source_revision,
            review_status=public_review_status(revision),
            last_updated=revision.last_updated,
            body=revision.body,
        )
        path = root / revision.module.slug / f"{revision.language}.md"
        new_text = write_document(document)
        if path.exists() and path.read_text(encoding="utf-8") == new_text:
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(new_text, encoding="utf-8")
        written.append(path)
    return written


def file_revision(slug: str, root: Path | None = None) -> str:
    """The revision of the Swedish file of a module, as translations must cite it."""
    if slug not in catalogue.BY_SLUG:
        raise KeyError(slug)
    path = (root or content_dir()) / slug / f"{SOURCE_LANGUAGE}.md"
    return parse_document(path.read_text(encoding="utf-8"), path=str(path)).revision


# -- staleness -----------------------------------------------------------------------------


class TranslationStatus(enum.StrEnum):
    CURRENT = "current"
    STALE = "stale"
    MISSING = "missing"
    UNREVIEWED = "unreviewed"


@dataclass(frozen=True)
class ChangedSection:
    anchor: str  # "" is the introduction
    title: str
    change: str  # "changed", "added" or "removed"


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


@dataclass
class SourceText:
    """The published Swedish history of one module."""

    revisions: list[ContentRevision]  # oldest first

    @property
    def current(self) -> ContentRevision | None:
        return self.revisions[-1] if self.revisions else None

    @property
    def chain(self) -> list[ContentRevision]:
        """The current revision and the ones that later minor changes kept current, newest first."""
        chain: list[ContentRevision] = []
        for revision in reversed(self.revisions):
            chain.append(revision)
            if not revision.minor:
                break
        return chain

    @property
    def chain_hashes(self) -> set[str]:
        return {r.body_revision for r in self.chain}

    def by_hash(self, revision_hash: str) -> ContentRevision | None:
        return next((r for r in reversed(self.revisions) if r.body_revision == revision_hash), None)

    def changes_since(self, revision_hash: str) -> list[ChangedSection] | None:
        """What changed in the sections since the text with this hash, leaving out minor changes.

        None when that text is not in the history (then any section may have changed).
        """
        made_from = self.by_hash(revision_hash)
        current = self.current
        if made_from is None or current is None:
            return None
        start = self.revisions.index(made_from)
        touched: set[str] = set()
        for before, after in zip(self.revisions[start:], self.revisions[start + 1 :], strict=False):
            if not after.minor:
                touched |= {c.anchor for c in changed_sections(before, after)}
        old_anchors = {anchor for anchor, _hash in made_from.section_hashes}
        return [
            c
            for c in changed_sections(made_from, current)
            if c.change != "changed" or c.anchor in touched or c.anchor not in old_anchors
        ]


def _source_texts() -> dict[int, SourceText]:
    texts: dict[int, SourceText] = {}
    for revision in data.list_all_published_revisions():
        if revision.language == SOURCE_LANGUAGE:
            texts.setdefault(revision.module_id, SourceText([])).revisions.append(revision)
    return texts


def source_text(module: ContentModule) -> SourceText:
    return SourceText(list(reversed(data.list_published_revisions(module, SOURCE_LANGUAGE))))


def changed_sections(old: ContentRevision, new: ContentRevision) -> list[ChangedSection]:
    """The sections of `new` that differ from `old` (by hash), in `new`'s order, then removed ones."""
    old_hashes = dict((anchor, h) for anchor, h in old.section_hashes)
    new_hashes = dict((anchor, h) for anchor, h in new.section_hashes)
    titles = {s.anchor: s.title for s in split_sections(new.body)}
    old_titles = {s.anchor: s.title for s in split_sections(old.body)}
    changes = []
    for anchor, revision_hash in new.section_hashes:
        if anchor not in old_hashes:
            changes.append(ChangedSection(anchor, titles.get(anchor, ""), "added"))
        elif old_hashes[anchor] != revision_hash:
            changes.append(ChangedSection(anchor, titles.get(anchor, ""), "changed"))
    for anchor, _hash in old.section_hashes:
        if anchor not in new_hashes:
            changes.append(ChangedSection(anchor, old_titles.get(anchor, ""), "removed"))
    return changes


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


# -- the reader's view ---------------------------------------------------------------------


@dataclass(frozen=True)
class ModuleCard:
    slug: str
    icon: str
    title: str
    summary: str
    language: str  # the language of title and summary
    fallback: bool


def module_cards(language: str) -> list[ModuleCard]:
    """The module index in `language`, with Swedish for modules not yet translated."""
    wanted = {r.module_id: r for r in data.list_current_revisions(language)}
    swedish = {r.module_id: r for r in data.list_current_revisions(SOURCE_LANGUAGE)}
    cards = []
    for module in data.list_modules():
        revision = wanted.get(module.id) or swedish.get(module.id)
        if revision is None:
            continue
        cards.append(
            ModuleCard(
                module.slug,
                module.icon,
                revision.title,
                revision.summary,
                revision.language,
                revision.language != language,
            )
        )
    return cards


@dataclass(frozen=True)
class LocalBlock:
    municipality: Organisation
    language: str
    fallback: bool  # shown in Swedish because none exist in the reader's language
    sections: list[tuple[LocalSection, Markup]]


@dataclass(frozen=True)
class ReaderModule:
    module: ContentModule
    revision: ContentRevision
    requested_language: str
    fallback: bool  # no translation: the Swedish text is shown
    showing_source: bool  # the reader asked for the Swedish text
    state: TranslationState  # of the reader's language
    intro: RenderedSection | None
    sections: list[RenderedSection]
    local: LocalBlock | None
    related: list[ModuleCard]

    @property
    def language(self) -> str:
        return self.revision.language


def module_for_reader(
    slug: str, language: str, *, municipality: Organisation | None = None, show_source: bool = False
) -> ReaderModule | None:
    """Everything the module page shows, or None if the module has no published text at all."""
    module = data.get_module(slug)
    if module is None:
        return None
    state = module_state(module, language)
    revision = None if show_source else state.revision
    fallback = revision is None and not show_source
    if revision is None:
        revision = data.get_published_revision(module, SOURCE_LANGUAGE)
    if revision is None:
        return None
    rendered = render_sections(revision.body)
    intro = rendered[0] if rendered and not rendered[0].anchor else None
    sections = [s for s in rendered if s.anchor]
    cards = {c.slug: c for c in module_cards(language)}
    related = [cards[s] for s in catalogue.BY_SLUG[slug].related if s in cards] if slug in catalogue.BY_SLUG else []
    return ReaderModule(
        module=module,
        revision=revision,
        requested_language=language,
        fallback=fallback,
        showing_source=show_source and language != SOURCE_LANGUAGE,
        state=state,
        intro=intro,
        sections=sections,
        local=_local_block(module, municipality, language) if municipality else None,
        related=related,
    )


def _local_block(module: ContentModule, municipality: Organisation, language: str) -> LocalBlock | None:
    sections = data.list_local_sections(module, municipality, language)
    used = language
    if not sections and language != SOURCE_LANGUAGE:
        sections = data.list_local_sections(module, municipality, SOURCE_LANGUAGE)
        used = SOURCE_LANGUAGE
    if not sections:
        return None
    rendered = [(section, render_markdown(section.body)) for section in sections]
    return LocalBlock(municipality, used, used != language, rendered)


# -- who may edit what ---------------------------------------------------------------------


class NotAllowed(Exception):
    """The staff member may not change this text."""


def can_edit_regional(staff: StaffUser) -> bool:
    """Regional text belongs to editors of the region."""
    return any(m.role == Role.EDITOR and m.organisation.kind == OrganisationKind.REGION for m in staff.memberships)


def local_municipalities(staff: StaffUser) -> list[Organisation]:
    """The municipalities whose local sections this editor may write (their own only)."""
    found: dict[int, Organisation] = {}
    for membership in staff.memberships:
        if membership.role != Role.EDITOR:
            continue
        municipality = membership.organisation.municipality
        if municipality is not None:
            found[municipality.id] = municipality
    return sorted(found.values(), key=lambda o: o.name)


def can_edit_local(staff: StaffUser, municipality: Organisation) -> bool:
    return any(m.id == municipality.id for m in local_municipalities(staff))


# -- editor writes -------------------------------------------------------------------------


@dataclass
class RevisionInput:
    title: str
    summary: str
    body: str
    review_status: str = ReviewStatus.UNREVIEWED.value
    minor: bool = False  # Swedish only: translations made from the previous text stay current
    matches_current_source: bool = False  # translations: made from the current Swedish text


def check_revision_input(values: RevisionInput) -> list[Problem]:
    """The format rules of docs/content-format.md applied to an editor's input."""
    meta = {
        "title": values.title,
        "summary": values.summary,
        "source_revision": "0" * 12,
        "review_status": values.review_status,
        "last_updated": today().isoformat(),
    }
    return validate_metadata(meta, path="editor") + validate_body(values.body, path="editor")


class EditConflict(Exception):
    """The text was saved against an older revision than the published one: nothing was saved.

    `base` is the revision the editor started from (None if there was no text yet) and
    `theirs` the one published since; with the editor's own text they make the three-way view.
    """

    def __init__(self, base: ContentRevision | None, theirs: ContentRevision | None):
        super().__init__("edit conflict")
        self.base = base
        self.theirs = theirs


class SaveOutcome(enum.StrEnum):
    DRAFT = "draft"
    PUBLISHED = "published"
    AWAITING_APPROVAL = "awaiting-approval"  # a Swedish change waits for a second editor
    UNCHANGED = "unchanged"  # the same text as the published one: no new revision
    REVIEW_REQUESTED = "review-requested"  # the writer cannot confirm their own review
    REVIEWED = "reviewed"  # another editor confirmed the published text's review


@dataclass(frozen=True)
class SaveResult:
    revision: ContentRevision
    outcome: SaveOutcome


def _same_text(revision: ContentRevision, title: str, summary: str, body: str, source: str) -> bool:
    return (revision.title, revision.summary, revision.body, revision.source_revision) == (
        title,
        summary,
        body,
        source,
    )


def save_revision(
    module: ContentModule,
    language: str,
    values: RevisionInput,
    *,
    staff: StaffUser,
    publish: bool,
    base_revision_id: int | None = None,
) -> ContentRevision:
    """`submit_revision`, for callers that only need the revision."""
    return submit_revision(
        module, language, values, staff=staff, publish=publish, base_revision_id=base_revision_id
    ).revision


def submit_revision(
    module: ContentModule,
    language: str,
    values: RevisionInput,
    *,
    staff: StaffUser,
    publish: bool,
    base_revision_id: int | None = None,
) -> SaveResult:
    """Save the editor's text as their own draft, or publish it (or send it for approval).

    `base_revision_id` is the published revision the editor's form was based on (0: there was
    none); when another one has been published since, EditConflict is raised and nothing is
    saved. None skips the check (callers that build on the newest text themselves).
    Text equal to the published text makes no new revision. A translation marked reviewed by
    its writer waits for another editor to confirm; a Swedish change that is not minor waits
    for a second editor's approval when the region says so (source_approval_required).
    """
    if not can_edit_regional(staff):
        raise NotAllowed
    values = RevisionInput(
        title=strip_isolates(values.title),
        summary=strip_isolates(values.summary),
        body=strip_isolates(values.body),
        # A review waiting for confirmation is still the writer's claim that it was reviewed.
        review_status=(
            ReviewStatus.REVIEWED.value
            if values.review_status == ReviewStatus.AWAITING_REVIEW
            else str(values.review_status)
        ),
        minor=values.minor,
        matches_current_source=values.matches_current_source,
    )
    problems = check_revision_input(values)
    if problems:
        raise ContentFormatError(problems)
    data.lock_module(module)
    current = data.get_published_revision(module, language)
    if base_revision_id is not None and base_revision_id != (current.id if current else 0):
        raise EditConflict(data.get_revision(base_revision_id) if base_revision_id else None, current)
    body = values.body.replace("\r\n", "\n").strip() + "\n"
    title, summary = values.title.strip(), values.summary.strip()
    if language == SOURCE_LANGUAGE:
        source = body_revision(body)
    else:
        current_source = data.get_published_revision(module, SOURCE_LANGUAGE)
        if (values.matches_current_source or current is None) and current_source is not None:
            source = current_source.body_revision
        else:
            source = current.source_revision if current else "0" * 12
    draft = data.get_pending_draft(module, language, author_id=staff.id)
    wants_review = ReviewStatus(values.review_status) != ReviewStatus.UNREVIEWED
    if current is not None and _same_text(current, title, summary, body, source):
        if draft is not None:
            db.session.delete(draft)  # it says what is published already; nothing is lost
        outcome = SaveOutcome.UNCHANGED
        if wants_review and current.review_status != ReviewStatus.REVIEWED:
            outcome = _review(current, staff)
        db.session.commit()
        return SaveResult(current, outcome)
    minor = bool(values.minor) and language == SOURCE_LANGUAGE and current is not None
    needs_approval = publish and language == SOURCE_LANGUAGE and not minor and data.source_approval_required()
    fields = {
        "title": title,
        "summary": summary,
        "body": body,
        "body_revision": body_revision(body),
        "section_hashes": section_hashes(body),
        "source_revision": source,
        # The writer of a text cannot be its reviewer: their "reviewed" waits for someone else.
        "review_status": ReviewStatus.AWAITING_REVIEW if wants_review else ReviewStatus.UNREVIEWED,
        "minor": minor,
        "author_staff_id": staff.id,
        "last_updated": today(),
        "created_at": utcnow(),
        "base_revision_id": current.id if current else None,
    }
    if publish and not needs_approval:
        if draft is not None:
            db.session.delete(draft)  # published now; another editor's draft stays theirs
        # Always a new row: the newest published id is the current text, whenever the draft began.
        revision = ContentRevision(
            module=module,
            language=language,
            origin="editor",
            status=RevisionStatus.PUBLISHED,
            published_at=utcnow(),
            published_by_staff_id=staff.id,
            **fields,
        )
        db.session.add(revision)
        outcome = SaveOutcome.PUBLISHED
    else:
        revision = draft or ContentRevision(module=module, language=language, origin="editor")
        if draft is None:
            db.session.add(revision)
        for name, value in fields.items():
            setattr(revision, name, value)
        revision.status = RevisionStatus.AWAITING_APPROVAL if needs_approval else RevisionStatus.DRAFT
        outcome = SaveOutcome.AWAITING_APPROVAL if needs_approval else SaveOutcome.DRAFT
    db.session.flush()
    action = {
        SaveOutcome.PUBLISHED: "content.publish",
        SaveOutcome.AWAITING_APPROVAL: "content.submit_for_approval",
    }.get(outcome, "content.save_draft")
    audit.record(
        action,
        actor=staff,
        object_type="content_revision",
        object_id=revision.id,
        module=module.slug,
        language=language,
        minor=revision.minor,
    )
    if outcome == SaveOutcome.PUBLISHED:
        search.index_module(module, language)
    db.session.commit()
    return SaveResult(revision, outcome)


def _review(revision: ContentRevision, staff: StaffUser) -> SaveOutcome:
    """Record that a fluent speaker reviewed the published text; its writer only asks for it."""
    if revision.author_staff_id == staff.id:
        revision.review_status = ReviewStatus.AWAITING_REVIEW
        return SaveOutcome.REVIEW_REQUESTED
    revision.review_status = ReviewStatus.REVIEWED
    revision.reviewed_by_staff_id = staff.id
    revision.reviewed_at = utcnow()
    audit.record(
        "content.review",
        actor=staff,
        object_type="content_revision",
        object_id=revision.id,
        module=revision.module.slug,
        language=revision.language,
    )
    return SaveOutcome.REVIEWED


def confirm_review(revision: ContentRevision, *, staff: StaffUser) -> SaveOutcome:
    """Another editor confirms that a fluent speaker reviewed the published text; never its writer."""
    if not can_edit_regional(staff) or revision.status != RevisionStatus.PUBLISHED:
        raise NotAllowed
    if revision.author_staff_id == staff.id:
        raise SelfReview
    outcome = _review(revision, staff)
    db.session.commit()
    return outcome


def set_source_approval(required: bool | None, region_slug: str | None = None) -> list[tuple[str, bool]]:
    """Set (or, with None, only read) the regions' rule for Swedish changes; [(slug, required)]."""
    regions = [r for r in data.list_regions() if region_slug in (None, r.slug)]
    if region_slug and not regions:
        raise LookupError(f"no region with the slug {region_slug!r}")
    if required is not None:
        for region in regions:
            region.source_approval_required = required
        db.session.commit()
    return [(r.slug, r.source_approval_required) for r in regions]


class SelfReview(NotAllowed):
    """The writer of a text cannot be its second pair of eyes."""


class SubmissionOutdated(Exception):
    """The published text changed after a change was sent for approval: its writer must update it."""


def approve_submission(submission: ContentRevision, *, staff: StaffUser) -> ContentRevision:
    """A second editor approves a Swedish change awaiting approval: it is published as a new revision."""
    if not can_edit_regional(staff) or submission.status != RevisionStatus.AWAITING_APPROVAL:
        raise NotAllowed
    if submission.author_staff_id == staff.id:
        raise SelfReview
    module = submission.module
    data.lock_module(module)
    current = data.get_published_revision(module, submission.language)
    if (current.id if current else None) != submission.base_revision_id:
        raise SubmissionOutdated
    revision = ContentRevision(
        module=module,
        language=submission.language,
        title=submission.title,
        summary=submission.summary,
        body=submission.body,
        body_revision=submission.body_revision,
        section_hashes=submission.section_hashes,
        source_revision=submission.source_revision,
        review_status=submission.review_status,
        minor=submission.minor,
        author_staff_id=submission.author_staff_id,
        last_updated=today(),
        origin="editor",
        base_revision_id=submission.base_revision_id,
        status=RevisionStatus.PUBLISHED,
        published_at=utcnow(),
        published_by_staff_id=staff.id,
    )
    db.session.add(revision)
    db.session.delete(submission)
    db.session.flush()
    audit.record(
        "content.approve",
        actor=staff,
        object_type="content_revision",
        object_id=revision.id,
        module=module.slug,
        language=revision.language,
    )
    search.index_module(module, revision.language)
    db.session.commit()
    return revision


def discard_draft(draft: ContentRevision, *, staff: StaffUser) -> None:
    """Delete an editor's own draft (or their change awaiting approval); nobody else's."""
    if draft.status not in data.PENDING or draft.author_staff_id != staff.id:
        raise NotAllowed
    audit.record(
        "content.discard_draft",
        actor=staff,
        object_type="content_revision",
        object_id=draft.id,
        module=draft.module.slug,
        language=draft.language,
    )
    db.session.delete(draft)
    db.session.commit()


def revert_to(old: ContentRevision, *, staff: StaffUser) -> ContentRevision:
    """Publish the text of an older revision again, as a new revision (history is kept).

    Reverting to the text that is already published makes no new revision. Pending drafts stay
    with their owners; the editor page tells each owner that the published text changed under
    their draft (ContentRevision.base_revision_id).
    """
    if not can_edit_regional(staff) or old.status != RevisionStatus.PUBLISHED:
        raise NotAllowed
    data.lock_module(old.module)
    current = data.get_published_revision(old.module, old.language)
    if current is not None and _same_text(current, old.title, old.summary, old.body, old.source_revision):
        return current
    revision = _add_revision(
        old.module,
        old.language,
        title=old.title,
        summary=old.summary,
        body=old.body,
        source_revision=old.source_revision,
        review_status=old.review_status,
        reviewed_by_staff_id=old.reviewed_by_staff_id,
        reviewed_at=old.reviewed_at,
        status=RevisionStatus.PUBLISHED,
        last_updated=today(),
        origin=f"revert:{old.id}",
        author_staff_id=staff.id,
        published_by_staff_id=staff.id,
        base_revision_id=current.id if current else None,
    )
    db.session.flush()
    audit.record(
        "content.revert",
        actor=staff,
        object_type="content_revision",
        object_id=revision.id,
        module=old.module.slug,
        language=old.language,
        reverted_to=old.id,
    )
    search.index_module(old.module, old.language)
    db.session.commit()
    return revision


@dataclass(frozen=True)
class DiffLine:
    kind: str  # "same", "added", "removed"
    text: str


def revision_text(revision: ContentRevision) -> str:
    """A revision as one text to compare: title, summary and body."""
    return form_text(revision.title, revision.summary, revision.body)


def form_text(title: str, summary: str, body: str) -> str:
    return "\n".join([title.strip(), summary.strip(), "", body.replace("\r\n", "\n").strip()])


def diff_texts(old: str, new: str) -> list[DiffLine]:
    """A line diff of two texts."""
    result = []
    for line in difflib.ndiff(old.split("\n"), new.split("\n")):
        code, text = line[:2], line[2:]
        if code == "? ":
            continue
        kind = {"+ ": "added", "- ": "removed"}.get(code, "same")
        result.append(DiffLine(kind, text))
    return result


def diff_revisions(old: ContentRevision, new: ContentRevision) -> list[DiffLine]:
    """A line diff of two revisions (title, summary and text)."""
    return diff_texts(revision_text(old), revision_text(new))


@dataclass(frozen=True)
class SectionPair:
    """One section of a translation beside the current Swedish, for the translator's view."""

    anchor: str  # "" is the introduction
    title: str  # the Swedish title
    swedish: str
    translation: str | None  # None: the translation has no section with this anchor
    # The Swedish words changed since the text the translation was made from; None when unchanged
    # or when that text is not in the history.
    changes: list[DiffLine] | None


def word_diff(old: str, new: str) -> list[DiffLine]:
    """A word diff: unchanged, removed and added runs of words (whitespace kept)."""
    old_words, new_words = re.split(r"(\s+)", old), re.split(r"(\s+)", new)
    result: list[DiffLine] = []
    matcher = difflib.SequenceMatcher(a=old_words, b=new_words, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            result.append(DiffLine("same", "".join(old_words[a1:a2])))
            continue
        if a2 > a1:
            result.append(DiffLine("removed", "".join(old_words[a1:a2])))
        if b2 > b1:
            result.append(DiffLine("added", "".join(new_words[b1:b2])))
    return result


def side_by_side(module: ContentModule, translation: ContentRevision) -> list[SectionPair]:
    """Each section of the current Swedish beside the translation's, with what changed in Swedish since."""
    source = data.get_published_revision(module, SOURCE_LANGUAGE)
    if source is None:
        return []
    made_from = (
        data.find_revision_by_body(module, SOURCE_LANGUAGE, translation.source_revision)
        if translation.source_revision != source.body_revision
        else None
    )
    old = {s.anchor: s.markdown for s in split_sections(made_from.body)} if made_from else {}
    translated = {s.anchor: s.markdown for s in split_sections(translation.body)}
    pairs = []
    for section in split_sections(source.body):
        before = old.get(section.anchor)
        changes = None
        if made_from is not None and before != section.markdown:
            changes = word_diff(before or "", section.markdown)
        pairs.append(
            SectionPair(section.anchor, section.title, section.markdown, translated.get(section.anchor), changes)
        )
    return pairs


@dataclass
class LocalInput:
    module_slug: str
    municipality_id: int
    language: str
    title: str
    body: str
    published: bool


def save_local_section(section: LocalSection | None, values: LocalInput, *, staff: StaffUser) -> LocalSection:
    """Create or change a local section; only editors of that municipality may."""
    municipality = db.session.get(Organisation, values.municipality_id)
    module = data.get_module(values.module_slug)
    if municipality is None or module is None or values.language not in CODES:
        raise ValueError("unknown module, municipality or language")
    if not can_edit_local(staff, municipality) or (section and not can_edit_local(staff, section.municipality)):
        raise NotAllowed
    problems = validate_body(values.body, path="editor")
    problems = [p for p in problems if p.kind != "no_sections"]
    if problems:
        raise ContentFormatError(problems)
    before = (section.module, section.language) if section else None
    if section is None:
        section = LocalSection()
        db.session.add(section)
    section.module = module
    section.municipality = municipality
    section.language = values.language
    section.title = values.title.strip()
    section.body = values.body.replace("\r\n", "\n").strip() + "\n"
    section.published = values.published
    section.author_staff_id = staff.id
    section.updated_at = utcnow()
    db.session.flush()
    audit.record(
        "content.local_section.save",
        actor=staff,
        object_type="local_section",
        object_id=section.id,
        module=module.slug,
        language=values.language,
        municipality=municipality.slug,
        published=values.published,
    )
    search.index_module(module, values.language)
    if before and before != (module, values.language):
        search.index_module(*before)
    db.session.commit()
    return section


def get_local_section_for_editor(section_id: int, staff: StaffUser) -> LocalSection | None:
    """A local section the editor may change, or None (not found, or another municipality's)."""
    section = data.get_local_section(section_id)
    if section is None or not can_edit_local(staff, section.municipality):
        return None
    return section


def list_local_sections_for_editor(staff: StaffUser) -> list[LocalSection]:
    return data.list_local_sections_of({m.id for m in local_municipalities(staff)})


def municipality_for_reader(slug: str | None, home: Organisation | None) -> Organisation | None:
    """The municipality whose local sections to show: the chosen one, else the reader's home."""
    if slug:
        chosen = data.get_municipality(slug)
        if chosen is not None:
            return chosen
    return home


def get_module_revision(module: ContentModule, revision_id: int) -> ContentRevision | None:
    """A revision, only if it belongs to this module."""
    revision = data.get_revision(revision_id)
    return revision if revision is not None and revision.module_id == module.id else None
