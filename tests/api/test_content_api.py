"""The public JSON API for civic information: modules, one module, search."""

from __future__ import annotations

import pytest

from portal.services.content import sync_from_files
from tests.content_fixtures import small_tree


@pytest.fixture
def synced(app, tmp_path):
    sync_from_files(small_tree(tmp_path))


def test_modules_are_listed_in_the_requested_language_with_swedish_fallback(client, synced):
    response = client.get("/api/v1/modules?lang=en")
    assert response.status_code == 200
    modules = {m["slug"]: m for m in response.json["modules"]}
    assert modules["halsa-och-vard"] == {
        "slug": "halsa-och-vard",
        "title": "Health and care",
        "summary": "How to get care.",
        "language": "en",
        "fallback": False,
        "icon": "health",
        "url": "/info/halsa-och-vard",
    }
    arabic = {m["slug"]: m for m in client.get("/api/v1/modules?lang=ar").json["modules"]}
    assert arabic["boende"]["language"] == "sv" and arabic["boende"]["fallback"] is True


def test_one_module_comes_with_its_sections_as_safe_html(client, synced):
    data = client.get("/api/v1/modules/halsa-och-vard?lang=ar").json
    assert data["language"] == "ar" and data["fallback"] is False
    assert data["status"] == "unreviewed" and data["review_status"] == "unreviewed-draft"
    assert [s["anchor"] for s in data["sections"]] == ["vardcentral", "tandvard"]
    assert data["sections"][0]["html"].startswith("<p>")


def test_a_module_without_translation_is_returned_in_swedish_and_flagged(client, synced):
    data = client.get("/api/v1/modules/boende?lang=fa").json
    assert data["language"] == "sv" and data["requested_language"] == "fa" and data["fallback"] is True


def test_search_returns_ranked_modules_with_section_anchors_and_snippets(client, synced):
    data = client.get("/api/v1/search?q=tandläkare&lang=sv").json
    assert data["language"] == "sv" and data["fallback"] is False
    first = data["results"][0]
    assert first["slug"] == "halsa-och-vard" and first["section_anchor"] == "tandvard"
    assert first["url"] == "/info/halsa-och-vard#tandvard"
    assert "tandläkare" in first["snippet"] and "<mark>" not in first["snippet"]


def test_search_says_how_sure_it_is(client, synced):
    assert client.get("/api/v1/search?q=tandläkare&lang=sv").json["confidence"] in {"confident", "middling", "none"}
    assert client.get("/api/v1/search?q=zzzqqq&lang=sv").json["confidence"] == "none"


def test_search_says_when_the_results_are_swedish(client, synced):
    data = client.get("/api/v1/search?q=1177&lang=fa").json
    assert data["fallback"] is True and data["language"] == "sv" and data["results"]


ERRORS = [
    # (what, path, status)
    ("an unknown module", "/api/v1/modules/finns-inte?lang=sv", 404),
    ("an unknown language", "/api/v1/search?q=x&lang=xx", 400),
    ("an unknown language for modules", "/api/v1/modules?lang=klingon", 400),
]


@pytest.mark.parametrize(("path", "status"), [e[1:] for e in ERRORS], ids=[e[0] for e in ERRORS])
def test_errors_are_json(client, synced, path, status):
    response = client.get(path)
    assert response.status_code == status
    assert response.is_json and "error" in response.json


def test_the_api_needs_no_csrf_token_and_sets_no_form(client, synced):
    response = client.get("/api/v1/search?q=vård&lang=sv")
    assert response.status_code == 200 and response.is_json
