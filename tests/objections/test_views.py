"""The newcomer's objection pages: filing, receipt, bad input, access, lookup and escalation."""

from __future__ import annotations

from datetime import timedelta

import pytest
from flask_babel import force_locale, format_date
from sqlalchemy import func, select

from portal.extensions import db
from portal.models import Objection, ObjectionStatus, Role, SmsMessage
from tests.factories import (
    create_decided_objection,
    create_objection,
    create_objectionable_plan,
    create_person,
    create_staff,
)
from tests.helpers import check_page, last_sms_to, sign_in_newcomer


@pytest.fixture
def caseworker(region):
    return create_staff(region["sodertalje"], Role.CASEWORKER)


@pytest.fixture
def person(region, caseworker):
    person = create_person(region["sodertalje"], language="en")
    create_objectionable_plan(person, caseworker)
    return person


@pytest.fixture
def other(region, caseworker):
    other = create_person(region["sodertalje"], language="en")
    create_objectionable_plan(other, caseworker)
    return other


def _count() -> int:
    return db.session.scalar(select(func.count()).select_from(Objection))


def _form(client, target: str | None = None) -> dict:
    page = client.get("/plan/objections/new" + (f"?target={target}" if target else ""))
    soup = check_page(page)
    key = soup.find("input", attrs={"name": "idempotency_key"})["value"]
    return {
        "target": target or "plan",
        "reason": "childcare_clash",
        "wanted": "Lessons in the afternoon",
        "text": "The lessons start at 8, before the preschool opens.",
        "text_language": "",
        "idempotency_key": key,
    }


def test_the_form_lists_the_persons_own_plan_items_in_their_language(client, person):
    sign_in_newcomer(client, person)
    soup = check_page(client.get("/plan/objections/new"))
    values = [i["value"] for i in soup.select("input[name=target]")]
    assert values[0] == "plan"
    assert any(v.startswith("goal:") for v in values) and any(v.startswith("activity:") for v in values)
    labels = soup.select_one("#target").get_text(" ", strip=True)
    assert "Swedish for immigrants (SFI)" in labels and "Pass SFI course C" in labels
    reasons = [i["value"] for i in soup.select("input[name=reason]")]
    assert reasons == [
        "childcare_clash",
        "health",
        "already_have_skill",
        "wrong_level",
        "too_far",
        "want_other_placement",
        "treatment_discrimination",
        "other",
    ]


def test_a_target_in_the_address_is_preselected(client, person):
    sign_in_newcomer(client, person)
    activity = person_activity(person)
    soup = check_page(client.get(f"/plan/objections/new?target=activity:{activity.id}"))
    assert soup.find("input", attrs={"name": "target", "value": f"activity:{activity.id}"}).has_attr("checked")


def person_activity(person):
    from portal.services.objections import objectionable_plan

    return objectionable_plan(person).activities[0]


def test_filing_shows_a_receipt_with_the_case_number_and_sends_it_by_sms(client, person):
    sign_in_newcomer(client, person)
    activity = person_activity(person)
    data = _form(client, f"activity:{activity.id}")
    data["interpreter"] = "y"
    response = client.post("/plan/objections/new", data=data)
    assert response.status_code == 303
    objection = db.session.scalar(select(Objection))
    assert response.location.endswith(f"/objections/{objection.display_case_number}?received=1")
    assert objection.target_kind == "activity" and objection.target_id == activity.id
    assert objection.interpreter_wanted and not objection.phone_call_wanted
    soup = check_page(client.get(response.location))
    assert soup.select_one(".case-number").get_text(strip=True) == objection.display_case_number
    sms = last_sms_to(person.phone)
    assert sms.purpose == "objection" and objection.display_case_number in sms.body


