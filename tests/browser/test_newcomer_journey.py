"""A newcomer on a phone: picks Arabic, signs in with the code from the outbox, reads the plan
and the coming week, and acknowledges it. Runs with JavaScript on and off, and by keyboard."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from portal.models import Plan, Role
from tests.browser.conftest import screenshot
from tests.factories import create_person, create_plan, create_staff
from tests.helpers import code_from_outbox

pytestmark = pytest.mark.browser


def _monday() -> date:
    today = date.today()
    return today - timedelta(days=today.weekday())


@pytest.fixture
def layla(region):
    caseworker = create_staff(region["sodertalje"], Role.CASEWORKER)
    person = create_person(region["sodertalje"], language="sv", phone="+46701740003", name="Layla Haddad")
    create_plan(person, caseworker, start=_monday(), status="proposed")
    return person


def test_newcomer_picks_arabic_signs_in_reads_the_plan_and_acknowledges(page, layla, db, request):
    page.goto("/")
    page.get_by_role("link", name="Språk").first.click() if page.get_by_role(
        "link", name="Språk"
    ).count() else page.goto("/language")
    page.locator("a[lang=ar]").click()
    assert page.locator("html").get_attribute("dir") == "rtl"
    page.goto("/signin")
    page.locator("#phone").fill("070-174 00 03")
    page.locator("main button[type=submit]").click()
    code = code_from_outbox(layla.phone)
    page.locator("#code").fill(code)
    page.locator("main button[type=submit]").click()
    page.goto("/plan")
    assert page.locator("html").get_attribute("lang") == "ar"
    assert page.locator(".activity-list > li").count() == 1
    screenshot(page, f"newcomer-plan-ar-{request.node.callspec.id}")
    page.goto("/plan/upcoming")
    assert page.locator("section.day").count() >= 2
    screenshot(page, f"newcomer-upcoming-ar-{request.node.callspec.id}")
    page.goto("/plan")
    page.locator("form[action='/plan/acknowledge'] button").click()
    plan = db.session.scalar(select(Plan).where(Plan.person_id == layla.id))
    db.session.refresh(plan)
    assert plan.acknowledged_revision == plan.revision


def test_newcomer_signs_in_with_the_keyboard_alone(browser, live_server, layla, app):
    context = browser.new_context(viewport={"width": 360, "height": 640}, base_url=live_server)
    page = context.new_page()
    page.goto("/signin?lang=so")
    page.keyboard.press("Tab")  # the skip link comes first
    assert page.evaluate("document.activeElement.className") == "skip-link"
    page.keyboard.press("Enter")
    # Tab until the phone field has focus, type, and submit with Enter.
    for _ in range(15):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "phone":
            break
    assert page.evaluate("document.activeElement.id") == "phone"
    page.keyboard.type("0701740003")
    page.keyboard.press("Enter")
    page.wait_for_url("**/signin/code*")
    for _ in range(15):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "code":
            break
    assert page.evaluate("document.activeElement.id") == "code"
    page.keyboard.type(code_from_outbox(layla.phone))
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: "/signin" not in url)
    assert "/signin" not in page.url
    page.goto("/plan")
    assert page.locator(".activity-list > li").count() == 1
    screenshot(page, "newcomer-plan-so-keyboard")
    context.close()
