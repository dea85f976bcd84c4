"""The development pages' outboxes: outgoing messages only, newest first, at most `limit`."""

from __future__ import annotations

from portal.data.outbox import list_mail, list_sent_sms
from portal.models import MailMessage, SmsMessage


def _sms(db, body: str, direction: str = "out") -> None:
    db.session.add(SmsMessage(direction=direction, to_number="+46700000001", body=body, backend="outbox"))
    db.session.commit()


def test_the_sms_outbox_lists_outgoing_messages_newest_first_up_to_the_limit(db):
    for body in ("first", "second", "third"):
        _sms(db, body)
    _sms(db, "an answer from the newcomer", direction="in")
    assert [m.body for m in list_sent_sms()] == ["third", "second", "first"]
    assert [m.body for m in list_sent_sms(limit=2)] == ["third", "second"]


def test_the_mail_outbox_lists_mail_newest_first_up_to_the_limit(db):
    for subject in ("first", "second", "third"):
        db.session.add(MailMessage(to_address="a@example.se", subject=subject, body="", backend="outbox"))
        db.session.commit()
    assert [m.subject for m in list_mail()] == ["third", "second", "first"]
    assert [m.subject for m in list_mail(limit=1)] == ["third"]
