"""The internal API reaches a conversation only while it is live (services.assistant_api.is_live).

An SMS or anonymous chat conversation is live for ASSISTANT_LIVE_WINDOW after its last inbound
message; a signed-in web chat is bound to its sign-in session and ends at sign-out or expiry.
An ended conversation answers 404, exactly like an unknown id.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from portal.models import Conversation, SignInSession, utcnow
from tests.factories import create_conversation, create_person
from tests.helpers import sign_in_newcomer
from tests.internal.test_conversations import AUTH, BASE, ROUTES


@pytest.fixture
def live_window(config):
    """Set ASSISTANT_LIVE_WINDOW for one test (restored afterwards)."""

    def set_window(minutes: int) -> None:
        config["ASSISTANT_LIVE_WINDOW"] = timedelta(minutes=minutes)

    return set_window


@pytest.fixture
def newcomer(region):
    return create_person(region["sodertalje"], language="ar")


def _status(client, cid: str, method: str = "GET", path: str = "") -> int:
    return client.open(f"{BASE}/{cid}{path}", method=method, headers=AUTH, json={}).status_code


def _age(db, conversation: Conversation, minutes: int) -> None:
    conversation.last_activity_at = utcnow() - timedelta(minutes=minutes)
    db.session.commit()


@pytest.mark.parametrize(("method", "path"), ROUTES)
def test_an_sms_conversation_without_a_recent_message_is_not_found_on_every_route(
    client, db, newcomer, live_window, method, path
):
    live_window(5)
    sms = create_conversation(channel="sms", person=newcomer)
    _age(db, sms, 6)
    assert _status(client, sms.public_id, method, path) == 404


@pytest.mark.parametrize(("window", "age", "live"), [(5, 4, True), (5, 6, False), (30, 20, True), (30, 31, False)])
def test_the_live_window_is_configurable(client, db, newcomer, live_window, window, age, live):
    live_window(window)
    sms = create_conversation(channel="sms", person=newcomer)
    _age(db, sms, age)
    assert _status(client, sms.public_id) == (200 if live else 404)


def test_the_default_window_is_a_few_minutes(app):
    assert timedelta(minutes=1) <= app.config["ASSISTANT_LIVE_WINDOW"] <= timedelta(minutes=10)


def test_an_anonymous_chat_ends_like_an_sms_conversation(client, db, live_window):
    live_window(5)
    civic = create_conversation(channel="chat", language="sv")
    assert _status(client, civic.public_id) == 200
    _age(db, civic, 6)
    assert _status(client, civic.public_id) == 404


def test_a_new_inbound_sms_makes_the_conversation_live_again(client, db, newcomer, live_window, fake_rasa):
    from tests.servers import text_sms

    live_window(5)
    sms = create_conversation(channel="sms", person=newcomer)
    _age(db, sms, 60)
    assert _status(client, sms.public_id) == 404
    assert text_sms(client, newcomer.phone, "hej").status_code == 200
    assert _status(client, sms.public_id) == 200


def test_a_signed_in_chat_is_live_without_recent_messages_while_its_session_lasts(client, db, newcomer, live_window):
    live_window(5)
    chat = create_conversation(channel="chat", person=newcomer)
    _age(db, chat, 60)
    assert _status(client, chat.public_id) == 200


def test_a_signed_in_chat_ends_when_its_session_expires(app, client, db, newcomer):
    chat = create_conversation(channel="chat", person=newcomer)
    record = db.session.get(SignInSession, chat.signin_session_id)
    record.last_seen_at = utcnow() - app.config["SESSION_IDLE_TIMEOUT"] - timedelta(seconds=1)
    db.session.commit()
    assert _status(client, chat.public_id) == 404


def test_a_signed_in_chat_ends_at_the_absolute_session_lifetime(app, client, db, newcomer):
    chat = create_conversation(channel="chat", person=newcomer)
    record = db.session.get(SignInSession, chat.signin_session_id)
    record.created_at = utcnow() - app.config["SESSION_ABSOLUTE_LIFETIME"] - timedelta(seconds=1)
    db.session.commit()
    assert _status(client, chat.public_id) == 404


def test_a_personal_chat_without_a_session_is_not_reachable(client, db, newcomer):
    chat = create_conversation(channel="chat", person=newcomer)
    chat.signin_session_id = None
    db.session.commit()
    assert _status(client, chat.public_id) == 404


def test_the_chat_page_binds_the_conversation_to_the_session_and_sign_out_ends_it(app, client, db, newcomer, fake_rasa):
    sign_in_newcomer(client, newcomer)
    assert client.post("/chat", data={"message": "min plan"}).status_code == 302
    chat = db.session.scalar(select(Conversation))
    assert chat.person_id == newcomer.id and chat.signin_session_id is not None
    bot = app.test_client()  # the action server: no cookie, only the token
    assert bot.open(f"{BASE}/{chat.public_id}", headers=AUTH).get_json()["identified"] is True

    client.post("/signout", data={})
    db.session.expire_all()
    assert db.session.get(Conversation, chat.id).signin_session_id is None
    assert _status(bot, chat.public_id) == 404
    assert _status(bot, chat.public_id, "GET", "/objections") == 404


def test_signing_in_again_starts_a_new_chat_conversation(app, client, db, newcomer, fake_rasa):
    sign_in_newcomer(client, newcomer)
    client.post("/chat", data={"message": "hej"})
    with client.session_transaction() as sess:
        first = sess["chat"]
    # A second sign-in in the same browser (say, after the session expired) gets a fresh id.
    sign_in_newcomer(client, newcomer)
    with client.session_transaction() as sess:
        sess["chat"] = first  # even if the old id were still in the cookie
    client.post("/chat", data={"message": "hej igen"})
    with client.session_transaction() as sess:
        assert sess["chat"] != first
    assert len(db.session.scalars(select(Conversation)).all()) == 2
