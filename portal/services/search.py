"""Search over the published civic information, one interface over two engines.

    search("var finns vårdcentralen", "sv", municipality_id=...) -> SearchResults

The index holds one row per section (SearchSection) with normalised words
(portal.content.normalise). The engine is picked by the database dialect:

- SQLite (the embedded default): an FTS5 table over those words, ranked with bm25()
  weighted by column (section heading, module title and summary, text).
- PostgreSQL (production): a weighted tsvector ('simple' configuration, our own
  normalisation) behind a GIN index, ranked with ts_rank per query word times that word's
  inverse document frequency, so everyday words count for little, as bm25 does.

Both engines get the same prepared query (prepare_query). Each word of four letters or more
becomes a prefix; a word of six or more is first cut to three quarters of its length, a
cheap stemmer that works across languages ("kommunen" finds "kommun", "пособия" finds
"пособие"). A word that matches nothing is repaired, gentlest first: split into two index
words ("nödnummer", Persian "مهدکودک" written with or without a space), cut to a shorter
prefix ("föräldraledig" finds "föräldrar"), or replaced by the index words one or two edits
away (typing mistakes). Results are per section; a module scores by its best section plus a
little for its other matching sections. bench/search_quality measures all this per language.

The assistant answers civic questions through this same function (GET /internal/v1/search).
"""

from __future__ import annotations

import bisect
import functools
import html
import logging
import math
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from flask import url_for
from markupsafe import Markup
from sqlalchemy import delete, func, select, text
from sqlalchemy.orm import Session

from portal.content import normalise as norm
from portal.content.files import split_sections
from portal.content.markdown import plain_text
from portal.data.content import get_published_revision, list_current_revisions, list_published_local_sections
from portal.extensions import db
from portal.languages import SOURCE_LANGUAGE
from portal.models import (
    ContentModule,
    ContentRevision,
    LocalSection,
    Organisation,
    RevisionStatus,
    SearchSection,
    utcnow,
)

log = logging.getLogger(__name__)

MAX_QUERY_WORDS = 12
MAX_QUERY_CHARS = 200
SNIPPET_CHARS = 180

# How much a match counts in each part of a section (heading, module title+summary, text).
TITLE_WEIGHT = 4.0
MODULE_WEIGHT = 2.0
BODY_WEIGHT = 1.0
# How much the other matching sections of a module add to its best section.
OTHER_SECTIONS_WEIGHT = 0.25


# -- results -------------------------------------------------------------------------------


@dataclass(frozen=True)
class SearchHit:
    slug: str
    title: str
    summary: str
    section_anchor: str
    section_title: str
    snippet: str
    snippet_html: Markup
    language: str
    local: bool
    score: float
    municipality_slug: str | None = None

    @property
    def url(self) -> str:
        """The reader page of the module, at the section."""
        params = {"kommun": self.municipality_slug} if self.municipality_slug else {}
        return url_for("info.module", slug=self.slug, _anchor=self.section_anchor or None, **params)

    def as_dict(self) -> dict[str, object]:
        """The JSON shape of docs/internal-api.md, plus the language of the text."""
        return {
            "slug": self.slug,
            "title": self.title,
            "summary": self.summary,
            "section_anchor": self.section_anchor,
            "section_title": self.section_title,
            "snippet": self.snippet,
            "url": self.url,
            "language": self.language,
            "local": self.local,
        }


@dataclass(frozen=True)
class SearchResults:
    query: str
    language: str  # the language the results are in
    requested_language: str
    hits: list[SearchHit]

    @property
    def fell_back(self) -> bool:
        """True when the reader's language had no results and these are Swedish results."""
        return self.language != self.requested_language


# -- the prepared query --------------------------------------------------------------------


@dataclass(frozen=True)
class Term:
    text: str
    prefix: bool

    def matches(self, word: str) -> bool:
        return word.startswith(self.text) if self.prefix else word == self.text


@dataclass
class TermGroup:
    """One word of the query and the index terms that may stand for it."""

    word: str
    terms: list[Term]
    weight: float = 1.0  # inverse document frequency in the searched language


