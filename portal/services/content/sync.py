"""Loading the module files into the database and writing the published texts back to them.

The files in content/samhallsinfo are the source a fresh database starts from; editors then
publish in the portal, and `flask content export` writes their texts back.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from flask import current_app

from portal.content import catalogue
from portal.content.files import ContentDocument, body_revision, load_tree, parse_document, write_document
from portal.data import content as data
from portal.extensions import db
from portal.languages import SOURCE_LANGUAGE
from portal.models import ContentModule, ContentRevision, ReviewStatus, RevisionStatus, utcnow
from portal.services import search
from portal.services.content.sources import _source_texts, section_hashes

log = logging.getLogger(__name__)
ROOT = Path(__file__).resolve().parent.parent.parent.parent
DEFAULT_CONTENT_DIR = ROOT / "content" / "samhallsinfo"


def content_dir() -> Path:
    """Where the module files live (CONTENT_DIR in the config, content/samhallsinfo by default)."""
    configured = current_app.config.get("CONTENT_DIR")
    return Path(configured) if configured else DEFAULT_CONTENT_DIR


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
