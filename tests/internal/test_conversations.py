"""/internal/v1/conversations/{cid}/…: the contract of docs/internal-api.md, route by route."""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta

import pytest
from sqlalchemy import select

from portal.models import HandoffRequest, Objection
from portal.services.schedule import STOCKHOLM
from tests.factories import (
    create_conversation,
    create_objection,
    create_objectionable_plan,
    create_person,
    create_plan,
    create_staff,
)

TOKEN = "test-internal-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
BASE = "/internal/v1/conversations"


def api(client, method: str, path: str, **kwargs):
    return client.open(BASE + path, method=method, headers=AUTH, **kwargs)


@pytest.fixture
def caseworker(region):
    return create_staff(region["sodertalje"])


@pytest.fixture
def newcomer(region):
    return create_person(region["sodertalje"], language="ar")


@pytest.fixture
def sms(newcomer):
    return create_conversation(channel="sms", person=newcomer)


@pytest.fixture
def anonymous():
    return create_conversation(channel="sms", phone="+46709999999", language="so")


def _plan_with_activity_today(person, staff, hour: int = 23):
    today = datetime.now(STOCKHOLM).date()
    return create_plan(
        person,
        staff,
        start=today - timedelta(days=14),
        status="active",
        activities=[
            {"weekdays": [1, 2, 3, 4, 5, 6, 7], "start_time": time(hour, 0), "duration_minutes": 30},
        ],
    )


# -- the token -------------------------------------------------------------------------------------


ROUTES = [
    ("GET", ""),
    ("PUT", "/language"),
    ("GET", "/next-activity"),
    ("GET", "/schedule"),
    ("GET", "/plan"),
    ("POST", "/objections"),
    ("GET", "/objections"),
    ("GET", "/objections/K7QX-3M2A"),
    ("POST", "/objections/K7QX-3M2A/escalate"),
    ("POST", "/handoff"),
]


@pytest.mark.parametrize(("method", "path"), ROUTES)
@pytest.mark.parametrize("header", [None, "Bearer wrong-token", f"Basic {TOKEN}", "Bearer "])
def test_every_route_needs_the_bearer_token(client, sms, method, path, header):
    headers = {"Authorization": header} if header else {}
    response = client.open(f"{BASE}/{sms.public_id}{path}", method=method, headers=headers, json={})
    assert response.status_code == 401
    assert response.get_json()["error"] == "unauthorized"


def test_an_unknown_conversation_is_not_found(client, db):
    response = api(client, "GET", "/nO7aReal1d0000000000000")
    assert response.status_code == 404 and response.get_json()["error"] == "not_found"


# -- the conversation and its language -------------------------------------------------------------


def test_the_conversation_says_its_language_channel_and_whether_someone_is_identified(client, sms, anonymous):
    reception = {
        "phone": client.application.config["RECEPTION_PHONE"],
        "hours": client.application.config["RECEPTION_HOURS"],
        # Both write by SMS, so a stranger's request there waits at the reception to be called back.
        "calls_back": True,
    }
    body = api(client, "GET", f"/{sms.public_id}").get_json()
    assert body == {
        "conversation": sms.public_id,
        "language": "ar",
        "channel": "sms",
        "identified": True,
        "reception": reception,
    }
    body = api(client, "GET", f"/{anonymous.public_id}").get_json()
    assert body == {
        "conversation": anonymous.public_id,
        "language": "so",
        "channel": "sms",
        "identified": False,
        "reception": reception,
    }
    assert reception["phone"]
    assert len(sms.public_id) >= 20 and "+46" not in sms.public_id