@dataclass
class _Stats:
    """What the index holds in one language: words → section ids, for IDF and spelling."""

    sections: int
    postings: dict[str, set[int]]
    vocabulary: list[str]
    _deletions: dict[str, set[str]] | None = field(default=None, repr=False)

    def ids_for(self, term: Term) -> set[int]:
        if not term.prefix:
            return self.postings.get(term.text, set())
        found: set[int] = set()
        index = bisect.bisect_left(self.vocabulary, term.text)
        while index < len(self.vocabulary) and self.vocabulary[index].startswith(term.text):
            found |= self.postings[self.vocabulary[index]]
            index += 1
        return found

    def close_words(self, word: str) -> list[str]:
        """Index words one edit away (two for long words), commonest first."""
        if self._deletions is None:
            deletions: dict[str, set[str]] = defaultdict(set)
            for known in self.vocabulary:
                if len(known) >= 3:
                    deletions[known].add(known)
                    for i in range(len(known)):
                        deletions[known[:i] + known[i + 1 :]].add(known)
            self._deletions = deletions
        keys = {word} | {word[:i] + word[i + 1 :] for i in range(len(word))}
        candidates: set[str] = set()
        for key in keys:
            candidates |= self._deletions.get(key, set())
            if key in self.postings:
                candidates.add(key)
        limit = 1 if len(word) < 8 else 2
        close = [c for c in candidates if c != word and _edit_distance(word, c) <= limit]
        close.sort(key=lambda c: (_edit_distance(word, c), -len(self.postings[c]), c))
        return close[:3]


_stats_cache: dict[tuple[str, str], tuple[tuple, _Stats]] = {}


def _language_stats(language: str) -> _Stats:
    session = db.session
    key = tuple(
        session.execute(
            select(func.count(SearchSection.id), func.max(SearchSection.id), func.max(SearchSection.indexed_at)).where(
                SearchSection.language == language
            )
        ).one()
    )
    cache_key = (str(db.engine.url), language)
    cached = _stats_cache.get(cache_key)
    if cached and cached[0] == key:
        return cached[1]
    postings: dict[str, set[int]] = defaultdict(set)
    rows = session.execute(
        select(SearchSection.id, SearchSection.title_norm, SearchSection.module_norm, SearchSection.body_norm).where(
            SearchSection.language == language
        )
    )
    count = 0
    for row_id, *columns in rows:
        count += 1
        for column in columns:
            for word in (column or "").split():
                postings[word].add(row_id)
    stats = _Stats(count, dict(postings), sorted(postings))
    _stats_cache[cache_key] = (key, stats)
    return stats


def _edit_distance(a: str, b: str) -> int:
    """Damerau-Levenshtein distance (adjacent transpositions count as one edit)."""
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous2[j - 2] + 1)
        previous2, previous = previous, current
    return previous[-1]


def _stem_term(word: str) -> Term:
    if word.isdigit() or len(word) < 4:
        # Short words as prefixes match far too much ("var" would find every "vård").
        return Term(word, prefix=False)
    if len(word) >= 6:
        return Term(word[: max(5, round(len(word) * 0.75))], prefix=True)
    return Term(word, prefix=True)


def prepare_query(query: str, language: str) -> list[TermGroup]:
    """Turn what a person typed into weighted groups of index terms (see the module docstring)."""
    stats = _language_stats(language)
    words = list(dict.fromkeys(norm.tokens(query[:MAX_QUERY_CHARS], language)))[:MAX_QUERY_WORDS]
    groups: list[TermGroup] = []
    for word in words:
        for word_part, terms in _word_terms(word, stats):
            ids = set().union(*(stats.ids_for(t) for t in terms))
            if not ids:
                continue
            n, df = max(stats.sections, 1), len(ids)
            groups.append(TermGroup(word_part, terms, math.log(1 + (n - df + 0.5) / (df + 0.5))))
    return groups


def _word_terms(word: str, stats: _Stats) -> list[tuple[str, list[Term]]]:
    """The index terms for one typed word, trying gentler repairs first.

    1. the word as a (stemmed) prefix;
    2. a compound the text writes as two words, or the reverse ("nödnummer", "مهدکودک");
    3. a shorter prefix, for compounds whose ending the text never uses ("föräldraledig");
    4. the closest index words, for typing mistakes.
    """
    term = _stem_term(word)
    if stats.ids_for(term) or len(word) < 4 or word.isdigit():
        return [(word, [term])]
    split = _split_compound(word, stats)
    if split:
        return split
    for cut in range(len(term.text) - 1, max(4, math.ceil(len(word) * 0.6)) - 1, -1):
        shorter = Term(word[:cut], prefix=True)
        if stats.ids_for(shorter):
            return [(word, [shorter])]
    if len(word) < 5:
        return []  # one edit away from a four-letter word is too often another word
    return [(word, [Term(w, prefix=False) for w in stats.close_words(word)])]


