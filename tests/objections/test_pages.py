"""Every objection page, in every language, passes the page checks."""

from __future__ import annotations

import pytest

from portal.languages import LANGUAGES
from portal.models import Gender, Role
from portal.services import objections
from tests.factories import (
    create_decided_objection,
    create_objection,
    create_objectionable_plan,
    create_person,
    create_staff,
)
from tests.helpers import check_page, sign_in_newcomer, sign_in_staff


@pytest.mark.parametrize("lang", LANGUAGES, ids=lambda lang: lang.code)
def test_newcomer_objection_pages_in_every_language(client, region, lang):
    caseworker = create_staff(region["sodertalje"], Role.CASEWORKER)
    person = create_person(region["sodertalje"], language=lang.code)
    plan = create_objectionable_plan(person, caseworker)
    open_case = create_objection(person, target=f"activity:{plan.activities[0].id}", interpreter=True)
    decided = create_decided_objection(person, caseworker, target=f"goal:{plan.goals[0].id}")
    final = create_decided_objection(person, caseworker, target=f"version:{plan.versions[-1].id}")
    objections.escalate(final, person)
    sign_in_newcomer(client, person)
    pages = [
        "/plan/objections/new",
        f"/plan/objections/new?target=activity:{plan.activities[0].id}",
        "/objections",
        f"/objections/{open_case.display_case_number}?received=1",
        f"/objections/{decided.display_case_number}",
        f"/objections/{final.display_case_number}",
    ]
    for path in pages:
        response = client.get(path)
        assert response.status_code == 200, path
        check_page(response, lang=lang.code)
    # Pages with errors are pages too.
    check_page(client.get("/objections/find?case=nonsense"), lang=lang.code)
    check_page(client.get("/objections/find?case=0000-0000"), lang=lang.code)
    check_page(client.post("/plan/objections/new", data={"text": ""}), lang=lang.code)


@pytest.mark.parametrize("lang", LANGUAGES, ids=lambda lang: lang.code)
def test_the_no_plan_page_in_every_language(client, region, lang):
    person = create_person(region["sodertalje"], language=lang.code)
    sign_in_newcomer(client, person)
    check_page(client.get("/plan/objections/new"), lang=lang.code)


@pytest.mark.parametrize("lang", LANGUAGES, ids=lambda lang: lang.code)
def test_staff_objection_pages_in_every_language(app, region, lang):
    caseworker = create_staff(region["sodertalje"], Role.CASEWORKER)
    reviewer = create_staff(region["region"], Role.REVIEWER)
    coordinator = create_staff(region["region"], Role.COORDINATOR)
    people = [create_person(region["sodertalje"], language="ar", gender=Gender.WOMAN) for _ in range(5)]
    for person in people:
        create_objectionable_plan(person, caseworker)
    submitted = create_objection(people[0], phone_call=True, interpreter=True)
    in_review = create_objection(people[1])
    objections.acknowledge(in_review, caseworker)
    objections.start_review(in_review, caseworker)
    escalated = create_decided_objection(people[2], caseworker)
    objections.escalate(escalated, people[2])
    taken = create_decided_objection(people[3], caseworker)
    objections.escalate(taken, people[3])
    objections.start_independent_review(taken, reviewer)
    create_decided_objection(people[4], caseworker, outcome="upheld")

    for staff, pages in (
        (
            caseworker,
            [
                "/staff/objections",
                "/staff/objections?status=submitted&overdue=y&language=ar",
                f"/staff/objections/{submitted.display_case_number}",
                f"/staff/objections/{in_review.display_case_number}",
                f"/staff/objections/{escalated.display_case_number}",
            ],
        ),
        (
            reviewer,
            [
                "/staff/reviews",
                f"/staff/reviews/{escalated.display_case_number}",
                f"/staff/reviews/{taken.display_case_number}",
            ],
        ),
        (coordinator, ["/staff/follow-up", "/staff/follow-up?period=90"]),
    ):
        staff_client = app.test_client()  # one browser each: a TOTP code is good for one sign-in
        sign_in_staff(staff_client, staff)
        staff_client.get(f"/language/{lang.code}")
        for path in pages:
            response = staff_client.get(path)
            assert response.status_code == 200, path
            check_page(response, lang=lang.code)
        if staff is caseworker:
            # The decision form with errors.
            response = staff_client.post(
                f"/staff/objections/{in_review.display_case_number}/decide", data={"outcome": "rejected"}
            )
            assert response.status_code == 422
            check_page(response, lang=lang.code)
