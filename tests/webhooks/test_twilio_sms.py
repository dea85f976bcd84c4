"""POST /webhooks/twilio/sms and /webhooks/twilio/status: signatures, idempotency, keywords,
identification, language, fallback and late replies."""

from __future__ import annotations

import time
from datetime import date, timedelta
from datetime import time as clock

import pytest
from sqlalchemy import func, select

from portal.clients.sms.twilio import twiml_bodies
from portal.models import (
    AssistantEpisode,
    Conversation,
    ConversationState,
    Direction,
    HandledBy,
    Message,
    SmsMessage,
)
from portal.services.conversations import wait_for_background
from tests.factories import create_person, create_plan, create_staff
from tests.servers import post_signed, sign, sms_params, text_sms

SMS = "/webhooks/twilio/sms"
STATUS = "/webhooks/twilio/status"
UNKNOWN = "+46709999999"


def replies(response) -> list[str]:
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.mimetype == "text/xml"
    return twiml_bodies(response.get_data(as_text=True))


def messages(db, direction: Direction | None = None) -> list[Message]:
    stmt = select(Message).order_by(Message.id)
    if direction:
        stmt = stmt.where(Message.direction == direction)
    return list(db.session.scalars(stmt))


# -- signatures --------------------------------------------------------------------------------


def test_a_correctly_signed_message_is_answered(client, db, fake_rasa):
    response = text_sms(client, UNKNOWN, "when is my next class")
    assert replies(response) == ["echo: when is my next class"]


@pytest.mark.parametrize(
    "case",
    ["missing", "forged", "tampered_body", "wrong_url", "wrong_token"],
)
def test_a_request_without_a_valid_signature_is_refused_before_anything_is_stored(client, db, fake_rasa, case):
    params = sms_params(UNKNOWN, "hello there friend")
    url = "http://localhost" + SMS
    headers = {"X-Twilio-Signature": sign(url, params)}
    if case == "missing":
        headers = {}
    elif case == "forged":
        headers = {"X-Twilio-Signature": "bm90IGEgcmVhbCBzaWduYXR1cmU="}
    elif case == "tampered_body":
        params = {**params, "Body": "hello there enemy"}
    elif case == "wrong_url":
        headers = {"X-Twilio-Signature": sign("https://evil.example" + SMS, params)}
    elif case == "wrong_token":
        headers = {"X-Twilio-Signature": sign(url, params, token="another-token")}
    response = client.post(SMS, data=params, headers=headers, csrf=False)
    assert response.status_code == 403
    assert messages(db) == []
    assert db.session.scalar(select(func.count(Conversation.id))) == 0
    assert fake_rasa.calls == []


def test_behind_a_proxy_the_signature_is_checked_against_the_public_url(config, client, db, fake_rasa):
    config["PUBLIC_BASE_URL"] = "https://ankomst.example.se"
    params = sms_params(UNKNOWN, "when is my next class")
    # Twilio signed the public URL; the request reaches us as http://localhost behind the proxy.
    ok = post_signed(client, SMS, params, url="https://ankomst.example.se" + SMS)
    assert replies(ok) == ["echo: when is my next class"]
    params = sms_params(UNKNOWN, "when is my next class")
    refused = post_signed(client, SMS, params, url="http://localhost" + SMS)
    assert refused.status_code == 403


def test_a_message_for_another_twilio_account_is_refused(client, db, fake_rasa):
    params = {**sms_params(UNKNOWN, "hello there friend"), "AccountSid": "AC" + "9" * 32}
    assert post_signed(client, SMS, params).status_code == 403


# -- storing and idempotency ---------------------------------------------------------------------


def test_the_inbound_message_is_stored_with_its_sid_and_rasa_never_sees_the_number(client, db, fake_rasa):
    text_sms(client, UNKNOWN, "when is my next class", sid="SM" + "a" * 32)
    inbound = messages(db, Direction.IN)[0]
    assert inbound.provider_sid == "SM" + "a" * 32
    assert inbound.handled_by == HandledBy.RASA
    conversation = db.session.get(Conversation, inbound.conversation_id)
    call = fake_rasa.calls[0]
    assert call.sender == conversation.public_id
    assert UNKNOWN not in call.sender and "4670" not in call.sender
    assert len(call.sender) >= 20
    assert call.metadata == {"language": "en"}


