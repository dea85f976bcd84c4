from __future__ import annotations

from flask import Blueprint, abort, render_template, request

from portal.access import current_person
from portal.data.content import list_municipalities
from portal.i18n import current_language
from portal.languages import get_language
from portal.models import Organisation
from portal.services.content import module_cards, module_for_reader, municipality_for_reader
from portal.services.search import MAX_QUERY_CHARS, search

bp = Blueprint("info", __name__, url_prefix="/info")


@bp.app_template_global()
def language_direction(code: str) -> str:
    """The writing direction of one of our languages, for `dir` on text in another language."""
    language = get_language(code)
    return language.direction if language else "ltr"


def _municipality() -> Organisation | None:
    person = current_person()
    return municipality_for_reader(request.args.get("kommun"), person.home_municipality if person else None)


@bp.get("/")
def index():
    return render_template("info/index.html", cards=module_cards(current_language().code))


@bp.get("/search")
def search_page():
    query = request.args.get("q", "")[:MAX_QUERY_CHARS]
    municipality = _municipality()
    results = None
    if query.strip():
        results = search(query, current_language().code, municipality_id=municipality.id if municipality else None)
    return render_template("info/search.html", q=query, results=results, municipality=municipality)


@bp.get("/<slug>")
def module(slug: str):
    municipality = _municipality()
    view = module_for_reader(
        slug, current_language().code, municipality=municipality, show_source=request.args.get("text") == "sv"
    )
    if view is None:
        abort(404)
    return render_template(
        "info/module.html", view=view, municipality=municipality, municipalities=list_municipalities()
    )
