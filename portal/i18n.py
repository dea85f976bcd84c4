"""Choosing the locale for a request, and the language helpers templates use."""

from __future__ import annotations

from flask import Flask, abort, g, request, session
from flask_babel import gettext
from flask_login import current_user

from portal.languages import BY_CODE, DEFAULT_LANGUAGE, Language, get_language, negotiate
from portal.urls import AUTHENTICATED_FIRST

SESSION_KEY = "lang"


def init_app(app: Flask) -> None:
    app.before_request(_reject_unknown_language_in_url)


# On the JSON API `lang` is a parameter of one call, never a remembered choice.
_NOT_REMEMBERED = ("/api/", *AUTHENTICATED_FIRST)


def _reject_unknown_language_in_url() -> None:
    code = request.args.get("lang")
    if code is None or request.path.startswith(AUTHENTICATED_FIRST):
        return
    if get_language(code) is None:
        g.language = BY_CODE[DEFAULT_LANGUAGE]
        abort(400, description=gettext("That language is not available. Please choose one from the list."))
    if not request.path.startswith(_NOT_REMEMBERED):
        remember_choice(code)  # a language in the URL is an explicit choice and sticks


def current_language() -> Language:
    """The language of this request, chosen once and cached on `g`."""
    if "language" not in g:
        g.language = _choose_language()
    return g.language


def select_locale() -> str:
    """Flask-Babel's locale selector."""
    return current_language().babel_locale


def _choose_language() -> Language:
    # 1. URL or explicit choice this session.
    for code in (request.args.get("lang"), session.get(SESSION_KEY)):
        lang = get_language(code)
        if lang:
            return lang
    # 2. The signed-in person's stored preference (staff have one too).
    user = current_user if _has_user() else None
    if user is not None and getattr(user, "is_authenticated", False):
        stored = getattr(user, "preferred_language", None) or getattr(user, "language", None)
        lang = get_language(stored)
        if lang:
            return lang
    # 3. Accept-Language, in the device's order, knowing every spelling of our languages.
    lang = negotiate(request.accept_languages)
    if lang:
        return lang
    # 4. Swedish; but a browser that asked for languages we do not serve is shown the language
    # chooser first, since "Svenska" is no better a guess than any other of the twelve.
    g.language_unmatched = any(tag != "*" for tag, quality in request.accept_languages if quality > 0)
    return BY_CODE[DEFAULT_LANGUAGE]


def language_unmatched() -> bool:
    """Tell whether this request fell back to Swedish although the browser asked for other languages."""
    current_language()
    return g.get("language_unmatched", False)


def _has_user() -> bool:
    # The locale can be needed while the user itself is being loaded; avoid recursion.
    return not g.get("_loading_user", False)


def remember_choice(code: str) -> Language | None:
    """Store an explicit language choice in the browser session."""
    lang = get_language(code)
    if lang:
        session[SESSION_KEY] = lang.code
        g.language = lang
    return lang
