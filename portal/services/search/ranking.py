"""Searching: ranked sections grouped into one hit per module, with a Swedish fallback."""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import func, select

from portal.extensions import db
from portal.languages import SOURCE_LANGUAGE
from portal.models import ContentModule, ContentRevision, Organisation, RevisionStatus, SearchSection
from portal.services.search.analysis import MAX_QUERY_CHARS, prepare_query
from portal.services.search.engines import engine
from portal.services.search.results import SearchHit, SearchResults
from portal.services.search.snippets import make_snippet

# How much the other matching sections of a module add to its best section.
OTHER_SECTIONS_WEIGHT = 0.25


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