def test_a_double_submit_makes_one_case_and_lands_on_it(client, person):
    sign_in_newcomer(client, person)
    data = _form(client)
    first = client.post("/plan/objections/new", data=data)
    second = client.post("/plan/objections/new", data=data)
    assert first.status_code == second.status_code == 303
    assert first.location == second.location
    assert _count() == 1
    sent = db.session.scalar(select(func.count()).select_from(SmsMessage).where(SmsMessage.purpose == "objection"))
    assert sent == 1


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"text": ""}, "text", "Please write why you object."),
        ({"text": "   "}, "text", "Please write why you object."),
        ({"text": "x" * 4001}, "text", "Please write at most 4000 characters."),
        ({"wanted": "y" * 1001}, "wanted", "Please write at most 1000 characters."),
        ({"reason": ""}, "reason", "Choose the reason that fits best."),
        ({"reason": "astrology"}, "reason", "Choose the reason that fits best."),
        ({"target": "activity:999999"}, "target", "Choose something that is in your plan."),
        ({"target": ""}, "target", "Choose something that is in your plan."),
        ({"text_language": "xx"}, "text_language", "Choose a language from the list."),
        ({"reason": "other", "text": "😡😡😡"}, "text", "Signs and emoji alone are not enough."),
        ({"reason": "other", "text": "!!! ??? 👎"}, "text", "Signs and emoji alone are not enough."),
    ],
)
def test_bad_input_gets_a_clear_message_keeps_what_was_typed_and_saves_nothing(client, person, change, field, message):
    sign_in_newcomer(client, person)
    data = {**_form(client), **change}
    response = client.post("/plan/objections/new", data=data)
    assert response.status_code == 422
    soup = check_page(response)
    assert message in soup.select_one(".error-summary").get_text(" ", strip=True)
    assert soup.select_one(f"#{field}-error") is not None
    # Everything typed is still there, including the key that makes a resubmit idempotent.
    if field != "wanted":
        assert soup.find("textarea", attrs={"name": "wanted"}).get_text().lstrip("\r\n") == data["wanted"]
    if data["text"].strip() and len(data["text"]) <= 4000:
        assert soup.find("textarea", attrs={"name": "text"}).get_text().lstrip("\r\n") == data["text"]
    assert soup.find("input", attrs={"name": "idempotency_key"})["value"] == data["idempotency_key"]
    assert _count() == 0
    assert last_sms_to(person.phone).purpose != "objection"


@pytest.mark.parametrize(
    ("reason", "text"),
    [("other", "ብዙ ርሑቕ እዩ"), ("other", "بعيد جدا 😡"), ("too_far", "😡😡😡")],
)
def test_words_in_any_script_or_a_chosen_reason_make_an_objection(client, person, reason, text):
    sign_in_newcomer(client, person)
    response = client.post("/plan/objections/new", data={**_form(client), "reason": reason, "text": text})
    assert response.status_code == 303 and _count() == 1


def test_symbols_alone_are_refused_in_the_persons_language(client, region, caseworker):
    arab = create_person(region["sodertalje"], language="ar")
    create_objectionable_plan(arab, caseworker)
    sign_in_newcomer(client, arab)
    response = client.post("/plan/objections/new", data={**_form(client), "reason": "other", "text": "😡😡😡"})
    soup = check_page(response, lang="ar")
    assert response.status_code == 422 and soup.select_one("#text-error") is not None
    assert soup.find("textarea", attrs={"name": "text"}).get_text().strip() == "😡😡😡"
    assert _count() == 0


def test_an_item_from_another_persons_plan_is_refused(client, person, other):
    sign_in_newcomer(client, person)
    data = {**_form(client), "target": f"activity:{person_activity(other).id}"}
    assert client.post("/plan/objections/new", data=data).status_code == 422
    assert _count() == 0


def test_bad_input_is_explained_in_the_persons_language(client, region, caseworker):
    arab = create_person(region["sodertalje"], language="ar")
    create_objectionable_plan(arab, caseworker)
    sign_in_newcomer(client, arab)
    response = client.post("/plan/objections/new", data={**_form(client), "text": ""})
    soup = check_page(response, lang="ar")
    assert response.status_code == 422 and soup.find("html")["dir"] == "rtl"


def test_a_newcomer_without_a_shown_plan_is_told_so(client, region, caseworker):
    person = create_person(region["sodertalje"], language="en")
    create_objectionable_plan(person, caseworker, status="draft")
    sign_in_newcomer(client, person)
    response = client.get("/plan/objections/new")
    assert response.status_code == 200
    assert "You do not have a plan to object to yet" in check_page(response).get_text()
    assert client.post("/plan/objections/new", data={"target": "plan"}).status_code == 200
    assert _count() == 0


def test_staff_and_strangers_cannot_use_the_newcomer_pages(client, region, caseworker, person):
    assert client.get("/objections").status_code == 302
    assert client.get("/plan/objections/new").status_code == 302


# --- access to cases -----------------------------------------------------------------------------


