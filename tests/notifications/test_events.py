"""Who is told about what: a new objection, a request, deadlines, an escalation; once each."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from portal import notifications
from portal.extensions import db
from portal.models import MailMessage, Membership, NotificationKind, Role, StaffNotification
from portal.notifications import recipients
from portal.services import objections
from tests.factories import (
    create_decided_objection,
    create_handoff,
    create_objection,
    create_person,
    create_staff,
)
from tests.notifications.conftest import T0


def _told(staff, kind: NotificationKind | None = None) -> list[StaffNotification]:
    stmt = select(StaffNotification).where(StaffNotification.staff_id == staff.id)
    if kind is not None:
        stmt = stmt.where(StaffNotification.kind == kind)
    return list(db.session.scalars(stmt))


def _mails(staff) -> list[MailMessage]:
    return list(db.session.scalars(select(MailMessage).where(MailMessage.staff_id == staff.id)))


def test_a_new_objection_tells_the_persons_caseworkers_and_nobody_else(app, region, person, caseworker):
    colleague_above = create_staff(region["region"], Role.CASEWORKER)  # the region is above Södertälje
    other_municipality = create_staff(region["botkyrka"], Role.CASEWORKER)
    editor_here = create_staff(region["sodertalje"], Role.EDITOR)
    objection = create_objection(person)
    for staff in (caseworker, colleague_above):
        (told,) = _told(staff)
        assert told.kind == NotificationKind.NEW_OBJECTION and told.objection_id == objection.id
    assert _told(other_municipality) == [] and _told(editor_here) == []
    assert _mails(other_municipality) == [] and _mails(editor_here) == []


def test_the_email_holds_a_link_and_no_personal_data(app, person, caseworker):
    objection = create_objection(person, text="Skolan ligger för långt bort från mitt hem, två timmar varje väg.")
    (mail,) = _mails(caseworker)
    (told,) = _told(caseworker)
    assert mail.to_address == "elin@sodertalje.example" and mail.backend == "outbox"
    assert f"/staff/inbox/{told.id}" in mail.body
    text = mail.subject + mail.body
    for personal in (person.name, "Fatima", objection.case_number, objection.display_case_number, "Skolan", "العربية"):
        assert personal not in text, personal


def test_the_email_is_in_the_staff_members_language(app, person, caseworker):
    caseworker.language = "en"
    db.session.commit()
    create_objection(person)
    (mail,) = _mails(caseworker)
    assert mail.subject == "Ankomst: A new objection"


def test_a_caseworker_of_the_municipality_is_told_about_a_person_in_its_district(app, region):
    municipality = create_staff(region["stockholm"], Role.CASEWORKER)
    other_district = create_staff(region["spanga-tensta"], Role.CASEWORKER)
    person = create_person(region["rinkeby-kista"])
    create_handoff(person)
    assert len(_told(municipality, NotificationKind.HANDOFF)) == 1
    assert _told(other_district) == []


def test_a_request_to_talk_to_a_person_is_told_once_even_when_asked_twice(app, region, person, caseworker):
    from portal.services.handoffs import create_handoff as ask

    handoff = create_handoff(person, language="ar")
    ask(person, handoff.conversation, "again", interpreter="prs")
    (told,) = _told(caseworker, NotificationKind.HANDOFF)
    assert told.handoff_id == handoff.id
    assert len(_mails(caseworker)) == 1


def test_an_escalation_tells_only_independent_reviewers_of_the_region(app, region, person, caseworker, reviewer):
    also_caseworker = create_staff(region["region"], Role.REVIEWER)
    also_caseworker.memberships.append(Membership(organisation=region["sodertalje"], role=Role.CASEWORKER))
    municipal_reviewer = create_staff(region["sodertalje"], Role.REVIEWER)  # the role counts at region level only
    db.session.commit()
    objection = create_decided_objection(person, caseworker, now=T0)
    objections.escalate(objection, person, now=T0 + timedelta(days=2))
    (told,) = _told(reviewer, NotificationKind.ESCALATION)
    assert told.objection_id == objection.id
    assert _told(also_caseworker, NotificationKind.ESCALATION) == []
    assert _told(municipal_reviewer) == []
    assert _told(caseworker, NotificationKind.ESCALATION) == []


@pytest.mark.parametrize(
    ("days_after_filing", "kind"),
    [
        (10, None),  # due in 4 days: not yet
        (11, NotificationKind.OBJECTION_DUE),  # due in 3 days
        (14, NotificationKind.OBJECTION_DUE),  # due today: still on time
        (15, NotificationKind.OBJECTION_OVERDUE),  # the day after the due date
    ],
)
def test_the_sweep_tells_caseworkers_of_a_deadline_near_or_past(app, person, caseworker, days_after_filing, kind):
    create_objection(person, now=T0)
    notifications.sweep(T0 + timedelta(days=days_after_filing))
    found = [n.kind for n in _told(caseworker) if n.kind != NotificationKind.NEW_OBJECTION]
    assert found == ([kind] if kind else [])


def test_a_sweep_run_twice_tells_once(app, person, caseworker):
    create_objection(person, now=T0)
    when = T0 + timedelta(days=15)
    notifications.sweep(when)
    notifications.sweep(when + timedelta(hours=1))
    assert len(_told(caseworker, NotificationKind.OBJECTION_OVERDUE)) == 1


def test_a_decided_objection_is_never_overdue_for_the_sweep(app, person, caseworker):
    create_decided_objection(person, caseworker, now=T0)
    notifications.sweep(T0 + timedelta(days=40))
    assert _told(caseworker, NotificationKind.OBJECTION_OVERDUE) == []


def test_the_review_deadline_is_told_to_the_reviewer_who_took_the_case(app, region, person, caseworker, reviewer):
    second = create_staff(region["region"], Role.REVIEWER)
    objection = create_decided_objection(person, caseworker, now=T0)
    objections.escalate(objection, person, now=T0 + timedelta(days=1))
    objections.start_independent_review(objection, reviewer, now=T0 + timedelta(days=2))
    notifications.sweep(T0 + timedelta(days=20))
    (told,) = _told(reviewer, NotificationKind.OBJECTION_OVERDUE)
    assert ":review:" in told.subject_key
    assert _told(second, NotificationKind.OBJECTION_OVERDUE) == []
    assert _told(caseworker, NotificationKind.OBJECTION_OVERDUE) == []


def test_a_notification_lost_at_filing_is_made_by_the_sweep(app, person, caseworker, monkeypatch):
    def broken(_person):
        raise RuntimeError("database went away")

    monkeypatch.setattr(recipients, "caseworkers_for", broken)
    monkeypatch.setattr("portal.notifications.events.caseworkers_for", broken)
    objection = create_objection(person)  # the filing itself does not fail
    assert objection.id is not None and _told(caseworker) == []
    monkeypatch.undo()
    notifications.sweep()
    assert len(_told(caseworker, NotificationKind.NEW_OBJECTION)) == 1


def test_erasing_a_person_removes_the_notifications_about_them(app, person, caseworker):
    from portal.services import erasure

    create_objection(person)
    create_handoff(person)
    assert len(_told(caseworker)) == 2
    erasure.erase_person(person, confirmed_by=caseworker, reason="asked at the office")
    count = db.session.scalar(select(func.count()).select_from(StaffNotification))
    assert count == 0
