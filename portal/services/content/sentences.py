"""Translation memory by sentence (issue 16): a module's Swedish and a translation, aligned
section by section, line by line and sentence by sentence.

A section's Markdown is cut into lines. A line has a frame that is not translated (a list
marker, a fence, a blank line) and a text that is. The text is cut into sentences. A
translation lines up with the Swedish where its frames are the same and each line has as many
sentences as the Swedish line; where it does not, the whole line (or, when the frames differ,
the whole section) is one unit. The unit is what a translator translates, what the PO file
carries (portal/services/content/po_files.py), and what goes stale when the Swedish changes:
comparing the Swedish a translation was made from with the current Swedish, sentence by
sentence, says exactly which sentences need translating and reviewing again. The others, and
their translations, are reused as they are.

Everything here is pure: text in, dataclasses out.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass

from portal.content.files import split_sections

# A list item, a numbered item, a quote or a heading: the marker stays, the text is translated.
_FRAME = re.compile(r"^(?P<frame>\s*(?:(?:[-*+]|\d{1,3}[.)])\s+|>\s?|#{3,6}\s+)?)(?P<text>.*)$")
_FENCE = re.compile(r"^\s*```")
# A sentence ends with . ! ? … (and the Arabic, Urdu and Ge'ez full stops and question marks),
# perhaps a closing quote or bracket, then a space. A link's text or URL is never cut.
_END = re.compile(r"(?<=[.!?…؟۔።፧])[\"'”’»)]*(?=\s+\S)")
# Abbreviations after which a full stop does not end a sentence.
_ABBREVIATIONS = (
    "t.ex.", "bl.a.", "m.m.", "osv.", "dvs.", "kl.", "ca.", "nr.", "s.k.", "o.s.v.", "p.g.a.", "t.o.m.",
    "fr.o.m.", "e.g.", "i.e.", "etc.", "mr.", "mrs.", "dr.", "st.", "z.b.",
)  # fmt: skip


@dataclass(frozen=True)
class Line:
    """One line of a section: its untranslated frame and its sentences (none for a blank or a fence)."""

    frame: str
    sentences: tuple[str, ...]
    separators: tuple[str, ...]  # the whitespace between sentences, len(sentences) - 1 of them
    fenced: bool = False  # a ```questions block: its inside is one unit
    tail: str = ""  # the closing fence of a fenced block

    @property
    def text(self) -> str:
        parts = [self.sentences[0]] if self.sentences else []
        for separator, sentence in zip(self.separators, self.sentences[1:], strict=True):
            parts += [separator, sentence]
        return "".join(parts)

    @property
    def shape(self) -> tuple[str, bool, bool, str]:
        """What must match between the Swedish and a translation for the lines to align."""
        return (self.frame, bool(self.sentences), self.fenced, self.tail)


def split_sentences(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The sentences of one line of text, and the whitespace between them (so joining is lossless)."""
    if not text.strip():
        return (), ()
    cuts: list[tuple[int, int]] = []
    for match in _END.finditer(text):
        # Brackets opened and not closed before the cut: inside a link, never cut.
        depth = text.count("[", 0, match.end()) - text.count("]", 0, match.end())
        depth += text.count("(", 0, match.end()) - text.count(")", 0, match.end())
        word = text[text.rfind(" ", 0, match.end()) + 1 : match.end()].casefold()
        if depth > 0 or word in _ABBREVIATIONS or re.fullmatch(r"\d{1,3}\.", word):
            continue
        gap = re.match(r"\s+", text[match.end() :])
        assert gap is not None  # the pattern looked ahead for it
        cuts.append((match.end(), match.end() + gap.end()))
    sentences, separators, start = [], [], 0
    for end, next_start in cuts:
        sentences.append(text[start:end])
        separators.append(text[end:next_start])
        start = next_start
    sentences.append(text[start:])
    return tuple(sentences), tuple(separators)


