"""Hypothesis on the state-changing HTML forms: arbitrary text never breaks a form or loses what was typed.

For each form, generated input (any Unicode, right-to-left text and direction marks, control
characters and NULs, markup, very long strings) is posted the way a browser would (with the
CSRF token). Every answer must be:
- never a server error (5xx, or an exception out of the app);
- either accepted (a redirect) or refused with a 4xx; a refused form that is shown again
  carries an error message and still holds the text the person typed in every text field.
"""

from __future__ import annotations

import os
from datetime import date, timedelta
from typing import Any

import pytest
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from portal.catalogues import ACTIVITY_TYPES
from portal.extensions import limiter
from portal.languages import CODES
from portal.models import Outcome, Role
from portal.services import objections as objection_service
from portal.services.content import sync_from_files
from tests.content_fixtures import SV_HEALTH, small_tree
from tests.factories import (
    create_objection,
    create_objectionable_plan,
    create_person,
    create_plan,
    create_staff,
)
from tests.helpers import code_from_outbox, sign_in_newcomer, sign_in_staff

EXAMPLES = int(os.environ.get("FORM_FUZZ_EXAMPLES", "150"))
FUZZ = settings(
    max_examples=EXAMPLES,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
)

# Text people really type, and text that breaks naive code.
_SAMPLES = [
    "",
    " ",
    "\x00",
    "a\x00b",
    "\r\n\r\n",
    "\t\x0b\x0c\x1b[31m",
    "مدرسة بعيدة جداً عن بيتي",
    "مکتب خیلی دور است",
    "ئەم پلانە باش نییە",
    "\u202eevil\u202c \u200f\u200e\u2067x\u2069",
    "\ufeff\u200b\u00ad",
    "e\u0301\u0301\u0301 ﷽ 𒐫 👩‍👩‍👧‍👦",
    "<script>alert(1)</script>",
    "{{ 7*7 }} {% raw %} %(max)d %s",
    "'; DROP TABLE person; --",
    "070-174 00 03",
    "+46701740003",
    "123456",
    "²",
    "١٢٣",
    "1_0",
    " 7 ",
    "K7QX-3M2A",
]
TEXT = st.one_of(
    st.sampled_from(_SAMPLES),
    st.text(max_size=60),
    st.text(st.characters(codec="utf-8"), min_size=1, max_size=400),
    st.lists(st.sampled_from(_SAMPLES), min_size=2, max_size=6).map("".join),
    # Very long: over every field's limit, some over the request size limit (413).
    st.builds(lambda piece, n: piece * n, st.text(min_size=1, max_size=4), st.integers(200, 80_000)),
)
TODAY = date.today()
DATES = st.one_of(
    st.dates(min_value=TODAY - timedelta(days=400), max_value=TODAY + timedelta(days=800)).map(str),
    TEXT,
)


def submissions(valid: dict[str, Any], fuzzed: dict[str, st.SearchStrategy]) -> st.SearchStrategy[dict[str, Any]]:
    """A valid submission with none, some or all of the `fuzzed` fields replaced by generated values."""
    names = sorted(fuzzed)
    return st.sets(st.sampled_from(names), max_size=len(names)).flatmap(
        lambda chosen: st.fixed_dictionaries(
            {**{name: st.just(value) for name, value in valid.items()}, **{name: fuzzed[name] for name in chosen}}
        )
    )


def _field_value(soup: BeautifulSoup, name: str) -> str | None:
    element = soup.find(attrs={"name": name})
    if element is None:
        return None
    if element.name == "textarea":
        text = element.get_text()
        # WTForms opens a textarea with a newline so that a leading newline in the value survives.
        return text[2:] if text.startswith("\r\n") else text
    return element.get("value", "")