def test_an_sms_conversation_whose_number_now_belongs_to_nobody_is_not_identified(client, db, sms, newcomer):
    newcomer.phone = "+46701231231"  # the person changed number
    db.session.commit()
    assert api(client, "GET", f"/{sms.public_id}").get_json()["identified"] is False
    response = api(client, "GET", f"/{sms.public_id}/plan")
    assert response.status_code == 403 and response.get_json()["error"] == "not_identified"


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ({"language": "so"}, "so"),
        ({"language": "fa_AF"}, "prs"),
        ({"choice": "3"}, "ar"),
        ({"choice": "arabic"}, "ar"),
        ({"choice": "عربي"}, "ar"),
        ({"choice": "soomaali"}, "so"),
        ({"choice": "ትግርኛ"}, "ti"),
    ],
)
def test_the_language_can_be_changed_by_code_or_by_the_users_words(client, db, anonymous, body, expected):
    response = api(client, "PUT", f"/{anonymous.public_id}/language", json=body)
    assert response.status_code == 200 and response.get_json() == {"language": expected}
    db.session.refresh(anonymous)
    assert anonymous.language == expected


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"language": "xx"}, "language"),
        ({"choice": "klingon"}, "choice"),
        ({"choice": "99"}, "choice"),
        ({"language": 3}, "language"),
    ],
)
def test_an_unknown_language_is_refused(client, anonymous, body, field):
    response = api(client, "PUT", f"/{anonymous.public_id}/language", json=body)
    assert response.status_code == 422
    payload = response.get_json()
    assert payload["error"] == "invalid" and payload["field"] == field and payload["message"]


def test_an_identified_persons_choice_becomes_their_stored_preference(client, db, sms, newcomer):
    api(client, "PUT", f"/{sms.public_id}/language", json={"choice": "svenska"})
    db.session.refresh(newcomer)
    assert newcomer.preferred_language == "sv"


# -- personal data -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", "/next-activity"),
        ("GET", "/schedule"),
        ("GET", "/plan"),
        ("POST", "/objections"),
        ("GET", "/objections"),
        ("GET", "/objections/K7QX-3M2A"),
        ("POST", "/objections/K7QX-3M2A/escalate"),
        ("POST", "/handoff"),
    ],
)
def test_an_unknown_number_gets_no_personal_data(client, caseworker, newcomer, anonymous, method, path):
    _plan_with_activity_today(newcomer, caseworker)
    response = api(client, method, f"/{anonymous.public_id}{path}", json={"note": "hi"})
    assert response.status_code == 403
    body = response.get_json()
    assert body["error"] == "not_identified" and body["message"]
    assert "SFI" not in response.get_data(as_text=True)


def test_a_strangers_handoff_is_refused_personally_but_waits_at_the_reception(app, client, db, region, monkeypatch):
    """Issue 21, item 4: still 403 (nothing personal, not even the request's id), but queued."""
    from portal.models import MunicipalityContact

    monkeypatch.setitem(app.config, "RECEPTION_NUMBERS", {"+46766860001": "botkyrka"})
    db.session.add(
        MunicipalityContact(
            organisation=region["botkyrka"],
            phone="08-530 610 00",
            opening_hours=[[0, "09:00", "15:00"], [1, "09:00", "15:00"]],
        )
    )
    stranger = create_conversation(channel="sms", phone="+46709999998", language="so")
    stranger.service_number = "+46766860001"
    db.session.commit()
    response = api(client, "POST", f"/{stranger.public_id}/handoff", json={"note": "qof ayaan rabaa"})
    assert response.status_code == 403 and response.get_json()["error"] == "not_identified"
    assert "handoff" not in response.get_json()
    handoff = db.session.scalar(select(HandoffRequest))
    assert handoff.person_id is None and handoff.organisation_id == region["botkyrka"].id
    assert handoff.note == "qof ayaan rabaa" and handoff.language == "so"
    # The assistant reads the reception's contact from the conversation, in the conversation's language.
    reception = api(client, "GET", f"/{stranger.public_id}").get_json()["reception"]
    assert reception["phone"] == "08-530 610 00" and reception["hours"].startswith("Isniin")
    assert reception["calls_back"] is True


