"""A caseworker in a real browser (issue 21): the start page says who needs a plan, a plan is built
from a template in a few steps, the task clears, and a second task is marked done with a note.
Runs with JavaScript on and off."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from portal.models import Plan, Role, Task, TaskKind, utcnow
from portal.services.objections import stockholm_date
from tests.browser.conftest import screenshot, sign_in_staff_in_browser
from tests.factories import create_handoff, create_person, create_staff

pytestmark = pytest.mark.browser


def test_a_plan_from_a_template_clears_the_task_and_another_is_done_with_a_note(page, region, db, request):
    run = request.node.callspec.id
    caseworker = create_staff(region["sodertalje"], Role.CASEWORKER, name="Sara Lind")
    person = create_person(
        region["sodertalje"], language="ti", name="Selam Tesfay", arrival_date=stockholm_date() - timedelta(days=4)
    )
    waiting = create_handoff(create_person(region["sodertalje"], language="so", name="Abdi Warsame"))
    waiting.created_at = utcnow() - timedelta(days=2)
    db.session.commit()

    sign_in_staff_in_browser(page, caseworker)
    page.goto("/staff/")
    tasks = page.locator(".task-list").inner_text()
    assert "Selam Tesfay" in tasks and "Abdi Warsame" in tasks

    # Build the plan: create it, add the full-time template, see the activities.
    page.goto(f"/staff/people/{person.id}/plan")
    page.locator("form[action$='/plan'] button[type=submit]").click()
    page.locator("select[name=template]").wait_for()
    page.locator("select[name=template]").select_option("region:sfi_praktik_full_time")
    page.locator("form[action$='/plan/template'] button[type=submit]").click()
    page.locator(".flash").wait_for()
    assert page.url.endswith("#activities")
    assert page.locator(".activity-list > li").count() == 4
    screenshot(page, f"plan-from-template-{run}")
    db.session.expire_all()
    plan = db.session.scalar(select(Plan).where(Plan.person_id == person.id))
    assert len(plan.activities) == 4 and len(plan.goals) == 3

    # The start page no longer asks for Selam's plan; Abdi's request is marked done with a note.
    page.goto("/staff/")
    assert "Selam Tesfay" not in page.locator(".task-list").inner_text()
    task = db.session.scalar(select(Task).where(Task.kind == TaskKind.HANDOFF_WAITING))
    item = page.locator(f"#task-{task.id}")
    item.locator("textarea[name=note]").fill("Ringde med tolk; möte bokat på torsdag.")
    item.locator("form[action$='/done'] button[type=submit]").click()
    page.wait_for_url("**/staff/**")
    db.session.expire_all()
    done = db.session.get(Task, task.id)
    assert done.done_at is not None and done.done_by_id == caseworker.id
