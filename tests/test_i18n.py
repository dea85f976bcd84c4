from __future__ import annotations

import pytest

from portal.languages import LANGUAGES
from tests.factories import create_person
from tests.helpers import check_page, sign_in_newcomer


def _lang(response) -> str:
    return check_page(response).find("html")["lang"]


def test_swedish_is_the_default(client):
    assert _lang(client.get("/")) == "sv"


def test_accept_language_is_used_when_nothing_else_is_known(client):
    assert _lang(client.get("/", headers={"Accept-Language": "ti,en;q=0.5"})) == "ti"
    assert _lang(client.get("/", headers={"Accept-Language": "fa-AF"})) == "prs"


def test_an_explicit_choice_beats_accept_language_and_sticks(client):
    client.get("/language/uk")
    assert _lang(client.get("/", headers={"Accept-Language": "ar"})) == "uk"


def test_the_url_beats_the_explicit_choice(client):
    client.get("/language/uk")
    assert _lang(client.get("/?lang=so")) == "so"
    assert _lang(client.get("/")) == "so"


def test_a_signed_in_persons_stored_preference_beats_accept_language(client, region):
    person = create_person(region["sodertalje"], language="ckb")
    sign_in_newcomer(client, person)
    with client.session_transaction() as sess:
        sess.pop("lang", None)
    assert _lang(client.get("/", headers={"Accept-Language": "en"})) == "ckb"


def test_choosing_a_language_while_signed_in_updates_the_stored_preference(client, region, db):
    person = create_person(region["botkyrka"], language="sv")
    sign_in_newcomer(client, person)
    client.post("/language/ps", data={})
    db.session.refresh(person)
    assert person.preferred_language == "ps"


@pytest.mark.parametrize("lang", LANGUAGES, ids=lambda lang: lang.code)
def test_html_lang_and_dir_follow_the_language(client, lang):
    soup = check_page(client.get(f"/?lang={lang.code}"), lang=lang.code)
    assert soup.find("html")["dir"] == ("rtl" if lang.is_rtl else "ltr")


def test_the_language_picker_lists_native_names_each_marked_with_its_language(client):
    soup = check_page(client.get("/language"))
    links = soup.select(".language-list a")
    assert [a.get_text(strip=True) for a in links] == [lang.native_name for lang in LANGUAGES]
    assert all(a["lang"] == lang.code and a["dir"] == lang.direction for a, lang in zip(links, LANGUAGES, strict=True))


def test_an_unknown_language_in_the_url_is_a_clear_4xx_not_a_500(client):
    assert client.get("/?lang=xx").status_code == 400
    response = client.get("/language/klingon")
    assert response.status_code == 404
    assert "language" in response.get_data(as_text=True).lower() or "språk" in response.get_data(as_text=True)


def test_the_language_redirect_only_goes_to_local_paths(client):
    assert client.get("/language/en?next=https://evil.example/").status_code == 400
    assert client.get("/language/en?next=//evil.example/").status_code == 400
    assert client.get("/language/en?next=/signin").location == "/signin"
