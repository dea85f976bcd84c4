"""'What changed in my plan': each version named by its number, and what came after the person's
last confirmation marked new (issue 14)."""

from __future__ import annotations

from datetime import date, timedelta

from portal.models import Role
from portal.services import plans
from tests.factories import create_person, create_plan, create_staff
from tests.helpers import check_page, sign_in_newcomer


def _monday() -> date:
    today = date.today()
    return today - timedelta(days=today.weekday())


def _add_goal(plan, caseworker, key):
    plans.add_goal(
        plan, caseworker, template_key=key, target_date=None, note=None, note_language=None, expected_revision=None
    )


def test_versions_are_named_by_number_and_the_unconfirmed_ones_are_marked_new(client, region, db):
    caseworker = create_staff(region["sodertalje"], Role.CASEWORKER)
    person = create_person(region["sodertalje"], language="en")
    plan = create_plan(person, caseworker, start=_monday(), status="proposed")
    sign_in_newcomer(client, person)
    assert client.post("/plan/acknowledge", data={"revision": plan.revision}).status_code == 302
    db.session.refresh(plan)
    confirmed = plan.acknowledged_revision
    # Two saves in the same minute: before, both showed the same time and nothing said which was new.
    _add_goal(plan, caseworker, "any_job")
    _add_goal(plan, caseworker, "pass_sfi_c")
    db.session.commit()
    soup = check_page(client.get("/plan/changes"))
    items = soup.select("ol.timeline > li")
    headings = [li.find("h2").get_text(" ", strip=True) for li in items]
    assert len(set(headings)) == len(headings), headings
    new = [li for li in items if li.select_one(".badge")]
    assert len(new) == 2 and all("new-change" in li["class"] for li in new)
    numbers = [int("".join(ch for ch in li.find("h2").get_text() if ch.isdigit())) for li in new]
    assert all(n > confirmed for n in numbers)
    # Confirming again clears the marks.
    db.session.refresh(plan)
    client.post("/plan/acknowledge", data={"revision": plan.revision})
    assert check_page(client.get("/plan/changes")).select_one("ol.timeline .badge") is None


def test_the_plan_page_explains_weeks_without_activities_in_the_persons_language(client, region):
    # Issue 14: "The summer gap is not explained." SFI stops for nine weeks, then goes on.
    from flask_babel import force_locale, format_date

    from portal.bidi import strip_isolates

    caseworker = create_staff(region["sodertalje"], Role.CASEWORKER)
    person = create_person(region["sodertalje"], language="ar")
    monday = _monday()
    create_plan(
        person,
        caseworker,
        start=monday,
        status="proposed",
        activities=[
            {"start_date": monday, "end_date": monday + timedelta(weeks=4, days=-1)},
            {"start_date": monday + timedelta(weeks=13), "end_date": monday + timedelta(weeks=30)},
        ],
    )
    sign_in_newcomer(client, person)
    soup = check_page(client.get("/plan"))
    breaks = soup.select("section.plan-breaks p.plan-break")
    assert len(breaks) == 1
    text = strip_isolates(breaks[0].get_text(" ", strip=True))
    with force_locale("ar"):
        first = format_date(monday + timedelta(weeks=4), "long")
        last = format_date(monday + timedelta(weeks=13, days=-1), "long")
    assert strip_isolates(first) in text and strip_isolates(last) in text


def test_a_plan_without_breaks_says_nothing_about_them(client, region):
    caseworker = create_staff(region["sodertalje"], Role.CASEWORKER)
    person = create_person(region["sodertalje"], language="en")
    create_plan(person, caseworker, start=_monday(), status="proposed")
    sign_in_newcomer(client, person)
    # (Whether the plan ends in the summer depends on today's date; the break text does not.)
    assert check_page(client.get("/plan")).select_one("p.plan-break") is None
