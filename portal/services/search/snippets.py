"""A short passage around the matched words, plain and with <mark>."""

from __future__ import annotations

import functools
import html
import re

from markupsafe import Markup

from portal.services.search.analysis import terms as analysed_terms

SNIPPET_CHARS = 180

# A "word" of the original text for highlighting: anything between spaces and punctuation,
# so Arabic diacritics and Persian half-spaces stay inside the word they belong to.
_CHUNK_RE = re.compile(r"[^\s.,;:!?()\[\]{}\"«»“”/–—-]+")


@functools.lru_cache(maxsize=4096)
def prepare_snippets(source: str, language: str) -> tuple[tuple[int, int, frozenset[str]], ...]:
    """The words of a section's text with their index terms, analysed once for every query."""
    return tuple(
        (match.start(), match.end(), frozenset(analysed_terms(match.group(), language)))
        for match in _CHUNK_RE.finditer(source)
    )


def make_snippet(source: str, terms: set[str], language: str) -> tuple[str, Markup]:
    """A short passage of `source` around the first word with one of these index terms: plain, and HTML with <mark>."""
    spans = [(start, end) for start, end, words in prepare_snippets(source, language) if not words.isdisjoint(terms)]
    if spans:
        centre = spans[0][0]
        start = max(0, centre - SNIPPET_CHARS // 3)
    else:
        start = 0
    end = min(len(source), start + SNIPPET_CHARS)
    if start > 0:
        # Start at the beginning of the sentence when it is close; otherwise at a word.
        boundaries = [source.rfind(". ", 0, start) + 2, source.rfind("\n", 0, start) + 1]
        sentence = max(b for b in boundaries)
        start = sentence if sentence > 1 and start - sentence < 60 else source.rfind(" ", 0, start) + 1
    if end < len(source):
        space = source.rfind(" ", start, end)
        end = space if space > start else end
    passage = source[start:end].replace("\n", " ")
    lead = "…" if start > 0 else ""
    tail = "…" if end < len(source) else ""
    pieces: list[str] = []
    cursor = start
    for span_start, span_end in spans:
        if span_start < start or span_end > end:
            continue
        pieces.append(html.escape(source[cursor:span_start]))
        pieces.append("<mark>" + html.escape(source[span_start:span_end]) + "</mark>")
        cursor = span_end
    pieces.append(html.escape(source[cursor:end]))
    marked = "".join(pieces).replace("\n", " ")
    return lead + passage + tail, Markup(lead + marked + tail)  # noqa: S704 - every piece is escaped
