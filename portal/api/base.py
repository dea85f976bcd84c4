"""The /api/v1 blueprint: JSON only, no cookies needed, so CSRF does not apply."""

from __future__ import annotations

from flask import Blueprint, jsonify

from portal.api.openapi import build_spec
from portal.extensions import csrf

bp = Blueprint("api", __name__, url_prefix="/api/v1")
csrf.exempt(bp)


@bp.get("/openapi.json")
def openapi():
    return jsonify(build_spec())


def language_param(value: str | None) -> str:
    """The `lang` query parameter as one of our codes, or the request's language.

    An unknown code never gets this far: portal.i18n answers 400 for it.
    """
    from portal.i18n import current_language
    from portal.languages import get_language

    language = get_language(value) if value else None
    return (language or current_language()).code
