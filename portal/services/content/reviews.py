"""Translators' reviews, section by section (issue 16): who checked which section, when, against which Swedish.

A translation is reviewed when every one of its sections (and its title and summary, the
"#head" unit) has a review that still holds. A review holds while the section's text is the one
that was checked, and the Swedish section is the one it was checked against, or differs from it
only by *minor* Swedish changes that touch no number, URL, name or termbase term. Anything else
drops the section, and with it the translation, back to unreviewed.

Only a translator of the language (TranslatorLanguage) may review, and never the person who
last wrote the section. `reconcile_reviews` keeps ContentRevision.review_status, reviewed_by
and reviewed_at in step with the sections; every place that publishes calls it (through
`reconcile_tasks`) before its commit, so the reader's "checked by a translator on <date>" is
true whenever it is shown.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from portal.content.files import short_hash, split_sections
from portal.data import content as data
from portal.extensions import db
from portal.languages import CODES, SOURCE_LANGUAGE
from portal.models import (
    ContentModule,
    ContentRevision,
    ReviewStatus,
    SectionReview,
    StaffUser,
    TranslatorLanguage,
    utcnow,
)
from portal.services import audit
from portal.services.content.permissions import NotAllowed
from portal.services.content.sources import SourceText, source_text
from portal.termbase import load_terms

HEAD = "#head"  # the title and summary, reviewed like a section ('#' is never in an anchor)


class NotTranslator(NotAllowed):
    """The staff member does not translate into this language, so may not review it."""


class SelfReview(NotAllowed):
    """The writer of a text cannot be its second pair of eyes."""


class TextChanged(Exception):
    """The translation or the Swedish changed after the reviewer opened them: nothing was recorded."""


# -- what a minor change may not touch -----------------------------------------------------

_LINK_TARGET = re.compile(r"\]\(([^)\s]+)[^)]*\)")
_URL = re.compile(r"(?:https?://|mailto:|tel:|www\.)[^\s)>\]]+", re.IGNORECASE)
_NUMBER = re.compile(r"\d+(?:[ .,:/-]\d+)*")
_SENTENCE_END = re.compile(r"(?<=[.!?:])\s+|\n+")
_WORD = re.compile(r"[^\W\d_][\w-]*")
_MARKUP = re.compile(r"\{#[^}]*\}|[*_`>#]")


@functools.cache
def _swedish_terms() -> tuple[str, ...]:
    """The Swedish key terms of the termbase (locales/terms/sv.yml), longest first."""
    terms = {term for term in load_terms(SOURCE_LANGUAGE)}
    terms |= {entry["approved"] for entry in load_terms(SOURCE_LANGUAGE).values() if entry.get("approved")}
    return tuple(sorted(terms, key=len, reverse=True))


def protected_tokens(markdown: str) -> dict[str, Counter]:
    """The numbers, URLs, names and termbase terms of a Swedish section: what a minor change may not touch.

    A name is a capitalised word that does not begin a sentence (Swedish capitalises names only).
    A term is counted where a word starts with it, so an inflected form ("handläggaren") counts.
    """
    urls = Counter(_LINK_TARGET.findall(markdown)) + Counter(_URL.findall(_LINK_TARGET.sub("]", markdown)))
    text = _URL.sub(" ", _LINK_TARGET.sub("]", markdown))
    numbers = Counter(_NUMBER.findall(text))
    names: Counter = Counter()
    for sentence in _SENTENCE_END.split(_MARKUP.sub(" ", text)):
        words = _WORD.findall(sentence)
        names.update(word for word in words[1:] if word[0].isupper())
    folded = text.casefold()
    terms = Counter(
        {
            term: count
            for term in _swedish_terms()
            if (count := len(re.findall(r"(?<!\w)" + re.escape(term.casefold()), folded)))
        }
    )
    return {"numbers": numbers, "urls": urls, "names": names, "terms": terms}


def touched_kinds(old: str, new: str) -> list[str]:
    """Which of numbers, URLs, names and terms differ between two Swedish texts (none: a truly minor change)."""
    before, after = protected_tokens(old), protected_tokens(new)
    return [kind for kind in before if before[kind] != after[kind]]


def minor_change_touches(old: ContentRevision | None, new: ContentRevision) -> bool:
    """Whether a minor Swedish change touched a number, URL, name or term in any section (the editor is told)."""
    if old is None or not new.minor:
        return False
    before = {s.anchor: s.markdown for s in split_sections(old.body)}
    return any(touched_kinds(before.get(s.anchor, ""), s.markdown) for s in split_sections(new.body))


# -- the units a translation is reviewed in ------------------------------------------------


@dataclass(frozen=True)
class Unit:
    anchor: str
    title: str
    markdown: str
    hash: str


def units(revision: ContentRevision) -> list[Unit]:
    """The title and summary, then each section, of one revision."""
    head = f"{revision.title.strip()}\n{revision.summary.strip()}"
    return [Unit(HEAD, "", head, short_hash(head))] + [
        Unit(s.anchor, s.title, s.markdown, s.revision) for s in split_sections(revision.body)
    ]


def _holds(review: SectionReview, unit: Unit, swedish: Unit | None, source: SourceText) -> bool:
    if swedish is None or review.text_hash != unit.hash:
        return False
    if review.source_hash == swedish.hash:
        return True
    # Only minor Swedish changes since, and none of them touched a number, URL, name or term.
    return review.source_revision in source.chain_hashes and not touched_kinds(review.source_markdown, swedish.markdown)


@dataclass(frozen=True)
class UnitReview:
    """Where one section of a translation stands for the reviewer."""

    unit: Unit
    status: str  # "reviewed", "changed" (a review that no longer holds) or "unreviewed"
    review: SectionReview | None  # the holding review, else the last one
    writer_id: int | None  # who last changed the section: not its reviewer
    may_review: bool = False  # the staff member looking may mark it checked

    @property
    def anchor(self) -> str:
        return self.unit.anchor


def _reviews(module: ContentModule, language: str) -> dict[str, list[SectionReview]]:
    rows = db.session.scalars(
        select(SectionReview)
        .where(SectionReview.module_id == module.id, SectionReview.language == language)
        .order_by(SectionReview.id.desc())
    )
    found: dict[str, list[SectionReview]] = {}
    for row in rows:
        found.setdefault(row.anchor, []).append(row)
    return found


def _writers(module: ContentModule, language: str, current: list[Unit]) -> dict[str, int | None]:
    """Per unit, the author of the oldest published revision since which its text is the same."""
    writers: dict[str, int | None] = {}
    open_units = {u.anchor: u.hash for u in current}
    for revision in data.list_published_revisions(module, language):  # newest first
        hashes = {u.anchor: u.hash for u in units(revision)}
        for anchor, wanted in list(open_units.items()):
            if hashes.get(anchor) == wanted:
                writers[anchor] = revision.author_staff_id
            else:
                del open_units[anchor]
        if not open_units:
            break
    return writers


def unit_reviews(
    module: ContentModule,
    revision: ContentRevision,
    *,
    staff: StaffUser | None = None,
    source: SourceText | None = None,
) -> list[UnitReview]:
    """Each unit of a published translation with its review, in the translation's order."""
    source = source or source_text(module)
    swedish = {u.anchor: u for u in units(source.current)} if source.current else {}
    reviews = _reviews(module, revision.language)
    mine = is_translator(staff, revision.language) if staff is not None else False
    current = units(revision)
    writers = _writers(module, revision.language, current)
    result = []
    for unit in current:
        rows = reviews.get(unit.anchor, [])
        holding = next((r for r in rows if _holds(r, unit, swedish.get(unit.anchor), source)), None)
        status = "reviewed" if holding else ("changed" if rows else "unreviewed")
        writer = writers.get(unit.anchor)
        may = mine and holding is None and unit.anchor in swedish and (writer is None or writer != staff.id)
        result.append(UnitReview(unit, status, holding or (rows[0] if rows else None), writer, may))
    return result


