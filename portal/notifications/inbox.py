"""A staff member's inbox: what they may see of their notifications, read state, their e-mail choice."""

from __future__ import annotations

from flask import url_for
from flask_babel import gettext
from sqlalchemy import func, or_, select, update
from sqlalchemy.orm import selectinload

from portal.data.people import can_see_person, visible_org_ids
from portal.extensions import db
from portal.models import (
    MailMode,
    NotificationKind,
    Person,
    Role,
    StaffNotification,
    StaffNotificationSetting,
    StaffUser,
    utcnow,
)
from portal.services import audit

INBOX_LIMIT = 200


def kind_label(kind: NotificationKind) -> str:
    """What happened, in the current locale (also an e-mail's whole message)."""
    return {
        NotificationKind.NEW_OBJECTION: gettext("A new objection"),
        NotificationKind.HANDOFF: gettext("A newcomer asks to talk to a person"),
        NotificationKind.OBJECTION_DUE: gettext("An objection is due for a decision soon"),
        NotificationKind.OBJECTION_OVERDUE: gettext("An objection is past its deadline"),
        NotificationKind.ESCALATION: gettext("An objection for independent review"),
    }[kind]


def for_reviewer(notification: StaffNotification) -> bool:
    """The notification is about the independent review (the reviewer's pages, not the caseworker's)."""
    return notification.kind == NotificationKind.ESCALATION or ":review:" in notification.subject_key


def _reviewer_kind():
    return or_(
        StaffNotification.kind == NotificationKind.ESCALATION, StaffNotification.subject_key.contains(":review:")
    )


def visible(staff: StaffUser, notification: StaffNotification, org_ids: set[int] | None = None) -> bool:
    """The staff member may still see what it is about (a person may have moved since).

    `org_ids` is visible_org_ids(staff), when the caller checks many notifications at once.
    """
    if notification.staff_id != staff.id:
        return False
    if for_reviewer(notification):
        from portal.services.objections import is_independent, reviewer_covers

        objection = notification.objection
        return objection is not None and reviewer_covers(staff, objection) and is_independent(staff, objection)
    if org_ids is None:
        return can_see_person(staff, notification.person)
    return notification.person.responsible_org_id in org_ids


def inbox_for(staff: StaffUser) -> list[StaffNotification]:
    """The staff member's notifications they may see, unread first, newest first; audited."""
    rows = db.session.scalars(
        select(StaffNotification)
        .where(StaffNotification.staff_id == staff.id)
        .options(
            selectinload(StaffNotification.person),
            selectinload(StaffNotification.objection),
            selectinload(StaffNotification.handoff),
        )
        .order_by(
            StaffNotification.read_at.is_not(None), StaffNotification.created_at.desc(), StaffNotification.id.desc()
        )
        .limit(INBOX_LIMIT)
    ).all()
    org_ids = visible_org_ids(staff, Role.CASEWORKER)
    shown = [n for n in rows if visible(staff, n, org_ids)]
    audit.record("notification.list", object_type="notification", actor=staff, count=len(shown))
    db.session.commit()
    return shown


def unread_count(staff: StaffUser) -> int:
    """How many unread notifications the staff member may see (the header's count, on every page).

    One count for the caseworker's notifications, whatever their number; the few a reviewer has
    are checked one by one (independence is not a query).
    """
    unread = (StaffNotification.staff_id == staff.id, StaffNotification.read_at.is_(None))
    org_ids = visible_org_ids(staff, Role.CASEWORKER)
    count = 0
    if org_ids:
        count = db.session.scalar(
            select(func.count())
            .select_from(StaffNotification)
            .join(Person, Person.id == StaffNotification.person_id)
            .where(*unread, ~_reviewer_kind(), Person.responsible_org_id.in_(org_ids))
        )
    if staff.has_role(Role.REVIEWER):
        rows = db.session.scalars(select(StaffNotification).where(*unread, _reviewer_kind()).limit(INBOX_LIMIT))
        count += sum(1 for n in rows if visible(staff, n))
    return int(count or 0)


def target_url(notification: StaffNotification) -> str:
    """Where opening a notification leads: the case, the review, or the list of requests."""
    if notification.kind == NotificationKind.HANDOFF:
        return url_for("staff.handoff_requests")
    objection = notification.objection
    if objection is None:
        return url_for("staff.person", person_id=notification.person_id)
    endpoint = "casework.review_case" if for_reviewer(notification) else "casework.case"
    return url_for(endpoint, case=objection.display_case_number)


def open_notification(staff: StaffUser, notification_id: int) -> str | None:
    """Mark it read and say where it leads; None when it is not this staff member's to see."""
    notification = db.session.get(StaffNotification, notification_id)
    if notification is None or not visible(staff, notification):
        audit.record("notification.open_denied", object_type="notification", object_id=notification_id, actor=staff)
        db.session.commit()
        return None
    if notification.read_at is None:
        notification.read_at = utcnow()
    audit.record(
        "notification.open",
        person=notification.person,
        object_type="notification",
        object_id=notification.id,
        actor=staff,
    )
    db.session.commit()
    return target_url(notification)


def mark_all_read(staff: StaffUser) -> None:
    """Mark every notification of the staff member read; commit."""
    db.session.execute(
        update(StaffNotification)
        .where(StaffNotification.staff_id == staff.id, StaffNotification.read_at.is_(None))
        .values(read_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    db.session.commit()


def mail_mode_for(staff: StaffUser) -> MailMode:
    """The staff member's e-mail choice (one per notification until they choose)."""
    setting = db.session.get(StaffNotificationSetting, staff.id)
    return setting.mail_mode if setting is not None else MailMode.EACH


def set_mail_mode(staff: StaffUser, mode: MailMode) -> None:
    """Store the staff member's e-mail choice; commit."""
    setting = db.session.get(StaffNotificationSetting, staff.id) or StaffNotificationSetting(staff_id=staff.id)
    setting.mail_mode = mode
    db.session.add(setting)
    db.session.commit()
