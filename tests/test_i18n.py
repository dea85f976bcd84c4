from __future__ import annotations

import pytest

from portal.languages import LANGUAGES, get_language
from tests.factories import create_person
from tests.helpers import check_page, sign_in_newcomer
from tests.test_languages import DEVICE_TAGS


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


@pytest.mark.parametrize(("tag", "expected"), DEVICE_TAGS)
def test_a_device_tag_in_accept_language_gives_the_page_its_language_and_direction(client, tag, expected):
    soup = check_page(client.get("/", headers={"Accept-Language": f"{tag},de;q=0.5"}), lang=expected)
    assert soup.find("html")["dir"] == get_language(expected).direction
    assert soup.find("nav", class_="first-language") is None


def test_a_language_we_serve_further_down_the_list_beats_swedish(client):
    assert _lang(client.get("/", headers={"Accept-Language": "de-DE,de;q=0.9,prs;q=0.8,en;q=0.5"})) == "prs"


@pytest.mark.parametrize("header", ["de-DE,de;q=0.9", "am-ET", "fr-FR,fr;q=0.9,*;q=0.1", "en;q=0,de"])
def test_a_browser_in_a_language_we_do_not_serve_gets_the_chooser_before_anything_else(client, header):
    soup = check_page(client.get("/info/", headers={"Accept-Language": header}))
    chooser = soup.find("nav", class_="first-language")
    assert chooser is not None
    assert soup.body.find(["nav", "header", "main"]) is chooser, "the chooser is not the first thing on the page"
    links = chooser.select(".language-list a")
    assert [a.get_text(strip=True) for a in links] == [lang.native_name for lang in LANGUAGES]
    assert all(a["lang"] == lang.code and a["dir"] == lang.direction for a, lang in zip(links, LANGUAGES, strict=True))
    assert links[2]["href"] == "/language/ar?next=/info/"
    assert not chooser.find("script") and not soup.find("script")


def test_choosing_from_the_chooser_returns_to_the_page_in_that_language_and_the_chooser_goes(client):
    headers = {"Accept-Language": "de-DE,de;q=0.9"}
    response = client.get("/language/uk?next=/info/", headers=headers)
    assert response.status_code == 302 and response.location == "/info/"
    soup = check_page(client.get("/info/", headers=headers), lang="uk")
    assert soup.find("nav", class_="first-language") is None


@pytest.mark.parametrize("headers", [{}, {"Accept-Language": "*"}, {"Accept-Language": "sv-SE"}])
def test_no_chooser_when_the_browser_asks_for_nothing_in_particular_or_for_swedish(client, headers):
    soup = check_page(client.get("/", headers=headers), lang="sv")
    assert soup.find("nav", class_="first-language") is None


def test_the_language_picker_page_itself_shows_its_list_once(client):
    soup = check_page(client.get("/language", headers={"Accept-Language": "de"}))
    assert soup.find("nav", class_="first-language") is None
    assert len(soup.select(".language-list")) == 1


@pytest.mark.parametrize("lang", LANGUAGES, ids=lambda lang: lang.code)
def test_every_header_says_language_in_every_script_beside_the_current_name(client, lang):
    link = check_page(client.get(f"/?lang={lang.code}")).find("a", class_="language-link")
    words = [span.get_text() for span in link.select(".language-words span[lang]")]
    assert words[0] == lang.word_for_language
    assert {"Language", "Språk", "اللغة", "Luqadda", "ቋንቋ", "Мова", "Язык", "Ziman", "ژبه", "زبان", "زمان"} <= set(
        words
    )
    current = link.find("bdi")
    assert current.get_text() == lang.native_name and current["lang"] == lang.code
