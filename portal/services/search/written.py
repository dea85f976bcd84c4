"""A question written in another of our languages than the one the reader reads.

People switch: a Tigrinya speaker asks the assistant to write in Arabic and goes on asking in
Tigrinya; a Russian speaker reads English better but types Russian; a Persian speaker types a
question in English. Searching the reader's language with words of another finds only the
Swedish terms the translations keep, or a stray word, and that answer is wrong with confidence.

So the question is also searched in the language it is written in (heliport, through
portal.services.text_language), and the sections found there are read in the reader's
language: every translation has the same sections under the same anchors.

When the written language is trusted:
- Written in another script than the reader's language (Cyrillic, Arabic, Ge'ez against Latin,
  English typed by a Persian reader, say): the reader's index can match almost nothing of it,
  so the written language's results are used unless they found nothing. Arabizi and Finglish
  never get here: heliport names none of our languages for them, and the reader's language is
  assumed (the reader's own index knows them from its questions).
- In the same script (Persian and Arabic, Russian and Ukrainian, English and Swedish): only when
  the written language's search is surer.
"""

from __future__ import annotations

from dataclasses import replace

from portal.services.search.ranking import LanguageIndex, language_index
from portal.services.search.results import CONFIDENT, MIDDLING, NONE, SearchHit, SearchResults
from portal.services.search.snippets import make_snippet
from portal.services.text_language import detect_text_language

LATIN, ARABIC, CYRILLIC, ETHIOPIC = "latin", "arabic", "cyrillic", "ethiopic"
SCRIPTS = {
    "sv": LATIN, "en": LATIN, "so": LATIN, "ku": LATIN,
    "ar": ARABIC, "fa": ARABIC, "prs": ARABIC, "ckb": ARABIC, "ps": ARABIC,
    "uk": CYRILLIC, "ru": CYRILLIC,
    "ti": ETHIOPIC,
}  # fmt: skip
_ORDER = {NONE: 0, MIDDLING: 1, CONFIDENT: 2}


def script_of(text: str) -> str | None:
    """The script most of the letters of `text` are in, among ours."""
    counts = dict.fromkeys((LATIN, ARABIC, CYRILLIC, ETHIOPIC), 0)
    for ch in text:
        if not ch.isalpha():
            continue
        code = ord(ch)
        if code < 0x0250:
            counts[LATIN] += 1
        elif 0x0400 <= code <= 0x04FF:
            counts[CYRILLIC] += 1
        elif 0x0600 <= code <= 0x06FF or 0x0750 <= code <= 0x077F or 0xFB50 <= code <= 0xFEFF:
            counts[ARABIC] += 1
        elif 0x1200 <= code <= 0x139F or 0x2D80 <= code <= 0x2DDF:
            counts[ETHIOPIC] += 1
    best = max(counts, key=counts.__getitem__)
    return best if counts[best] else None


def written_language(query: str, reader: str) -> str | None:
    """The language `query` is written in when it is another of ours than `reader`'s; else None."""
    code, _source = detect_text_language(query, reader)
    if code == reader or code not in SCRIPTS:
        return None
    # Dari and Persian share their words; the reader's own index serves either.
    if {code, reader} == {"fa", "prs"}:
        return None
    return code


def prefer_written(query: str, reader: str, written: str, theirs: SearchResults, ours: SearchResults) -> bool:
    """Whether the results in the written language answer better than the reader's (module docstring)."""
    if not theirs.hits or theirs.confidence == NONE:
        return False
    script = script_of(query)
    if script == SCRIPTS[written] and script != SCRIPTS[reader]:
        return True
    return _ORDER[theirs.confidence] > _ORDER[ours.confidence]


def read_in(results: SearchResults, reader: str) -> SearchResults:
    """The same sections, in the reader's language; a section without a translation is left out."""
    index = language_index(reader)
    hits = [hit for hit in (_hit_in(hit, index) for hit in results.hits) if hit]
    return SearchResults(
        query=results.query, language=reader, requested_language=reader, hits=hits, confidence=results.confidence
    )


def _hit_in(hit: SearchHit, index: LanguageIndex) -> SearchHit | None:
    module_id = next((mid for mid, (slug, _place) in index.modules.items() if slug == hit.slug), None)
    row = next((r for r in index.rows if r.module_id == module_id and r.anchor == hit.section_anchor), None)
    if row is None:
        return None
    title, summary = index.heads.get(row.module_id, ("", ""))
    snippet, snippet_html = make_snippet(row.text, set(), index.language)
    return replace(
        hit,
        title=title,
        summary=summary,
        section_title=row.section_title,
        snippet=snippet,
        snippet_html=snippet_html,
        language=index.language,
        local=row.local,
        section_id=row.id,
    )
