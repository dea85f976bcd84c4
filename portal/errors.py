"""Friendly error pages in the reader's language; JSON for the APIs."""

from __future__ import annotations

import logging

from flask import Flask, jsonify, make_response, render_template, request
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import DBAPIError, OperationalError
from werkzeug.exceptions import HTTPException

from portal.extensions import db, login_manager

log = logging.getLogger(__name__)
_JSON_PREFIXES = ("/api/", "/internal/", "/webhooks/")


def init_app(app: Flask) -> None:
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(CSRFError, _csrf_error)
    app.register_error_handler(OperationalError, _database_down)
    # Runs before Flask-SQLAlchemy's own teardown (teardowns run in reverse order).
    app.teardown_appcontext(_end_session_on_a_lost_connection)


def _titles() -> dict[int, str]:
    return {
        400: _("Something in the request was wrong"),
        401: _("Please sign in"),
        403: _("You do not have access to this page"),
        404: _("We could not find that page"),
        405: _("That is not possible here"),
        413: _("What you sent is too large"),
        422: _("Please check what you wrote"),
        429: _("Too many attempts. Please wait a while and try again."),
        500: _("Something went wrong on our side"),
        503: _("Ankomst is not available just now. Please try again in a few minutes."),
    }


def _render(status: int, detail: str | None = None):
    title = _titles().get(status, _("Something went wrong on our side"))
    if request.path.startswith(_JSON_PREFIXES):
        return jsonify(error=_error_code(status), message=detail or title), status
    return render_template("error.html", status=status, title=title, detail=detail), status


def _error_code(status: int) -> str:
    return {401: "unauthorized", 403: "forbidden", 404: "not_found", 422: "invalid", 429: "rate_limited"}.get(
        status, "error" if status >= 500 else "bad_request"
    )


def _http_error(exc: HTTPException):
    status = exc.code or 500
    # Werkzeug's default English descriptions are not for readers; ours are translated strings.
    detail = exc.description if getattr(exc, "_ankomst_detail", False) or _is_ours(exc) else None
    return _render(status, detail)


def _is_ours(exc: HTTPException) -> bool:
    return exc.description is not None and exc.description != type(exc).description


def _csrf_error(exc: CSRFError):
    return _render(400, _("The form had expired. Please go back, reload the page and try again."))


def _database_down(exc: OperationalError):
    log.error("database unavailable", extra={"error": type(exc).__name__})
    try:
        db.session.rollback()
    except Exception:  # the connection itself may be gone; the page must still render
        log.debug("rollback failed while the database was down")
    # The signed-in person cannot be loaded without the database, and loading them again while
    # the page renders would fail once more and end in a bare 500: render the page as for a
    # visitor, in the language of the URL, the session's choice or Accept-Language.
    login_manager._update_request_context_with_user()
    response = make_response(_render(503))
    response.headers["Retry-After"] = "30"
    return response


def _end_session_on_a_lost_connection(exc: BaseException | None) -> None:
    """End the request's database session even if the database dropped its connection.

    The session rolls back at the end of every request. When PostgreSQL restarted while the
    request held a connection, that rollback raises after the page was made, and the reader
    would get a bare 500 instead of it. SQLAlchemy has already discarded the dead connection.
    """
    try:
        db.session.remove()
    except DBAPIError as error:
        if not error.connection_invalidated:
            raise
        log.warning("database connection lost at the end of a request")
        db.session.remove()
