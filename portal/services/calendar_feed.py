"""The newcomer's calendar feed (.ics) at a secret, revocable URL."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import date, timedelta
from urllib.parse import quote

from flask import current_app, url_for
from icalendar import Alarm, Calendar, Event

from portal.catalogues import activity_label
from portal.data.plans import active_calendar_feed, get_calendar_feed
from portal.extensions import db
from portal.i18n import in_language
from portal.models import CalendarFeed, Person, Plan, utcnow
from portal.reminders.preferences import setting_for
from portal.reminders.timing import ReminderRules, alarm_triggers
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


@dataclass(frozen=True)
class SubscriptionLinks:
    """The ways to put one feed into a calendar app."""

    feed: str  # https://…/calendar/<token>.ics: to copy into any calendar app
    webcal: str  # webcal://…: iPhone, iPad, Mac, Outlook and most desktop apps subscribe on a tap
    google: str  # Google Calendar's subscribe page: the way on Android, which has no webcal handler
    phone_page: str  # a page with these links, for a phone to open from the QR code


def subscription_links(token: str, language: str) -> SubscriptionLinks:
    """The links for the feed of `token`; the phone page opens in `language`."""
    feed = url_for("plan.feed", token=token, _external=True)
    webcal = "webcal://" + feed.split("://", 1)[1]
    return SubscriptionLinks(
        feed=feed,
        webcal=webcal,
        google="https://calendar.google.com/calendar/render?cid=" + quote(webcal, safe=""),
        phone_page=url_for("plan.add_to_calendar", token=token, lang=language, _external=True),
    )


def token_of_feed_url(url: str) -> str:
    """The token in a feed URL made by `subscription_links` (…/calendar/<token>.ics)."""
    return url.rstrip("/").rsplit("/", 1)[-1].removesuffix(".ics")


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
    cal = Calendar()
    cal.add("prodid", "-//Ankomst//Plan//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", "Ankomst")
    if plan is None or not plan.visible_to_newcomer:
        return cal.to_ical()
    # Alarms at the moments the SMS reminders come (the person's own choice), so a calendar app
    # reminds the same way; reminders turned off means no alarms. STOP is about our messages,
    # not the person's own calendar, so it leaves the alarms as they are.
    setting = setting_for(person)
    rules = ReminderRules.from_config(current_app.config)
    with in_language(person.preferred_language):
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
            for trigger in alarm_triggers(occ.starts_at, setting, rules) if setting.enabled else ():
                alarm = Alarm()
                alarm.add("action", "DISPLAY")
                alarm.add("description", activity_label(occ.activity.type_key))
                alarm.add("trigger", trigger)
                event.add_component(alarm)
            cal.add_component(event)
    cal.add_missing_timezones()
    return cal.to_ical()
