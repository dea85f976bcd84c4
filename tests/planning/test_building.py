"""Fast plan building and the sheets (issue 21): templates, copy, holidays, one SMS, week view, print to sign."""

from __future__ import annotations

from datetime import date, time

import pytest
from sqlalchemy import select

from portal.local_time import stockholm_today
from portal.models import AuditEvent, PlanStatus, Role, SmsMessage
from tests.factories import create_person, create_plan, create_staff
from tests.helpers import check_page, sign_in_newcomer, sign_in_staff


@pytest.fixture
def setting(region):
    caseworker = create_staff(region["sodertalje"], Role.CASEWORKER)
    person = create_person(region["sodertalje"], language="ar", name="Rana Haddad")
    plan = create_plan(person, caseworker, start=date(2027, 1, 11), activities=[])
    return caseworker, person, plan


def test_a_caseworker_builds_a_plan_from_a_template_and_lands_on_the_activities(client, db, setting):
    caseworker, person, plan = setting
    sign_in_staff(client, caseworker)
    client.get("/language/sv")
    soup = check_page(client.get(f"/staff/people/{person.id}/plan"), lang="sv")
    options = [o["value"] for o in soup.select("select[name=template] option")]
    assert options[0] == "" and "region:sfi_praktik_full_time" in options
    # The add-activity form comes before the list of versions, near the top of the page.
    assert soup.find(id="add-activity").find_next(id="status") is not None
    response = client.post(
        f"/staff/people/{person.id}/plan/template",
        data={"template": "region:sfi_praktik_full_time", "revision": plan.revision},
    )
    assert response.status_code == 302 and response.headers["Location"].endswith("#activities")
    db.session.refresh(plan)
    assert len(plan.activities) == 4 and len(plan.goals) == 3


def test_a_stale_template_form_is_refused(client, db, setting):
    caseworker, person, plan = setting
    sign_in_staff(client, caseworker)
    data = {"template": "region:sfi_health", "revision": plan.revision - 1}
    assert client.post(f"/staff/people/{person.id}/plan/template", data=data).status_code == 409
    db.session.refresh(plan)
    assert not plan.activities


def test_saving_a_change_returns_to_where_the_caseworker_was(client, setting):
    caseworker, person, plan = setting
    sign_in_staff(client, caseworker)
    data = {
        "type_key": "praktik", "provider_id": "0", "place": "", "weekdays": ["2"], "start_time": "13:00",
        "duration_minutes": "240", "start_date": "2027-01-11", "end_date": "2027-03-01", "note": "",
        "note_language": "sv", "revision": plan.revision,
    }  # fmt: skip
    response = client.post(f"/staff/people/{person.id}/plan/activities", data=data)
    assert response.status_code == 302 and response.headers["Location"].endswith("#add-activity")


def test_activities_are_copied_from_a_colleagues_plan_on_the_page(client, db, region, setting):
    caseworker, person, plan = setting
    source = create_person(region["sodertalje"], name="Abdi Farah")
    create_plan(source, caseworker, start=date(2027, 1, 4))
    sign_in_staff(client, caseworker)
    soup = check_page(client.get(f"/staff/people/{person.id}/plan"))
    names = [o.get_text() for o in soup.select("select[name=source_person] option")]
    assert "Abdi Farah" in names and "Rana Haddad" not in names
    response = client.post(
        f"/staff/people/{person.id}/plan/copy", data={"source_person": source.id, "revision": plan.revision}
    )
    assert response.status_code == 302
    db.session.refresh(plan)
    assert [a.type_key for a in plan.activities] == ["sfi"]