def split_lines(markdown: str) -> list[Line]:
    """A section's Markdown as lines, each with its frame and its sentences.

    A fenced block (the questions a section answers) is one line: its fences are the frame and
    its inside one unit, since each language records its own questions, not a translation of
    the Swedish ones line for line.
    """
    lines: list[Line] = []
    raw_lines = markdown.split("\n")
    i = 0
    while i < len(raw_lines):
        raw = raw_lines[i]
        if _FENCE.match(raw):
            end = next((j for j in range(i + 1, len(raw_lines)) if _FENCE.match(raw_lines[j])), None)
            if end is not None:
                inside = "\n".join(raw_lines[i + 1 : end])
                if inside.strip():
                    lines.append(Line(raw + "\n", (inside,), (), fenced=True, tail="\n" + raw_lines[end]))
                else:
                    lines.append(Line("\n".join(raw_lines[i : end + 1]), (), ()))
                i = end + 1
                continue
        match = _FRAME.match(raw)
        assert match is not None  # the pattern matches every line
        sentences, separators = split_sentences(match["text"])
        lines.append(Line(match["frame"] if sentences else raw, sentences, separators))
        i += 1
    return lines


def join_lines(lines: Iterable[Line]) -> str:
    """The Markdown of a section from its lines (split_lines read back)."""
    return "\n".join(line.frame + line.text + line.tail for line in lines)


# -- units: what is translated as one ----------------------------------------------------------


@dataclass(frozen=True)
class Unit:
    """One thing to translate: a sentence, a whole line, a whole section, or a title or summary.

    `key` names its place: "title", "summary", "<anchor>/title", "<anchor>/<line>.<sentence>",
    "<anchor>/<line>" (a whole line) or "<anchor>" (a whole section); the introduction's anchor
    is "_". `translation` is None where the translation has nothing there.
    """

    key: str
    source: str
    translation: str | None
    questions: bool = False  # a ```questions block: each language's own questions, for search


INTRO = "_"


def _anchor_key(anchor: str) -> str:
    return anchor or INTRO


def section_units(anchor: str, source: str, translation: str | None) -> list[Unit]:
    """The units of one section's text, aligned with the translation's where their shapes allow."""
    key = _anchor_key(anchor)
    source_lines = split_lines(source)
    if translation is None:
        return [u for i, line in enumerate(source_lines) for u in _line_units(key, i, line, None)]
    translated_lines = split_lines(translation)
    if [line.shape for line in source_lines] != [line.shape for line in translated_lines]:
        return [Unit(key, source, translation)]
    return [
        u
        for i, (line, other) in enumerate(zip(source_lines, translated_lines, strict=True))
        for u in _line_units(key, i, line, other)
    ]


def _line_units(key: str, index: int, line: Line, other: Line | None) -> list[Unit]:
    if not line.sentences:
        return []
    if line.fenced or (
        other is not None
        and (len(other.sentences) != len(line.sentences) or any(s != " " for s in other.separators + line.separators))
    ):
        return [Unit(f"{key}/{index}", line.text, other.text if other is not None else None, line.fenced)]
    return [
        Unit(f"{key}/{index}.{n}", sentence, other.sentences[n] if other is not None else None)
        for n, sentence in enumerate(line.sentences)
    ]


def section_from_units(source: str, translated: dict[str, str], anchor: str) -> str | None:
    """A section's translated Markdown, built on the Swedish lines with the translated units in
    place; None when the section has no translated unit at all. A sentence with no translation
    is left out (the translation stays made from the older Swedish until it has one)."""
    key = _anchor_key(anchor)
    if key in translated:
        return translated[key]
    out: list[Line] = []
    found = dropped = False
    for i, line in enumerate(split_lines(source)):
        if not line.sentences:
            out.append(line)
            continue
        whole = translated.get(f"{key}/{i}")
        if whole is not None:
            found = True
            out.append(Line(line.frame, (whole,), (), line.fenced, line.tail))
            continue
        kept = [
            (translated[f"{key}/{i}.{n}"], line.separators[n - 1] if n else "")
            for n in range(len(line.sentences))
            if f"{key}/{i}.{n}" in translated
        ]
        if len(kept) < len(line.sentences):
            dropped = True
        if kept:
            found = True
            separators = tuple(separator or " " for _, separator in kept[1:])
            out.append(Line(line.frame, tuple(text for text, _ in kept), separators, line.fenced, line.tail))
    if not found:
        return None
    text = join_lines(out)
    return re.sub(r"\n{3,}", "\n\n", text).strip() if dropped else text


