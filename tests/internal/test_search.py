"""GET /internal/v1/search: the assistant's civic answers (docs/internal-api.md)."""

from __future__ import annotations

import pytest

from portal.services.content import sync_from_files
from tests.content_fixtures import small_tree

TOKEN = {"Authorization": "Bearer test-internal-token"}


@pytest.fixture
def synced(app, tmp_path):
    sync_from_files(small_tree(tmp_path))


def test_results_have_the_documented_shape(client, synced):
    response = client.get("/internal/v1/search?q=tandläkare&lang=sv&limit=3", headers=TOKEN)
    assert response.status_code == 200
    results = response.json["results"]
    assert 1 <= len(results) <= 3
    first = results[0]
    assert {"slug", "title", "summary", "section_anchor", "section_title", "snippet", "url"} <= set(first)
    assert first["slug"] == "halsa-och-vard" and first["url"] == "/info/halsa-och-vard#tandvard"
    assert first["section_title"] == "Tandvård" and first["title"] == "Hälsa och vård"


def test_the_limit_is_respected(client, synced):
    results = client.get("/internal/v1/search?q=vård bostad lägenhet tänder&lang=sv&limit=1", headers=TOKEN).json[
        "results"
    ]
    assert len(results) == 1


def test_results_come_in_the_conversations_language(client, synced):
    first = client.get("/internal/v1/search?q=dentist&lang=en", headers=TOKEN).json["results"][0]
    assert first["title"] == "Health and care" and first["section_title"] == "Dental care"


def test_no_results_is_an_empty_list(client, synced):
    assert client.get("/internal/v1/search?q=zzzqqq&lang=sv", headers=TOKEN).json == {"results": []}


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
