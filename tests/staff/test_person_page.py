"""The caseworker's person page lists the person's objections and requests, each one click away (issue 14)."""

from __future__ import annotations

from portal.models import Role
from tests.factories import (
    create_decided_objection,
    create_handoff,
    create_objection,
    create_objectionable_plan,
    create_person,
    create_staff,
)
from tests.helpers import check_page, sign_in_staff


def test_the_person_page_lists_objections_and_requests_with_links_to_act_on_them(client, region):
    caseworker = create_staff(region["sodertalje"], Role.CASEWORKER)
    person = create_person(region["sodertalje"], language="ar")
    create_objectionable_plan(person, caseworker)
    open_case = create_objection(person, target="plan")
    decided = create_decided_objection(person, caseworker)
    handoff = create_handoff(person, note="Vill prata med någon.")
    other = create_person(region["sodertalje"], language="so")
    create_objectionable_plan(other, caseworker)
    someone_elses = create_objection(other, target="plan")
    sign_in_staff(client, caseworker)
    client.get("/language/en")
    soup = check_page(client.get(f"/staff/people/{person.id}"))
    cases = {a.get_text(strip=True): a["href"] for a in soup.select(".person-cases a")}
    assert cases == {
        open_case.display_case_number: f"/staff/objections/{open_case.display_case_number}",
        decided.display_case_number: f"/staff/objections/{decided.display_case_number}",
    }
    assert someone_elses.display_case_number not in soup.get_text()
    assert "The whole plan" in soup.select_one(".person-cases").get_text()
    assert soup.select_one(f'.person-handoffs a[href="/staff/handoffs/{handoff.id}"]') is not None
    # The decision form is on the case page the link opens: one click from the person.
    case_page = check_page(client.get(cases[open_case.display_case_number]))
    assert case_page.select_one("form[action$='/acknowledge']") is not None


def test_a_person_without_cases_or_requests_is_told_so(client, region):
    caseworker = create_staff(region["sodertalje"], Role.CASEWORKER)
    person = create_person(region["sodertalje"], language="ti")
    sign_in_staff(client, caseworker)
    client.get("/language/en")
    soup = check_page(client.get(f"/staff/people/{person.id}"))
    text = soup.get_text(" ", strip=True)
    assert "No objections." in text and "No requests." in text
