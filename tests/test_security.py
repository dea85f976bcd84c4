from __future__ import annotations

import pytest

from portal import create_app
from portal.config import TestConfig
from tests.factories import create_person


def _cfg(**overrides):
    return {**{k: getattr(TestConfig, k) for k in dir(TestConfig) if k.isupper()}, **overrides}


@pytest.mark.parametrize("path", ["/", "/signin", "/staff/signin", "/language", "/nope", "/healthz"])
def test_every_response_has_the_security_headers(client, path):
    headers = client.get(path).headers
    assert "script-src 'self'" in headers["Content-Security-Policy"]
    assert "'unsafe-inline'" not in headers["Content-Security-Policy"]
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Referrer-Policy"] == "same-origin"


def test_hsts_only_over_https(client):
    assert "Strict-Transport-Security" not in client.get("/").headers
    assert "max-age" in client.get("/", base_url="https://localhost").headers["Strict-Transport-Security"]


def test_forwarded_headers_are_ignored_unless_a_proxy_is_configured(client):
    response = client.get("/", headers={"X-Forwarded-Proto": "https"})
    assert "Strict-Transport-Security" not in response.headers


def test_forwarded_headers_are_trusted_behind_a_configured_proxy():
    app = create_app(_cfg(TRUSTED_PROXY_COUNT=1))
    response = app.test_client().get("/healthz", headers={"X-Forwarded-Proto": "https"})
    assert "Strict-Transport-Security" in response.headers


def test_session_cookie_is_httponly_and_samesite(client, region):
    create_person(region["botkyrka"], phone="+46701234567")
    response = client.post("/signin", data={"phone": "0701234567"})
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_a_form_without_a_csrf_token_is_refused_with_a_clear_message(client):
    response = client.post("/signin?lang=so", data={"phone": "0701234567"}, csrf=False)
    assert response.status_code == 400
    assert 'lang="so"' in response.get_data(as_text=True)


def test_oversized_requests_are_refused_not_crashed(client):
    response = client.post("/signin", data={"phone": "0" * 300_000})
    assert response.status_code == 413


def test_personal_pages_are_not_cached(client):
    assert client.get("/signin").headers["Cache-Control"] == "no-store"