def test_a_duplicate_message_sid_gets_one_reply_only(client, db, fake_rasa):
    params = sms_params(UNKNOWN, "when is my next class")
    first = post_signed(client, SMS, params)
    second = post_signed(client, SMS, params)
    # Twilio repeats a webhook only when our answer did not reach it: the same answer again,
    # never a second turn of the conversation.
    assert replies(first) == replies(second) == ["echo: when is my next class"]
    assert len(fake_rasa.calls) == 1
    assert len(messages(db, Direction.IN)) == 1
    assert len(messages(db, Direction.OUT)) == 1
    assert db.session.scalar(select(func.count(SmsMessage.id))) == 1


def test_a_reply_is_recorded_as_an_sms_with_its_segments(client, db, fake_rasa):
    fake_rasa.reply = lambda call: [{"text": "مرحبا، درسك القادم يوم الاثنين."}, {"text": "اقرأ المزيد: /plan"}]
    text_sms(client, UNKNOWN, "متى الدرس القادم")
    reply = messages(db, Direction.OUT)[0]
    assert reply.encoding == "UCS-2" and reply.segments == 1
    assert reply.sms_message.segments == 1 and reply.sms_message.encoding == "UCS-2"
    assert reply.sms_message.backend == "twiml" and reply.sms_message.purpose == "assistant"
    # The path is isolated left to right (portal.bidi), inside the one segment.
    assert reply.body == "مرحبا، درسك القادم يوم الاثنين.\nاقرأ المزيد: \u2066/plan\u2069"


def test_a_long_answer_is_cut_at_a_sentence_end_to_three_segments(client, db, fake_rasa):
    sentence = "Din nästa aktivitet är SFI på Storgatan 1 i Södertälje på måndag klockan nio. "
    fake_rasa.reply = lambda call: [{"text": sentence * 8}, {"text": "Läs mer: /plan"}]
    body = replies(text_sms(client, UNKNOWN, "när börjar sfi imorgon"))[0]
    reply = messages(db, Direction.OUT)[0]
    assert reply.segments <= 3 and reply.encoding == "GSM-7"
    assert body.endswith("Läs mer: /plan")
    assert body.split("\n")[0].endswith("nio.")


# -- STOP / START / HELP --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("stop", "start", "language", "expected_start_word"),
    [
        ("STOP", "START", "en", "START"),
        ("Stopp", "start", "sv", "START"),
        ("قف", "ابدأ", "ar", "ابدأ"),
        ("توقف", "شروع", "fa", "شروع"),
        ("jooji", "bilow", "so", "BILOW"),
        ("ጠጠው", "ጀምር", "ti", "ጀምር"),
        ("СТОП", "СТАРТ", "uk", "СТАРТ"),
        ("وەستان", "دەستپێکردن", "ckb", "دەستپێکردن"),
        ("ودروه", "پیل", "ps", "پیل"),
    ],
)
def test_stop_silences_everything_but_its_confirmation_and_start_resumes(
    client, db, region, fake_rasa, stop, start, language, expected_start_word
):
    from portal.clients.sms import send_sms

    person = create_person(region["sodertalje"], language=language)
    confirmation = replies(text_sms(client, person.phone, stop))
    assert len(confirmation) == 1 and expected_start_word in confirmation[0]
    db.session.refresh(person)
    assert person.sms_opted_out
    # Silence: questions get no answer and the bot is not asked; notifications are not sent.
    assert replies(text_sms(client, person.phone, "when is my next class")) == []
    assert replies(text_sms(client, person.phone, stop)) == []
    assert replies(text_sms(client, person.phone, "HELP")) == []
    assert fake_rasa.calls == []
    assert send_sms(person, "Your plan has changed.") is None
    # The messages are kept all the same.
    assert len(messages(db, Direction.IN)) == 4
    assert [m.handled_by for m in messages(db, Direction.IN)][1] == HandledBy.OPTED_OUT
    # A required message (a sign-in code the person asked for) still goes.
    assert send_sms(person, "123456", required=True, sensitive=True) is not None

    resumed = replies(text_sms(client, person.phone, start))
    assert len(resumed) == 1
    db.session.refresh(person)
    assert not person.sms_opted_out
    assert replies(text_sms(client, person.phone, "when is my next class")) == ["echo: when is my next class"]
    assert send_sms(person, "Your plan has changed.") is not None


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("please dont send me sms any more", "en"),
        ("وقفوا الرسائل لو سمحتو", "ar"),
        ("больше не присылайте сообщения", "ru"),
    ],
)
def test_asking_for_no_more_messages_in_ones_own_words_stops_them(client, db, region, fake_rasa, text, language):
    person = create_person(region["sodertalje"], language=language)

    confirmation = replies(text_sms(client, person.phone, text))

    assert len(confirmation) == 1
    db.session.refresh(person)
    assert person.sms_opted_out
    assert fake_rasa.calls == []


