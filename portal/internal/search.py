"""GET /internal/v1/search: the assistant's civic answers come from the same search as the portal.

The answer is the one or two sentences of the best section (services.search.answers), with
how sure search is of it: "confident" (say it), "middling" (offer the two or three topics),
"none" (say so and offer a person). Swedish results are flagged in `fallback_language`.
A question typed in another of our languages than `lang` is also searched in that language and
answered from the same sections in `lang` (services/search/written.py).
"""

from __future__ import annotations

from flask import abort, jsonify, request

from portal.internal.base import bp
from portal.languages import get_language
from portal.services.search import MAX_QUERY_CHARS, NONE, answer
from portal.services.search.unanswered import record_unanswered


@bp.get("/search")
def search_content():
    language = get_language(request.args.get("lang", "sv"))
    if language is None:
        abort(422)
    try:
        limit = int(request.args.get("limit", "3")) or 3
    except ValueError:
        abort(422)
    query = request.args.get("q", "")[:MAX_QUERY_CHARS]
    found = answer(query, language.code, limit=max(1, min(limit, 10)))
    if found.confidence == NONE:
        record_unanswered(query, language.code)
    return jsonify(found.as_dict())
