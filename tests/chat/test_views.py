"""/chat: a form and a server-rendered transcript; personal answers only for a signed-in newcomer."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from portal.languages import LANGUAGES
from portal.models import Conversation, Direction, HandledBy, Message
from tests.factories import create_person
from tests.helpers import check_page, sign_in_newcomer


@pytest.mark.parametrize("lang", LANGUAGES, ids=lambda lang: lang.code)
def test_the_chat_page_in_every_language(client, fake_rasa, lang):
    check_page(client.get(f"/chat?lang={lang.code}"), lang=lang.code)
    client.post("/chat", data={"message": "hej"})
    soup = check_page(client.get("/chat"), lang=lang.code)
    assert soup.find(id="latest") is not None
    assert soup.find("script", src=True)["src"].endswith("/static/chat.js")
    assert not soup.find("script", src=False)  # no inline script: the CSP forbids it


def test_a_message_is_answered_without_javascript_by_post_redirect_get(client, db, fake_rasa):
    response = client.post("/chat?lang=sv", data={"message": "Var finns vårdcentralen?"})
    assert response.status_code == 302 and response.location.endswith("/chat#latest")
    page = client.get("/chat").get_data(as_text=True)
    assert "Var finns vårdcentralen?" in page and "echo: Var finns vårdcentralen?" in page
    conversation = db.session.scalar(select(Conversation))
    assert conversation.channel.value == "chat" and conversation.person_id is None
    assert fake_rasa.calls[0].sender == conversation.public_id
    assert fake_rasa.calls[0].metadata == {"language": "sv"}


def test_javascript_gets_the_replies_as_json(client, fake_rasa):
    fake_rasa.reply = lambda call: [{"text": "Läs mer: /info/halsa-och-vard#vardcentral"}, {"text": "<b>fet</b>"}]
    response = client.post("/chat", data={"message": "vårdcentral"}, headers={"Accept": "application/json"})
    assert response.status_code == 200
    messages = response.get_json()["messages"]
    assert messages[0]["html"] == (
        'Läs mer: <a href="/info/halsa-och-vard#vardcentral" dir="ltr">/info/halsa-och-vard#vardcentral</a>'
    )
    assert messages[1]["html"] == "&lt;b&gt;fet&lt;/b&gt;"


def test_a_chat_post_needs_csrf(client, fake_rasa):
    assert client.post("/chat", data={"message": "hej"}, csrf=False).status_code == 400
    assert fake_rasa.calls == []


@pytest.mark.parametrize("message", ["", "   ", "x" * 1001])
def test_an_empty_or_too_long_message_is_refused(client, fake_rasa, message):
    response = client.post("/chat", data={"message": message})
    assert response.status_code == 422
    check_page(response)
    assert fake_rasa.calls == []


def test_anyone_not_signed_in_gets_a_civic_only_conversation_of_their_own(app, db, fake_rasa):
    first, second = app.test_client(), app.test_client()
    first.post("/chat", data={"message": "hej"})
    second.post("/chat", data={"message": "hallå"})
    conversations = db.session.scalars(select(Conversation)).all()
    assert len(conversations) == 2 and all(c.person_id is None for c in conversations)
    assert "hallå" not in first.get("/chat").get_data(as_text=True)


def test_a_signed_in_newcomers_chat_is_linked_to_them_and_signing_in_starts_a_new_one(client, db, region, fake_rasa):
    client.post("/chat", data={"message": "before signing in"})
    person = create_person(region["sodertalje"], language="so")
    sign_in_newcomer(client, person)
    client.post("/chat", data={"message": "goorma ayuu fasalku yahay"})
    personal = db.session.scalar(select(Conversation).where(Conversation.person_id == person.id))
    assert personal is not None and personal.language == "so"
    assert fake_rasa.calls[-1].sender == personal.public_id
    page = client.get("/chat").get_data(as_text=True)
    assert "before signing in" not in page and "goorma ayuu fasalku yahay" in page


def test_with_rasa_stopped_the_chat_answers_with_the_menu_and_keeps_the_message(client, db, rasa_down):
    client.post("/chat?lang=ar", data={"message": "متى الدرس القادم"})
    page = client.get("/chat").get_data(as_text=True)
    from flask_babel import force_locale, gettext

    with force_locale("ar"):
        assert gettext("My next activity") in page
    inbound = db.session.scalar(select(Message).where(Message.direction == Direction.IN))
    assert inbound.body == "متى الدرس القادم" and inbound.handled_by == HandledBy.FALLBACK
    client.post("/chat", data={"message": "1"})
    page = client.get("/chat").get_data(as_text=True)
    with force_locale("ar"):
        assert gettext("My next activity") in page
    last = db.session.scalars(select(Message).order_by(Message.id.desc())).first()
    assert last.handled_by == HandledBy.FALLBACK


def test_switching_the_page_language_switches_the_chat_language(client, db, fake_rasa):
    client.post("/chat?lang=sv", data={"message": "hej"})
    client.get("/language/fa")
    client.post("/chat", data={"message": "سلام"})
    assert [c.metadata["language"] for c in fake_rasa.calls] == ["sv", "fa"]


def test_a_chat_reply_isolates_numbers_and_links_phone_numbers_as_json_and_as_a_page(client, fake_rasa):
    fake_rasa.reply = lambda call: [{"text": "اتصل بالشرطة على 114 14 بين 13:00–16:00"}]
    response = client.post("/chat?lang=ar", data={"message": "شرطة"}, headers={"Accept": "application/json"})
    html = response.get_json()["messages"][0]["html"]
    assert html == ('اتصل بالشرطة على <a href="tel:11414" dir="ltr">114 14</a> بين <span dir="ltr">13:00–16:00</span>')
    assert '<a href="tel:11414" dir="ltr">114 14</a>' in client.get("/chat").get_data(as_text=True)


def test_an_arabic_message_that_starts_with_a_swedish_word_is_laid_out_right_to_left(client, fake_rasa):
    # dir="auto" would take "SFI", the first letters, and lay the whole reply out left to right.
    fake_rasa.reply = lambda call: [{"text": "SFI مجاني. اتصل على 08-523 010 00"}]
    json = client.post("/chat?lang=ar", data={"message": "SFI متى يبدأ؟"}, headers={"Accept": "application/json"})
    assert json.get_json()["messages"][0]["dir"] == "rtl"
    soup = check_page(client.get("/chat"), lang="ar")
    assert [p["dir"] for p in soup.select(".chat-transcript p")] == ["rtl", "rtl"]