# -- who may review ----------------------------------------------------------------------------


def is_translator(staff: StaffUser, language: str) -> bool:
    """Whether the staff member has the translator role for this language (a TranslatorLanguage row)."""
    return (
        db.session.scalar(
            select(TranslatorLanguage.id).where(
                TranslatorLanguage.staff_id == staff.id, TranslatorLanguage.language == language
            )
        )
        is not None
    )


# -- recording a review ------------------------------------------------------------------------


def _record(module: ContentModule, revision: ContentRevision, unit: Unit, swedish: Unit, source_revision: str, staff):
    row = SectionReview(
        module_id=module.id,
        language=revision.language,
        anchor=unit.anchor,
        text_hash=unit.hash,
        source_revision=source_revision,
        source_hash=swedish.hash,
        source_markdown=swedish.markdown,
        revision_id=revision.id,
        reviewed_by_staff_id=staff.id if staff is not None else None,
        reviewed_at=utcnow(),
    )
    db.session.add(row)
    return row


def review_section(
    module: ContentModule,
    language: str,
    anchor: str,
    *,
    staff: StaffUser,
    revision_id: int,
    source_revision: str,
) -> SectionReview:
    """A translator marks one section checked against the Swedish they saw beside it; commits.

    `revision_id` and `source_revision` are the translation and Swedish body the reviewer had
    open: when either was replaced since, TextChanged is raised and nothing is recorded.
    """
    if language == SOURCE_LANGUAGE or not is_translator(staff, language):
        raise NotTranslator
    data.lock_module(module)
    revision = data.get_published_revision(module, language)
    source = source_text(module)
    if revision is None or source.current is None:
        raise NotAllowed
    if revision.id != revision_id or source.current.body_revision != source_revision:
        raise TextChanged
    state = next((u for u in unit_reviews(module, revision, staff=staff, source=source) if u.anchor == anchor), None)
    swedish = {u.anchor: u for u in units(source.current)}.get(anchor)
    if state is None or swedish is None:
        raise NotAllowed
    if state.writer_id == staff.id:
        raise SelfReview
    row = _record(module, revision, state.unit, swedish, source.current.body_revision, staff)
    db.session.flush()
    audit.record(
        "content.review_section",
        actor=staff,
        object_type="content_revision",
        object_id=revision.id,
        module=module.slug,
        language=language,
        section=anchor,
        source_revision=source.current.body_revision,
    )
    reconcile_reviews(module)
    db.session.commit()
    return row


