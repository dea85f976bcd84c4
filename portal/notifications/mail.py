"""The e-mails: one per notification, or a daily digest; never any personal data, only a link.

An e-mail names the kind of event and links to the inbox. Not the person's name, not the case
number, not their language: mail passes through servers and mailboxes outside the portal's
access control and audit, so what it says must be safe to leak. A staff member opening the link
signs in with their second factor and is audited like any other access.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from contextlib import AbstractContextManager
from datetime import datetime

from flask import current_app, url_for
from flask_babel import gettext
from sqlalchemy import select, update

from portal.clients.mail import send_mail
from portal.extensions import db
from portal.i18n import in_language
from portal.local_time import STOCKHOLM
from portal.models import MailMode, NotificationKind, StaffNotification, StaffNotificationSetting, StaffUser, utcnow
from portal.notifications.inbox import kind_label, mail_mode_for

# Without PUBLIC_BASE_URL (a laptop, the tests) links point at the local portal.
LOCAL_BASE_URL = "http://127.0.0.1:5000"


def in_language_of(staff: StaffUser) -> AbstractContextManager[None]:
    """Write in the staff member's language (Swedish when it is unknown)."""
    return in_language(staff.language)


def _absolute(endpoint: str, **values: object) -> str:
    base = (current_app.config.get("PUBLIC_BASE_URL") or LOCAL_BASE_URL).rstrip("/")
    # A worker job has no request to build URLs from: a throwaway one gives the path.
    with current_app.test_request_context():
        return base + url_for(endpoint, **values)


def _footer() -> list[str]:
    return [
        "",
        gettext("This e-mail holds no personal data. Sign in to Ankomst to read more."),
        gettext("On your inbox page you can choose one e-mail a day, or none."),
    ]


def notification_mail(notification: StaffNotification) -> tuple[str, str]:
    """The subject and body of the e-mail for one notification, in the current locale."""
    label = kind_label(notification.kind)
    body = [
        label,
        "",
        gettext(
            "Open it in Ankomst: %(url)s", url=_absolute("staff.open_notification", notification_id=notification.id)
        ),
        *_footer(),
    ]
    return gettext("Ankomst: %(what)s", what=label), "\n".join(body)


def queue_mails(notification_ids: Iterable[int]) -> None:
    """Send each notification's e-mail as a worker job (now, inline, when there is no Redis)."""
    from portal.worker import enqueue

    for notification_id in notification_ids:
        enqueue(send_notification_mail, notification_id)


def send_notification_mail(notification_id: int) -> str:
    """Worker job: the e-mail for one notification, at most once, if its staff member wants one."""
    from portal.worker import job_context

    with job_context():
        notification = db.session.get(StaffNotification, notification_id)
        if notification is None or notification.read_at is not None:
            return "not-needed"
        if mail_mode_for(notification.staff) != MailMode.EACH:
            return "not-wanted"
        # Claim first, as reminders do: a retried or doubled job finds it mailed and stops.
        claimed = db.session.execute(
            update(StaffNotification)
            .where(StaffNotification.id == notification_id, StaffNotification.mailed_at.is_(None))
            .values(mailed_at=utcnow())
            .execution_options(synchronize_session=False)
        ).rowcount
        db.session.commit()
        if claimed != 1:
            return "already-mailed"
        staff = notification.staff
        with in_language_of(staff):
            subject, body = notification_mail(notification)
        send_mail(staff, subject, body)
        return "sent"


def digest_mail(counts: Counter[NotificationKind], staff: StaffUser) -> tuple[str, str]:
    """The subject and body of a daily digest, in the current locale: counts per kind and a link."""
    lines = [gettext("Unread in your Ankomst inbox:"), ""]
    for kind in NotificationKind:
        if counts.get(kind):
            lines.append(gettext("%(label)s: %(count)s", label=kind_label(kind), count=counts[kind]))
    lines += ["", gettext("Open it in Ankomst: %(url)s", url=_absolute("staff.inbox")), *_footer()]
    return gettext("Ankomst: your daily summary"), "\n".join(lines)


def send_digests(now: datetime | None = None) -> int:
    """Send today's digest to each staff member who chose one, once a day from the digest hour; return how many."""
    now = now or utcnow()
    local = now.astimezone(STOCKHOLM)
    if local.hour < int(current_app.config["NOTIFICATION_DIGEST_HOUR"]):
        return 0
    today = local.date()
    settings = db.session.scalars(
        select(StaffNotificationSetting).where(
            StaffNotificationSetting.mail_mode == MailMode.DAILY,
            (StaffNotificationSetting.last_digest_on.is_(None)) | (StaffNotificationSetting.last_digest_on < today),
        )
    ).all()
    sent = 0
    for setting in settings:
        setting.last_digest_on = today
        pending = db.session.scalars(
            select(StaffNotification).where(
                StaffNotification.staff_id == setting.staff_id,
                StaffNotification.read_at.is_(None),
                StaffNotification.mailed_at.is_(None),
            )
        ).all()
        from portal.notifications.inbox import visible

        staff = db.session.get(StaffUser, setting.staff_id)
        shown = [n for n in pending if staff is not None and visible(staff, n)]
        for n in pending:
            n.mailed_at = now
        db.session.commit()  # the day is taken before the mail goes: one digest a day at most
        if staff is None or not shown:
            continue
        with in_language_of(staff):
            subject, body = digest_mail(Counter(n.kind for n in shown), staff)
        send_mail(staff, subject, body, purpose="digest")
        sent += 1
    return sent
