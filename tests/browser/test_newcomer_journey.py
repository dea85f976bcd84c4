"""A newcomer on a phone: picks Arabic, signs in with the code from the outbox, reads the plan
and the coming week, acknowledges it, objects to an activity in it and follows the case.
Runs with JavaScript on and off, and by keyboard alone (Somali, left to right)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from flask_babel import format_date, gettext
from sqlalchemy import select

from portal.models import Objection, ObjectionStatus, Plan, Role
from portal.models.objection import ReasonCode
from portal.services.objection_text import case_status_label
from tests.browser.conftest import PHONE, screenshot
from tests.factories import create_person, create_plan, create_staff
from tests.helpers import code_from_outbox

pytestmark = pytest.mark.browser

OBJECTION_TEXT = "المدرسة بعيدة جداً عن بيتي، أحتاج ساعتين للوصول إليها كل يوم."
WANTED_TEXT = "مدرسة أقرب إلى سودرتاليه."


def _monday() -> date:
    today = date.today()
    return today - timedelta(days=today.weekday())


@pytest.fixture
def layla(region):
    caseworker = create_staff(region["sodertalje"], Role.CASEWORKER)
    person = create_person(region["sodertalje"], language="sv", phone="+46701740003", name="Layla Haddad")
    create_plan(person, caseworker, start=_monday(), status="proposed")
    return person


def _plan_of(db, person) -> Plan:
    db.session.expire_all()
    return db.session.scalar(select(Plan).where(Plan.person_id == person.id))


def _objections_of(db, person) -> list[Objection]:
    db.session.expire_all()
    return list(db.session.scalars(select(Objection).where(Objection.person_id == person.id)))


def _as_shown(app, lang: str, render):
    """What the portal shows in `lang` (a status label, a date), for comparing with the page."""
    with app.test_request_context(f"/?lang={lang}"):
        return render()


def _case_facts(page) -> dict[str, str]:
    """The case page's facts list as {label: value}, as the reader sees them."""
    terms = page.locator("dl.facts dt").all_inner_texts()
    values = page.locator("dl.facts dd").all_inner_texts()
    return {t.strip(): v.strip() for t, v in zip(terms, values, strict=True)}


def test_newcomer_in_arabic_acknowledges_objects_and_follows_the_case(page, layla, db, app, request):
    run = request.node.callspec.id
    page.goto("/language")
    page.locator("a[lang=ar]").click()
    page.wait_for_url(lambda url: "/language" not in url)
    assert page.locator("html").get_attribute("dir") == "rtl"
    page.goto("/signin")
    page.locator("#phone").fill("070-174 00 03")
    page.locator("main button[type=submit]").click()
    page.locator("#code").fill(code_from_outbox(layla.phone))
    page.locator("main button[type=submit]").click()
    page.wait_for_url(lambda url: "/signin" not in url)

    # Read the plan and the coming two weeks.
    page.goto("/plan")
    assert page.locator("html").get_attribute("lang") == "ar"
    assert page.locator(".activity-list > li").count() == 1
    screenshot(page, f"newcomer-plan-ar-{run}")
    page.goto("/plan/upcoming")
    assert page.locator("section.day").count() >= 2
    screenshot(page, f"newcomer-upcoming-ar-{run}")

    # Acknowledge.
    page.goto("/plan")
    page.locator("form[action='/plan/acknowledge'] button").click()
    page.locator("form[action='/plan/acknowledge']").wait_for(state="detached")
    assert page.locator(".flash").is_visible()
    plan = _plan_of(db, layla)
    assert plan.acknowledged_revision == plan.revision

    # Object to the activity, from the link next to it.
    activity = plan.activities[0]
    page.locator(".activity-list > li a[href*='/plan/objections/new']").click()
    page.wait_for_url("**/plan/objections/new*")
    assert page.locator(f"input[name=target][value='activity:{activity.id}']").is_checked()
    screenshot(page, f"newcomer-objection-form-ar-{run}")
    page.locator("input[name=reason][value=too_far]").check()
    page.locator("#wanted").fill(WANTED_TEXT)
    page.locator("#text").fill(OBJECTION_TEXT)
    page.locator("#interpreter").check()
    page.locator("main form button[type=submit]").click()
    # Check your answers: read back, nothing sent yet; then send.
    page.locator("dl.check-answers").wait_for()
    assert OBJECTION_TEXT in page.locator("dl.check-answers").inner_text()
    assert _objections_of(db, layla) == []
    page.locator("main form button[value=send]").click()
    page.wait_for_url("**/objections/*?received=1")

    [objection] = _objections_of(db, layla)
    assert objection.target_kind.value == "activity" and objection.target_id == activity.id
    assert objection.reason == ReasonCode.TOO_FAR
    assert objection.text == OBJECTION_TEXT and objection.wanted == WANTED_TEXT
    assert objection.interpreter_wanted and not objection.phone_call_wanted
    assert objection.status == ObjectionStatus.SUBMITTED
    receipt = page.locator(".receipt")
    assert receipt.locator(".case-number").inner_text() == objection.display_case_number
    due = _as_shown(app, "ar", lambda: format_date(objection.current_due_date, "long"))
    assert due in receipt.inner_text()
    screenshot(page, f"newcomer-objection-received-ar-{run}")

    # Follow it: from "My objections" to the case, with its status and the date of the answer.
    page.locator("nav a[href='/objections']").click()
    page.wait_for_url("**/objections")
    case_link = page.locator(f"a[href='/objections/{objection.display_case_number}']")
    assert case_link.count() == 1
    case_link.click()
    page.wait_for_url(f"**/objections/{objection.display_case_number}")
    assert page.locator(".receipt").count() == 0
    facts = _case_facts(page)
    status_term, status, due_term = _as_shown(
        app, "ar", lambda: (gettext("Status"), case_status_label(objection), gettext("Answer due"))
    )
    assert facts[status_term] == status
    assert facts[due_term] == due
    assert OBJECTION_TEXT in page.locator(".free-text").first.inner_text()
    assert page.locator("ol.timeline > li").count() >= 1
    screenshot(page, f"newcomer-objection-case-ar-{run}")