def test_an_unknown_number_can_stop_and_start_too(client, db, fake_rasa):
    assert len(replies(text_sms(client, UNKNOWN, "STOPP"))) == 1
    assert replies(text_sms(client, UNKNOWN, "hur hittar jag en vårdcentral")) == []
    assert len(replies(text_sms(client, UNKNOWN, "START"))) == 1
    assert replies(text_sms(client, UNKNOWN, "hur hittar jag en vårdcentral")) == [
        "echo: hur hittar jag en vårdcentral"
    ]


def test_yes_is_an_answer_for_the_bot_unless_the_number_has_opted_out(client, db, fake_rasa):
    text_sms(client, UNKNOWN, "I want to file an objection")
    assert replies(text_sms(client, UNKNOWN, "yes")) == ["echo: yes"]


def test_help_is_answered_by_the_portal_in_the_senders_language(client, db, region, fake_rasa):
    person = create_person(region["sodertalje"], language="so")
    body = replies(text_sms(client, person.phone, "caawi"))[0]
    assert "112" in body and "JOOJI" in body
    assert fake_rasa.calls == []


def test_an_empty_message_gets_the_help_text_and_never_reaches_the_bot(client, db, region, fake_rasa):
    person = create_person(region["sodertalje"], language="ar")
    body = replies(text_sms(client, person.phone, "  "))[0]
    assert "112" in body and "توقف" in body
    assert fake_rasa.calls == []
    assert db.session.scalar(select(AssistantEpisode)) is None


def test_a_stop_word_inside_a_longer_message_is_not_an_opt_out(client, db, region, fake_rasa):
    person = create_person(region["sodertalje"], language="sv")
    assert replies(text_sms(client, person.phone, "när slutar sfi idag")) == ["echo: när slutar sfi idag"]
    db.session.refresh(person)
    assert not person.sms_opted_out


# -- who and which language ----------------------------------------------------------------------


def test_a_registered_number_is_identified_and_its_language_is_the_stored_preference(client, db, region, fake_rasa):
    person = create_person(region["sodertalje"], language="ti")
    text_sms(client, person.phone, "hello when is class")
    conversation = db.session.scalar(select(Conversation))
    assert conversation.person_id == person.id
    assert fake_rasa.calls[0].metadata["language"] == "ti"


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("متى الدرس القادم", "ar"),
        ("کلاس بعدی من کی است", "fa"),
        ("goorma ayuu bilaabanaa fasalka", "so"),
        ("ናይ ቀጻሊ ትምህርተይ መዓስ እዩ", "ti"),
        ("Коли в мене наступне заняття з шведської", "uk"),
        ("کەی وانەی داهاتووم", "ckb"),
        ("زما راتلونکی ټولګی کله دی", "ps"),
        ("hur hittar jag en vårdcentral", "sv"),
    ],
)
def test_an_unknown_numbers_language_is_detected_from_the_text(client, db, fake_rasa, text, language):
    text_sms(client, UNKNOWN, text)
    assert fake_rasa.calls[0].metadata == {"language": language}
    assert db.session.scalar(select(Conversation)).language == language


def test_when_the_language_is_unclear_a_numbered_menu_asks_and_the_question_is_answered_after(client, db, fake_rasa):
    menu = replies(text_sms(client, UNKNOWN, "salam"))[0]
    assert "3 العربية" in menu and "6 Soomaali" in menu and "7 ትግርኛ" in menu
    assert fake_rasa.calls == []
    conversation = db.session.scalar(select(Conversation))
    assert conversation.state == ConversationState.LANGUAGE_MENU
    answer = replies(text_sms(client, UNKNOWN, "3"))
    # The first message is what the assistant answers, now in Arabic.
    assert answer == ["echo: salam"]
    assert fake_rasa.calls[0].metadata == {"language": "ar"}
    db.session.refresh(conversation)
    assert conversation.language == "ar" and conversation.state == ConversationState.NONE


