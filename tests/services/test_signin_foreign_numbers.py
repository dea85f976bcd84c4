"""People still on their home SIM sign in: foreign mobile numbers, the country list and cap, the code page."""

from __future__ import annotations

import logging
import re

import pytest
from sqlalchemy import func, select

from portal.models import SignInCode, SmsMessage
from tests.factories import create_person
from tests.helpers import check_page, code_from_outbox


def _without_csrf(page: str) -> str:
    # The CSRF token carries a timestamp, so two renderings a second apart differ there only.
    return re.sub(r'name="csrf_token"[^>]*', "", page)


def _outbox_count(db) -> int:
    return db.session.scalar(select(func.count()).select_from(SmsMessage))


@pytest.mark.parametrize(
    ("typed", "phone", "language"),
    [
        ("+380 67 123 45 67", "+380671234567", "uk"),  # Ukraine, temporary protection
        ("00963 944 123 456", "+963944123456", "ar"),  # Syria
        ("+93 70 123 4567", "+93701234567", "prs"),  # Afghanistan
        ("+291 7 123 456", "+2917123456", "ti"),  # Eritrea
    ],
)
def test_a_foreign_mobile_gets_a_code_in_the_outbox_and_signs_in(client, region, db, typed, phone, language):
    person = create_person(region["sodertalje"], language=language, phone=phone)
    response = client.post("/signin", data={"phone": typed})
    assert response.status_code == 302 and response.location.endswith("/signin/code")
    message = db.session.scalar(select(SmsMessage))
    assert message.to_number == phone and message.purpose == "signin_code"
    response = client.post("/signin/code", data={"code": code_from_outbox(phone)})
    assert response.status_code == 302 and "/signin" not in response.location
    soup = check_page(client.get("/plan"), lang=language)
    assert soup.select_one("form[action='/signout']") is not None
    assert person.id


def test_the_code_page_names_the_number_masked_and_left_to_right_with_a_way_to_change_it(client, region):
    create_person(region["sodertalje"], language="uk", phone="+380671234567")
    client.post("/signin?lang=ar", data={"phone": "+380671234567"})
    page = client.get("/signin/code")
    soup = check_page(page, lang="ar")
    assert "إذا كان الرقم" in soup.find("main").get_text()
    shown = soup.select_one("bdi.masked-number")
    assert shown is not None and shown["dir"] == "ltr"
    assert shown.get_text() == "+380 •• ••• ••67"
    assert "671234567" not in page.get_data(as_text=True) and "1234" not in shown.get_text()
    assert soup.find("a", href="/signin") is not None


def test_an_unknown_foreign_number_gets_the_same_pages_and_no_sms(client, region, db):
    create_person(region["sodertalje"], phone="+380671234567")
    known = client.post("/signin", data={"phone": "+380671234567"})
    known_page = client.get("/signin/code").get_data(as_text=True)
    unknown = client.post("/signin", data={"phone": "+380671234599"})
    unknown_page = client.get("/signin/code").get_data(as_text=True)
    assert known.status_code == unknown.status_code == 302 and known.location == unknown.location
    assert _without_csrf(known_page).replace("67</bdi>", "99</bdi>") == _without_csrf(unknown_page)
    assert _outbox_count(db) == 1


@pytest.mark.parametrize(
    ("phone", "lang", "message"),
    [
        ("+380 44 123 4567", "uk", "Це не мобільний номер"),  # a Kyiv landline
        ("08-123 456 78", "so", "Taasi ma aha lambar mobayl"),  # a Stockholm landline
        ("+1 202 555 0143", "en", "We cannot send codes to numbers from that country"),
        ("+1 202 555 0143", "ar", "لا يمكننا إرسال الرموز إلى أرقام من ذلك البلد"),
    ],
)
def test_a_landline_or_a_country_off_the_list_is_refused_clearly_in_the_readers_language(
    client, db, phone, lang, message
):
    response = client.post(f"/signin?lang={lang}", data={"phone": phone})
    assert response.status_code == 422
    soup = check_page(response, lang=lang)
    assert message in soup.select_one(".error-summary").get_text()
    assert _outbox_count(db) == 0


def test_the_country_list_comes_from_the_config(client, region, db, monkeypatch, app):
    create_person(region["sodertalje"], phone="+380671234567")
    monkeypatch.setitem(app.config, "SIGNIN_COUNTRIES", frozenset({"SE"}))
    assert client.post("/signin", data={"phone": "+380671234567"}).status_code == 422
    monkeypatch.setitem(app.config, "SIGNIN_COUNTRIES", "*")
    assert client.post("/signin", data={"phone": "+380671234567"}).status_code == 302
    assert _outbox_count(db) == 1


def test_codes_to_one_country_stop_at_its_hourly_cap_in_silence(client, region, db, monkeypatch, app):
    monkeypatch.setitem(app.config, "SIGNIN_CODES_PER_COUNTRY", "2 per hour")
    phones = [f"+38067123450{n}" for n in range(4)]
    for phone in phones:
        create_person(region["sodertalje"], phone=phone)
    for phone in phones:
        assert client.post("/signin", data={"phone": phone}).status_code == 302
    assert _outbox_count(db) == 2
    assert db.session.scalar(select(func.count()).select_from(SignInCode)) == 2
    # Another country, and Sweden, have caps of their own.
    create_person(region["sodertalje"], phone="+963944123456")
    create_person(region["sodertalje"], phone="+46701112233")
    client.post("/signin", data={"phone": "+963944123456"})
    client.post("/signin", data={"phone": "+46701112233"})
    assert _outbox_count(db) == 4


def test_unknown_numbers_do_not_use_up_a_countrys_cap(client, region, db, monkeypatch, app):
    monkeypatch.setitem(app.config, "SIGNIN_CODES_PER_COUNTRY", "2 per hour")
    for n in range(5):
        client.post("/signin", data={"phone": f"+38067999000{n}"})
    create_person(region["sodertalje"], phone="+380671234567")
    client.post("/signin", data={"phone": "+380671234567"})
    assert _outbox_count(db) == 1


def test_a_foreign_number_never_reaches_the_logs(client, region, caplog):
    create_person(region["sodertalje"], phone="+380671234567")
    with caplog.at_level(logging.DEBUG):
        client.post("/signin", data={"phone": "+380 67 123 45 67"})
        client.post("/signin", data={"phone": "+380671234599"})
    logged = " ".join(record.getMessage() + repr(record.__dict__) for record in caplog.records)
    assert "671234567" not in logged and "671234599" not in logged and "67 123 45 67" not in logged
