"""Civic information in the public API: modules, one module in a language, search."""

from __future__ import annotations

from flask import abort, jsonify, request, url_for

from portal.api.base import bp, language_param
from portal.extensions import limiter
from portal.services.content import module_cards, module_for_reader, public_review_status
from portal.services.search import MAX_QUERY_CHARS, search


@bp.get("/modules")
def list_modules():
    language = language_param(request.args.get("lang"))
    cards = module_cards(language)
    return jsonify(
        language=language,
        modules=[
            {
                "slug": card.slug,
                "title": card.title,
                "summary": card.summary,
                "language": card.language,
                "fallback": card.fallback,
                "icon": card.icon,
                "url": url_for("info.module", slug=card.slug),
            }
            for card in cards
        ],
    )


@bp.get("/modules/<slug>")
def get_module(slug: str):
    language = language_param(request.args.get("lang"))
    view = module_for_reader(slug, language)
    if view is None:
        abort(404)
    revision = view.revision
    return jsonify(
        slug=view.module.slug,
        requested_language=language,
        language=revision.language,
        fallback=view.fallback,
        status=view.state.status.value,
        review_status=public_review_status(revision),
        source_revision=revision.source_revision,
        title=revision.title,
        summary=revision.summary,
        last_updated=revision.last_updated.isoformat(),
        url=url_for("info.module", slug=view.module.slug),
        introduction=str(view.intro.html) if view.intro else None,
        sections=[{"anchor": s.anchor, "title": s.title, "html": str(s.html)} for s in view.sections],
        related=[card.slug for card in view.related],
    )


@bp.get("/search")
@limiter.limit("120 per minute")
def search_content():
    query = request.args.get("q", "")[:MAX_QUERY_CHARS]
    language = language_param(request.args.get("lang"))
    try:
        limit = int(request.args.get("limit", "10")) or 10
    except ValueError:
        abort(400)
    results = search(query, language, limit=max(1, min(limit, 20)))
    return jsonify(
        query=results.query,
        requested_language=results.requested_language,
        language=results.language,
        fallback=results.fell_back,
        confidence=results.confidence,
        results=[hit.as_dict() for hit in results.hits],
    )
