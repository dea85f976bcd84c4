"""Tasks on the start page: listed for the own organisation, assigned, and done with a note."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from portal.extensions import db
from portal.languages import LANGUAGES
from portal.models import Role, Task
from portal.services.objections import stockholm_date
from tests.factories import create_person, create_staff
from tests.helpers import check_page, sign_in_staff


@pytest.fixture
def caseworker(region):
    return create_staff(region["sodertalje"], Role.CASEWORKER, name="Elin Berg")


def _late_person(org, name):
    return create_person(org, name=name, arrival_date=stockholm_date() - timedelta(days=10))


def test_the_start_page_lists_the_tasks_of_the_own_organisation(client, region, caseworker):
    _late_person(region["sodertalje"], "Mykola Bondarenko")
    _late_person(region["botkyrka"], "Berivan Demir")
    sign_in_staff(client, caseworker)
    client.get("/language/en")
    soup = check_page(client.get("/staff/"))
    items = [li.p.get_text(" ", strip=True) for li in soup.select(".task-list > li")]
    assert len(items) == 1 and items[0].startswith("Mykola Bondarenko has no activity plan yet")


def test_a_task_is_assigned_and_done_from_the_start_page(client, region, caseworker):
    colleague = create_staff(region["sodertalje"], Role.CASEWORKER, name="Sara Lind")
    _late_person(region["sodertalje"], "Mykola Bondarenko")
    sign_in_staff(client, caseworker)
    client.get("/language/en")
    client.get("/staff/")
    task = db.session.scalars(select(Task)).one()
    assert client.post(f"/staff/tasks/{task.id}/assign", data={"assignee": colleague.id}).status_code == 302
    assert "Assigned to Sara Lind" in client.get("/staff/").get_data(as_text=True)
    response = client.post(f"/staff/tasks/{task.id}/done", data={"note": ""}, follow_redirects=True)
    assert "Write what was done." in response.get_data(as_text=True)
    db.session.refresh(task)
    assert task.done_at is None
    assert (
        client.post(f"/staff/tasks/{task.id}/done", data={"note": "Called him; plan meeting on Thursday."}).status_code
        == 302
    )
    db.session.refresh(task)
    assert task.done_by_id == caseworker.id
    assert "No open tasks." in check_page(client.get("/staff/")).get_text()


def test_another_organisations_task_cannot_be_touched(client, region, caseworker):
    _late_person(region["botkyrka"], "Berivan Demir")
    botkyrka = create_staff(region["botkyrka"], Role.CASEWORKER)
    sign_in_staff(client, botkyrka)
    client.get("/staff/")
    task = db.session.scalars(select(Task)).one()
    client.post("/signout", data={})
    sign_in_staff(client, caseworker)
    assert client.post(f"/staff/tasks/{task.id}/done", data={"note": "Not mine."}).status_code == 404
    assert client.post(f"/staff/tasks/{task.id}/assign", data={"assignee": caseworker.id}).status_code == 404
    db.session.refresh(task)
    assert task.done_at is None and task.assigned_to_id is None


def test_task_forms_need_the_csrf_token(client, region, caseworker):
    _late_person(region["sodertalje"], "Mykola Bondarenko")
    sign_in_staff(client, caseworker)
    client.get("/staff/")
    task = db.session.scalars(select(Task)).one()
    assert client.post(f"/staff/tasks/{task.id}/done", data={"note": "Done."}, csrf=False).status_code == 400


@pytest.mark.parametrize("lang", LANGUAGES, ids=lambda lang: lang.code)
def test_the_start_page_with_tasks_in_every_language(client, region, caseworker, lang):
    _late_person(region["sodertalje"], "Mykola Bondarenko")
    sign_in_staff(client, caseworker)
    client.get(f"/language/{lang.code}")
    check_page(client.get("/staff/"), lang=lang.code)
