"""The Swedish source text of a module: its published history and which sections changed."""

from __future__ import annotations

from dataclasses import dataclass

from portal.content.files import split_sections
from portal.data import content as data
from portal.languages import SOURCE_LANGUAGE
from portal.models import ContentModule, ContentRevision


def section_hashes(body: str) -> list[list[str]]:
    return [[s.anchor, s.revision] for s in split_sections(body)]


@dataclass(frozen=True)
class ChangedSection:
    anchor: str  # "" is the introduction
    title: str
    change: str  # "changed", "added" or "removed"


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