def _split_compound(word: str, stats: _Stats) -> list[tuple[str, list[Term]]] | None:
    best: tuple[int, list[tuple[str, list[Term]]]] | None = None
    for i in range(3, len(word) - 2):
        left, right = word[:i], word[i:]
        parts = []
        for part in (left, right):
            exact = Term(part, prefix=False)
            if part in stats.postings:
                parts.append((part, [exact]))
            elif len(part) >= 4 and stats.ids_for(_stem_term(part)):
                parts.append((part, [_stem_term(part)]))
        if len(parts) == 2:
            balance = min(len(left), len(right))
            if best is None or balance > best[0]:
                best = (balance, parts)
    return best[1] if best else None


# -- engines -------------------------------------------------------------------------------


class _Engine:
    name = "engine"

    def after_write(self, session: Session) -> None:
        raise NotImplementedError

    def ranked_sections(
        self, session: Session, groups: list[TermGroup], language: str, municipality_id: int | None, limit: int
    ) -> list[tuple[int, float]]:
        raise NotImplementedError


class SqliteFts5(_Engine):
    """FTS5 over search_section (external content), rebuilt after each change to the index."""

    name = "sqlite-fts5"
    _ready: set[str] = set()

    def ensure_table(self, session: Session) -> None:
        key = str(session.get_bind().url)
        if key in self._ready:
            return
        exists = session.execute(
            text("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'search_section_fts'")
        ).first()
        if not exists:
            # Our own normalisation runs before FTS5 sees the text, so its tokenizer only splits
            # on spaces and must not fold anything further.
            session.execute(
                text(
                    "CREATE VIRTUAL TABLE search_section_fts USING fts5("
                    "title_norm, module_norm, body_norm, content='search_section', content_rowid='id', "
                    "tokenize='unicode61 remove_diacritics 0')"
                )
            )
            session.execute(text("INSERT INTO search_section_fts(search_section_fts) VALUES ('rebuild')"))
        self._ready.add(key)

    def after_write(self, session: Session) -> None:
        self.ensure_table(session)
        session.execute(text("INSERT INTO search_section_fts(search_section_fts) VALUES ('rebuild')"))

    def ranked_sections(self, session, groups, language, municipality_id, limit):
        self.ensure_table(session)
        match = " OR ".join(_fts5_group(g) for g in groups)
        rows = session.execute(
            text(
                "SELECT s.id, bm25(search_section_fts, :wt, :wm, :wb) AS rank "
                "FROM search_section_fts JOIN search_section s ON s.id = search_section_fts.rowid "
                "WHERE search_section_fts MATCH :match AND s.language = :language "
                "AND (s.municipality_id IS NULL OR s.municipality_id = :municipality) "
                "ORDER BY rank LIMIT :limit"
            ),
            {
                "wt": TITLE_WEIGHT,
                "wm": MODULE_WEIGHT,
                "wb": BODY_WEIGHT,
                "match": match,
                "language": language,
                "municipality": municipality_id if municipality_id is not None else -1,
                "limit": limit,
            },
        )
        # bm25() is negative, lower is better.
        return [(row_id, -rank) for row_id, rank in rows]


def _fts5_group(group: TermGroup) -> str:
    # Terms hold only letters and digits (see normalise.tokens), so quoting them is enough.
    parts = [f'"{t.text}"' + ("*" if t.prefix else "") for t in group.terms]
    return "(" + " OR ".join(parts) + ")"


