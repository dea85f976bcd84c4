"""/staff/handoffs: caseworkers see requests from their own organisation's people, language marked."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from portal.languages import LANGUAGES
from portal.models import AuditEvent, Direction, HandledBy, HandoffRequest, HandoffStatus, Message, Role, SmsMessage
from tests.factories import create_conversation, create_handoff, create_person, create_staff
from tests.helpers import check_page, sign_in_staff


@pytest.mark.parametrize("lang", LANGUAGES, ids=lambda lang: lang.code)
def test_the_handoff_page_in_every_language(client, region, lang):
    staff = create_staff(region["sodertalje"], Role.CASEWORKER)
    create_handoff(create_person(region["sodertalje"], language="ti"), note="ሓገዝ የድልየኒ")
    sign_in_staff(client, staff)
    client.get(f"/language/{lang.code}")
    soup = check_page(client.get("/staff/handoffs"), lang=lang.code)
    tag = soup.find(class_="language-tag")
    assert tag["lang"] == "ti" and tag.get_text(strip=True) == "ትግርኛ"


def test_caseworkers_see_only_their_own_organisations_requests(client, db, region):
    staff = create_staff(region["stockholm"], Role.CASEWORKER)
    mine = create_person(region["rinkeby-kista"], name="Amina Mohamed", language="so")
    theirs = create_person(region["botkyrka"], name="Other Person", language="ar")
    create_handoff(mine, note="Waxaan rabaa inaan la hadlo qof")
    create_handoff(theirs, note="أريد موظف")
    sign_in_staff(client, staff)
    page = client.get("/staff/handoffs").get_data(as_text=True)
    assert "Amina Mohamed" in page and "Waxaan rabaa" in page and "Soomaali" in page
    assert "Other Person" not in page and "أريد موظف" not in page
    assert db.session.scalar(select(AuditEvent).where(AuditEvent.action == "handoff.list")) is not None


def test_a_request_can_be_marked_as_handled_but_not_another_organisations(client, db, region):
    staff = create_staff(region["sodertalje"], Role.CASEWORKER)
    mine = create_handoff(create_person(region["sodertalje"]))
    theirs = create_handoff(create_person(region["botkyrka"]))
    sign_in_staff(client, staff)
    assert client.post(f"/staff/handoffs/{theirs.id}/close", data={}).status_code == 404
    assert client.post(f"/staff/handoffs/{theirs.id}/close", data={"outcome": "called"}).status_code == 404
    assert client.get(f"/staff/handoffs/{theirs.id}").status_code == 404
    assert client.post(f"/staff/handoffs/{mine.id}/close", data={"outcome": "called"}).status_code == 302
    db.session.expire_all()
    assert db.session.get(HandoffRequest, mine.id).status == HandoffStatus.CLOSED
    assert db.session.get(HandoffRequest, theirs.id).status == HandoffStatus.OPEN
    assert "No open requests" in client.get("/staff/handoffs?lang=en").get_data(as_text=True)


@pytest.mark.parametrize("role", [Role.EDITOR, Role.COORDINATOR])
def test_other_roles_cannot_see_handoffs(client, region, role):
    staff = create_staff(region["sodertalje"], role)
    sign_in_staff(client, staff)
    assert client.get("/staff/handoffs").status_code == 403


def test_a_newcomer_cannot_see_handoffs(client, region):
    from tests.helpers import sign_in_newcomer

    sign_in_newcomer(client, create_person(region["sodertalje"]))
    assert client.get("/staff/handoffs").status_code == 403


def test_marking_a_request_as_handled_asks_for_its_outcome_first(client, db, region):
    staff = create_staff(region["sodertalje"], Role.CASEWORKER)
    handoff = create_handoff(create_person(region["sodertalje"], name="Gul Khan"))
    sign_in_staff(client, staff)
    client.get("/language/en")
    response = client.post(f"/staff/handoffs/{handoff.id}/close", data={})
    assert response.status_code == 200
    soup = check_page(response)
    assert "Gul Khan" in soup.get_text()
    options = [o["value"] for o in soup.select("select[name=outcome] option")]
    assert options[0] == ""  # nothing is chosen for the caseworker
    db.session.expire_all()
    assert db.session.get(HandoffRequest, handoff.id).status == HandoffStatus.OPEN
    assert client.post(f"/staff/handoffs/{handoff.id}/close", data={"outcome": "astrology"}).status_code == 422
    response = client.post(
        f"/staff/handoffs/{handoff.id}/close", data={"outcome": "meeting_booked", "note": "Tisdag 10:00 med tolk"}
    )
    assert response.status_code == 302
    db.session.expire_all()
    closed = db.session.get(HandoffRequest, handoff.id)
    assert closed.status == HandoffStatus.CLOSED
    assert (closed.outcome, closed.closing_note, closed.closed_by_id) == (
        "meeting_booked",
        "Tisdag 10:00 med tolk",
        staff.id,
    )
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "handoff.closed"))
    assert "Tisdag" not in str(event.details)  # the note stays out of the audit log


def _sms_handoff(person, language="ar"):
    from portal.services.handoffs import create_handoff as create

    conversation = create_conversation(channel="sms", person=person, language=language)
    return create(person, conversation, "أريد أن أتكلم مع موظف", interpreter="ar")


@pytest.mark.parametrize("lang", ["sv", "ar"])
def test_the_request_page_shows_number_language_interpreter_and_the_conversation(client, db, region, lang):
    staff = create_staff(region["sodertalje"], Role.CASEWORKER)
    person = create_person(region["sodertalje"], language="ar", phone="+46701234567", name="Rana Haddad")
    handoff = _sms_handoff(person)
    sign_in_staff(client, staff)
    client.get(f"/language/{lang}")
    soup = check_page(client.get(f"/staff/handoffs/{handoff.id}"), lang=lang)
    phone = soup.find("a", href="tel:+46701234567")
    assert phone is not None and phone["dir"] == "ltr"
    assert soup.find(class_="language-tag")["lang"] == "ar"
    assert soup.find("strong", string=lambda t: t and "العربية" in t) is not None  # interpreter in Arabic
    assert "أريد أن أتكلم مع موظف" in soup.get_text()
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "handoff.read"))
    assert event is not None and event.actor_staff_id == staff.id


def test_a_reply_reaches_the_outbox_in_the_sms_conversation_labelled_in_the_persons_language(client, db, region):
    staff = create_staff(region["sodertalje"], Role.CASEWORKER)
    person = create_person(region["sodertalje"], language="ar", phone="+46701234568")
    handoff = _sms_handoff(person)
    sign_in_staff(client, staff)
    text = "Hej! Jag ringer dig i morgon kl. 10 med tolk."
    response = client.post(f"/staff/handoffs/{handoff.id}/reply", data={"text": text})
    assert response.status_code == 302 and response.headers["Location"].endswith("#conversation")
    sms = db.session.scalar(select(SmsMessage).where(SmsMessage.purpose == "handoff_reply"))
    assert sms is not None and sms.to_number == "+46701234568"
    assert text in sms.body
    label = sms.body.split(text)[0]
    assert any("\u0600" <= ch <= "\u06ff" for ch in label)  # the label is in Arabic
    message = db.session.scalar(
        select(Message).where(Message.conversation_id == handoff.conversation_id, Message.direction == Direction.OUT)
    )
    assert message is not None and message.handled_by == HandledBy.STAFF and message.sms_message_id == sms.id
    assert message.status == "sent"
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "handoff.replied"))
    assert event is not None and text not in str(event.details)


def test_a_chat_request_is_answered_in_the_chat_and_by_sms(client, db, region):
    staff = create_staff(region["sodertalje"], Role.CASEWORKER)
    handoff = create_handoff(create_person(region["sodertalje"], language="so"))
    sign_in_staff(client, staff)
    assert client.post(f"/staff/handoffs/{handoff.id}/reply", data={"text": "Vi ses på tisdag."}).status_code == 302
    message = db.session.scalar(
        select(Message).where(Message.conversation_id == handoff.conversation_id, Message.direction == Direction.OUT)
    )
    assert message is not None and message.delivery == "chat" and "Vi ses på tisdag." in message.body
    assert db.session.scalar(select(SmsMessage).where(SmsMessage.purpose == "handoff_reply")) is not None


@pytest.mark.parametrize("text", ["", "   ", "x" * 801])
def test_an_empty_or_too_long_reply_is_refused(client, db, region, text):
    staff = create_staff(region["sodertalje"], Role.CASEWORKER)
    handoff = create_handoff(create_person(region["sodertalje"]))
    sign_in_staff(client, staff)
    assert client.post(f"/staff/handoffs/{handoff.id}/reply", data={"text": text}).status_code == 422
    assert db.session.scalar(select(SmsMessage).where(SmsMessage.purpose == "handoff_reply")) is None


def test_another_organisations_request_cannot_be_answered(client, db, region):
    staff = create_staff(region["sodertalje"], Role.CASEWORKER)
    handoff = create_handoff(create_person(region["botkyrka"]))
    sign_in_staff(client, staff)
    assert client.post(f"/staff/handoffs/{handoff.id}/reply", data={"text": "Hej"}).status_code == 404
    assert db.session.scalar(select(SmsMessage).where(SmsMessage.purpose == "handoff_reply")) is None


def test_a_person_who_said_no_to_sms_is_not_texted_and_the_caseworker_is_told_to_call(client, db, region):
    from portal.models import utcnow

    staff = create_staff(region["sodertalje"], Role.CASEWORKER)
    person = create_person(region["sodertalje"], language="ar", phone="+46701234569")
    person.sms_opted_out_at = utcnow()
    db.session.commit()
    handoff = _sms_handoff(person)
    sign_in_staff(client, staff)
    client.get("/language/en")
    response = client.post(f"/staff/handoffs/{handoff.id}/reply", data={"text": "Hej"}, follow_redirects=True)
    assert "call them" in check_page(response).select_one(".flash").get_text()
    assert db.session.scalar(select(SmsMessage).where(SmsMessage.purpose == "handoff_reply")) is None
    message = db.session.scalar(
        select(Message).where(Message.conversation_id == handoff.conversation_id, Message.direction == Direction.OUT)
    )
    assert message.status == "suppressed"
