"""/plan/channel: the newcomer chooses SMS or WhatsApp; their reminder then comes on it."""

from __future__ import annotations

from datetime import datetime, time, timedelta

import pytest
from sqlalchemy import select

from portal.languages import LANGUAGES
from portal.models import AuditEvent, Person, SmsMessage
from portal.reminders import clock
from portal.reminders.sending import send_due
from portal.services.schedule import STOCKHOLM
from tests.factories import create_person, create_plan, create_staff
from tests.helpers import check_page, sign_in_newcomer
from tests.whatsapp.conftest import TEMPLATES, whatsapp  # noqa: F401 - fixture


@pytest.fixture
def newcomer_with_sfi_tomorrow(client, region, whatsapp):  # noqa: F811
    """A newcomer with SFI tomorrow at 09:00 (today is Tuesday 8 December 2026, 10:00 in Stockholm)."""
    clock.set_offset(datetime(2026, 12, 8, 10, 0, tzinfo=STOCKHOLM) - datetime.now(STOCKHOLM))
    person = create_person(region["sodertalje"], language="ar")
    create_plan(
        person,
        create_staff(region["sodertalje"]),
        start=datetime(2026, 12, 7).date(),
        status="active",
        activities=[{"weekdays": [3], "start_time": time(9, 0), "end_date": datetime(2027, 3, 1).date()}],
    )
    yield person
    clock.set_offset(timedelta(0))


@pytest.mark.parametrize("lang", LANGUAGES, ids=lambda lang: lang.code)
def test_the_channel_choice_is_on_the_reminders_page_in_every_language(client, newcomer_with_sfi_tomorrow, lang):
    sign_in_newcomer(client, newcomer_with_sfi_tomorrow)
    client.get(f"/language/{lang.code}")
    soup = check_page(client.get("/plan/reminders"), lang=lang.code)
    form = soup.select_one("form[action='/plan/channel']")
    assert form.select_one("input[name=channel][value=sms]").has_attr("checked")


def test_without_whatsapp_there_is_no_choice(client, app, newcomer_with_sfi_tomorrow):
    app.config["TWILIO_WHATSAPP_FROM"] = None  # the fixture restores it
    sign_in_newcomer(client, newcomer_with_sfi_tomorrow)
    assert check_page(client.get("/plan/reminders")).select_one("form[action='/plan/channel']") is None
    assert client.post("/plan/channel", data={"channel": "whatsapp"}).status_code == 400


def test_a_newcomer_who_chose_whatsapp_gets_tomorrows_reminder_there_in_their_language(
    client, db, newcomer_with_sfi_tomorrow
):
    person = newcomer_with_sfi_tomorrow
    sign_in_newcomer(client, person)
    assert client.post("/plan/channel", data={"channel": "whatsapp"}).status_code == 302
    assert client.post("/plan/channel", data={"channel": "telegram"}).status_code == 400
    db.session.expire_all()
    assert db.session.get(Person, person.id).message_channel == "whatsapp"
    assert db.session.scalar(select(AuditEvent).where(AuditEvent.action == "person.message_channel")) is not None
    clock.set_offset(datetime(2026, 12, 8, 18, 0, 30, tzinfo=STOCKHOLM) - datetime.now(STOCKHOLM))
    assert send_due() == {"sent": 1}
    reminder = db.session.scalars(select(SmsMessage).where(SmsMessage.purpose == "reminder")).one()
    # Not written to us on WhatsApp in the last 24 hours: the approved Arabic template carries it.
    assert reminder.channel == "whatsapp" and reminder.template_sid == TEMPLATES["reminder"]["ar"]
    assert "تذكير" in reminder.body
    page = client.get("/dev/outbox").get_data(as_text=True)
    assert "WhatsApp" in page and TEMPLATES["reminder"]["ar"] in page


def test_the_channel_form_needs_csrf(client, newcomer_with_sfi_tomorrow):
    sign_in_newcomer(client, newcomer_with_sfi_tomorrow)
    assert client.post("/plan/channel", data={"channel": "whatsapp"}, csrf=False).status_code == 400