class PostgresFts(_Engine):
    """A weighted tsvector column ('simple' configuration) with a GIN index."""

    name = "postgresql-fts"

    def after_write(self, session: Session) -> None:
        session.execute(
            text(
                "UPDATE search_section SET search_vector = "
                "setweight(to_tsvector('simple', title_norm), 'A') || "
                "setweight(to_tsvector('simple', module_norm), 'B') || "
                "setweight(to_tsvector('simple', body_norm), 'D') "
                "WHERE search_vector IS NULL"
            )
        )

    def ranked_sections(self, session, groups, language, municipality_id, limit):
        params: dict[str, object] = {
            "language": language,
            "municipality": municipality_id if municipality_id is not None else -1,
            "limit": limit,
            # ts_rank weights are {D, C, B, A}: text, (unused), module title+summary, heading.
            "weights": "{%s,0,%s,%s}" % (BODY_WEIGHT / TITLE_WEIGHT, MODULE_WEIGHT / TITLE_WEIGHT, 1.0),  # noqa: UP031
        }
        scores = []
        for i, group in enumerate(groups):
            params[f"q{i}"] = _tsquery_group(group)
            params[f"w{i}"] = group.weight
            scores.append(
                f"CAST(:w{i} AS float8) * ts_rank(CAST(:weights AS float4[]), search_vector, "
                f"to_tsquery('simple', CAST(:q{i} AS text)), 1)"
            )
        params["all"] = " | ".join(f"({_tsquery_group(g)})" for g in groups)
        rows = session.execute(
            text(
                f"SELECT id, ({' + '.join(scores)}) AS score FROM search_section "  # noqa: S608 - only bound parameters
                "WHERE language = :language AND (municipality_id IS NULL OR municipality_id = :municipality) "
                "AND search_vector @@ to_tsquery('simple', CAST(:all AS text)) "
                "ORDER BY score DESC, id LIMIT :limit"
            ),
            params,
        )
        return [(row_id, float(score)) for row_id, score in rows]


def _tsquery_group(group: TermGroup) -> str:
    return " | ".join(f"'{t.text}'" + (":*" if t.prefix else "") for t in group.terms)


def engine() -> _Engine:
    """The engine for the database in use."""
    return PostgresFts() if db.engine.dialect.name == "postgresql" else SqliteFts5()


# -- searching -----------------------------------------------------------------------------


def search(
    query: str,
    language: str,
    *,
    municipality_id: int | None = None,
    limit: int = 10,
    fallback: bool = True,
) -> SearchResults:
    """Search published content in `language`; with no results there, search the Swedish text.

    One hit per module (its best section), best first. Local sections count only for the
    given municipality.
    """
    query = (query or "").strip()[:MAX_QUERY_CHARS]
    hits = _search_language(query, language, municipality_id, limit) if query else []
    used = language
    if not hits and fallback and query and language != SOURCE_LANGUAGE:
        hits = _search_language(query, SOURCE_LANGUAGE, municipality_id, limit)
        used = SOURCE_LANGUAGE if hits else language
    return SearchResults(query=query, language=used, requested_language=language, hits=hits)


def _search_language(query: str, language: str, municipality_id: int | None, limit: int) -> list[SearchHit]:
    groups = prepare_query(query, language)
    if not groups:
        return []
    ranked = engine().ranked_sections(db.session, groups, language, municipality_id, limit=max(30, limit * 6))
    if not ranked:
        return []
    rows = {
        row.id: row
        for row in db.session.scalars(select(SearchSection).where(SearchSection.id.in_([i for i, _ in ranked])))
    }
    by_module: dict[int, list[tuple[float, SearchSection]]] = defaultdict(list)
    for row_id, score in ranked:
        if row_id in rows:
            by_module[rows[row_id].module_id].append((score, rows[row_id]))
    modules = {m.id: m for m in db.session.scalars(select(ContentModule).where(ContentModule.id.in_(by_module)))}
    heads = _module_heads(list(by_module), language)
    scored = []
    for module_id, sections in by_module.items():
        sections.sort(key=lambda pair: -pair[0])
        best_score, best = sections[0]
        total = best_score + OTHER_SECTIONS_WEIGHT * sum(score for score, _ in sections[1:3])
        scored.append((total, module_id, best))
    scored.sort(key=lambda item: (-item[0], modules[item[1]].sort_order))
    hits = []
    for total, module_id, best in scored[:limit]:
        title, summary = heads.get(module_id, ("", ""))
        snippet, snippet_html = make_snippet(best.text, groups, language)
        hits.append(
            SearchHit(
                slug=modules[module_id].slug,
                title=title,
                summary=summary,
                section_anchor=best.anchor,
                section_title=best.section_title,
                snippet=snippet,
                snippet_html=snippet_html,
                language=language,
                local=best.local_section_id is not None,
                score=round(total, 4),
                municipality_slug=_municipality_slug(best.municipality_id),
            )
        )
    return hits


