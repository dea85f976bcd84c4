"""Caseworker plan pages, and who may open every plan route."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from portal.models import Plan, Role
from tests.factories import create_person, create_plan, create_staff
from tests.helpers import check_page, sign_in_newcomer, sign_in_staff

ACTIVITY = {
    "type_key": "praktik",
    "provider_id": "0",
    "place": "Storgatan 3",
    "weekdays": ["2", "4"],
    "start_time": "13:00",
    "duration_minutes": "240",
    "start_date": "2026-03-02",
    "end_date": "2026-06-01",
    "note": "",
    "note_language": "sv",
}


@pytest.fixture
def setting(region):
    caseworker = create_staff(region["sodertalje"], Role.CASEWORKER)
    person = create_person(region["sodertalje"], language="ti")
    plan = create_plan(person, caseworker)
    return caseworker, person, plan


def test_a_caseworker_adds_an_activity_and_sees_hours_and_warnings(client, setting, db):
    caseworker, person, plan = setting
    sign_in_staff(client, caseworker)
    response = client.post(f"/staff/people/{person.id}/plan/activities", data={**ACTIVITY, "revision": plan.revision})
    assert response.status_code == 302
    db.session.refresh(plan)
    assert [a.type_key for a in plan.activities] == ["sfi", "praktik"]
    soup = check_page(client.get(f"/staff/people/{person.id}/plan"))
    assert "14" in soup.get_text()  # 6 h SFI + 8 h internship a week
    assert soup.select_one(".notice") is not None  # under full time


@pytest.mark.parametrize(
    ("overrides", "status"),
    [
        ({"start_time": "25:00"}, 422),
        ({"duration_minutes": "0"}, 422),
        ({"end_date": "2026-01-01"}, 422),
        ({"type_key": "astrology"}, 422),
        ({"weekdays": []}, 422),
        ({"start_time": "10:00", "weekdays": ["1"]}, 422),
        # Thursdays from Monday 7 to Monday 7 December: never happens.
        ({"weekdays": ["4"], "start_date": "2026-12-07", "end_date": "2026-12-07"}, 422),
        ({"revision": "0"}, 409),
    ],
)
def test_bad_activity_input_gets_a_clear_message_and_keeps_the_text(client, setting, db, overrides, status):
    caseworker, person, plan = setting
    sign_in_staff(client, caseworker)
    data = {**ACTIVITY, "revision": plan.revision, "place": "Kvarngatan 9, Södertälje", **overrides}
    response = client.post(f"/staff/people/{person.id}/plan/activities", data=data)
    assert response.status_code == status
    soup = check_page(response)
    assert soup.select_one(".error, .error-summary") is not None
    assert soup.select_one("#place")["value"] == "Kvarngatan 9, Södertälje"
    db.session.refresh(plan)
    assert len(plan.activities) == 1


def test_the_plan_page_in_every_staff_language(client, setting):
    from portal.languages import LANGUAGES

    caseworker, person, _ = setting
    sign_in_staff(client, caseworker)
    for lang in LANGUAGES:
        client.get(f"/language/{lang.code}")
        check_page(client.get(f"/staff/people/{person.id}/plan"), lang=lang.code)
        check_page(client.get(f"/staff/people/{person.id}/plan/activities/{setting[2].activities[0].id}"))


def _plan_routes(person_id: int, activity_id: int) -> list[tuple[str, str]]:
    base = f"/staff/people/{person_id}"
    return [
        ("GET", f"{base}/plan"),
        ("POST", f"{base}/plan"),
        ("POST", f"{base}/plan/goals"),
        ("POST", f"{base}/plan/goals/remove"),
        ("POST", f"{base}/plan/activities"),
        ("GET", f"{base}/plan/activities/{activity_id}"),
        ("POST", f"{base}/plan/activities/{activity_id}"),
        ("POST", f"{base}/plan/activities/remove"),
        ("POST", f"{base}/plan/activities/{activity_id}/occurrences"),
        ("POST", f"{base}/plan/status"),
        ("POST", f"{base}/transfer"),
    ]


@pytest.mark.parametrize("route_index", range(11))
def test_another_municipalitys_caseworker_gets_404_on_every_plan_route(client, region, setting, db, route_index):
    _, person, plan = setting
    outsider = create_staff(region["stockholm"], Role.CASEWORKER)
    sign_in_staff(client, outsider)
    method, path = _plan_routes(person.id, plan.activities[0].id)[route_index]
    response = client.open(
        path, method=method, data={"revision": plan.revision, "status": "proposed", "item_id": plan.activities[0].id}
    )
    assert response.status_code == 404
    db.session.refresh(plan)
    assert plan.revision == 2  # nothing changed


@pytest.mark.parametrize("route_index", range(11))
def test_a_newcomer_gets_no_staff_plan_route(client, region, setting, route_index):
    _, person, plan = setting
    sign_in_newcomer(client, person)
    method, path = _plan_routes(person.id, plan.activities[0].id)[route_index]
    assert client.open(path, method=method, data={}).status_code == 403


HANDOVER = "Tolk på tigrinska bokad till varje möte; SFI-platsen i Botkyrka är sökt."


def test_after_a_transfer_the_old_organisation_is_locked_out_and_the_new_one_sees_the_history(
    client, db, region, setting
):
    caseworker, person, plan = setting
    sign_in_staff(client, caseworker)
    response = client.post(
        f"/staff/people/{person.id}/transfer",
        data={"to_org": region["botkyrka"].id, "handover_note": HANDOVER, "confirm": "yes"},
    )
    assert response.status_code == 302
    assert client.get(f"/staff/people/{person.id}/plan").status_code == 404
    client.post("/signout", data={})
    botkyrka = create_staff(region["botkyrka"], Role.CASEWORKER)
    sign_in_staff(client, botkyrka)
    soup = check_page(client.get(f"/staff/people/{person.id}/plan"))
    db.session.refresh(plan)
    assert len(soup.select(".timeline > li")) == plan.revision  # the move is a version of its own
    assert HANDOVER in soup.select_one("#handover").get_text()


def test_a_newcomer_only_ever_sees_their_own_plan(client, region, setting, db):
    caseworker, person, plan = setting
    other = create_person(region["sodertalje"], name="Someone Else")
    other_plan = create_plan(other, caseworker, activities=[{"type_key": "validation"}], status="proposed")
    from portal.models import PlanStatus
    from portal.services import plans

    plans.set_status(plan, caseworker, PlanStatus.PROPOSED, None)
    sign_in_newcomer(client, person)
    text = client.get("/plan").get_data(as_text=True)
    assert "validation" not in text.lower() and "Validering" not in text
    # Acknowledging with the other plan's revision number cannot touch the other plan.
    client.post("/plan/acknowledge", data={"revision": other_plan.revision})
    db.session.refresh(other_plan)
    assert other_plan.acknowledged_revision is None
    assert db.session.scalar(select(Plan).where(Plan.id == other_plan.id)).acknowledged_at is None


def test_creating_a_plan_needs_a_date(client, region):
    caseworker = create_staff(region["botkyrka"], Role.CASEWORKER)
    person = create_person(region["botkyrka"])
    sign_in_staff(client, caseworker)
    response = client.post(f"/staff/people/{person.id}/plan", data={"start_date": "not a date"})
    assert response.status_code == 422
    assert (
        client.post(f"/staff/people/{person.id}/plan", data={"start_date": date(2026, 3, 2).isoformat()}).status_code
        == 302
    )


def test_an_activity_without_any_occurrence_is_refused_with_a_clear_message(client, setting, db):
    caseworker, person, plan = setting
    sign_in_staff(client, caseworker)
    client.get("/language/en")
    data = {
        **ACTIVITY,
        "weekdays": ["4"],
        "start_date": "2026-12-07",
        "end_date": "2026-12-07",
        "revision": plan.revision,
    }
    response = client.post(f"/staff/people/{person.id}/plan/activities", data=data)
    assert response.status_code == 422
    assert "None of the chosen days falls between the first and the last date" in check_page(response).get_text()
    db.session.refresh(plan)
    assert len(plan.activities) == 1


def test_removing_an_activity_asks_first(client, setting, db):
    caseworker, person, plan = setting
    activity = plan.activities[0]
    sign_in_staff(client, caseworker)
    client.get("/language/en")
    url = f"/staff/people/{person.id}/plan/activities/remove"
    response = client.post(url, data={"item_id": activity.id, "revision": plan.revision})
    assert response.status_code == 200
    soup = check_page(response)
    assert soup.h1.get_text(strip=True) == "Remove the activity?"
    form = soup.select_one("main form") or soup.select("form")[-1]
    fields = {i["name"]: i["value"] for i in form.select("input[type=hidden]")}
    assert fields["confirm"] == "yes" and fields["item_id"] == str(activity.id)
    db.session.refresh(plan)
    assert len(plan.activities) == 1  # nothing removed yet
    assert client.post(url, data={k: v for k, v in fields.items() if k != "csrf_token"}).status_code == 302
    db.session.refresh(plan)
    assert plan.activities == []


def test_a_transfer_has_no_preselected_destination_and_asks_first(client, region, setting, db):
    caseworker, person, _plan = setting
    sign_in_staff(client, caseworker)
    client.get("/language/en")
    soup = check_page(client.get(f"/staff/people/{person.id}/plan"))
    select_ = soup.find("select", attrs={"name": "to_org"})
    assert select_.find("option")["value"] == "0" and not select_.select("option[selected]")
    url = f"/staff/people/{person.id}/transfer"
    assert client.post(url, data={"to_org": "0", "handover_note": HANDOVER}).status_code == 422
    assert client.post(url, data={"to_org": region["botkyrka"].id, "handover_note": "."}).status_code == 422
    response = client.post(url, data={"to_org": region["botkyrka"].id, "handover_note": HANDOVER})
    assert response.status_code == 200 and "Move the person?" in check_page(response).h1.get_text()
    db.session.refresh(person)
    assert person.responsible_org_id == region["sodertalje"].id  # not moved yet
    data = {"to_org": region["botkyrka"].id, "handover_note": HANDOVER, "confirm": "yes"}
    assert client.post(url, data=data).status_code == 302
    db.session.refresh(person)
    assert person.responsible_org_id == region["botkyrka"].id


def test_an_organisation_that_takes_no_transfers_is_not_offered_and_cannot_be_chosen(client, region, setting, db):
    """The demo's synthetic district has no caseworkers: nobody may move a person there."""
    caseworker, person, _plan = setting
    closed = region["botkyrka"]
    closed.accepts_transfers = False
    db.session.commit()
    sign_in_staff(client, caseworker)
    soup = check_page(client.get(f"/staff/people/{person.id}/plan"))
    offered = [o["value"] for o in soup.find("select", attrs={"name": "to_org"}).find_all("option")]
    assert str(closed.id) not in offered and str(region["stockholm"].id) in offered
    data = {"to_org": closed.id, "handover_note": HANDOVER, "confirm": "yes"}
    assert client.post(f"/staff/people/{person.id}/transfer", data=data).status_code == 422
    db.session.refresh(person)
    assert person.responsible_org_id == region["sodertalje"].id