def check_answer(response, typed: dict[str, str]) -> bool:
    """Assert the form's answer is sane; return True when the input was accepted (a redirect)."""
    status = response.status_code
    assert status < 500, status
    if status in (302, 303):
        return True
    assert 400 <= status < 500, f"{status}: input neither accepted (redirect) nor refused (4xx)"
    if response.mimetype == "text/html" and status in (409, 422):
        soup = BeautifulSoup(response.get_data(as_text=True), "html.parser")
        assert soup.select_one(".error, .error-summary"), "a refused form is shown without an error message"
        for name, value in typed.items():
            shown = _field_value(soup, name)
            assert shown is not None, f"the field {name} is missing from the form shown again"
            assert shown == value, f"what was typed in {name} was lost: {value[:80]!r} became {shown[:80]!r}"
    return False


# --- the newcomer ---------------------------------------------------------------------------------


def test_the_sign_in_phone_form_takes_any_text(client, region):
    create_person(region["sodertalje"], phone="+46701740003")
    accepted = []

    @FUZZ
    # The registered number, in two spellings, beside any text: so both answers are reached at any
    # FUZZ examples count (the SQLite pass of make test runs few).
    @given(phone=st.one_of(st.sampled_from(["070-174 00 03", "+46701740003"]), TEXT))
    def post(phone):
        limiter.reset()
        response = client.post("/signin", data={"phone": phone})
        accepted.append(check_answer(response, {"phone": phone}))

    post()
    assert any(accepted) and not all(accepted)


def test_the_sign_in_code_form_takes_any_text(client, region):
    accepted = []

    @FUZZ
    @given(code=st.one_of(TEXT, st.just("right code")))
    def post(code):
        limiter.reset()
        person = create_person(region["sodertalje"])  # a new number: at most 5 codes per number and hour
        assert client.post("/signin", data={"phone": person.phone}).status_code == 302
        if code == "right code":
            code = code_from_outbox(person.phone)
        response = client.post("/signin/code", data={"code": code})
        accepted.append(check_answer(response, {}) and "/signin" not in response.location)
        client.post("/signout", data={})

    post()
    assert any(accepted) and not all(accepted)


@pytest.fixture
def newcomer(client, region):
    caseworker = create_staff(region["sodertalje"], Role.CASEWORKER)
    person = create_person(region["sodertalje"], language="ar")
    plan = create_objectionable_plan(person, caseworker)
    sign_in_newcomer(client, person)
    return person, plan, caseworker


def test_the_objection_form_keeps_the_text_it_refuses(client, newcomer):
    accepted = []

    @FUZZ
    @given(
        data=submissions(
            {"target": "plan", "reason": "too_far", "text_language": "", "interpreter": "", "phone_call": "y"},
            {
                "target": TEXT,
                "reason": TEXT,
                "text_language": st.one_of(st.sampled_from(CODES), TEXT),
                "interpreter": TEXT,
                "phone_call": TEXT,
            },
        ),
        text=TEXT,
        wanted=TEXT,
        key=st.one_of(st.text(st.characters(codec="ascii"), min_size=8, max_size=64), TEXT),
    )
    def post(data, text, wanted, key):
        limiter.reset()
        data = {**data, "text": text, "wanted": wanted, "idempotency_key": key}
        response = client.post("/plan/objections/new", data=data)
        accepted.append(check_answer(response, {"text": text, "wanted": wanted}))

    post()
    assert any(accepted) and not all(accepted)


@pytest.mark.usefixtures("rasa_down")
def test_the_chat_keeps_the_message_it_refuses(client, newcomer):
    accepted = []

    @FUZZ
    @given(message=TEXT)
    def post(message):
        limiter.reset()
        response = client.post("/chat", data={"message": message})
        accepted.append(check_answer(response, {"message": message}))

    post()
    assert any(accepted) and not all(accepted)


def test_the_plan_acknowledgement_takes_any_revision(client, region):
    caseworker = create_staff(region["sodertalje"], Role.CASEWORKER)
    person = create_person(region["sodertalje"], language="fa")
    plan = create_plan(person, caseworker, status="proposed")
    sign_in_newcomer(client, person)
    accepted = []

    @FUZZ
    @given(revision=st.one_of(TEXT, st.just(str(plan.revision)), st.integers().map(str)))
    def post(revision):
        response = client.post("/plan/acknowledge", data={"revision": revision})
        accepted.append(check_answer(response, {}))

    post()
    assert any(accepted) and not all(accepted)


