"""The full-text engines behind one interface: SQLite FTS5 and PostgreSQL tsvector."""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.orm import Session

from portal.extensions import db
from portal.services.search.analysis import TermGroup

# How much a match counts in each part of a section (heading, module title+summary, text).
TITLE_WEIGHT = 4.0
MODULE_WEIGHT = 2.0
BODY_WEIGHT = 1.0


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