def _tab_to(page, selector: str, limit: int = 60) -> None:
    """Press Tab until the focused element matches `selector` (fails if it never does)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement !== null && document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


def _wait_for_keyboard_navigation(page, pattern) -> None:
    page.wait_for_url(pattern)
    page.wait_for_load_state()


def test_newcomer_signs_in_acknowledges_and_objects_with_the_keyboard_alone(browser, live_server, layla, db, app):
    context = browser.new_context(viewport=PHONE, base_url=live_server)
    page = context.new_page()
    page.goto("/signin?lang=so")
    page.keyboard.press("Tab")  # the skip link comes first
    assert page.evaluate("document.activeElement.className") == "skip-link"
    page.keyboard.press("Enter")
    _tab_to(page, "#phone")
    page.keyboard.type("0701740003")
    page.keyboard.press("Enter")
    _wait_for_keyboard_navigation(page, "**/signin/code*")
    _tab_to(page, "#code")
    page.keyboard.type(code_from_outbox(layla.phone))
    page.keyboard.press("Enter")
    _wait_for_keyboard_navigation(page, lambda url: "/signin" not in url)
    assert page.locator("html").get_attribute("lang") == "so"
    assert page.locator("html").get_attribute("dir") == "ltr"

    # To the plan through the menu, and acknowledge it.
    _tab_to(page, "nav a[href='/plan']")
    page.keyboard.press("Enter")
    _wait_for_keyboard_navigation(page, "**/plan")
    assert page.locator(".activity-list > li").count() == 1
    screenshot(page, "newcomer-plan-so-keyboard")
    _tab_to(page, "form[action='/plan/acknowledge'] button")
    page.keyboard.press("Enter")
    page.locator("form[action='/plan/acknowledge']").wait_for(state="detached")
    assert page.locator(".flash").is_visible()
    plan = _plan_of(db, layla)
    assert plan.acknowledged_revision == plan.revision

    # Object to the activity: the link next to it, then the form by Tab, arrows, Space and typing.
    activity = plan.activities[0]
    _tab_to(page, ".activity-list > li a[href*='/plan/objections/new']")
    page.keyboard.press("Enter")
    _wait_for_keyboard_navigation(page, "**/plan/objections/new*")
    _tab_to(page, "input[name=target]")
    assert page.evaluate("document.activeElement.value") == f"activity:{activity.id}"
    assert page.evaluate("document.activeElement.checked")
    _tab_to(page, "input[name=reason]")
    page.keyboard.press("Space")
    for _ in range(len(ReasonCode)):
        if page.evaluate("document.activeElement.value") == ReasonCode.WRONG_LEVEL.value:
            break
        page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.value") == ReasonCode.WRONG_LEVEL.value
    assert page.locator(f"input[name=reason][value={ReasonCode.WRONG_LEVEL.value}]").is_checked()
    _tab_to(page, "#text")
    page.keyboard.type("Fasalku aad buu ii fudud yahay, waxaan rabaa heer sare.")
    _tab_to(page, "#phone_call")
    page.keyboard.press("Space")
    assert page.locator("#phone_call").is_checked()
    screenshot(page, "newcomer-objection-form-so-keyboard")
    _tab_to(page, "main form button[type=submit]")
    page.keyboard.press("Enter")
    page.locator("dl.check-answers").wait_for()
    _tab_to(page, "main form button[value=send]")
    page.keyboard.press("Enter")
    _wait_for_keyboard_navigation(page, "**/objections/*?received=1")

    [objection] = _objections_of(db, layla)
    assert objection.target_kind.value == "activity" and objection.target_id == activity.id
    assert objection.reason == ReasonCode.WRONG_LEVEL
    assert objection.phone_call_wanted and not objection.interpreter_wanted
    assert page.locator(".receipt .case-number").inner_text() == objection.display_case_number
    screenshot(page, "newcomer-objection-received-so-keyboard")

    # Follow it through the menu.
    _tab_to(page, "nav a[href='/objections']")
    page.keyboard.press("Enter")
    _wait_for_keyboard_navigation(page, "**/objections")
    _tab_to(page, f"a[href='/objections/{objection.display_case_number}']")
    page.keyboard.press("Enter")
    _wait_for_keyboard_navigation(page, f"**/objections/{objection.display_case_number}")
    status = _as_shown(app, "so", lambda: case_status_label(objection))
    assert status in page.locator("dl.facts").inner_text()
    screenshot(page, "newcomer-objection-case-so-keyboard")
    context.close()
