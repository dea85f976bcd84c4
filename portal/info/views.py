from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from portal.access import current_person
from portal.data.content import content_stamp, get_module, list_municipalities
from portal.data.feedback import record_feedback
from portal.extensions import limiter
from portal.forms import ConfirmForm
from portal.i18n import current_language
from portal.languages import get_language
from portal.models import Organisation
from portal.services.content import module_cards, module_for_reader, municipality_for_reader
from portal.services.fragments import cached, render_fragment
from portal.services.objections import stockholm_date
from portal.services.search import MAX_QUERY_CHARS, NONE, CivicAnswer, answer
from portal.services.search.unanswered import record_unanswered

bp = Blueprint("info", __name__, url_prefix="/info")


@bp.app_template_global()
def language_direction(code: str) -> str:
    """The writing direction of one of our languages, for `dir` on text in another language."""
    language = get_language(code)
    return language.direction if language else "ltr"


def _municipality() -> Organisation | None:
    person = current_person()
    return municipality_for_reader(request.args.get("kommun"), person.home_municipality if person else None)


# Reader pages change only when an editor publishes: their contents are cached per process,
# keyed by the content stamp, which every publication changes (portal.services.fragments).


@bp.get("/")
def index():
    language = current_language().code
    cards = cached(("module_cards", language, content_stamp()), lambda: module_cards(language))
    return render_template("info/index.html", cards=cards)


@bp.get("/search")
def search_page():
    query = request.args.get("q", "")[:MAX_QUERY_CHARS]
    municipality = _municipality()
    found, cards = None, []
    if query.strip():
        language, municipality_id = current_language().code, municipality.id if municipality else None
        found, cards = cached(
            ("search", query, language, municipality_id, content_stamp()),
            lambda: _search(query, language, municipality_id),
        )
        if found.confidence == NONE:
            record_unanswered(query, language)  # counted per search, so outside the page cache
    return render_template("info/search.html", q=query, found=found, cards=cards, municipality=municipality)


def _search(query: str, language: str, municipality_id: int | None) -> tuple[CivicAnswer, list]:
    found = answer(query, language, municipality_id=municipality_id, limit=5)
    # With no good answer the page offers every topic instead.
    return found, module_cards(language) if found.confidence == NONE else []


@bp.get("/<slug>")
def module(slug: str):
    municipality = _municipality()
    show_source = request.args.get("text") == "sv"
    key = (
        "module",
        slug,
        current_language().code,
        municipality.id if municipality else None,
        show_source,
        request.args.get("kommun"),  # kept in the page's links
        content_stamp(),
    )
    page = cached(key, lambda: _render_module(slug, municipality, show_source))
    if page is None:
        abort(404)
    # The feedback form is outside the cached body: its CSRF token is the reader's own.
    return render_template("info/module.html", page=page, slug=slug, feedback_form=ConfirmForm())


@bp.post("/<slug>/feedback")
@limiter.limit("30 per hour")
def feedback(slug: str):
    """'Was this page helpful?': one anonymous yes or no, counted per module and page language.

    Nothing about the reader is kept (not even the time of day); the limit per address only
    keeps one browser from flooding the counts.
    """
    if get_module(slug) is None:
        abort(404)
    if not ConfirmForm().validate_on_submit() or request.form.get("helpful") not in ("yes", "no"):
        abort(400)
    record_feedback(slug, current_language().code, request.form["helpful"] == "yes", stockholm_date())
    flash(_("Thank you. Your answer is counted, without your name."))
    return redirect(url_for("info.module", slug=slug, kommun=request.args.get("kommun") or None), 303)


def _render_module(slug: str, municipality: Organisation | None, show_source: bool) -> dict | None:
    view = module_for_reader(slug, current_language().code, municipality=municipality, show_source=show_source)
    if view is None:
        return None
    body = render_fragment(
        "info/_module_body.html", view=view, municipality=municipality, municipalities=list_municipalities()
    )
    # The body has its own notice about an unchecked or out-of-date translation; the footer's
    # general one would say the same again.
    notice = view.revision.language != "sv" and (view.state.is_stale or not view.state.is_reviewed)
    return {"title": view.revision.title, "body": body, "translation_notice": notice}
