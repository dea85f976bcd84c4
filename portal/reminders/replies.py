"""A reply of 0 to a reminder: "I can't come", passed to the caseworkers as a handoff request.

It uses the existing handoff model (the requests caseworkers see at /staff/handoffs): the
request is the person's, in their organisation, in their language, and the reminder row links
to it, so the staff page can say which occurrence it is about without any text in the request.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select

from portal.extensions import db
from portal.models import ActivityReminder, Conversation, Person, ReminderStatus
from portal.reminders import clock
from portal.reminders.planning import find_occurrence
from portal.reminders.text import CANNOT_COME_REPLIES, cannot_come_text

# A 0 answers a reminder sent this recently; after that it is just a 0, for the assistant.
ANSWER_WINDOW = timedelta(hours=36)


def is_cannot_come(body: str) -> bool:
    """True when the whole message is the "I can't come" reply."""
    return body.strip() in CANNOT_COME_REPLIES


def answered_reminder(person: Person, now: datetime) -> ActivityReminder | None:
    """The reminder a 0 from `person` now answers: the latest one sent to them, if recent."""
    return db.session.scalar(
        select(ActivityReminder)
        .where(
            ActivityReminder.person_id == person.id,
            ActivityReminder.status == ReminderStatus.SENT,
            ActivityReminder.sent_at >= now - ANSWER_WINDOW,
        )
        .order_by(ActivityReminder.sent_at.desc(), ActivityReminder.id.desc())
        .limit(1)
    )


def record_cannot_come(person: Person, conversation: Conversation | None, body: str) -> str | None:
    """Handle a reply to a reminder; return the answer to send, or None when `body` is not one."""
    if not is_cannot_come(body):
        return None
    reminder = answered_reminder(person, clock.now())
    if reminder is None:
        return None
    occ = find_occurrence(reminder.activity, reminder.original_date)
    if occ is None:
        return None  # cancelled since: there is nothing left to miss
    from portal.services.handoffs import create_handoff

    if reminder.handoff_id is None:
        handoff = create_handoff(person, conversation, None)
        reminder.handoff_id = handoff.id
        db.session.commit()
    return cannot_come_text(person, occ)


def cannot_come_by_handoff(handoff_ids: list[int]) -> dict[int, list]:
    """The occurrences each handoff request says the person cannot come to (for the staff page)."""
    if not handoff_ids:
        return {}
    found: dict[int, list] = {}
    rows = db.session.scalars(select(ActivityReminder).where(ActivityReminder.handoff_id.in_(handoff_ids)))
    for reminder in rows:
        occ = find_occurrence(reminder.activity, reminder.original_date)
        if occ is not None:
            found.setdefault(reminder.handoff_id, []).append(occ)
    return found