def test_an_anonymous_web_chat_is_told_its_request_cannot_wait_for_a_call_back(client, db, region):
    chat = create_conversation(channel="chat", language="so")
    db.session.commit()
    assert api(client, "GET", f"/{chat.public_id}").get_json()["reception"]["calls_back"] is False
    assert api(client, "POST", f"/{chat.public_id}/handoff", json={"note": "qof"}).status_code == 403
    assert db.session.scalar(select(HandoffRequest)) is None


def test_the_next_activity_is_the_next_occurrence_with_place_and_map(client, caseworker, newcomer, sms):
    _plan_with_activity_today(newcomer, caseworker)
    activity = api(client, "GET", f"/{sms.public_id}/next-activity").get_json()["activity"]
    assert set(activity) == {"title", "starts_at", "ends_at", "place", "provider", "map_url"}
    starts = datetime.fromisoformat(activity["starts_at"])
    assert starts.utcoffset() in (timedelta(hours=1), timedelta(hours=2))
    assert starts.hour == 23 and starts > datetime.now(STOCKHOLM) - timedelta(minutes=30)
    assert datetime.fromisoformat(activity["ends_at"]) - starts == timedelta(minutes=30)
    assert activity["place"] == "Storgatan 1, Södertälje"
    assert activity["map_url"].startswith("https://www.openstreetmap.org/search?query=")
    # The title is in the conversation's language (Arabic here), from the catalogues.
    from flask_babel import force_locale, gettext

    with force_locale("ar"):
        assert activity["title"] == gettext("Swedish for immigrants (SFI)")


def test_without_a_plan_there_is_no_next_activity_and_no_plan(client, sms):
    assert api(client, "GET", f"/{sms.public_id}/next-activity").get_json() == {"activity": None}
    assert api(client, "GET", f"/{sms.public_id}/plan").get_json() == {"plan": None}
    assert api(client, "GET", f"/{sms.public_id}/schedule").get_json() == {"days": []}


def test_a_draft_plan_is_not_shown(client, caseworker, newcomer, sms):
    create_plan(newcomer, caseworker, start=date.today(), status="draft")
    assert api(client, "GET", f"/{sms.public_id}/plan").get_json() == {"plan": None}
    assert api(client, "GET", f"/{sms.public_id}/next-activity").get_json() == {"activity": None}


def test_the_schedule_lists_days_with_activities(client, caseworker, newcomer, sms):
    _plan_with_activity_today(newcomer, caseworker)
    days = api(client, "GET", f"/{sms.public_id}/schedule?days=3").get_json()["days"]
    today = datetime.now(STOCKHOLM).date()
    assert [d["date"] for d in days] == [(today + timedelta(days=n)).isoformat() for n in range(3)]
    assert all(len(d["activities"]) == 1 for d in days)
    assert set(days[0]["activities"][0]) == {"title", "starts_at", "ends_at", "place", "provider", "map_url"}


@pytest.mark.parametrize("days", ["0", "32", "many", "-1"])
def test_a_schedule_for_a_silly_number_of_days_is_refused(client, sms, days):
    response = api(client, "GET", f"/{sms.public_id}/schedule?days={days}")
    assert response.status_code == 422 and response.get_json()["field"] == "days"


def test_the_plan_summary_has_the_contracts_shape(client, caseworker, newcomer, sms):
    _plan_with_activity_today(newcomer, caseworker)
    plan = api(client, "GET", f"/{sms.public_id}/plan").get_json()["plan"]
    assert set(plan) == {
        "status",
        "status_label",
        "hours_per_week",
        "awaiting_acknowledgement",
        "goals",
        "activities",
        "url",
    }
    assert plan["status"] == "active" and plan["url"] == "/plan"
    assert plan["hours_per_week"] == 3.5
    assert plan["awaiting_acknowledgement"] is False
    # The id lets the assistant name one activity in an objection ("activity:<id>").
    from sqlalchemy import select

    from portal.extensions import db as database
    from portal.models import Activity

    activity_id = database.session.scalar(select(Activity.id))
    assert plan["activities"] == [{"id": activity_id, "title": plan["activities"][0]["title"], "hours_per_week": 3.5}]
    from flask_babel import force_locale, gettext

    with force_locale("ar"):
        assert plan["status_label"] == gettext("Active")


