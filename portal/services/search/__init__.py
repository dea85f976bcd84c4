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

from portal.services.search.analysis import MAX_QUERY_CHARS, prepare_query
from portal.services.search.engines import PostgresFts, SqliteFts5, engine
from portal.services.search.indexing import index_is_empty, index_module, rebuild_index
from portal.services.search.ranking import search
from portal.services.search.results import SearchHit, SearchResults
from portal.services.search.snippets import make_snippet

__all__ = [
    "MAX_QUERY_CHARS",
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
]