@dataclass(frozen=True)
class Place:
    """A place in the Swedish text a translation unit may name: its Swedish words and the
    sentence keys it covers (a section covers its lines, a line its sentences)."""

    text: str
    covers: tuple[str, ...]
    questions: bool = False
    whole_section: bool = False


def swedish_places(source_body: str) -> dict[str, Place]:
    """Every key a unit of this Swedish body may have, at every size: section, line, sentence, title."""
    places: dict[str, Place] = {}
    for section in split_sections(source_body):
        key = _anchor_key(section.anchor)
        if section.anchor:
            places[f"{section.anchor}/title"] = Place(section.title, (f"{section.anchor}/title",))
        section_keys: list[str] = []
        for i, line in enumerate(split_lines(section.markdown)):
            if not line.sentences:
                continue
            if line.fenced:
                keys = (f"{key}/{i}",)
                places[keys[0]] = Place(line.text, keys, questions=True)
            else:
                keys = tuple(f"{key}/{i}.{n}" for n in range(len(line.sentences)))
                places[f"{key}/{i}"] = Place(line.text, keys)
                places.update((k, Place(text, (k,))) for k, text in zip(keys, line.sentences, strict=True))
            section_keys += keys
        places[key] = Place(section.markdown, tuple(section_keys), whole_section=True)
    return places


@dataclass(frozen=True)
class MemoryUnit:
    """A unit of the current Swedish with the translation carried over from the text it was made from."""

    unit: Unit
    fuzzy: bool  # the Swedish changed here since the translation was made
    previous: str | None  # the old Swedish, when the unit replaces exactly one old one


def carry_over(source_body: str, translated_body: str, made_from_body: str) -> list[MemoryUnit]:
    """The units of the current Swedish, each with the translation of the same place in the
    Swedish the translation was made from: unchanged sentences keep theirs, changed ones keep
    the old one (fuzzy), added ones have none. A line (or section) the old translation only
    matched as a whole stays whole here."""
    old_aligned = {u.key: u for u in body_units(made_from_body, translated_body)}
    changes = {c.key: c for c in sentence_changes(made_from_body, source_body, translated_body)}
    result: list[MemoryUnit] = []
    for section in split_sections(source_body):
        key = _anchor_key(section.anchor)
        section_changes = [c for k, c in changes.items() if k.split("/", 1)[0] == key]
        old_sections = {c.old_key.split("/", 1)[0] for c in section_changes if c.old_key}
        if section.anchor:
            title = changes[f"{section.anchor}/title"]
            result.append(_carried(Unit(title.key, title.swedish, title.translation), title))
        whole = [old_aligned[k] for k in old_sections if k in old_aligned]
        if whole:
            # The old translation lined up with its Swedish only as a whole section.
            any_change = any(c.status != "same" for c in section_changes if not c.key.endswith("/title"))
            old = whole[0]
            unit = Unit(key, section.markdown, old.translation)
            result.append(MemoryUnit(unit, any_change, old.source if any_change else None))
            continue
        for i, line in enumerate(split_lines(section.markdown)):
            if not line.sentences:
                continue
            keys = [f"{key}/{i}"] if line.fenced else [f"{key}/{i}.{n}" for n in range(len(line.sentences))]
            line_changes = [changes[k] for k in keys]
            old_lines = {c.old_key.split(".", 1)[0] for c in line_changes if c.old_key}
            old_whole = [old_aligned[k] for k in sorted(old_lines) if k in old_aligned]
            if old_whole and not line.fenced:
                any_change = any(c.status != "same" for c in line_changes) or len(old_whole) > 1
                text = " ".join(u.translation or "" for u in old_whole).strip() or None
                result.append(MemoryUnit(Unit(f"{key}/{i}", line.text, text), any_change, None))
                continue
            for change in line_changes:
                result.append(_carried(Unit(change.key, change.swedish, change.translation, line.fenced), change))
    return result