# -- objections -------------------------------------------------------------------------------------


def _objection_body(**overrides):
    return {
        "target": "plan",
        "reason": "too_far",
        "wanted": "SFI closer to home",
        "text": "المدرسة بعيدة جدا عن بيتي، ساعتان في كل اتجاه",
        "interpreter": True,
        "idempotency_key": "assistant-key-0001",
        **overrides,
    }


def test_an_objection_filed_by_the_assistant_comes_back_by_case_number(client, db, caseworker, newcomer, sms):
    create_objectionable_plan(newcomer, caseworker)
    response = api(client, "POST", f"/{sms.public_id}/objections", json=_objection_body())
    assert response.status_code == 201
    filed = response.get_json()
    assert set(filed) == {"case_number", "status", "status_label", "due_date", "can_escalate", "escalation_deadline"}
    assert filed["can_escalate"] is False and filed["escalation_deadline"] is None  # nothing decided yet
    assert re.fullmatch(r"[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}", filed["case_number"])
    # A retry with the same key files nothing new.
    again = api(client, "POST", f"/{sms.public_id}/objections", json=_objection_body())
    assert again.status_code == 201 and again.get_json() == filed
    assert len(db.session.scalars(select(Objection)).all()) == 1

    listed = api(client, "GET", f"/{sms.public_id}/objections").get_json()
    assert listed == {"objections": [filed]}
    lower = filed["case_number"].replace("-", "").lower()
    status = api(client, "GET", f"/{sms.public_id}/objections/{lower}").get_json()
    assert {k: status[k] for k in filed} == filed
    assert status["timeline"] and set(status["timeline"][0]) == {"at", "status", "label"}


def test_another_persons_case_is_not_found(client, db, region, caseworker, newcomer, sms):
    other = create_person(region["sodertalje"], language="sv")
    create_objectionable_plan(other, caseworker)
    other_sms = create_conversation(channel="sms", person=other)
    filed = api(client, "POST", f"/{other_sms.public_id}/objections", json=_objection_body()).get_json()
    response = api(client, "GET", f"/{sms.public_id}/objections/{filed['case_number']}")
    assert response.status_code == 404 and response.get_json()["error"] == "not_found"


def test_an_invalid_objection_names_the_field(client, caseworker, newcomer, sms):
    create_objectionable_plan(newcomer, caseworker)
    response = api(client, "POST", f"/{sms.public_id}/objections", json=_objection_body(reason="because"))
    assert response.status_code == 422
    assert response.get_json()["error"] == "invalid" and response.get_json()["field"] == "reason"


def _decided_case(newcomer, caseworker, outcome="rejected"):
    from portal.services import objections

    create_objectionable_plan(newcomer, caseworker)
    objection = create_objection(newcomer)
    objections.acknowledge(objection, caseworker)
    objections.start_review(objection, caseworker)
    objections.decide(
        objection,
        caseworker,
        outcome=outcome,
        grounds=["rules_followed"],
        reasons="Skolan ligger inom rimligt avstånd.",
    )
    return objection