@pytest.mark.parametrize(
    ("greeting", "language"), [("salaan", "so"), ("سڵاو", "ckb"), ("Silav!", "ku"), ("привіт", "uk")]
)
def test_a_stranger_greeting_in_a_language_of_its_own_is_answered_in_it_without_the_menu(
    client, db, fake_rasa, greeting, language
):
    (answer,) = replies(text_sms(client, UNKNOWN, greeting))
    assert "echo" in answer and answer.endswith(greeting)  # the assistant answered, not the menu
    assert fake_rasa.calls[0].metadata == {"language": language}
    conversation = db.session.scalar(select(Conversation))
    assert conversation.language == language and conversation.state == ConversationState.NONE


def test_the_language_menu_accepts_a_name(client, db, fake_rasa):
    text_sms(client, UNKNOWN, "hi")
    text_sms(client, UNKNOWN, "soomaali")
    assert fake_rasa.calls[0].metadata == {"language": "so"}


def test_an_answer_the_menu_does_not_understand_gets_the_menu_again(client, db, fake_rasa):
    text_sms(client, UNKNOWN, "hi")
    again = replies(text_sms(client, UNKNOWN, "99"))[0]
    assert "1 Svenska" in again
    assert fake_rasa.calls == []


def test_a_message_that_does_not_answer_the_menu_is_answered_in_the_likeliest_language_not_with_a_second_menu(
    client, db, fake_rasa
):
    """Issue 11: a stranger who writes on instead of choosing is never trapped in the menu."""
    assert "1 Svenska" in replies(text_sms(client, UNKNOWN, "hi there"))[0]
    answer = replies(text_sms(client, UNKNOWN, "ok where do i get bank account"))
    assert answer == ["echo: ok where do i get bank account"]
    assert fake_rasa.calls[0].metadata == {"language": "en"}
    conversation = db.session.scalar(select(Conversation))
    assert conversation.language == "en" and conversation.state == ConversationState.NONE


def test_the_likeliest_language_of_a_message_in_another_script_is_of_that_script(client, db, fake_rasa):
    text_sms(client, UNKNOWN, "salam")
    text_sms(client, UNKNOWN, "ok sfi مرحبا")  # too short to be sure; Arabic script outweighs "ok sfi"
    assert fake_rasa.calls[0].metadata["language"] in {"ar", "fa", "ps", "ckb"}


def test_pashto_typed_in_latin_letters_is_read_as_pashto():
    from portal.channels.language import detect_language

    assert detect_language("salam wrora za naway raghalay yam, personnummer sanga akhlam?") == "ps"
    assert detect_language("salam, pa pashto lik na shum lwastalay") == "ps"


# -- the assistant down ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "text", "menu_start"),
    [
        ("sv", "när är min nästa lektion", None),
        ("ar", "متى الدرس القادم", None),
        ("so", "goorma ayuu fasalku yahay", None),
    ],
)
def test_with_rasa_stopped_the_portal_menu_answers_in_the_users_language_and_keeps_the_message(
    client, db, region, rasa_down, language, text, menu_start
):
    from flask_babel import force_locale, gettext

    from portal.languages import get_language

    person = create_person(region["sodertalje"], language=language)
    body = replies(text_sms(client, person.phone, text))[0]
    with force_locale(get_language(language).babel_locale):
        assert gettext("My next activity") in body
        assert gettext("Talk to a person") in body
    assert "1 " in body and "4 " in body
    inbound = messages(db, Direction.IN)[0]
    assert inbound.body == text and inbound.handled_by == HandledBy.FALLBACK
    episode = db.session.scalar(select(AssistantEpisode))
    assert episode.ended_at is None and episode.messages_handled == 1 and episode.reason == "unreachable"
    assert inbound.episode_id == episode.id