# --- the caseworker -------------------------------------------------------------------------------


@pytest.fixture
def caseworker_and_plan(client, region):
    caseworker = create_staff(region["sodertalje"], Role.CASEWORKER)
    person = create_person(region["sodertalje"], language="ti")
    plan = create_plan(person, caseworker)
    sign_in_staff(client, caseworker)
    return caseworker, person, plan


ACTIVITY_FIELDS = submissions(
    {
        "type_key": "praktik",
        "provider_id": "0",
        "weekdays": ["2", "4"],
        "start_time": "13:00",
        "duration_minutes": "240",
        "start_date": str(TODAY),
        "end_date": str(TODAY + timedelta(weeks=12)),
        "note_language": "sv",
    },
    {
        "type_key": st.one_of(st.sampled_from([t.key for t in ACTIVITY_TYPES]), TEXT),
        "provider_id": TEXT,
        "weekdays": st.lists(st.one_of(st.sampled_from(list("1234567")), TEXT), max_size=8),
        "start_time": st.one_of(st.times().map(lambda t: t.strftime("%H:%M")), TEXT),
        "duration_minutes": st.one_of(st.integers(-10, 2000).map(str), TEXT),
        "start_date": DATES,
        "end_date": DATES,
        "note_language": st.one_of(st.sampled_from(CODES), TEXT),
    },
)


def _activity_answer(client, url, fields, revision):
    limiter.reset()
    response = client.post(url, data={**fields, "revision": revision})
    return check_answer(response, {"place": fields["place"], "note": fields["note"]})


def test_the_activity_form_keeps_what_the_caseworker_typed(client, db, caseworker_and_plan):
    _caseworker, person, plan = caseworker_and_plan
    accepted = []

    @FUZZ
    @given(fields=ACTIVITY_FIELDS, place=TEXT, note=TEXT, revision=st.one_of(st.just("current"), TEXT))
    def post(fields, place, note, revision):
        fields = {**fields, "place": place, "note": note}
        db.session.refresh(plan)
        revision = str(plan.revision) if revision == "current" else revision
        accepted.append(_activity_answer(client, f"/staff/people/{person.id}/plan/activities", fields, revision))

    post()
    assert any(accepted) and not all(accepted)


def test_the_activity_edit_form_keeps_what_the_caseworker_typed(client, db, caseworker_and_plan):
    _caseworker, person, plan = caseworker_and_plan
    activity_id = plan.activities[0].id
    accepted = []

    @FUZZ
    @given(fields=ACTIVITY_FIELDS, place=TEXT, note=TEXT, revision=st.one_of(st.just("current"), TEXT))
    def post(fields, place, note, revision):
        fields = {**fields, "place": place, "note": note}
        db.session.refresh(plan)
        revision = str(plan.revision) if revision == "current" else revision
        url = f"/staff/people/{person.id}/plan/activities/{activity_id}"
        accepted.append(_activity_answer(client, url, fields, revision))

    post()
    assert any(accepted) and not all(accepted)


def test_the_objection_decision_keeps_the_reasons_it_refuses(client, region):
    caseworker = create_staff(region["sodertalje"], Role.CASEWORKER)
    person = create_person(region["sodertalje"], language="so")
    plan = create_objectionable_plan(person, caseworker)
    sign_in_staff(client, caseworker)
    versions = [str(v.id) for v in plan.versions]

    def open_case():
        objection = create_objection(person)
        objection_service.acknowledge(objection, caseworker)
        objection_service.start_review(objection, caseworker)
        return objection.display_case_number

    case = [open_case()]
    accepted = []

    @FUZZ
    @given(
        data=submissions(
            {"outcome": "rejected", "plan_version": "", "grounds": "rules_followed"},
            {
                "outcome": st.one_of(st.sampled_from([o.value for o in Outcome]), TEXT),
                "plan_version": st.one_of(st.sampled_from(versions), st.integers().map(str), TEXT),
            },
        ),
        reasons=TEXT,
    )
    def post(data, reasons):
        data = {**data, "reasons": reasons}
        response = client.post(f"/staff/objections/{case[0]}/decide", data=data)
        decided = check_answer(response, {"reasons": reasons})
        accepted.append(decided)
        if decided:
            case[0] = open_case()

    post()
    assert any(accepted) and not all(accepted)


