"""The OpenAPI document describes every /api/v1 route."""

from __future__ import annotations

import re

from portal.api.openapi import build_spec


def _openapi_path(rule: str) -> str:
    return re.sub(r"<(?:[a-z]+:)?([a-z_]+)>", r"{\1}", rule.removeprefix("/api/v1"))


def test_the_document_is_served_and_is_openapi_3(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    assert response.json["openapi"].startswith("3.") and response.json["servers"] == [{"url": "/api/v1"}]


def test_every_api_route_is_described(app):
    spec = build_spec()
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith("/api/v1/"):
            continue
        path = _openapi_path(rule.rule)
        assert path in spec["paths"], f"{rule.rule} is not in portal/api/openapi.py"
        for method in rule.methods - {"HEAD", "OPTIONS"}:
            assert method.lower() in spec["paths"][path], f"{method} {rule.rule} is not described"


def test_every_schema_reference_resolves():
    spec = build_spec()
    text = repr(spec)
    for name in re.findall(r"#/components/schemas/([A-Za-z0-9_]+)", text):
        assert name in spec["components"]["schemas"], name
