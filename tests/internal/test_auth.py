"""The bearer-token decorator other areas reuse for their internal routes."""

from __future__ import annotations

import pytest
from flask import Flask

from portal.internal.auth import internal_token_required


@pytest.fixture
def tiny_app():
    app = Flask(__name__)
    app.config["INTERNAL_API_TOKEN"] = "s3cret"

    @app.get("/guarded")
    @internal_token_required
    def guarded():
        return "ok"

    return app


CASES = [
    # (what, headers, status)
    ("the right token", {"Authorization": "Bearer s3cret"}, 200),
    ("the scheme in lower case", {"Authorization": "bearer s3cret"}, 200),
    ("a wrong token", {"Authorization": "Bearer s3cre"}, 401),
    ("no header", {}, 401),
]


@pytest.mark.parametrize(("headers", "status"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_the_decorator_lets_only_the_token_through(tiny_app, headers, status):
    assert tiny_app.test_client().get("/guarded", headers=headers).status_code == status


def test_an_unset_token_lets_nobody_through(tiny_app):
    tiny_app.config["INTERNAL_API_TOKEN"] = ""
    assert tiny_app.test_client().get("/guarded", headers={"Authorization": "Bearer "}).status_code == 401