def _carried(unit: Unit, change: SentenceChange) -> MemoryUnit:
    changed = change.status == "changed"
    return MemoryUnit(unit, changed, change.before if changed else None)


def body_units(source_body: str, translated_body: str | None) -> list[Unit]:
    """Every unit of a body, section by section, in the Swedish order (titles included)."""
    translated = {s.anchor: s for s in split_sections(translated_body)} if translated_body is not None else {}
    units: list[Unit] = []
    for section in split_sections(source_body):
        other = translated.get(section.anchor)
        if section.anchor:
            units.append(Unit(f"{section.anchor}/title", section.title, other.title if other else None))
        units += section_units(section.anchor, section.markdown, other.markdown if other else None)
    return units


def join_sections(sections: Iterable[tuple[str, str, str]]) -> str:
    """A body from (anchor, title, markdown) sections, as the content files write it."""
    parts = []
    for anchor, title, markdown in sections:
        parts.append(f"## {title} {{#{anchor}}}\n\n{markdown}" if anchor else markdown)
    return "\n\n".join(parts) + "\n"


# -- what changed in the Swedish ---------------------------------------------------------------


@dataclass(frozen=True)
class SentenceChange:
    """One sentence of the current Swedish and how it stands against the Swedish a translation was made from."""

    key: str
    swedish: str
    status: str  # "same", "changed" (replaces an old sentence) or "added"
    before: str | None  # the old Swedish it replaces ("changed")
    translation: str | None  # the translation's sentence here (for "changed", the one of the old text)
    old_key: str | None = None  # where the sentence was in the old Swedish ("same" and "changed")


def sentence_changes(old_body: str, new_body: str, translated_body: str | None = None) -> list[SentenceChange]:
    """Each sentence of the new Swedish body, marked same, changed or added against the old one.

    A sentence is "same" when the old body had the same words in the same section, in the same
    order relative to its neighbours; a sentence edited in place is "changed" (with the old words),
    and one with no counterpart is "added". Moving a sentence to another section counts as a change.
    The Swedish is compared sentence by sentence whatever the translation's shape; `translation` is
    the translated sentence where the translation lines up, else its whole line, else None.
    """
    translated = translations_by_sentence(old_body, translated_body) if translated_body is not None else {}
    old_by_section = _by_section(body_units(old_body, None))
    changes: list[SentenceChange] = []
    for section, new in _by_section(body_units(new_body, None)).items():
        old = old_by_section.get(section, [])
        matcher = difflib.SequenceMatcher(a=[u.source for u in old], b=[u.source for u in new], autojunk=False)
        for op, a1, a2, b1, b2 in matcher.get_opcodes():
            for offset, unit in enumerate(new[b1:b2]):
                if op in ("equal", "replace") and a1 + offset < a2:
                    before = old[a1 + offset]
                    same = op == "equal"
                    changes.append(
                        SentenceChange(
                            unit.key,
                            unit.source,
                            "same" if same else "changed",
                            None if same else before.source,
                            translated.get(before.key),
                            before.key,
                        )
                    )
                else:
                    changes.append(SentenceChange(unit.key, unit.source, "added", None, None, None))
    return changes


def translations_by_sentence(source_body: str, translated_body: str) -> dict[str, str]:
    """The translation of each Swedish sentence key: the sentence where the two line up, the
    whole line where the line has another number of sentences (none where the section differs)."""
    aligned = {u.key: u.translation for u in body_units(source_body, translated_body) if u.translation is not None}
    found: dict[str, str] = {}
    for unit in body_units(source_body, None):
        line_key = unit.key.split(".", 1)[0]
        text = aligned.get(unit.key, aligned.get(line_key))
        if text is not None:
            found[unit.key] = text
    return found


def _by_section(units: Iterable[Unit]) -> dict[str, list[Unit]]:
    grouped: dict[str, list[Unit]] = {}
    for unit in units:
        grouped.setdefault(unit.key.split("/", 1)[0], []).append(unit)
    return grouped


def changed_sentences(old_body: str, new_body: str) -> list[SentenceChange]:
    """Only the sentences of the new Swedish that need translating and reviewing again."""
    return [c for c in sentence_changes(old_body, new_body) if c.status != "same"]