def test_a_newcomer_cannot_see_or_act_on_another_persons_case_whatever_number_they_try(client, person, other):
    theirs = create_objection(other)
    sign_in_newcomer(client, person)
    for number in (
        theirs.display_case_number,
        theirs.case_number,
        theirs.case_number.lower(),
        str(theirs.id),
        "0000-0000",
        "../../staff",
    ):
        assert client.get(f"/objections/{number}").status_code == 404, number
        assert client.post(f"/objections/{number}/escalate", data={}).status_code == 404, number
        assert client.get("/objections/find", query_string={"case": number}).status_code in (404, 422), number
    db.session.refresh(theirs)
    assert theirs.status == ObjectionStatus.SUBMITTED
    page = client.get("/objections").get_data(as_text=True)
    assert theirs.display_case_number not in page


def test_the_lookup_accepts_the_number_as_people_type_it(client, person):
    mine = create_objection(person)
    sign_in_newcomer(client, person)
    typed = mine.display_case_number.lower().replace("0", "o").replace("1", "l").replace("-", " ")
    response = client.get("/objections/find", query_string={"case": typed})
    assert response.status_code == 302
    assert response.location.endswith(f"/objections/{mine.display_case_number}")
    assert client.get(f"/objections/{mine.case_number.lower()}").status_code == 200


def test_case_lookups_are_rate_limited(client, app, person, monkeypatch):
    monkeypatch.setitem(app.config, "OBJECTION_LOOKUP_LIMIT", "3 per hour")
    sign_in_newcomer(client, person)
    codes = [client.get(f"/objections/AAAA-AAA{i}").status_code for i in range(5)]
    assert codes[:3] == [404, 404, 404] and codes[3:] == [429, 429]


def test_the_case_page_shows_the_timeline_and_the_decision_with_reasons(client, person, caseworker):
    objection = create_decided_objection(person, caseworker)
    sign_in_newcomer(client, person)
    soup = check_page(client.get(f"/objections/{objection.display_case_number}"))
    steps = [li.get_text(" ", strip=True) for li in soup.select(".timeline li")]
    assert len(steps) == 4 and "Your objection was received." in steps[0]
    decision = soup.select_one(".decision").get_text(" ", strip=True)
    assert "Rejected" in decision and "The plan follows the rules." in decision
    assert soup.select_one("form[action$='/escalate']") is not None
    # The decision comes before the facts of the case and what the person wrote.
    main = str(soup.find("main"))
    assert main.index('class="decision"') < main.index('class="facts"') < main.index("What you wrote")


def test_the_newcomer_escalates_from_the_case_page(client, person, caseworker):
    objection = create_decided_objection(person, caseworker)
    sign_in_newcomer(client, person)
    response = client.post(
        f"/objections/{objection.display_case_number}/escalate", data={"text": "The caseworker did not listen."}
    )
    assert response.status_code == 303
    db.session.refresh(objection)
    assert objection.status == ObjectionStatus.ESCALATED
    assert objection.escalation_text == "The caseworker did not listen."
    assert "independent reviewer" in last_sms_to(person.phone).body
    soup = check_page(client.get(f"/objections/{objection.display_case_number}"))
    assert soup.select_one("form[action$='/escalate']") is None
    # The reviewer's deadline is shown, not the caseworker's.
    facts = soup.select_one(".facts").get_text(" ", strip=True)
    with client.application.test_request_context(), force_locale(person.preferred_language):
        review_due, first_due = (format_date(d, "long") for d in (objection.review_due_date, objection.due_date))
    assert "Independent review due" in facts and review_due in facts
    assert "Answer due" not in facts and (first_due == review_due or first_due not in facts)


def test_escalation_after_the_window_is_refused_with_a_message(client, person, caseworker):
    objection = create_decided_objection(person, caseworker)
    decision = objection.first_decision
    decision.decided_at = decision.decided_at - timedelta(days=30)
    db.session.commit()
    sign_in_newcomer(client, person)
    soup = check_page(client.get(f"/objections/{objection.display_case_number}"))
    assert soup.select_one("form[action$='/escalate']") is None
    response = client.post(f"/objections/{objection.display_case_number}/escalate", data={})
    assert response.status_code == 422
    assert "The time to ask for an independent review has passed." in response.get_data(as_text=True)
    db.session.refresh(objection)
    assert objection.status == ObjectionStatus.DECIDED


