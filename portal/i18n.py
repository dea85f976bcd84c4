"""Choosing the locale for a request, and the language helpers templates use."""

from __future__ import annotations

import re
from contextlib import AbstractContextManager

from babel import localedata
from babel.dates import parse_pattern
from flask import Flask, abort, g, request, session
from flask_babel import force_locale, gettext
from flask_login import current_user

from portal.languages import BY_CODE, DEFAULT_LANGUAGE, Language, get_language, negotiate
from portal.urls import AUTHENTICATED_FIRST

SESSION_KEY = "lang"


def in_language(code: str | None) -> AbstractContextManager[None]:
    """Write in the language `code` for a block (an SMS, an e-mail, an assistant reply): the one
    wrapper of flask_babel.force_locale. An unknown or missing code writes in the default language.
    """
    lang = get_language(code) or BY_CODE[DEFAULT_LANGUAGE]
    return force_locale(lang.babel_locale)


def init_app(app: Flask) -> None:
    app.before_request(_reject_unknown_language_in_url)
    drop_year_abbreviation()


# CLDR's Ukrainian and Russian dates end in an abbreviated "year" ("21 грудня 2026 р.", "г."),
# so every sentence that ends with a date ends in two periods ("... до 21 грудня 2026 р..").
# Running text writes the date without it, so the patterns lose it here, once, for every
# channel: pages, SMS and the assistant's texts all format dates through Babel.
_YEAR_ABBREVIATION = re.compile(r"[\s\u202f]*'[^']*'\.$")
_WITHOUT_YEAR_ABBREVIATION = ("uk", "ru")


def drop_year_abbreviation() -> None:
    """Take the trailing "р." / "г." off Babel's Ukrainian and Russian date patterns (idempotent)."""
    for code in _WITHOUT_YEAR_ABBREVIATION:
        # localedata.load caches the parsed CLDR data per locale: a change here is seen by every
        # later format_date in the process.
        formats = localedata.load(code)["date_formats"]
        for width in ("full", "long", "medium", "short"):
            pattern = str(formats[width].pattern)
            if _YEAR_ABBREVIATION.search(pattern):
                formats[width] = parse_pattern(_YEAR_ABBREVIATION.sub("", pattern))


# On the JSON API `lang` is a parameter of one call, never a remembered choice.
_NOT_REMEMBERED = ("/api/", *AUTHENTICATED_FIRST)


def _reject_unknown_language_in_url() -> None:
    code = request.args.get("lang")
    if code is None or request.path.startswith(AUTHENTICATED_FIRST):
        return
    if get_language(code) is None:
        g.language = BY_CODE[DEFAULT_LANGUAGE]
        abort(400, description=gettext("That language is not available. Please choose one from the list."))
    if request.path.startswith(_NOT_REMEMBERED):
        return
    if getattr(current_user, "kind", None) == "staff":
        # Staff open reader pages in other languages to check them ("Reader page" in the
        # editor); the URL's language is this page's only, their own is chosen in the menu.
        return
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