def review_whole_text(revision: ContentRevision, staff: StaffUser) -> bool:
    """Mark every section of a published translation checked against the current Swedish.

    Sections the reviewer wrote are left for another translator. Reconciles the revision's
    review status and says whether it is now reviewed; does not commit.
    """
    module = revision.module
    source = source_text(module)
    if source.current is None:
        return False
    swedish = {u.anchor: u for u in units(source.current)}
    for state in unit_reviews(module, revision, source=source):
        if state.status != "reviewed" and state.anchor in swedish and state.writer_id != staff.id:
            _record(module, revision, state.unit, swedish[state.anchor], source.current.body_revision, staff)
    reconcile_reviews(module)
    return revision.review_status == ReviewStatus.REVIEWED


def _adopt_file_review(module: ContentModule, revision: ContentRevision, source: SourceText) -> None:
    """A translation a content file says is reviewed, with no review recorded: record it, by nobody.

    It was checked against the Swedish it was made from, so a later Swedish change is judged
    against that text like any other review.
    """
    made_from = source.by_hash(revision.source_revision)
    if made_from is None:
        return
    swedish = {u.anchor: u for u in units(made_from)}
    for unit in units(revision):
        if unit.anchor in swedish:
            row = _record(module, revision, unit, swedish[unit.anchor], made_from.body_revision, None)
            row.reviewed_at = revision.published_at or utcnow()


def reconcile_reviews(module: ContentModule) -> None:
    """Set each current translation's review status from its sections' reviews; does not commit.

    Reviewed when every section has a holding review (then reviewed_by and reviewed_at are the
    last reviewer and time); a reviewed translation with a section that no longer holds drops
    to unreviewed. A writer's claim that waits for confirmation (awaiting-review) is left as it is.
    """
    db.session.flush()
    source = source_text(module)
    if source.current is None:
        return
    for code in CODES:
        if code == SOURCE_LANGUAGE:
            continue
        revision = data.get_published_revision(module, code)
        if revision is None:
            continue
        known = db.session.scalar(select(SectionReview.id).where(SectionReview.revision_id == revision.id).limit(1))
        if revision.review_status == ReviewStatus.REVIEWED and revision.reviewed_by_staff_id is None and not known:
            _adopt_file_review(module, revision, source)
            db.session.flush()
        states = unit_reviews(module, revision, source=source)
        if all(s.status == "reviewed" for s in states):
            last = max((s.review for s in states if s.review), key=_when, default=None)
            if last is None:
                continue
            if revision.review_status != ReviewStatus.REVIEWED or revision.reviewed_at is None:
                revision.review_status = ReviewStatus.REVIEWED
                revision.reviewed_by_staff_id = last.reviewed_by_staff_id
                revision.reviewed_at = last.reviewed_at
        elif revision.review_status == ReviewStatus.REVIEWED:
            revision.review_status = ReviewStatus.UNREVIEWED
            revision.reviewed_by_staff_id = None
            revision.reviewed_at = None
    db.session.flush()


def _when(review: SectionReview) -> datetime:
    return review.reviewed_at