def test_holiday_occurrences_are_proposed_ticked_and_cancelled_from_the_page(client, db, region, monkeypatch):
    caseworker = create_staff(region["sodertalje"], Role.CASEWORKER)
    person = create_person(region["sodertalje"], language="so")
    # The proposals start from today: a December still to come, every weekday, always holds
    # Christmas Eve, Christmas Day or Boxing Day on a weekday.
    today = stockholm_today()
    year = today.year if today < date(today.year, 12, 20) else today.year + 1
    plan = create_plan(
        person, caseworker, start=max(today, date(year, 12, 1)),
        activities=[{"weekdays": [1, 2, 3, 4, 5], "end_date": date(year, 12, 31), "start_time": time(9)}],
    )  # fmt: skip
    sign_in_staff(client, caseworker)
    soup = check_page(client.get(f"/staff/people/{person.id}/plan"))
    boxes = soup.select("#holidays input[name=occurrences]")
    assert boxes and all(b.has_attr("checked") for b in boxes)
    keys = [b["value"] for b in boxes]
    response = client.post(
        f"/staff/people/{person.id}/plan/holidays", data={"occurrences": keys, "revision": plan.revision}
    )
    assert response.status_code == 302 and response.headers["Location"].endswith("#holidays")
    db.session.refresh(plan)
    assert {c.reason for c in plan.activities[0].changes} == {"public_holiday"}
    assert len(plan.activities[0].changes) == len(keys)


def test_edits_wait_and_go_out_as_one_sms_from_the_page(client, db, region):
    caseworker = create_staff(region["sodertalje"], Role.CASEWORKER)
    person = create_person(region["sodertalje"], language="ti")
    plan = create_plan(person, caseworker, start=date(2027, 1, 11), status="proposed")
    sign_in_staff(client, caseworker)
    for template in ("region:literacy_sfi",):
        assert client.post(
            f"/staff/people/{person.id}/plan/template", data={"template": template, "revision": plan.revision}
        ).status_code in (302, 422)
    goal = {"template_key": "pass_sfi_c", "goal_note_language": "sv"}
    db.session.refresh(plan)
    assert (
        client.post(f"/staff/people/{person.id}/plan/goals", data={**goal, "revision": plan.revision}).status_code
        == 302
    )
    sent = select(SmsMessage).where(SmsMessage.purpose == "plan_changed")
    assert len(db.session.scalars(sent).all()) == 1  # the proposal only
    soup = check_page(client.get(f"/staff/people/{person.id}/plan"))
    assert soup.select_one("#send form") is not None
    db.session.refresh(plan)
    assert client.post(f"/staff/people/{person.id}/plan/send", data={"revision": plan.revision}).status_code == 302
    assert len(db.session.scalars(sent).all()) == 2
    assert client.post(f"/staff/people/{person.id}/plan/send", data={"revision": plan.revision}).status_code == 302
    assert len(db.session.scalars(sent).all()) == 2


def test_the_week_view_shows_each_day_with_its_holiday(client, region):
    caseworker = create_staff(region["sodertalje"], Role.CASEWORKER)
    person = create_person(region["sodertalje"])
    create_plan(person, caseworker, start=date(2026, 12, 7), activities=[{"weekdays": [4, 5]}])
    sign_in_staff(client, caseworker)
    soup = check_page(client.get(f"/staff/people/{person.id}/plan/week?week=2026-12-23"))
    days = soup.select(".week-day")
    assert len(days) == 7
    thursday = soup.find(id="day-2026-12-24").parent
    assert "Julafton" in thursday.get_text() and thursday.select("li")
    assert client.get(f"/staff/people/{person.id}/plan/week?week=not-a-date").status_code == 400


