"""The demo data shows first contact too: a newcomer still on a foreign SIM signs in."""

from __future__ import annotations

from portal.services.demo import seed
from tests.helpers import check_page, code_from_outbox


def test_the_demo_newcomer_on_a_ukrainian_sim_signs_in_and_reads_ukrainian(app, client):
    assert seed(if_empty=True)
    assert client.post("/signin", data={"phone": "+380 67 174 00 12"}).status_code == 302
    response = client.post("/signin/code", data={"code": code_from_outbox("+380671740012")})
    assert response.status_code == 302 and "/signin" not in response.location
    check_page(client.get("/plan"), lang="uk")


def test_the_demo_caseload_flags_the_newcomers_without_a_plan_and_no_demo_plan_is_late(app):
    from sqlalchemy import select

    from portal.models import StaffUser
    from portal.services.caseload import build_caseload
    from portal.services.demo import staff_email
    from portal.services.objections import stockholm_date

    assert seed(if_empty=True)
    today = stockholm_date()
    for local in ("handlaggare.stockholm", "handlaggare.sodertalje", "handlaggare.botkyrka"):
        staff = app.extensions["sqlalchemy"].session.scalar(
            select(StaffUser).where(StaffUser.email == staff_email(local))
        )
        caseload = build_caseload(staff, today)
        for row in caseload.rows:
            assert (row.plan is None) == row.plan_overdue, (local, row.person.name)
            assert "late_activity_plan" not in {w.kind for w in row.warnings}, (local, row.person.name)
        assert caseload.counts["overdue"] >= 1


def test_the_demo_receptions_are_on_the_contact_page_with_tappable_numbers(app, client):
    from portal.services.contacts import is_dialable
    from portal.services.demo import CONTACTS

    seed()
    seed()  # seeding again adds no second contact
    soup = check_page(client.get("/contact?lang=fa"))
    cards = soup.select(".contact-card")
    assert len(cards) == len(CONTACTS)
    for _slug, phone, *_rest in CONTACTS:
        assert is_dialable(phone)
        assert soup.select_one(f'a[href="tel:{"".join(c for c in phone if c.isdigit())}"]') is not None


def test_done_when_of_issue_15_a_demo_newcomer_gets_tomorrows_reminder_and_a_caseworker_sees_an_objection(app, client):
    """Layla (Arabic, WhatsApp) gets her next activity's reminder in Arabic at its hour in the outbox;
    an objection she files reaches her caseworkers' inbox and the mail outbox."""
    from portal.config import DevelopmentConfig

    # As `make run` has it: WhatsApp in the local outbox, with the development template ids.
    saved = {k: app.config.get(k) for k in ("TWILIO_WHATSAPP_FROM", "WHATSAPP_TEMPLATES")}
    app.config.update(
        TWILIO_WHATSAPP_FROM=DevelopmentConfig.TWILIO_WHATSAPP_FROM,
        WHATSAPP_TEMPLATES=DevelopmentConfig.WHATSAPP_TEMPLATES,
    )
    try:
        _done_when(client)
    finally:
        app.config.update(saved)


def _done_when(client):
    from datetime import timedelta

    from sqlalchemy import select

    from portal.extensions import db
    from portal.models import ActivityReminder, MailMessage, Person, SmsMessage, StaffNotification, utcnow
    from portal.reminders import clock
    from portal.reminders.planning import plan_reminders
    from portal.reminders.sending import send_due
    from tests.factories import create_objection

    assert seed(if_empty=True)
    layla = db.session.scalar(select(Person).where(Person.phone == "+46701740003"))
    assert layla.message_channel == "whatsapp" and layla.preferred_language == "ar"
    plan_reminders()
    first = db.session.scalars(
        select(ActivityReminder).where(ActivityReminder.person_id == layla.id).order_by(ActivityReminder.due_at)
    ).first()
    assert first is not None
    try:
        clock.set_offset(first.due_at - utcnow() + timedelta(seconds=30))
        send_due()
    finally:
        clock.set_offset(timedelta(0))
    sent = db.session.scalars(select(SmsMessage).where(SmsMessage.purpose == "reminder")).all()
    mine = [m for m in sent if m.person_id == layla.id]
    assert mine and mine[0].channel == "whatsapp" and "تذكير" in mine[0].body
    assert mine[0].template_sid == "HXdevreminderar"  # outside the 24-hour window: the Arabic template

    objection = create_objection(layla)
    told = db.session.scalars(select(StaffNotification).where(StaffNotification.objection_id == objection.id)).all()
    assert told and all(n.staff_id for n in told)
    mails = db.session.scalars(select(MailMessage)).all()
    assert {m.staff_id for m in mails} >= {n.staff_id for n in told}
    assert all(layla.name not in m.body for m in mails)


def test_the_demo_has_local_sfi_text_in_sodertalje_and_botkyrka_and_not_in_stockholm(app, client):
    from portal.services.content import DEFAULT_CONTENT_DIR, sync_from_files

    sync_from_files(DEFAULT_CONTENT_DIR)  # make run syncs the content before seeding
    seed()
    seed()  # and seeding again adds no second section
    arabic = check_page(client.get("/info/utbildning?kommun=sodertalje&lang=ar"), lang="ar")
    local = arabic.select_one(".local-sections")
    assert local is not None and "سودرتاليا" in local.get_text()
    assert local.select_one('a[href="tel:0846500410"]') is not None
    persian = check_page(client.get("/info/utbildning?kommun=botkyrka&lang=fa"), lang="fa")
    assert "بوتشیرکا" in persian.select_one(".local-sections").get_text()
    stockholm = check_page(client.get("/info/utbildning?kommun=stockholm&lang=sv"), lang="sv")
    assert stockholm.select_one(".local-sections") is None
