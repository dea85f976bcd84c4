"""/staff/inbox: a caseworker sees a new objection in the inbox (and the mail outbox), only their own."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from portal.languages import LANGUAGES
from portal.models import AuditEvent, MailMode, Role, StaffNotification, StaffNotificationSetting
from tests.factories import create_handoff, create_objection, create_objectionable_plan, create_person, create_staff
from tests.helpers import check_page, sign_in_staff


@pytest.fixture
def caseworker(region):
    return create_staff(region["sodertalje"], Role.CASEWORKER)


@pytest.fixture
def objection(region, caseworker):
    person = create_person(region["sodertalje"], name="Amina Mohamed", language="so")
    create_objectionable_plan(person, caseworker)
    return create_objection(person)


@pytest.mark.parametrize("lang", LANGUAGES, ids=lambda lang: lang.code)
def test_the_inbox_in_every_language(client, region, caseworker, objection, lang):
    create_handoff(objection.person, language="so")
    sign_in_staff(client, caseworker)
    client.get(f"/language/{lang.code}")
    soup = check_page(client.get("/staff/inbox"), lang=lang.code)
    assert len(soup.select(".inbox-item.unread")) == 2
    assert "Amina Mohamed" in soup.get_text()
    header = soup.select_one("header a[href='/staff/inbox']")
    assert header.select_one(".badge").get_text(" ", strip=True).startswith("2")


def test_a_caseworker_sees_a_new_objection_in_the_inbox_and_the_mail_outbox(client, caseworker, objection):
    sign_in_staff(client, caseworker)
    page = client.get("/staff/inbox?lang=en").get_data(as_text=True)
    assert "A new objection" in page and objection.display_case_number in page
    mail_page = client.get("/dev/mail?lang=en").get_data(as_text=True)
    assert caseworker.email in mail_page and "Ankomst: " in mail_page
    assert "Amina Mohamed" not in mail_page and objection.display_case_number not in mail_page


def test_opening_a_notification_marks_it_read_and_goes_to_the_case(client, db, caseworker, objection):
    (told,) = db.session.scalars(select(StaffNotification)).all()
    sign_in_staff(client, caseworker)
    response = client.get(f"/staff/inbox/{told.id}")
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/staff/objections/{objection.display_case_number}")
    db.session.expire_all()
    assert db.session.get(StaffNotification, told.id).read_at is not None
    assert db.session.scalar(select(AuditEvent).where(AuditEvent.action == "notification.open")).person_id == (
        objection.person_id
    )
    soup = check_page(client.get("/staff/inbox"))
    assert soup.select(".inbox-item.unread") == [] and soup.select_one("header .badge") is None


def test_staff_never_see_another_organisations_notifications(client, db, region, objection):
    (told,) = db.session.scalars(select(StaffNotification)).all()
    other = create_staff(region["botkyrka"], Role.CASEWORKER)
    sign_in_staff(client, other)
    assert client.get(f"/staff/inbox/{told.id}").status_code == 404
    assert "Amina Mohamed" not in client.get("/staff/inbox").get_data(as_text=True)
    assert db.session.scalar(select(AuditEvent).where(AuditEvent.action == "notification.open_denied")) is not None


def test_a_notification_about_a_person_who_moved_away_is_no_longer_shown(client, db, region, caseworker, objection):
    objection.person.responsible_org_id = region["botkyrka"].id
    db.session.commit()
    (told,) = db.session.scalars(select(StaffNotification)).all()
    sign_in_staff(client, caseworker)
    assert "Amina Mohamed" not in client.get("/staff/inbox").get_data(as_text=True)
    assert client.get(f"/staff/inbox/{told.id}").status_code == 404


def test_mark_all_read_needs_csrf_and_clears_the_count(client, db, caseworker, objection):
    sign_in_staff(client, caseworker)
    assert client.post("/staff/inbox/read", data={}, csrf=False).status_code == 400
    assert client.post("/staff/inbox/read", data={}).status_code == 302
    db.session.expire_all()
    assert all(n.read_at is not None for n in db.session.scalars(select(StaffNotification)))


@pytest.mark.parametrize("mode", ["daily", "off", "each"])
def test_the_email_choice_is_saved(client, db, caseworker, mode):
    sign_in_staff(client, caseworker)
    assert client.post("/staff/inbox/mail", data={"mail_mode": mode}).status_code == 302
    db.session.expire_all()
    assert db.session.get(StaffNotificationSetting, caseworker.id).mail_mode == MailMode(mode)


def test_an_unknown_email_choice_is_refused(client, caseworker):
    sign_in_staff(client, caseworker)
    assert client.post("/staff/inbox/mail", data={"mail_mode": "hourly"}).status_code == 400


def test_a_newcomer_cannot_open_the_inbox(client, region):
    from tests.helpers import sign_in_newcomer

    sign_in_newcomer(client, create_person(region["sodertalje"]))
    assert client.get("/staff/inbox").status_code == 403


def test_a_page_still_renders_without_the_count_when_the_database_fails_to_count(client, caseworker, monkeypatch):
    from sqlalchemy.exc import OperationalError

    from portal import notifications

    def broken(_staff):
        raise OperationalError("SELECT", {}, Exception("database went away"))

    sign_in_staff(client, caseworker)
    monkeypatch.setattr(notifications, "unread_count", broken)
    response = client.get("/staff/")
    assert response.status_code == 200 and "/staff/inbox" in response.get_data(as_text=True)
