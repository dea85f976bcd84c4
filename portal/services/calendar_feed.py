"""The newcomer's calendar feed (.ics) at a secret, revocable URL."""

from __future__ import annotations

import hashlib
import secrets
from datetime import date, timedelta

from flask_babel import force_locale
from icalendar import Calendar, Event

from portal.catalogues import activity_label
from portal.data.plans import active_calendar_feed, get_calendar_feed
from portal.extensions import db
from portal.languages import get_language
from portal.models import CalendarFeed, Person, Plan, utcnow
from portal.services.schedule import occurrences

FEED_PAST_DAYS = 14
FEED_FUTURE_DAYS = 180


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def create_feed(person: Person) -> str:
    """Revoke any old feed and return a new secret token (shown once, stored only as a hash)."""
    revoke_feed(person)
    token = secrets.token_urlsafe(24)
    db.session.add(CalendarFeed(person_id=person.id, token_hash=_digest(token)))
    db.session.commit()
    return token


def revoke_feed(person: Person) -> bool:
    feed = active_calendar_feed(person)
    if feed is None:
        return False
    feed.revoked_at = utcnow()
    db.session.commit()
    return True


def person_for_token(token: str) -> Person | None:
    feed = get_calendar_feed(_digest(token))
    if feed is None or feed.revoked_at is not None:
        return None
    return db.session.get(Person, feed.person_id)


def build_calendar(person: Person, plan: Plan | None, today: date) -> bytes:
    """The person's activities from two weeks back to six months ahead, titled in their language."""
    lang = get_language(person.preferred_language) or get_language("sv")
    cal = Calendar()
    cal.add("prodid", "-//Ankomst//Plan//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", "Ankomst")
    if plan is None or not plan.visible_to_newcomer:
        return cal.to_ical()
    with force_locale(lang.babel_locale):
        for occ in occurrences(
            plan.activities, today - timedelta(days=FEED_PAST_DAYS), today + timedelta(days=FEED_FUTURE_DAYS)
        ):
            event = Event()
            event.add("uid", f"activity-{occ.activity.id}-{(occ.moved_from or occ.day).isoformat()}@ankomst")
            event.add("summary", activity_label(occ.activity.type_key))
            event.add("dtstart", occ.starts_at)
            event.add("dtend", occ.ends_at)
            event.add("dtstamp", utcnow())
            if occ.activity.place:
                event.add("location", occ.activity.place)
            cal.add_component(event)
    cal.add_missing_timezones()
    return cal.to_ical()
