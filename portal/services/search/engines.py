"""The full-text stores behind one interface: SQLite FTS5 and PostgreSQL tsvector.

Both hold the analysed terms of each section (analysis.py) and answer one question: which
sections of a language, visible in a municipality, contain any of these terms. Ranking is
done once, in ranking.py with bm25s, so both databases rank alike and one score threshold
fits both.
"""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.orm import Session

from portal.extensions import db


class _Engine:
    name = "engine"

    def after_write(self, session: Session) -> None:
        raise NotImplementedError

    def matching_sections(
        self, session: Session, terms: list[str], language: str, municipality_id: int | None
    ) -> set[int]:
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
            # Analysis runs before FTS5 sees the text, so its tokenizer only splits on spaces
            # and must not fold anything further.
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

    def matching_sections(self, session, terms, language, municipality_id):
        if not terms:
            return set()
        self.ensure_table(session)
        # Terms hold only letters and digits (analysis.words), so quoting them is enough.
        match = " OR ".join(f'"{term}"' for term in terms)
        rows = session.execute(
            text(
                # The full-text match first, on its own: joined, SQLite plans it ten times slower.
                "SELECT id FROM search_section WHERE id IN "
                "(SELECT rowid FROM search_section_fts WHERE search_section_fts MATCH :match) "
                "AND language = :language AND (municipality_id IS NULL OR municipality_id = :municipality)"
            ),
            {"match": match, "language": language, "municipality": _municipality(municipality_id)},
        )
        return {row_id for (row_id,) in rows}


class PostgresFts(_Engine):
    """A tsvector column ('simple' configuration over the analysed terms) with a GIN index."""

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

    def matching_sections(self, session, terms, language, municipality_id):
        if not terms:
            return set()
        rows = session.execute(
            text(
                "SELECT id FROM search_section "
                "WHERE language = :language AND (municipality_id IS NULL OR municipality_id = :municipality) "
                "AND search_vector @@ to_tsquery('simple', CAST(:query AS text))"
            ),
            {
                "language": language,
                "municipality": _municipality(municipality_id),
                "query": " | ".join(f"'{term}'" for term in terms),
            },
        )
        return {row_id for (row_id,) in rows}


def _municipality(municipality_id: int | None) -> int:
    return municipality_id if municipality_id is not None else -1


def engine() -> _Engine:
    """The engine for the database in use."""
    return PostgresFts() if db.engine.dialect.name == "postgresql" else SqliteFts5()
