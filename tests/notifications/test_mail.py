"""E-mails: one per notification at most, a daily digest at its hour, or none, as each staff member chose."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from portal import notifications
from portal.extensions import db
from portal.models import MailMessage, MailMode, StaffNotification
from portal.notifications.mail import send_digests, send_notification_mail
from tests.factories import create_handoff, create_objection
from tests.notifications.conftest import T0

# 06:30 and 07:30 in Stockholm (UTC+1 in December): either side of the default digest hour.
BEFORE_DIGEST = datetime(2026, 12, 8, 5, 30, tzinfo=UTC)
AFTER_DIGEST = datetime(2026, 12, 8, 6, 30, tzinfo=UTC)


def _mails(staff) -> list[MailMessage]:
    return list(db.session.scalars(select(MailMessage).where(MailMessage.staff_id == staff.id)))


def test_an_email_is_sent_at_most_once_for_a_notification(app, person, caseworker):
    create_objection(person)
    (told,) = db.session.scalars(select(StaffNotification)).all()
    assert told.mailed_at is not None
    assert send_notification_mail(told.id) == "already-mailed"
    assert len(_mails(caseworker)) == 1


def test_a_notification_read_before_its_email_goes_needs_none(app, person, caseworker):
    notifications.set_mail_mode(caseworker, MailMode.OFF)
    create_objection(person)
    (told,) = db.session.scalars(select(StaffNotification)).all()
    notifications.set_mail_mode(caseworker, MailMode.EACH)
    notifications.mark_all_read(caseworker)
    assert send_notification_mail(told.id) == "not-needed"
    assert _mails(caseworker) == []


def test_no_email_for_someone_who_chose_none(app, person, caseworker):
    notifications.set_mail_mode(caseworker, MailMode.OFF)
    create_objection(person, now=T0)
    notifications.sweep(T0 + timedelta(days=20))
    assert _mails(caseworker) == []
    assert len(db.session.scalars(select(StaffNotification)).all()) == 2  # the inbox still has them


def test_the_daily_digest_comes_once_a_day_from_its_hour_with_counts_only(app, person, caseworker):
    notifications.set_mail_mode(caseworker, MailMode.DAILY)
    caseworker.language = "en"
    db.session.commit()
    create_objection(person)
    create_handoff(person)
    assert _mails(caseworker) == []  # nothing at once
    assert send_digests(BEFORE_DIGEST) == 0
    assert send_digests(AFTER_DIGEST) == 1
    assert send_digests(AFTER_DIGEST + timedelta(hours=3)) == 0  # once a day
    (mail,) = _mails(caseworker)
    assert mail.purpose == "digest" and mail.subject == "Ankomst: your daily summary"
    assert "A new objection: 1" in mail.body and "A newcomer asks to talk to a person: 1" in mail.body
    assert person.name not in mail.body and "/staff/inbox" in mail.body
    assert send_digests(AFTER_DIGEST + timedelta(days=1)) == 0  # nothing new since: no empty digest


def test_the_digest_hour_is_configurable(app, person, caseworker):
    notifications.set_mail_mode(caseworker, MailMode.DAILY)
    create_objection(person)
    original = app.config["NOTIFICATION_DIGEST_HOUR"]
    app.config["NOTIFICATION_DIGEST_HOUR"] = 8
    try:
        assert send_digests(AFTER_DIGEST) == 0
    finally:
        app.config["NOTIFICATION_DIGEST_HOUR"] = original
    assert send_digests(AFTER_DIGEST) == 1
