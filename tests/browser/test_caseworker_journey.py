"""A caseworker in a real browser: signs in with password and TOTP, opens an objection from the
queue, changes the plan through the planning forms (days, length and place of an activity) and
decides the objection with reasons and the new plan version. Runs with JavaScript on and off."""

from __future__ import annotations

import re
from datetime import time

import pytest
from sqlalchemy import select

from portal.models import Objection, ObjectionStatus, Outcome, Plan, Role, SmsMessage
from portal.services.schedule import hours_per_week
from tests.browser.conftest import screenshot, sign_in_staff_in_browser
from tests.factories import create_objection, create_objectionable_plan, create_person, create_staff

pytestmark = pytest.mark.browser

NEW_PLACE = "Järnagatan 10, Södertälje"
REASONS = "Du får gå SFI på Järnagatan, tio minuter från ditt hem, tre förmiddagar i veckan i stället för två."


@pytest.fixture
def case(region):
    """Amina's active plan (SFI on Mondays and Wednesdays, 9-12) and her objection to the SFI."""
    caseworker = create_staff(region["sodertalje"], Role.CASEWORKER, name="Sara Lind")
    person = create_person(region["sodertalje"], language="ar", name="Amina Yusuf")
    plan = create_objectionable_plan(person, caseworker)
    objection = create_objection(person, target=f"activity:{plan.activities[0].id}", reason="too_far")
    return caseworker, person, plan, objection


def _fresh(db, model, id_):
    db.session.expire_all()
    return db.session.get(model, id_)


def _objection_sms(db, person) -> list[str]:
    query = select(SmsMessage).where(SmsMessage.person_id == person.id, SmsMessage.purpose == "objection")
    return [m.body for m in db.session.scalars(query.order_by(SmsMessage.id))]


def test_caseworker_changes_the_plan_and_decides_the_objection_with_reasons(page, case, db, request):
    run = request.node.callspec.id
    caseworker, person, plan, objection = case
    activity_id = plan.activities[0].id
    revision_before = plan.revision
    sms_before = len(_objection_sms(db, person))

    sign_in_staff_in_browser(page, caseworker)
    assert "/staff" in page.url

    # The queue lists the case; open it, acknowledge and start the review.
    page.goto("/staff/objections")
    page.locator(f"main a[href='/staff/objections/{objection.display_case_number}']").click()
    page.wait_for_url(f"**/staff/objections/{objection.display_case_number}")
    assert "Amina Yusuf" in page.locator("dl.facts").first.inner_text()
    screenshot(page, f"caseworker-objection-submitted-{run}")
    page.locator("form[action$='/acknowledge'] button[type=submit]").click()
    page.locator("form[action$='/start-review']").wait_for()
    assert _fresh(db, Objection, objection.id).status == ObjectionStatus.ACKNOWLEDGED
    page.locator("form[action$='/start-review'] button[type=submit]").click()
    page.locator("#reasons").wait_for()
    assert _fresh(db, Objection, objection.id).status == ObjectionStatus.UNDER_REVIEW

    # Change the plan: SFI three days a week, two hours, at a school closer to home.
    page.locator(f"main a[href='/staff/people/{person.id}/plan']").click()
    page.wait_for_url(f"**/staff/people/{person.id}/plan")
    page.locator(f"a[href='/staff/people/{person.id}/plan/activities/{activity_id}']").click()
    page.wait_for_url(f"**/plan/activities/{activity_id}")
    assert page.locator("input[name=weekdays][value='1']").is_checked()
    assert page.locator("#duration_minutes").input_value() == "180"
    page.locator("input[name=weekdays][value='5']").check()
    page.locator("#duration_minutes").fill("120")
    page.locator("#place").fill(NEW_PLACE)
    screenshot(page, f"caseworker-activity-form-{run}")
    page.locator("main form button[type=submit]").click()
    # A save returns to the changed activity on the plan page (its #activity-N anchor).
    page.wait_for_url(re.compile(rf"/staff/people/{person.id}/plan#activity-\d+$"))
    page.locator(".flash").wait_for()
    assert NEW_PLACE in page.locator(".activity-list").inner_text()
    screenshot(page, f"caseworker-plan-changed-{run}")

    changed = _fresh(db, Plan, plan.id)
    activity = next(a for a in changed.activities if a.id == activity_id)
    assert activity.weekday_numbers == [1, 3, 5]
    assert activity.duration_minutes == 120 and activity.start_time == time(9, 0)
    assert activity.place == NEW_PLACE
    assert hours_per_week(changed) == 6
    assert changed.revision == revision_before + 1
    new_version = changed.versions[-1]

    # Decide: upheld, with reasons and the plan version that carries the decision out.
    page.goto(f"/staff/objections/{objection.display_case_number}")
    page.locator("input[name=outcome][value=upheld]").check()
    page.locator("#reasons").fill(REASONS)
    page.locator("input[name=grounds]").first.check()  # a decision needs a catalogued ground
    page.locator("#plan_version").select_option(str(new_version.id))
    page.locator("form[action$='/decide'] button[type=submit]").click()
    page.locator("section.decision").wait_for()
    assert REASONS in page.locator("section.decision").inner_text()
    assert page.locator("#reasons").count() == 0
    screenshot(page, f"caseworker-objection-decided-{run}")

    decided = _fresh(db, Objection, objection.id)
    assert decided.status == ObjectionStatus.DECIDED
    [decision] = decided.decisions
    assert decision.outcome == Outcome.UPHELD
    assert decision.reasons == REASONS
    assert decision.plan_version_id == new_version.id
    assert decision.decided_by_id == caseworker.id
    # The newcomer was told by SMS of the acknowledgement, the review and the decision.
    sms = _objection_sms(db, person)
    assert len(sms) == sms_before + 3
    assert all(objection.display_case_number in body for body in sms[sms_before:])


def test_a_decision_without_reasons_is_refused_in_the_browser(page, case, db):
    caseworker, person, plan, objection = case
    from portal.services import objections

    objections.acknowledge(objection, caseworker)
    objections.start_review(objection, caseworker)
    sign_in_staff_in_browser(page, caseworker)
    page.goto(f"/staff/objections/{objection.display_case_number}")
    page.locator("input[name=outcome][value=rejected]").check()
    page.locator("form[action$='/decide'] button[type=submit]").click()
    page.locator(".error-summary").wait_for()
    assert page.locator("#reasons").get_attribute("aria-invalid") == "true"
    decided = _fresh(db, Objection, objection.id)
    assert decided.status == ObjectionStatus.UNDER_REVIEW and not decided.decisions
