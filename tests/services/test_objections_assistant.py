"""The assistant's objection answers keep the contract in docs/internal-api.md."""

from __future__ import annotations

import re
from datetime import date

import pytest
from sqlalchemy import func, select

from portal.extensions import db
from portal.models import Objection, Role
from portal.services import objections
from portal.services.objections_assistant import (
    AssistantError,
    escalate_objection_for_assistant,
    file_objection_for_assistant,
    list_objections_for_assistant,
    objection_status_for_assistant,
)
from tests.factories import (
    create_decided_objection,
    create_objection,
    create_objectionable_plan,
    create_person,
    create_staff,
)

CASE = re.compile(r"^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$")
STOCKHOLM_OFFSET = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?\+0[12]:00$")


@pytest.fixture
def caseworker(region):
    return create_staff(region["sodertalje"], Role.CASEWORKER)


@pytest.fixture
def person(region, caseworker):
    person = create_person(region["sodertalje"], language="so")
    create_objectionable_plan(person, caseworker)
    return person


def _payload(**overrides):
    payload = {
        "target": "plan",
        "reason": "childcare_clash",
        "wanted": "Lessons after 9 o'clock",
        "text": "Carruurtayda waxay aadaan dugsiga saacadda sideedda, casharku wuu ka horreeyaa.",
        "interpreter": True,
        "idempotency_key": "rasa-7f3a9c2e11",
    }
    payload.update(overrides)
    return payload


def test_filing_answers_the_contract_body(app, person):
    body = file_objection_for_assistant(person, _payload(), "so")
    assert set(body) == {"case_number", "status", "status_label", "due_date", "can_escalate", "escalation_deadline"}
    assert CASE.match(body["case_number"])
    assert body["status"] == "submitted" and body["status_label"]
    assert date.fromisoformat(body["due_date"])
    objection = db.session.scalar(select(Objection))
    assert objection.channel == "assistant" and objection.interpreter_wanted
    assert objection.text_language == "so"


def test_a_retry_with_the_same_key_answers_the_same_case(app, person):
    first = file_objection_for_assistant(person, _payload(), "so")
    second = file_objection_for_assistant(person, _payload(), "so")
    assert first == second
    assert db.session.scalar(select(func.count()).select_from(Objection)) == 1


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"text": ""}, "text"),
        ({"text": "x" * 5000}, "text"),
        ({"text": 42}, "text"),
        ({"reason": "bored"}, "reason"),
        ({"target": "activity:99999"}, "target"),
        ({"idempotency_key": None}, "idempotency_key"),
    ],
)
def test_bad_input_is_invalid_with_the_field_and_a_message_in_the_conversation_language(app, person, overrides, field):
    with pytest.raises(AssistantError) as error:
        file_objection_for_assistant(person, _payload(**overrides), "en")
    assert error.value.status == 422
    body = error.value.body()
    assert body["error"] == "invalid" and body["field"] == field and body["message"]
    assert db.session.scalar(select(func.count()).select_from(Objection)) == 0


def test_a_payload_that_is_not_an_object_is_invalid(app, person):
    with pytest.raises(AssistantError) as error:
        file_objection_for_assistant(person, ["not", "a", "dict"], "en")
    assert error.value.status == 422


def test_the_list_holds_only_the_persons_cases(app, region, person, caseworker):
    mine = create_objection(person)
    other = create_person(region["sodertalje"])
    create_objectionable_plan(other, caseworker)
    create_objection(other)
    body = list_objections_for_assistant(person, "en")
    assert [o["case_number"] for o in body["objections"]] == [mine.display_case_number]
    assert set(body["objections"][0]) == {
        "case_number",
        "status",
        "status_label",
        "due_date",
        "can_escalate",
        "escalation_deadline",
    }


def test_status_has_a_timeline_in_the_requested_language(app, person, caseworker):
    objection = create_decided_objection(person, caseworker)
    body = objection_status_for_assistant(person, objection.display_case_number.lower().replace("-", ""), "en")
    assert body["case_number"] == objection.display_case_number
    assert body["status"] == "decided" and body["status_label"] == "Decided: rejected"
    assert [step["status"] for step in body["timeline"]] == ["submitted", "acknowledged", "under_review", "decided"]
    assert body["timeline"][0]["label"] == "Your objection was received."
    assert all(STOCKHOLM_OFFSET.match(step["at"]) for step in body["timeline"])


def test_another_persons_case_is_not_found_whatever_the_number(app, region, person, caseworker):
    other = create_person(region["sodertalje"])
    create_objectionable_plan(other, caseworker)
    theirs = create_objection(other)
    for number in (theirs.display_case_number, theirs.case_number.lower(), "0000-0000", "nonsense"):
        with pytest.raises(AssistantError) as error:
            objection_status_for_assistant(person, number, "en")
        assert error.value.status == 404 and error.value.body()["error"] == "not_found"


def test_an_unknown_language_falls_back_to_the_persons_own(app, person):
    body = list_objections_for_assistant(person, "xx")
    assert body == {"objections": []}
    create_objection(person)
    assert list_objections_for_assistant(person, "xx")["objections"][0]["status_label"]


def test_due_date_is_the_review_date_after_an_escalation(app, person, caseworker):
    objection = create_decided_objection(person, caseworker)
    objections.escalate(objection, person)
    body = objection_status_for_assistant(person, objection.display_case_number, "en")
    assert body["due_date"] == objection.review_due_date.isoformat()


def test_the_assistant_can_escalate_a_decided_case(app, person, caseworker):
    objection = create_decided_objection(person, caseworker)
    body = escalate_objection_for_assistant(person, objection.display_case_number, {"text": "Not fair."}, "en")
    assert body["status"] == "escalated" and body["timeline"][-1]["status"] == "escalated"
    assert objection.escalation_text == "Not fair."
    assert objection.events[-1].actor_kind == "assistant"
    with pytest.raises(AssistantError) as error:
        escalate_objection_for_assistant(person, objection.display_case_number, {}, "en")
    assert error.value.status == 422 and error.value.body()["field"] == "case_number"


def test_the_assistant_cannot_escalate_another_persons_case(app, region, person, caseworker):
    other = create_person(region["sodertalje"])
    create_objectionable_plan(other, caseworker)
    theirs = create_decided_objection(other, caseworker)
    with pytest.raises(AssistantError) as error:
        escalate_objection_for_assistant(person, theirs.display_case_number, {}, "en")
    assert error.value.status == 404
    assert theirs.status == "decided"