def _module_heads(module_ids: list[int], language: str) -> dict[int, tuple[str, str]]:
    """Title and summary of the current revision of these modules in one language."""
    newest = (
        select(func.max(ContentRevision.id))
        .where(
            ContentRevision.module_id.in_(module_ids),
            ContentRevision.language == language,
            ContentRevision.status == RevisionStatus.PUBLISHED,
        )
        .group_by(ContentRevision.module_id)
    )
    rows = db.session.execute(
        select(ContentRevision.module_id, ContentRevision.title, ContentRevision.summary).where(
            ContentRevision.id.in_(newest)
        )
    )
    return {module_id: (title, summary) for module_id, title, summary in rows}


def _municipality_slug(municipality_id: int | None) -> str | None:
    if municipality_id is None:
        return None
    org = db.session.get(Organisation, municipality_id)
    return org.slug if org else None


# -- snippets ------------------------------------------------------------------------------

# A "word" of the original text for highlighting: anything between spaces and punctuation,
# so Arabic diacritics and Persian half-spaces stay inside the word they belong to.
_CHUNK_RE = re.compile(r"[^\s.,;:!?()\[\]{}\"«»“”/–—-]+")


@functools.lru_cache(maxsize=65536)
def _chunk_words(chunk: str, language: str) -> tuple[str, ...]:
    return tuple(norm.tokens(chunk, language))


def make_snippet(source: str, groups: list[TermGroup], language: str) -> tuple[str, Markup]:
    """A short passage of `source` around the first matched word: plain, and HTML with <mark>."""
    terms = [t for g in groups for t in g.terms]
    spans: list[tuple[int, int]] = []
    for match in _CHUNK_RE.finditer(source):
        if any(t.matches(word) for word in _chunk_words(match.group(), language) for t in terms):
            spans.append((match.start(), match.end()))
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


# -- indexing ------------------------------------------------------------------------------


def _revision_rows(revision: ContentRevision) -> list[SearchSection]:
    language = revision.language
    module_words = norm.index_text(f"{revision.title} {revision.summary}", language)
    rows = []
    for position, section in enumerate(split_sections(revision.body)):
        body = plain_text(section.markdown)
        title = section.title or revision.title
        rows.append(
            SearchSection(
                language=language,
                module_id=revision.module_id,
                revision_id=revision.id,
                position=position,
                anchor=section.anchor,
                section_title=title,
                text=body,
                title_norm=norm.index_text(title, language),
                module_norm=module_words,
                body_norm=norm.index_text(body, language),
            )
        )
    return rows


def _local_rows(section: LocalSection, module_title: str) -> list[SearchSection]:
    body = plain_text(section.body)
    return [
        SearchSection(
            language=section.language,
            module_id=section.module_id,
            local_section_id=section.id,
            municipality_id=section.municipality_id,
            position=1000 + section.id,
            anchor=section.anchor,
            section_title=section.title,
            text=body,
            title_norm=norm.index_text(section.title, section.language),
            module_norm=norm.index_text(module_title, section.language),
            body_norm=norm.index_text(body, section.language),
        )
    ]


def _write(rows: Iterable[SearchSection]) -> int:
    now = utcnow()
    count = 0
    for row in rows:
        row.indexed_at = now
        db.session.add(row)
        count += 1
    db.session.flush()
    engine().after_write(db.session)
    return count


def index_module(module: ContentModule, language: str) -> int:
    """Rebuild the index rows of one module in one language (regional text and local sections)."""
    db.session.execute(
        delete(SearchSection).where(SearchSection.module_id == module.id, SearchSection.language == language)
    )
    revision = get_published_revision(module, language)
    rows: list[SearchSection] = _revision_rows(revision) if revision else []
    title = revision.title if revision else module.slug
    for section in list_published_local_sections(module):
        if section.language == language:
            rows += _local_rows(section, title)
    return _write(rows)


def rebuild_index() -> int:
    """Rebuild the whole index from the current published revisions and local sections."""
    db.session.execute(delete(SearchSection))
    rows: list[SearchSection] = []
    titles: dict[tuple[int, str], str] = {}
    for revision in list_current_revisions():
        rows += _revision_rows(revision)
        titles[(revision.module_id, revision.language)] = revision.title
    for section in list_published_local_sections():
        rows += _local_rows(section, titles.get((section.module_id, section.language), ""))
    count = _write(rows)
    log.info("search index rebuilt", extra={"sections": count, "engine": engine().name})
    return count


def index_is_empty() -> bool:
    return not db.session.scalar(select(func.count(SearchSection.id)))
