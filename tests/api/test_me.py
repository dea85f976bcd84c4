"""The signed-in newcomer's JSON API, and the internal API's place in the OpenAPI document."""

from __future__ import annotations

from datetime import date, timedelta

from portal.models import Role
from tests.factories import create_person, create_plan, create_staff
from tests.helpers import sign_in_newcomer


def _monday() -> date:
    return date.today() - timedelta(days=date.today().weekday())


def test_the_api_needs_a_signed_in_newcomer(client):
    for path in ("/api/v1/me/plan", "/api/v1/me/next-activity", "/api/v1/me/schedule"):
        response = client.get(path)
        assert response.status_code == 401 and response.json["error"] == "unauthorized"


def test_a_newcomer_reads_their_plan_in_the_requested_language(client, region):
    caseworker = create_staff(region["sodertalje"], Role.CASEWORKER)
    person = create_person(region["sodertalje"], language="ar")
    create_plan(person, caseworker, start=_monday(), status="proposed")
    sign_in_newcomer(client, person)
    plan = client.get("/api/v1/me/plan?lang=ti").json["plan"]
    assert plan["hours_per_week"] == 6.0 and plan["awaiting_acknowledgement"] is True
    assert plan["activities"][0]["title"] != "Swedish for immigrants (SFI)"  # Tigrinya, from the catalogue
    days = client.get("/api/v1/me/schedule?days=14").json["days"]
    assert days and all(d["activities"][0]["starts_at"].endswith(("+01:00", "+02:00")) for d in days)
    assert client.get("/api/v1/me/next-activity").json["activity"]["place"] == "Storgatan 1, Södertälje"


def test_a_bad_day_count_is_a_clear_422(client, region):
    person = create_person(region["sodertalje"])
    sign_in_newcomer(client, person)
    for days in ("0", "99", "x"):
        assert client.get(f"/api/v1/me/schedule?days={days}").status_code == 422


def test_the_internal_api_is_in_the_openapi_document(client, app):
    spec = client.get("/api/v1/openapi.json").json
    internal = [r.rule for r in app.url_map.iter_rules() if r.rule.startswith("/internal/v1/")]
    for rule in internal:
        key = rule.removeprefix("/internal").replace("<cid>", "{cid}").replace("<case_number>", "{case_number}")
        assert key in spec["paths"], rule
        assert spec["paths"][key]["servers"] == [{"url": "/internal"}]
    assert "internalBearer" in spec["components"]["securitySchemes"]
