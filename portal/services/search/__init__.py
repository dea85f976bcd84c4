"""Search over the published civic information, and answers drawn from it.

    search("var finns vårdcentralen", "sv", municipality_id=...) -> SearchResults
    answer("how do I get a personnummer", "en") -> CivicAnswer

- analysis.py: words → index terms (PyStemmer Snowball stemmers, a documented rule set for
  the languages Snowball lacks, stop words from stopwords.py, folding from
  portal.content.normalise).
- engines.py: SQLite FTS5 and PostgreSQL tsvector, the stores behind one interface; they pick
  the candidate sections.
- ranking.py: BM25 per field with bm25s (heading, the section's questions, text, module),
  typo repair with rapidfuzz, one hit per module, confidence, the Swedish fallback.
- topics.py: which module a question is about as a whole (scikit-learn: character n-gram
  TF-IDF and Complement Naive Bayes, trained on the content); it orders the results after
  the first.
- answers.py: the one or two sentences of the best section that answer the question.
- indexing.py: the index rows, rebuilt when text is published.

The portal's search page, the public API and the assistant (GET /internal/v1/search) all
use these functions; bench/search_quality measures them per language.
"""

from __future__ import annotations

from portal.services.search.analysis import MAX_QUERY_CHARS
from portal.services.search.answers import CivicAnswer, answer
from portal.services.search.engines import PostgresFts, SqliteFts5, engine
from portal.services.search.indexing import index_is_empty, index_module, rebuild_index
from portal.services.search.ranking import prepare_query, search, warm
from portal.services.search.results import CONFIDENT, MIDDLING, NONE, SearchHit, SearchResults
from portal.services.search.snippets import make_snippet

__all__ = [
    "CONFIDENT",
    "MAX_QUERY_CHARS",
    "MIDDLING",
    "NONE",
    "CivicAnswer",
    "answer",
    "PostgresFts",
    "SearchHit",
    "SearchResults",
    "SqliteFts5",
    "engine",
    "index_is_empty",
    "index_module",
    "make_snippet",
    "prepare_query",
    "rebuild_index",
    "search",
    "warm",
]
