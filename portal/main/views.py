from __future__ import annotations

from flask import Blueprint, abort, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import text

from portal.extensions import db
from portal.i18n import remember_choice
from portal.languages import LANGUAGES, get_language
from portal.urls import safe_next

bp = Blueprint("main", __name__)


@bp.get("/")
def home():
    return render_template("main/home.html")


@bp.get("/language")
def language_picker():
    return render_template("main/language.html", languages=LANGUAGES, next=safe_next(request.args.get("next")))


@bp.get("/language/<code>")
def choose_language(code: str):
    if get_language(code) is None:
        abort(404, description=_("That language is not available. Please choose one from the list."))
    lang = remember_choice(code)
    if current_user.is_authenticated and getattr(current_user, "kind", None) == "newcomer":
        # An explicit choice by the newcomer becomes their stored preference (SMS too).
        current_user.preferred_language = lang.code
        db.session.commit()
    return redirect(safe_next(request.args.get("next")) or url_for("main.home"))


@bp.get("/healthz")
def healthz():
    try:
        db.session.execute(text("SELECT 1"))
    except Exception:  # any database failure means "not healthy"; details stay in the logs
        db.session.rollback()
        return jsonify(status="error", database="unreachable"), 503
    return jsonify(status="ok", database="ok")
