"""The calendar link people can use: webcal and Google links, a copy field, a QR code, a phone page."""

from __future__ import annotations

from urllib.parse import parse_qs, unquote, urlsplit

import pytest

from portal.api.openapi import build_spec
from portal.languages import LANGUAGES
from portal.models import Role
from tests.factories import create_person, create_plan, create_staff
from tests.helpers import check_page, sign_in_newcomer


@pytest.fixture
def newcomer(client, region):
    person = create_person(region["sodertalje"], language="uk")
    create_plan(person, create_staff(region["sodertalje"], Role.CASEWORKER), status="proposed")
    sign_in_newcomer(client, person)
    return person


def _new_link(client, lang: str = "uk"):
    client.post("/plan/calendar", data={})
    return check_page(client.get(f"/plan/calendar?lang={lang}"), lang=lang)


def test_the_new_link_is_shown_whole_selectable_and_as_webcal_and_google_links(client, newcomer):
    soup = _new_link(client)
    feed = soup.select_one("textarea#calendar-url").get_text()
    assert feed.startswith("http://localhost/calendar/") and feed.endswith(".ics")
    assert soup.select_one("textarea#calendar-url").has_attr("readonly")
    webcal = soup.select_one(".calendar-actions a[href^='webcal:']")["href"]
    assert webcal == "webcal://" + feed.removeprefix("http://")
    google = soup.select_one(".calendar-actions a[href^='https://calendar.google.com/']")["href"]
    assert unquote(parse_qs(urlsplit(google).query)["cid"][0]) == webcal
    assert client.get(feed.removeprefix("http://localhost")).mimetype == "text/calendar"


def test_the_copy_button_is_an_enhancement_hidden_until_the_script_shows_it(client, newcomer):
    soup = _new_link(client)
    button = soup.select_one("button[data-copy='calendar-url']")
    assert button is not None and button.has_attr("hidden") and button["type"] == "button"
    assert soup.find(id=button["data-status"])["role"] == "status"
    assert soup.select_one("script[src$='/static/copy.js']").has_attr("defer")
    assert client.get("/static/copy.js").status_code == 200


def test_the_qr_code_is_inline_svg_that_opens_the_phone_page_in_the_persons_language(client, newcomer):
    soup = _new_link(client)
    svg = soup.select_one(".qr-figure svg")
    assert svg is not None and svg.find("title").get_text()
    assert soup.select_one(".qr-figure figcaption").get_text(strip=True)
    feed = soup.select_one("#calendar-url").get_text()
    token = feed.rsplit("/", 1)[1].removesuffix(".ics")
    # The QR encodes the phone page; decoding SVG is out of reach, so compare with a fresh render.
    from portal.services.totp_qr import qr_svg

    expected = qr_svg(f"http://localhost/calendar/{token}/add?lang=uk", svg.find("title").get_text())
    assert str(svg.find("path")["d"]) in expected


def test_the_link_is_shown_once(client, newcomer):
    _new_link(client)
    soup = check_page(client.get("/plan/calendar"))
    assert soup.select_one("#calendar-url") is None and soup.select_one(".qr-figure") is None


@pytest.mark.parametrize("lang", LANGUAGES, ids=lambda lang: lang.code)
def test_the_phone_page_works_in_every_language_without_signing_in(app, client, newcomer, lang):
    soup = _new_link(client)
    feed = soup.select_one("#calendar-url").get_text()
    token = feed.rsplit("/", 1)[1].removesuffix(".ics")
    phone = app.test_client()  # another device, not signed in
    response = phone.get(f"/calendar/{token}/add?lang={lang.code}")
    assert response.status_code == 200 and response.headers["Cache-Control"] == "no-store"
    page = check_page(response, lang=lang.code)
    assert page.select_one(".calendar-actions a[href^='webcal:']")["href"] == "webcal://" + feed.removeprefix("http://")
    assert page.select_one("#calendar-url").get_text() == feed
    assert page.select_one(".qr-figure") is None


def test_the_phone_page_of_an_unknown_or_turned_off_link_is_not_found(client, newcomer):
    soup = _new_link(client)
    token = soup.select_one("#calendar-url").get_text().rsplit("/", 1)[1].removesuffix(".ics")
    assert client.get("/calendar/not-a-real-token/add").status_code == 404
    client.post("/plan/calendar/revoke", data={})
    assert client.get(f"/calendar/{token}/add").status_code == 404


def test_the_openapi_document_lists_the_feed_as_text_calendar(client):
    spec = client.get("/api/v1/openapi.json").json
    item = spec["paths"]["/{token}.ics"]
    assert item["servers"] == [{"url": "/calendar"}]
    operation = item["get"]
    assert "text/calendar" in operation["responses"]["200"]["content"]
    assert [p["name"] for p in operation["parameters"] if p["in"] == "path"] == ["token"]
    assert set(operation["responses"]) == {"200", "404", "429"}
    assert build_spec()["paths"]["/{token}.ics"] == item
