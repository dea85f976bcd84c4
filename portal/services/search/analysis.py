"""The prepared query: typed words to weighted groups of index terms (stemming, repairs, IDF)."""

from __future__ import annotations

import bisect
import math
from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import func, select

from portal.content import normalise as norm
from portal.extensions import db
from portal.models import SearchSection

MAX_QUERY_WORDS = 12
MAX_QUERY_CHARS = 200


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
