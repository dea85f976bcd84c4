"""Staff objection pages: caseworker queue and case, reviewer queue, coordinator figures."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from portal.extensions import db
from portal.models import AuditEvent, Gender, Membership, ObjectionStatus, Role
from portal.services import objections
from tests.factories import (
    create_decided_objection,
    create_objection,
    create_objectionable_plan,
    create_person,
    create_staff,
)
from tests.helpers import check_page, sign_in_newcomer, sign_in_staff


def sign_in_in_english(client, staff) -> None:
    """These tests read the English messages, so the staff member chooses English after sign-in."""
    sign_in_staff(client, staff)
    client.get("/language/en")


@pytest.fixture
def caseworker(region):
    return create_staff(region["sodertalje"], Role.CASEWORKER, name="Elin Berg")


@pytest.fixture
def reviewer(region):
    return create_staff(region["region"], Role.REVIEWER, name="Per Sjöberg")


def _person(org, caseworker, language="ar", **kwargs):
    person = create_person(org, language=language, **kwargs)
    create_objectionable_plan(person, caseworker)
    return person


@pytest.fixture
def person(region, caseworker):
    return _person(region["sodertalje"], caseworker, name="Layla Haddad")


# --- caseworker ----------------------------------------------------------------------------------


def test_caseworkers_see_their_own_organisations_cases_only(client, region, caseworker, person):
    mine = create_objection(person)
    botkyrka_worker = create_staff(region["botkyrka"], Role.CASEWORKER)
    theirs = create_objection(_person(region["botkyrka"], botkyrka_worker, name="Reza Ahmadi"))
    sign_in_in_english(client, caseworker)
    soup = check_page(client.get("/staff/objections"))
    listed = [a.get_text(strip=True) for a in soup.select("tbody a")]
    assert listed == [mine.display_case_number]
    assert client.get(f"/staff/objections/{theirs.display_case_number}").status_code == 404
    for action in ("acknowledge", "start-review", "decide"):
        assert client.post(f"/staff/objections/{theirs.display_case_number}/{action}", data={}).status_code == 404
    db.session.refresh(theirs)
    assert theirs.status == ObjectionStatus.SUBMITTED


def test_the_queue_filters_by_status_overdue_and_language(client, region, caseworker, person):
    late = create_objection(person)
    late.due_date = late.due_date - timedelta(days=30)
    somali = _person(region["sodertalje"], caseworker, language="so")
    fresh = create_objection(somali, text="Waxaan rabaa in aan bedelo meesha tababarka sababtoo ah way fog tahay")
    seen = create_objection(_person(region["sodertalje"], caseworker, language="uk"))
    db.session.commit()
    objections.acknowledge(seen, caseworker)
    sign_in_in_english(client, caseworker)

    def listed(query):
        soup = check_page(client.get("/staff/objections", query_string=query))
        return [a.get_text(strip=True) for a in soup.select("tbody a")]

    assert listed({})[0] == late.display_case_number  # overdue first
    assert listed({"overdue": "y"}) == [late.display_case_number]
    assert listed({"language": "so"}) == [fresh.display_case_number]
    assert listed({"status": "acknowledged"}) == [seen.display_case_number]
    soup = check_page(client.get("/staff/objections"))
    overdue_rows = soup.select("tr.overdue")
    assert len(overdue_rows) == 1 and late.display_case_number in overdue_rows[0].get_text()


def test_the_case_shows_the_item_as_filed_the_text_with_its_language_and_the_interpreter_flag(
    client, caseworker, person
):
    from portal.services import plans

    plan = objections.objectionable_plan(person)
    activity = plan.activities[0]
    objection = create_objection(
        person,
        target=f"activity:{activity.id}",
        text="أريد أن أغير مكان التدريب لأنه بعيد جدا عن بيتي",
        interpreter=True,
    )
    plans.remove_activity(plan, caseworker, activity.id, None)  # the plan moves on
    sign_in_in_english(client, caseworker)
    soup = check_page(client.get(f"/staff/objections/{objection.display_case_number.lower()}?lang=en"))
    text = soup.get_text(" ", strip=True)
    assert "Swedish for immigrants (SFI)" in text  # the activity as it was, from the snapshot
    assert "Interpreter wanted: العربية" in text
    # The person's own words carry their language (the header's language menu has lang spans too).
    main = soup.find("main")
    free = [span for span in main.find_all(attrs={"lang": "ar"}) if "بعيد" in span.get_text()]
    assert free
    assert soup.find("a", href=f"/staff/people/{person.id}/plan") is not None
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "objection.read"))
    assert event.actor_staff_id == caseworker.id and event.person_id == person.id


def test_the_caseworker_takes_the_case_to_a_decision(client, caseworker, person):
    objection = create_objection(person)
    sign_in_in_english(client, caseworker)
    case = objection.display_case_number
    assert client.post(f"/staff/objections/{case}/acknowledge", data={}).status_code == 303
    assert client.post(f"/staff/objections/{case}/start-review", data={}).status_code == 303
    response = client.post(
        f"/staff/objections/{case}/decide",
        data={
            "outcome": "partly_upheld",
            "grounds": "rules_followed",
            "reasons": "The lessons move to 9:30 from next month.",
        },
    )
    assert response.status_code == 303
    db.session.refresh(objection)
    assert objection.status == ObjectionStatus.DECIDED
    assert objection.first_decision.decided_by_id == caseworker.id


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"outcome": "rejected", "grounds": "rules_followed", "reasons": ""}, "Write the reasons for the decision."),
        ({"outcome": "rejected", "grounds": "rules_followed", "reasons": "   "}, "Write the reasons for the decision."),
        ({"outcome": "", "grounds": "rules_followed", "reasons": "The plan follows the rules."}, "Choose a decision."),
        (
            {"outcome": "maybe", "grounds": "rules_followed", "reasons": "The plan follows the rules."},
            "Choose a decision.",
        ),
        (
            {"outcome": "upheld", "grounds": "rules_followed", "reasons": "You are right about the travel."},
            "An upheld objection needs the plan version",
        ),
        (
            {"outcome": "rejected", "grounds": "rules_followed", "reasons": "x" * 8001},
            "Please write at most 8000 characters.",
        ),
        (
            {"outcome": "rejected", "grounds": "rules_followed", "reasons": "."},
            "Write the reasons in at least 20 characters",
        ),
        (
            {"outcome": "rejected", "grounds": "rules_followed", "reasons": "Nej, det stämmer inte"[:19]},
            "Write the reasons in at least 20 characters",
        ),
        (
            {"outcome": "rejected", "reasons": "The plan follows the rules."},
            "Choose at least one ground.",
        ),
    ],
)
def test_a_decision_without_reasons_is_refused_and_the_typing_is_kept(client, caseworker, person, data, message):
    objection = create_objection(person)
    objections.acknowledge(objection, caseworker)
    objections.start_review(objection, caseworker)
    sign_in_in_english(client, caseworker)
    response = client.post(f"/staff/objections/{objection.display_case_number}/decide", data=data)
    assert response.status_code == 422
    soup = check_page(response)
    assert message in soup.select_one(".error-summary").get_text(" ", strip=True)
    if data["reasons"].strip():
        assert soup.find("textarea", attrs={"name": "reasons"}).get_text().strip() == data["reasons"]
    db.session.refresh(objection)
    assert objection.status == ObjectionStatus.UNDER_REVIEW and objection.decisions == []


def test_a_step_out_of_order_is_refused(client, caseworker, person):
    objection = create_objection(person)
    sign_in_in_english(client, caseworker)
    response = client.post(
        f"/staff/objections/{objection.display_case_number}/decide",
        data={"outcome": "rejected", "grounds": "rules_followed", "reasons": "No, the plan stays as it is."},
    )
    assert response.status_code == 409
    db.session.refresh(objection)
    assert objection.status == ObjectionStatus.SUBMITTED


@pytest.mark.parametrize("role", [Role.EDITOR, Role.COORDINATOR, Role.REVIEWER])
def test_other_roles_cannot_open_the_caseworker_queue(client, region, role):
    sign_in_in_english(client, create_staff(region["region"], role))
    assert client.get("/staff/objections").status_code == 403


def test_a_newcomer_cannot_open_staff_pages(client, person):
    sign_in_newcomer(client, person)
    for path in ("/staff/objections", "/staff/reviews", "/staff/follow-up"):
        assert client.get(path).status_code == 403


# --- independent reviewer ------------------------------------------------------------------------


def test_reviewers_see_escalated_cases_only(client, region, caseworker, reviewer, person):
    waiting = create_objection(person)
    decided = create_decided_objection(person, caseworker)
    escalated = create_decided_objection(person, caseworker)
    objections.escalate(escalated, person)
    sign_in_in_english(client, reviewer)
    soup = check_page(client.get("/staff/reviews"))
    listed = [a.get_text(strip=True) for a in soup.select("tbody a")]
    assert listed == [escalated.display_case_number]
    for other in (waiting, decided):
        assert client.get(f"/staff/reviews/{other.display_case_number}").status_code == 404
        assert client.post(f"/staff/reviews/{other.display_case_number}/start", data={}).status_code == 404


def test_independence_is_enforced_on_every_reviewer_action(client, region, caseworker, person):
    # The caseworker who decided also holds the reviewer role at the region.
    caseworker.memberships.append(Membership(organisation=region["region"], role=Role.REVIEWER))
    db.session.commit()
    objection = create_decided_objection(person, caseworker)
    objections.escalate(objection, person)
    sign_in_in_english(client, caseworker)
    soup = check_page(client.get("/staff/reviews"))
    assert "you had a part in this plan" in soup.get_text()
    assert not soup.select("tbody a")  # no link to handle it
    case = objection.display_case_number
    assert client.get(f"/staff/reviews/{case}").status_code == 403
    assert client.post(f"/staff/reviews/{case}/start", data={}).status_code == 403
    assert (
        client.post(
            f"/staff/reviews/{case}/decide",
            data={"outcome": "upheld", "grounds": "rules_followed", "reasons": "Sure, the objection is upheld."},
        ).status_code
        == 403
    )
    db.session.refresh(objection)
    assert objection.status == ObjectionStatus.ESCALATED


def test_the_reviewer_takes_and_decides_the_escalation(client, caseworker, reviewer, person):
    objection = create_decided_objection(person, caseworker)
    objections.escalate(objection, person)
    sign_in_in_english(client, reviewer)
    case = objection.display_case_number
    check_page(client.get(f"/staff/reviews/{case}"))
    assert client.post(f"/staff/reviews/{case}/start", data={}).status_code == 303
    response = client.post(
        f"/staff/reviews/{case}/decide", data={"outcome": "rejected", "grounds": "rules_followed", "reasons": ""}
    )
    assert response.status_code == 422
    response = client.post(
        f"/staff/reviews/{case}/decide",
        data={"outcome": "upheld", "grounds": "rules_followed", "reasons": "The travel time is unreasonable."},
    )
    assert response.status_code == 303
    db.session.refresh(objection)
    assert objection.status == ObjectionStatus.FINAL_DECISION
    assert objection.final_decision.decided_by_id == reviewer.id


# --- coordinator ---------------------------------------------------------------------------------


def test_the_coordinator_sees_figures_but_no_individual_data(client, region, caseworker):
    people = [_person(region["sodertalje"], caseworker, name=f"Newcomer {i}", gender=Gender.WOMAN) for i in range(6)]
    cases = [create_objection(p) for p in people]
    few = _person(region["sodertalje"], caseworker, language="ti", name="Yonas Tesfaye", gender=Gender.MAN)
    cases.append(create_objection(few))
    coordinator = create_staff(region["region"], Role.COORDINATOR)
    sign_in_in_english(client, coordinator)
    soup = check_page(client.get("/staff/follow-up"))
    text = soup.get_text(" ", strip=True)
    for person in [*people, few]:
        assert person.name not in text and person.phone not in text
    for objection in cases:
        assert objection.display_case_number not in text and objection.text not in text
    assert "fewer than 5" in text  # the one Tigrinya speaker, and the one man
    assert soup.find("th", string="ትግርኛ") is not None
    assert client.get(f"/staff/objections/{cases[0].display_case_number}").status_code == 403
    assert client.get(f"/staff/reviews/{cases[0].display_case_number}").status_code == 403


def test_staff_read_the_case_in_the_third_person_and_the_newcomer_in_the_second(client, caseworker, person):
    # Issue 14: staff pages used the newcomer's wording ("Your objection was received", "My whole plan").
    objection = create_objection(person, target="plan")
    objections.acknowledge(objection, caseworker)
    sign_in_in_english(client, caseworker)
    case = check_page(client.get(f"/staff/objections/{objection.display_case_number}"))
    steps = [li.get_text(" ", strip=True) for li in case.select(".timeline li")]
    assert "The newcomer filed the objection." in steps[0] and "A caseworker confirmed" in steps[1]
    assert not any("your" in step.lower() for step in steps)
    queue = check_page(client.get("/staff/objections"))
    assert "The whole plan" in queue.get_text(" ", strip=True) and "My whole plan" not in queue.get_text()