def test_the_fallback_menu_answers_its_digits_with_the_persons_own_data(client, db, region, rasa_down):
    caseworker = create_staff(region["sodertalje"])
    person = create_person(region["sodertalje"], language="en")
    today = date.today()
    create_plan(
        person,
        caseworker,
        start=today - timedelta(days=7),
        status="active",
        activities=[{"weekdays": [1, 2, 3, 4, 5], "start_time": clock(23, 0), "duration_minutes": 30}],
    )
    text_sms(client, person.phone, "when is my next class")
    first = replies(text_sms(client, person.phone, "1"))[0]
    assert first.startswith("Your next activity: Swedish for immigrants (SFI)")
    assert "Storgatan 1" in first
    plan = replies(text_sms(client, person.phone, "2"))[0]
    assert "Active" in plan and "/plan" in plan
    assert replies(text_sms(client, person.phone, "3"))[0] == "You have no objections."
    handoff = replies(text_sms(client, person.phone, "4"))[0]
    assert "caseworker" in handoff
    from portal.models import HandoffRequest

    request = db.session.scalar(select(HandoffRequest))
    assert request.person_id == person.id and request.organisation_id == region["sodertalje"].id
    assert request.language == "en" and request.channel == "sms"


def test_the_fallback_menu_gives_an_unknown_number_no_personal_data(client, db, region, rasa_down):
    caseworker = create_staff(region["sodertalje"])
    person = create_person(region["sodertalje"], language="en")
    create_plan(person, caseworker, status="active")
    text_sms(client, UNKNOWN, "when is my next class")
    for digit in ("1", "2", "3", "4"):
        body = replies(text_sms(client, UNKNOWN, digit))[0]
        assert "Swedish for immigrants" not in body and "Storgatan" not in body and "Active" not in body
        # 1-3 ask them to write from their registered number; 4 gives the reception's contact.
        assert ("registered" if digit != "4" else "reception") in body


def test_a_strangers_request_for_a_person_reaches_the_reception_of_the_number_they_wrote_to(
    app, client, db, region, rasa_down, monkeypatch
):
    """Issue 21, item 4: Södertälje's own number routes its strangers to Södertälje's reception."""
    from portal.models import HandoffRequest, MunicipalityContact, Role
    from tests.helpers import sign_in_staff

    monkeypatch.setitem(app.config, "RECEPTION_NUMBERS", {"+46766860001": "sodertalje"})
    db.session.add(
        MunicipalityContact(
            organisation=region["sodertalje"], phone="08-523 010 00", opening_hours=[[0, "09:00", "16:00"]]
        )
    )
    person = create_person(region["sodertalje"], language="en", name="Registered Person")
    create_plan(person, create_staff(region["sodertalje"]), status="active")

    def to_sodertalje(body: str):
        params = sms_params(UNKNOWN, body)
        params["To"] = "+46766860001"
        return replies(post_signed(client, SMS, params))

    to_sodertalje("I need help")  # the assistant is down: the portal's menu answers
    body = to_sodertalje("4")[0]
    assert region["sodertalje"].name in body and "08-523 010 00" in body and "reception" in body
    assert "Registered Person" not in body and "Swedish for immigrants" not in body
    handoff = db.session.scalar(select(HandoffRequest))
    assert handoff.person_id is None and handoff.organisation_id == region["sodertalje"].id
    assert handoff.channel == "sms" and handoff.conversation.phone == UNKNOWN

    sign_in_staff(client, create_staff(region["sodertalje"], Role.CASEWORKER))
    page = client.get(f"/staff/handoffs/{handoff.id}?lang=en").get_data(as_text=True)
    assert "Request from an unknown number" in page and f"tel:{UNKNOWN}" in page and "I need help" in page


def test_when_rasa_comes_back_the_episode_ends_and_the_bot_answers_again(config, client, db, fake_rasa, rasa_down):
    text_sms(client, UNKNOWN, "when is my next class")  # rasa_down overrides the URL
    config["RASA_URL"] = fake_rasa.url
    assert replies(text_sms(client, UNKNOWN, "what about housing")) == ["echo: what about housing"]
    episode = db.session.scalar(select(AssistantEpisode))
    assert episode.ended_at is not None
    assert db.session.scalar(select(Conversation)).state == ConversationState.NONE


def test_an_empty_answer_from_rasa_means_the_action_server_is_down(client, db, fake_rasa):
    fake_rasa.reply = lambda call: []
    body = replies(text_sms(client, UNKNOWN, "when is my next class"))[0]
    assert "1 My next activity" in body
    assert db.session.scalar(select(AssistantEpisode)).reason == "empty"


# -- slow assistant: empty TwiML now, the answer later through the REST API ------------------------------