def test_an_overdue_case_can_be_escalated_before_any_decision(client, person):
    objection = create_objection(person)
    objection.due_date = objection.due_date - timedelta(days=20)
    db.session.commit()
    sign_in_newcomer(client, person)
    soup = check_page(client.get(f"/objections/{objection.display_case_number}"))
    assert "late" in soup.select_one(".escalate").get_text().lower()
    assert client.post(f"/objections/{objection.display_case_number}/escalate", data={}).status_code == 303


@pytest.mark.parametrize("language", ["sv", "en", "ar", "fa", "prs", "so", "ti", "uk", "ru", "ckb", "ku", "ps"])
def test_the_decision_grounds_are_shown_in_the_persons_language_and_the_free_text_labelled(
    client, region, caseworker, language
):
    from portal.bidi import strip_isolates
    from portal.languages import get_language
    from portal.services import objections
    from portal.services.objection_text import DECISION_GROUNDS_BY_KEY

    person = create_person(region["sodertalje"], language=language)
    create_objectionable_plan(person, caseworker)
    objection = create_objection(person)
    objections.acknowledge(objection, caseworker)
    objections.start_review(objection, caseworker)
    objections.decide(
        objection,
        caseworker,
        outcome="rejected",
        grounds=["health_considered", "no_alternative_now"],
        reasons="Läkarintyget är läst. Kursen finns bara på förmiddagen.",
    )
    sign_in_newcomer(client, person)
    soup = check_page(client.get(f"/objections/{objection.display_case_number}"))
    grounds = [strip_isolates(li.get_text("", strip=True)) for li in soup.select(".decision .decision-grounds li")]
    with force_locale(get_language(language).babel_locale):
        wanted = [str(DECISION_GROUNDS_BY_KEY[k].text) for k in ("health_considered", "no_alternative_now")]
    assert grounds == [strip_isolates(w) for w in wanted]
    if language != "en":
        # Translated, not the English source shown to everyone.
        with force_locale("en"):
            assert grounds[0] != str(DECISION_GROUNDS_BY_KEY["health_considered"].text)
    free = soup.select_one(".decision .free-text")
    assert free["lang"] == "sv" and "Läkarintyget" in free.get_text()


def test_check_your_answers_reads_them_back_saves_nothing_and_sends_on_confirm(client, person):
    sign_in_newcomer(client, person)
    data = {**_form(client), "interpreter": "y", "step": "check"}
    response = client.post("/plan/objections/new", data=data)
    assert response.status_code == 200
    soup = check_page(response)
    answers = soup.select_one("dl.check-answers").get_text(" ", strip=True)
    assert data["text"] in answers and data["wanted"] in answers and "interpreter" in answers.lower()
    assert _count() == 0
    # The check page's own form carries every answer back; sending it files the objection once.
    form = soup.select_one("main form")
    sent = {i["name"]: i.get("value", "") for i in form.select("input[type=hidden]") if i["name"] != "csrf_token"}
    assert sent["text"] == data["text"] and sent["idempotency_key"] == data["idempotency_key"]
    assert form.select_one("button[value=send]") is not None
    filed = client.post("/plan/objections/new", data={**sent, "step": "send"})
    assert filed.status_code == 303 and _count() == 1
    assert db.session.scalar(select(Objection)).interpreter_wanted


def test_changing_the_answers_returns_to_the_form_with_everything_kept(client, person):
    sign_in_newcomer(client, person)
    data = {**_form(client), "step": "change"}
    response = client.post("/plan/objections/new", data=data)
    assert response.status_code == 200
    soup = check_page(response)
    assert soup.find("textarea", attrs={"name": "text"}).get_text().lstrip("\r\n") == data["text"]
    assert soup.select_one("input[name=reason][value=childcare_clash]").has_attr("checked")
    assert _count() == 0


def test_check_your_answers_refuses_signs_alone_before_showing_them(client, person):
    sign_in_newcomer(client, person)
    data = {**_form(client), "reason": "other", "text": "😡😡😡", "step": "check"}
    response = client.post("/plan/objections/new", data=data)
    assert response.status_code == 422
    soup = check_page(response)
    assert "Signs and emoji alone are not enough." in soup.select_one(".error-summary").get_text(" ", strip=True)
    assert soup.select_one("dl.check-answers") is None and _count() == 0
