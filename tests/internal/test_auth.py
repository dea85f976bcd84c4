"""The bearer token that guards /internal/v1 (portal.internal.auth, checked in base.py before any route)."""

from __future__ import annotations

import pytest

from portal.internal.auth import bearer_token, token_is_valid

CASES = [
    # (what, headers, let through)
    ("the right token", {"Authorization": "Bearer s3cret"}, True),
    ("the scheme in lower case", {"Authorization": "bearer s3cret"}, True),
    ("a wrong token", {"Authorization": "Bearer s3cre"}, False),
    ("another scheme", {"Authorization": "Basic s3cret"}, False),
    ("no header", {}, False),
]


@pytest.mark.parametrize(("headers", "allowed"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_only_the_configured_token_is_let_through(app, config, headers, allowed):
    config["INTERNAL_API_TOKEN"] = "s3cret"
    with app.test_request_context(headers=headers):
        assert token_is_valid(bearer_token()) is allowed


def test_an_unset_token_lets_nobody_through(app, config):
    config["INTERNAL_API_TOKEN"] = ""
    with app.test_request_context(headers={"Authorization": "Bearer "}):
        assert token_is_valid(bearer_token()) is False


@pytest.mark.parametrize(("headers", "allowed"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_an_internal_route_answers_401_without_the_token(client, config, headers, allowed):
    config["INTERNAL_API_TOKEN"] = "s3cret"
    # An unknown conversation: with the token the route answers 404, without it the guard 401 first.
    status = client.get("/internal/v1/conversations/no-such-conversation", headers=headers).status_code
    assert status == (404 if allowed else 401)