# --- the editor -----------------------------------------------------------------------------------


def test_the_editor_keeps_the_text_it_refuses(client, region, tmp_path):
    sync_from_files(small_tree(tmp_path))
    sign_in_staff(client, create_staff(region["region"], Role.EDITOR))
    accepted = []

    @FUZZ
    @given(
        lang=st.sampled_from(["sv", "ar", "fa"]),
        data=submissions(
            {
                "title": "Hälsa och vård",
                "summary": "Så får du vård.",
                "body": SV_HEALTH,
                "review_status": "unreviewed-draft",
            },
            {
                "title": TEXT,
                "summary": TEXT,
                "body": st.one_of(TEXT, st.builds(lambda extra: SV_HEALTH + extra, TEXT)),
                "review_status": TEXT,
            },
        ),
        button=st.sampled_from(["save", "publish", "preview"]),
    )
    def post(lang, data, button):
        data = {**data, button: "1"}
        title, summary, body = data["title"], data["summary"], data["body"]
        response = client.post(f"/editor/halsa-och-vard/{lang}", data=data)
        if button == "preview" and response.status_code == 200:
            accepted.append(False)  # a preview shows the form again and saves nothing
            return
        accepted.append(check_answer(response, {"title": title, "summary": summary, "body": body}))

    post()
    assert any(accepted) and not all(accepted)


@pytest.mark.parametrize("value", ["²", "1_0", " 1", "-1", "\x00", "99999999999999999999999"])
def test_hidden_id_fields_refuse_lookalike_numbers_without_a_server_error(client, caseworker_and_plan, value):
    _caseworker, person, plan = caseworker_and_plan
    base = f"/staff/people/{person.id}/plan"
    for url in (f"{base}/activities/remove", f"{base}/goals/remove"):
        response = client.post(url, data={"item_id": value, "revision": str(plan.revision)})
        assert 300 <= response.status_code < 500, (url, response.status_code)
    assert len(plan.activities) == 1


def test_a_nul_character_is_refused_before_it_reaches_the_database(client, newcomer):
    # PostgreSQL cannot store or compare text with NUL; SQLite keeps it, so on SQLite only this shows it.
    for url, data in [
        ("/plan/objections/new", {"reason": "too_far", "target": "plan", "text": "a\x00b", "idempotency_key": "k" * 9}),
        ("/chat", {"message": "\x00"}),
        ("/signin", {"phone": "070\x00"}),
    ]:
        assert client.post(url, data=data).status_code == 400, url
    token = {"Authorization": "Bearer test-internal-token"}
    assert client.get("/api/v1/search?q=%00").status_code == 400
    assert client.get("/internal/v1/search?q=a%00", headers=token).status_code == 422


def test_machine_paths_check_their_credentials_before_the_nul_check(client):
    # The internal API answers 401 before anything else, and the Twilio webhook 403: what a
    # request holds is looked at only once it is known who sent it.
    assert client.get("/internal/v1/search?q=a%00").status_code == 401
    assert client.post("/webhooks/twilio/sms", data={"Body": "a\x00b"}, csrf=False).status_code == 403


def test_a_signed_webhook_with_a_nul_is_refused_and_nothing_is_stored(client, app):
    from sqlalchemy import func, select

    from portal.extensions import db
    from portal.models import Message
    from tests.servers import post_signed, sms_params

    response = post_signed(client, "/webhooks/twilio/sms", sms_params("+46701234567", "hej\x00"))
    assert response.status_code == 400
    assert db.session.scalar(select(func.count()).select_from(Message)) == 0
