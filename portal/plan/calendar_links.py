"""The page a phone opens from the calendar QR code: the ways to add the feed, nothing else.

Its own module because it is a page of its own: reached without signing in (the token in the
URL is the secret, as for the feed itself, and the page shows no more than the feed does:
less, only links).
"""

from __future__ import annotations

from flask import abort, make_response, render_template

from portal.extensions import limiter
from portal.i18n import current_language
from portal.plan.views import bp
from portal.services import calendar_feed


@bp.get("/calendar/<token>/add")
@limiter.limit("60 per minute")
def add_to_calendar(token: str):
    """Add the feed of `token` to this phone's calendar: subscribe links and the URL to copy."""
    if calendar_feed.person_for_token(token) is None:
        abort(404)
    links = calendar_feed.subscription_links(token, current_language().code)
    response = make_response(render_template("plan/add_to_calendar.html", links=links))
    response.headers["Cache-Control"] = "no-store"  # the page carries the secret link
    return response