@pytest.mark.parametrize(("language", "direction"), [("ar", "rtl"), ("uk", "ltr")])
def test_the_plan_to_sign_is_printed_in_swedish_and_the_persons_language(client, db, region, language, direction):
    caseworker = create_staff(region["sodertalje"], Role.CASEWORKER)
    person = create_person(region["sodertalje"], language=language)
    plan = create_plan(person, caseworker, start=date(2027, 1, 11), status="proposed")
    sign_in_staff(client, caseworker)
    client.get("/language/sv")
    soup = check_page(client.get(f"/staff/people/{person.id}/plan/print"), lang="sv")
    assert soup.find("script") is None
    columns = soup.select(".print-column")
    assert [(c["lang"], c["dir"]) for c in columns] == [("sv", "ltr"), (language, direction)]
    swedish, theirs = (c.get_text() for c in columns)
    assert "godkänner" in swedish and f"{plan.revision}" in swedish
    assert swedish != theirs and len(columns[1].select(".signature-lines dd")) == 4
    assert db.session.scalar(select(AuditEvent).where(AuditEvent.action == "plan.print")) is not None


def test_the_newcomer_prints_the_same_two_language_sheet(client, region):
    caseworker = create_staff(region["sodertalje"], Role.CASEWORKER)
    person = create_person(region["sodertalje"], language="fa")
    create_plan(person, caseworker, start=date(2027, 1, 11), status="proposed")
    sign_in_newcomer(client, person)
    soup = check_page(client.get("/plan/print"))
    assert [c["lang"] for c in soup.select(".print-column")] == ["sv", "fa"]


def test_a_paper_signature_is_recorded_with_version_and_channel(client, db, region):
    caseworker = create_staff(region["sodertalje"], Role.CASEWORKER)
    person = create_person(region["sodertalje"], language="ps")
    plan = create_plan(person, caseworker, start=date(2026, 11, 2), status="proposed")
    sign_in_staff(client, caseworker)
    future = {"signed_on": "2099-01-01", "revision": plan.revision}
    assert client.post(f"/staff/people/{person.id}/plan/signed", data=future).status_code == 422
    data = {"signed_on": date.today().isoformat(), "revision": plan.revision}
    assert client.post(f"/staff/people/{person.id}/plan/signed", data=data).status_code == 302
    db.session.refresh(plan)
    assert plan.status == PlanStatus.ACKNOWLEDGED and plan.acknowledged_channel == "paper"
    assert plan.acknowledged_revision == plan.revision and not plan.awaiting_acknowledgement
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "plan.signed_on_paper"))
    assert event is not None and event.details["signed_on"] == date.today().isoformat()


def test_only_the_allowed_status_changes_are_offered(client, setting):
    caseworker, person, plan = setting
    sign_in_staff(client, caseworker)
    soup = check_page(client.get(f"/staff/people/{person.id}/plan"))
    offered = [i["value"] for i in soup.select("input[name=status]")]
    assert offered == ["proposed", "closed"]  # a draft cannot be made active


def test_the_newcomer_approves_or_objects_and_sees_a_paper_signature_as_such(client, db, region):
    caseworker = create_staff(region["sodertalje"], Role.CASEWORKER)
    person = create_person(region["sodertalje"], language="en")
    plan = create_plan(person, caseworker, start=date(2026, 11, 2), status="proposed")
    sign_in_newcomer(client, person)
    client.get("/language/en")
    soup = check_page(client.get("/plan"))
    assert "approve" in soup.select_one("form[action='/plan/acknowledge'] button").get_text()
    assert soup.find("a", href="/plan/objections/new") is not None  # "I do not agree" leads to the objection
    from portal.services import plans

    plans.record_paper_signature(plan, caseworker, plan.revision, date(2026, 11, 20))
    text = check_page(client.get("/plan")).get_text()
    assert "signed this plan on paper" in text and "2026" in text


def test_the_goal_choices_say_short_and_long_term_in_the_page_language(client, setting):
    caseworker, person, _plan = setting
    sign_in_staff(client, caseworker)
    client.get("/language/sv")
    options = [o.get_text() for o in check_page(client.get(f"/staff/people/{person.id}/plan")).select(
        "select[name=template_key] option"
    )]  # fmt: skip
    assert options and not any("term)" in o for o in options)
    assert any(o.endswith("(kort sikt)") for o in options) and any(o.endswith("(lång sikt)") for o in options)
