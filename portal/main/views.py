from __future__ import annotations

from flask import Blueprint, abort, current_app, jsonify, redirect, render_template, url_for
from flask_babel import format_timedelta
from flask_babel import gettext as _
from sqlalchemy import text

from portal.access import current_person
from portal.extensions import db
from portal.forms import ConfirmForm
from portal.i18n import remember_choice
from portal.languages import LANGUAGES, get_language
from portal.models.base import utcnow
from portal.services import people
from portal.services.plan_text import map_url
from portal.services.start_page import start_page_for
from portal.urls import requested_next

bp = Blueprint("main", __name__)


@bp.get("/")
def home():
    """The generic home page; a signed-in newcomer's home is their own start page."""
    person = current_person()
    if person is None:
        return render_template("main/home.html")
    return render_template("main/start.html", start=start_page_for(person, utcnow()), map_url=map_url)


@bp.get("/privacy")
def privacy():
    """The privacy notice: what is kept, why, for how long, who sees it and the person's rights."""
    return render_template("main/privacy.html", periods=_retention_periods())


def _retention_periods() -> dict[str, str]:
    # Read from the config the retention job uses, so the notice never disagrees with the code;
    # counted in days (CLDR plurals), not rounded to months or years.
    periods = current_app.config["RETENTION_PERIODS"]
    return {name: format_timedelta(period, granularity="day", threshold=10**6) for name, period in periods.items()}


@bp.get("/language")
def language_picker():
    return render_template(
        "main/language.html",
        languages=LANGUAGES,
        next=requested_next(),
        form=ConfirmForm(),
        stores_preference=current_person() is not None,
    )


@bp.get("/language/<code>")
def choose_language(code: str):
    """Change the page language only: a link (even a cross-site one) never changes what is stored."""
    nxt = requested_next()
    _known_language(code)
    remember_choice(code)
    return redirect(nxt or url_for("main.home"))


@bp.post("/language/<code>")
def store_language(code: str):
    """A signed-in newcomer's choice (a form with CSRF) becomes their stored preference, SMS too."""
    nxt = requested_next()
    _known_language(code)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    lang = remember_choice(code)
    person = current_person()
    if person is not None:
        people.set_preferred_language(person, lang.code)
    return redirect(nxt or url_for("main.home"))


def _known_language(code: str) -> None:
    if get_language(code) is None:
        abort(404, description=_("That language is not available. Please choose one from the list."))


@bp.get("/healthz")
def healthz():
    try:
        db.session.execute(text("SELECT 1"))
    except Exception:  # any database failure means "not healthy"; details stay in the logs
        db.session.rollback()
        return jsonify(status="error", database="unreachable"), 503
    return jsonify(status="ok", database="ok")