def test_past_the_deadline_the_answer_goes_later_through_the_sms_client(config, client, db, fake_rasa, fake_twilio):
    config["SMS_REPLY_DEADLINE"] = 0.2
    fake_rasa.delay = 0.8
    started = time.monotonic()
    response = text_sms(client, UNKNOWN, "when is my next class")
    assert replies(response) == []
    assert time.monotonic() - started < 0.8
    wait_for_background()
    reply = messages(db, Direction.OUT)[0]
    assert reply.delivery == "rest" and reply.status == "sent" and reply.body == "echo: when is my next class"
    sent = fake_twilio.requests[0].form
    assert sent["To"] == UNKNOWN and sent["Body"] == "echo: when is my next class"
    assert reply.sms_message.provider_sid and reply.sms_message.backend == "twilio"


def test_a_late_answer_that_fails_falls_back_to_the_menu_sent_later(config, client, db, fake_rasa):
    config["SMS_REPLY_DEADLINE"] = 0.2
    fake_rasa.delay = 0.5
    fake_rasa.status = 500
    assert replies(text_sms(client, UNKNOWN, "when is my next class")) == []
    wait_for_background()
    reply = messages(db, Direction.OUT)[0]
    assert reply.delivery == "rest" and reply.handled_by == HandledBy.FALLBACK
    assert "1 My next activity" in reply.body
    assert reply.sms_message.backend == "outbox"


def test_a_late_answer_is_not_sent_to_a_number_that_opted_out_meanwhile(config, client, db, fake_rasa):
    config["SMS_REPLY_DEADLINE"] = 0.2
    fake_rasa.delay = 0.6
    text_sms(client, UNKNOWN, "when is my next class")
    conversation = db.session.scalar(select(Conversation))
    from portal.models import utcnow

    conversation.opted_out_at = utcnow()
    db.session.commit()
    wait_for_background()
    reply = messages(db, Direction.OUT)[0]
    assert reply.status == "suppressed" and reply.sms_message is None


# -- delivery status -----------------------------------------------------------------------------------


def test_a_status_callback_records_delivery_on_the_reply(client, db, fake_rasa):
    response = text_sms(client, UNKNOWN, "when is my next class")
    xml = response.get_data(as_text=True)
    assert 'action="http://localhost/webhooks/twilio/status?sms=' in xml
    sms = db.session.scalar(select(SmsMessage))
    path = f"{STATUS}?sms={sms.id}"
    sid = "SM" + "b" * 32
    params = {"MessageSid": sid, "MessageStatus": "sent", "AccountSid": "AC" + "1" * 32}
    assert post_signed(client, path, params).status_code == 204
    params = {"MessageSid": sid, "MessageStatus": "delivered", "AccountSid": "AC" + "1" * 32}
    assert post_signed(client, STATUS, params).status_code == 204
    db.session.refresh(sms)
    assert sms.provider_sid == sid and sms.status == "delivered"
    reply = messages(db, Direction.OUT)[0]
    assert reply.status == "delivered"
    # A late "sent" never overwrites "delivered".
    params = {"MessageSid": sid, "MessageStatus": "sent", "AccountSid": "AC" + "1" * 32}
    post_signed(client, STATUS, params)
    db.session.refresh(sms)
    assert sms.status == "delivered"


def test_a_status_callback_without_a_valid_signature_is_refused(client, db):
    params = {"MessageSid": "SM" + "c" * 32, "MessageStatus": "delivered"}
    assert client.post(STATUS, data=params, csrf=False).status_code == 403
    assert client.post(STATUS, data=params, headers={"X-Twilio-Signature": "x"}, csrf=False).status_code == 403


def test_a_status_callback_for_a_twiml_reply_cannot_claim_another_sms(client, db, fake_rasa):
    text_sms(client, UNKNOWN, "when is my next class")
    sms = db.session.scalar(select(SmsMessage))
    first = {"MessageSid": "SM" + "d" * 32, "MessageStatus": "sent", "AccountSid": "AC" + "1" * 32}
    post_signed(client, f"{STATUS}?sms={sms.id}", first)
    second = {"MessageSid": "SM" + "e" * 32, "MessageStatus": "failed", "AccountSid": "AC" + "1" * 32}
    post_signed(client, f"{STATUS}?sms={sms.id}", second)
    db.session.refresh(sms)
    assert sms.provider_sid == "SM" + "d" * 32 and sms.status == "sent"
