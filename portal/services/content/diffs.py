"""Comparing texts: line and word diffs, and a translation's sections beside the current Swedish."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from portal.content.files import split_sections
from portal.data import content as data
from portal.languages import SOURCE_LANGUAGE
from portal.models import ContentModule, ContentRevision


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
