"""The plan exported for the national systems (issue 21, item 7): documented JSON and CSV, audited."""

from __future__ import annotations

import csv
import io
from datetime import date

from sqlalchemy import select

from portal.models import AuditEvent, Role
from portal.services.identity_numbers import set_identity_number
from portal.services.plan_export import CSV_COLUMNS, FORMAT
from tests.factories import create_person, create_plan, create_staff
from tests.helpers import sign_in_staff


def _setting(region):
    caseworker = create_staff(region["sodertalje"], Role.CASEWORKER)
    person = create_person(region["sodertalje"], language="so", name="Hodan Ali", phone="+46701112233")
    plan = create_plan(
        person,
        caseworker,
        start=date(2027, 1, 11),
        status="proposed",
        activities=[{}, {"type_key": "praktik", "weekdays": [2]}],
    )
    set_identity_number(person, caseworker, "19121212-1212")
    return caseworker, person, plan


def test_the_json_export_follows_the_format_and_is_audited(client, db, region):
    caseworker, person, plan = _setting(region)
    sign_in_staff(client, caseworker)
    response = client.get(f"/staff/people/{person.id}/plan/export.json")
    assert response.status_code == 200 and "attachment" in response.headers["Content-Disposition"]
    doc = response.get_json()
    assert doc["format"] == FORMAT and doc["person"]["identity_number"] == "191212121212"
    assert doc["plan"]["version"] == plan.revision and len(doc["plan"]["activities"]) == 2
    assert doc["plan"]["activities"][0]["weekdays"] == [1, 3]
    assert doc["plan"]["hours_per_week_by_period"]
    body = response.get_data(as_text=True)
    assert "Hodan" not in body and "+46701112233" not in body  # no name, no phone number
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "plan.export"))
    assert event.details == {"format": "json", "version": plan.revision} and event.actor_staff_id == caseworker.id


def test_the_csv_export_has_one_row_per_activity(client, db, region):
    caseworker, person, plan = _setting(region)
    sign_in_staff(client, caseworker)
    response = client.get(f"/staff/people/{person.id}/plan/export.csv")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True))))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert [r[CSV_COLUMNS.index("activity_type")] for r in rows[1:]] == ["sfi", "praktik"]
    assert db.session.scalar(select(AuditEvent).where(AuditEvent.action == "plan.export")).details["format"] == "csv"


def test_another_organisation_cannot_export_and_unknown_formats_are_404(client, db, region):
    _, person, _ = _setting(region)
    other = create_staff(region["botkyrka"], Role.CASEWORKER)
    sign_in_staff(client, other)
    assert client.get(f"/staff/people/{person.id}/plan/export.json").status_code == 404
    assert client.get(f"/staff/people/{person.id}/plan/export.xml").status_code == 404
    assert db.session.scalar(select(AuditEvent).where(AuditEvent.action == "plan.export")) is None
