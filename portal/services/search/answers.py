"""Answers, not just links: the one or two sentences of the best section that answer a question.

    answer("how do I get a personnummer", "en") -> CivicAnswer(confidence="confident", answer=...)

The assistant (GET /internal/v1/search) and the search page use it. The sentences are chosen
by the same index terms as the ranking: the sentence holding the most of the query's weight
(idf), and the one after it when that one alone is short or also answers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from flask import current_app

from portal.services.search.analysis import terms
from portal.services.search.ranking import TermGroup, language_index, prepare_query, search
from portal.services.search.results import NONE, SearchHit, SearchResults
from portal.services.search.written import prefer_written, read_in, written_language

# Without PUBLIC_BASE_URL (a laptop, the tests) links point at the local portal.
LOCAL_BASE_URL = "http://127.0.0.1:5000"
SHORT_SENTENCE = 80
# Sentence ends in our scripts: Latin and Cyrillic, Arabic question mark, Urdu/Pashto full
# stop, Ethiopic full stop and question mark; and every line break.
_SENTENCE_END = re.compile(r"(?<=[.!?؟۔።፧])\s+|\n+")


def absolute_url(path: str) -> str:
    """An absolute link to a portal page, on PUBLIC_BASE_URL."""
    base = current_app.config.get("PUBLIC_BASE_URL") or LOCAL_BASE_URL
    return base.rstrip("/") + path


@dataclass(frozen=True)
class Answer:
    title: str  # the section heading
    sentences: list[str]
    url: str  # absolute, at the section
    slug: str
    section_anchor: str
    language: str

    @property
    def text(self) -> str:
        return " ".join(self.sentences)

    def as_dict(self) -> dict[str, object]:
        return {
            "title": self.title,
            "text": self.text,
            "sentences": self.sentences,
            "url": self.url,
            "slug": self.slug,
            "section_anchor": self.section_anchor,
            "language": self.language,
        }


@dataclass(frozen=True)
class CivicAnswer:
    confidence: str
    answer: Answer | None
    results: SearchResults

    @property
    def fallback_language(self) -> str | None:
        return self.results.language if self.results.fell_back else None

    def as_dict(self) -> dict[str, object]:
        """The JSON of GET /internal/v1/search (docs/internal-api.md)."""
        return {
            "confidence": self.confidence,
            "answer": self.answer.as_dict() if self.answer else None,
            "results": [hit_dict(hit) for hit in self.results.hits],
            "fallback_language": self.fallback_language,
        }


def hit_dict(hit: SearchHit) -> dict[str, object]:
    """A result with its absolute URL and score."""
    return {**hit.as_dict(), "url": absolute_url(hit.url), "score": hit.score}


def answer(query: str, language: str, *, municipality_id: int | None = None, limit: int = 3) -> CivicAnswer:
    """Search, and take the sentences of the best section that answer the query.

    A question written in another of our languages is also searched in that language, and what
    it finds is read in `language` (written.py).
    """
    results = search(query, language, municipality_id=municipality_id, limit=limit)
    source = results  # the results whose language the query's words are in
    written = written_language(query, language)
    if written:
        theirs = search(query, written, municipality_id=municipality_id, limit=limit, fallback=False)
        if prefer_written(query, language, written, theirs, results):
            source, results = theirs, read_in(theirs, language)
    if results.confidence == NONE or not results.hits:
        return CivicAnswer(NONE, None, results)
    best = results.hits[0]
    text = language_index(results.language).row(best.section_id).text if best.section_id else best.snippet
    source_best = source.hits[0]
    source_text = language_index(source.language).row(source_best.section_id).text if source_best.section_id else text
    groups = prepare_query(source.query, source.language)
    chosen = best_sentence_places(source_text, groups, source.language)
    sentences = sentences_of(text)
    if source is not results and len(sentences_of(source_text)) != len(sentences):
        # The translation does not keep the source's sentences one to one: its opening says what
        # the section is about.
        chosen = [0, 1] if len(sentences) > 1 and len(sentences[0]) < SHORT_SENTENCE else [0]
    return CivicAnswer(
        results.confidence,
        Answer(
            title=best.section_title,
            sentences=[sentences[i] for i in chosen if i < len(sentences)],
            url=absolute_url(best.url),
            slug=best.slug,
            section_anchor=best.section_anchor,
            language=results.language,
        ),
        results,
    )


def sentences_of(text: str) -> list[str]:
    """The sentences of a section's plain text."""
    return [s.strip() for s in _SENTENCE_END.split(text or "") if s.strip()]


def best_sentences(text: str, groups: list[TermGroup], language: str) -> list[str]:
    """The sentence that holds most of the query, and the next one when it helps; at most two."""
    sentences = sentences_of(text)
    return [sentences[i] for i in best_sentence_places(text, groups, language)]


def best_sentence_places(text: str, groups: list[TermGroup], language: str) -> list[int]:
    """Where in the section's sentences `best_sentences` finds its one or two (0-based)."""
    sentences = sentences_of(text)
    if not sentences:
        return []
    index = language_index(language)
    weights = [(dict(g.alternatives), g) for g in groups]

    def score(sentence: str) -> float:
        present = set(terms(sentence, language))
        total = 0.0
        for alternatives, _group in weights:
            total += max((w * index.idf(t) for t, w in alternatives.items() if t in present), default=0.0)
        return total

    scores = [score(s) for s in sentences]
    best = max(range(len(sentences)), key=lambda i: (scores[i], -i))
    chosen = [best]
    following = best + 1
    if following < len(sentences) and (len(sentences[best]) < SHORT_SENTENCE or scores[following] > 0):
        chosen.append(following)
    return chosen