def test_a_person_with_only_sms_can_ask_for_an_independent_review(client, db, caseworker, newcomer, sms):
    objection = _decided_case(newcomer, caseworker)
    case = objection.display_case_number
    listed = api(client, "GET", f"/{sms.public_id}/objections").get_json()["objections"]
    assert listed[0]["can_escalate"] is True and listed[0]["escalation_deadline"]

    response = api(client, "POST", f"/{sms.public_id}/objections/{case}/escalate", json={"text": "المسافة بعيدة"})
    assert response.status_code == 200
    body = response.get_json()
    assert body["case_number"] == case and body["status"] == "escalated" and body["can_escalate"] is False
    db.session.refresh(objection)
    assert objection.escalation_text == "المسافة بعيدة" and objection.review_due_date is not None
    # Asking twice is refused with the reason in the person's language, and changes nothing.
    again = api(client, "POST", f"/{sms.public_id}/objections/{case}/escalate", json={})
    assert again.status_code == 422 and again.get_json()["error"] == "invalid" and again.get_json()["message"]


def test_a_partly_upheld_case_can_be_escalated_and_an_unknown_case_is_not_found(client, caseworker, newcomer, sms):
    from portal.services import objections

    create_objectionable_plan(newcomer, caseworker)
    objection = create_objection(newcomer)
    objections.acknowledge(objection, caseworker)
    objections.start_review(objection, caseworker)
    objections.decide(
        objection,
        caseworker,
        outcome="partly_upheld",
        grounds=["rules_followed"],
        reasons="Delvis: praktiken flyttas till Kista.",
    )
    assert api(client, "GET", f"/{sms.public_id}/objections").get_json()["objections"][0]["can_escalate"] is True
    # Another person's case is not found, and is not escalated.
    response = api(client, "POST", f"/{sms.public_id}/objections/ZZZZ-9999/escalate", json={})
    assert response.status_code == 404


@pytest.mark.parametrize("body", [None, ["why"], "why", {"text": 42}])
def test_an_escalation_body_that_is_not_as_documented_is_refused_and_nothing_moves(
    client, db, caseworker, newcomer, sms, body
):
    objection = _decided_case(newcomer, caseworker)
    path = f"/{sms.public_id}/objections/{objection.display_case_number}/escalate"
    response = api(client, "POST", path, json=body) if body is not None else api(client, "POST", path)
    assert response.status_code == 422
    db.session.refresh(objection)
    assert objection.status.value == "decided" and objection.escalated_at is None


def test_an_undecided_case_that_is_not_late_cannot_be_escalated(client, caseworker, newcomer, sms):
    create_objectionable_plan(newcomer, caseworker)
    objection = create_objection(newcomer)
    response = api(client, "POST", f"/{sms.public_id}/objections/{objection.display_case_number}/escalate", json={})
    assert response.status_code == 422 and response.get_json()["field"] == "case_number"


# -- handoff ------------------------------------------------------------------------------------------


def test_a_handoff_request_goes_to_the_persons_organisation_with_the_language(client, db, region, newcomer, sms):
    response = api(client, "POST", f"/{sms.public_id}/handoff", json={"note": "أريد التحدث مع موظف"})
    assert response.status_code == 201
    handoff = db.session.get(HandoffRequest, response.get_json()["handoff"])
    assert handoff.organisation_id == region["sodertalje"].id
    assert handoff.language == "ar" and handoff.channel == "sms" and handoff.note == "أريد التحدث مع موظف"
    # Asking again from the same conversation is the same request.
    again = api(client, "POST", f"/{sms.public_id}/handoff", json={"note": None})
    assert again.status_code == 201 and again.get_json() == response.get_json()


@pytest.mark.parametrize(("note", "status"), [("x" * 1001, 422), (42, 422), ("", 201), (None, 201)])
def test_a_handoff_note_is_checked(client, sms, note, status):
    response = api(client, "POST", f"/{sms.public_id}/handoff", json={"note": note})
    assert response.status_code == status
    if status == 422:
        assert response.get_json()["field"] == "note"


def test_a_signed_in_web_chat_is_identified(client, newcomer):
    chat = create_conversation(channel="chat", person=newcomer)
    assert api(client, "GET", f"/{chat.public_id}").get_json()["identified"] is True
    civic = create_conversation(channel="chat", language="sv")
    assert api(client, "GET", f"/{civic.public_id}").get_json()["identified"] is False
