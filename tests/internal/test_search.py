"""GET /internal/v1/search: the assistant's civic answers (docs/internal-api.md)."""

from __future__ import annotations

import pytest

from portal.services.content import DEFAULT_CONTENT_DIR, sync_from_files
from tests.content_fixtures import small_tree

TOKEN = {"Authorization": "Bearer test-internal-token"}


@pytest.fixture
def synced(app, tmp_path):
    sync_from_files(small_tree(tmp_path))


@pytest.fixture
def real_content(app):
    # Confidence thresholds are tuned on the real modules.
    sync_from_files(DEFAULT_CONTENT_DIR)


def search(client, query: str, lang: str, **params) -> dict:
    response = client.get("/internal/v1/search", query_string={"q": query, "lang": lang, **params}, headers=TOKEN)
    assert response.status_code == 200
    return response.json


def test_the_response_has_the_documented_fields(client, real_content):
    body = search(client, "var hittar jag en tandläkare", "sv", limit=3)
    assert set(body) == {"confidence", "answer", "results", "fallback_language"}
    assert body["confidence"] == "confident" and body["fallback_language"] is None
    answer = body["answer"]
    assert {"title", "text", "url", "slug"} <= set(answer)
    assert answer["title"] == "Tandvård" and answer["slug"] == "halsa-och-vard"
    assert answer["url"] == "http://127.0.0.1:5000/info/halsa-och-vard#tandvard"
    assert "tandläkare" in answer["text"]
    first = body["results"][0]
    assert {"slug", "title", "summary", "section_anchor", "section_title", "snippet", "url", "score"} <= set(first)
    assert first["url"] == "http://127.0.0.1:5000/info/halsa-och-vard#tandvard"
    assert first["section_title"] == "Tandvård" and first["title"] == "Hälsa och vård"
    assert first["score"] > 0


def test_urls_are_built_on_the_public_base_url(client, real_content, app, monkeypatch):
    monkeypatch.setitem(app.config, "PUBLIC_BASE_URL", "https://ankomst.example.se/")
    body = search(client, "tandläkare", "sv")
    assert body["answer"]["url"] == "https://ankomst.example.se/info/halsa-och-vard#tandvard"
    assert all(r["url"].startswith("https://ankomst.example.se/info/") for r in body["results"])


def test_the_limit_is_respected(client, synced):
    assert len(search(client, "vård bostad lägenhet tänder", "sv", limit=1)["results"]) == 1


def test_results_come_in_the_conversations_language(client, real_content):
    body = search(client, "where do i find a dentist", "en")
    assert body["answer"]["title"] == "Dental care"
    assert body["results"][0]["title"] == "Health and care"


def test_a_vague_question_is_middling_and_offers_a_few_topics(client, real_content):
    body = search(client, "papper", "sv")
    assert body["confidence"] == "middling"
    assert 1 <= len(body["results"]) <= 3


def test_nothing_found_is_confidence_none_without_an_answer(client, synced):
    assert search(client, "zzzqqq", "sv") == {
        "confidence": "none",
        "answer": None,
        "results": [],
        "fallback_language": None,
    }


BAD_TOKENS = [
    # (what, headers)
    ("no header", {}),
    ("a wrong token", {"Authorization": "Bearer nope"}),
    ("the token without Bearer", {"Authorization": "test-internal-token"}),
    ("another scheme", {"Authorization": "Basic test-internal-token"}),
    ("an empty bearer", {"Authorization": "Bearer "}),
]


@pytest.mark.parametrize("headers", [b[1] for b in BAD_TOKENS], ids=[b[0] for b in BAD_TOKENS])
def test_a_missing_or_wrong_token_is_401(client, synced, headers):
    response = client.get("/internal/v1/search?q=vård&lang=sv", headers=headers)
    assert response.status_code == 401
    assert response.json["error"] == "unauthorized"
