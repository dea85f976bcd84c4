"""Help, contact, about and accessibility pages in 12 languages, and the receptions' contact form."""

from __future__ import annotations

import pytest
from flask_babel import force_locale
from sqlalchemy import func, select

from portal.bidi import strip_isolates
from portal.extensions import db
from portal.languages import LANGUAGES
from portal.models import AuditEvent, MunicipalityContact, Role
from portal.services import contacts
from tests.factories import create_objectionable_plan, create_person, create_staff
from tests.helpers import check_page, sign_in_newcomer, sign_in_staff

PAGES = ["/help", "/contact", "/about", "/accessibility"]
CODES = [lang.code for lang in LANGUAGES]


def _contact(org, phone="08-523 010 00", hours=([0, "09:00", "12:00"], [3, "13:00", "16:00"]), email=None):
    contact = MunicipalityContact(
        organisation=org, phone=phone, email=email, address="Storgatan 1", opening_hours=list(hours)
    )
    db.session.add(contact)
    db.session.commit()
    return contact


@pytest.mark.parametrize("code", CODES)
@pytest.mark.parametrize("path", PAGES)
def test_the_public_service_pages_exist_in_every_language(client, region, path, code):
    _contact(region["sodertalje"])
    soup = check_page(client.get(f"{path}?lang={code}"), lang=code)
    assert soup.find("h1").get_text(strip=True)


@pytest.mark.parametrize("path", ["/", "/info/", "/privacy", "/contact", "/signin"])
def test_every_page_links_the_legal_pages_and_112_in_its_footer(client, region, path):
    soup = check_page(client.get(path))
    footer = soup.select_one("footer.site-footer")
    hrefs = {a["href"] for a in footer.find_all("a")}
    assert {"/help", "/contact", "/about", "/accessibility", "/privacy"} <= hrefs
    assert footer.select_one('a[href="tel:112"]') is not None


@pytest.mark.parametrize("lang", ["sv", "ar"])
def test_every_signed_in_page_and_the_error_page_link_the_legal_pages_and_112(client, region, lang):
    caseworker = create_staff(region["sodertalje"], Role.CASEWORKER)
    person = create_person(region["sodertalje"], language=lang)
    create_objectionable_plan(person, caseworker)
    sign_in_newcomer(client, person)
    pages = [
        "/", "/plan", "/plan/upcoming", "/plan/changes", "/plan/calendar", "/plan/reminders", "/my-data",
        "/chat", "/objections", "/plan/objections/new", "/survey", "/info/", "/help", "/privacy", "/no-such-page",
    ]  # fmt: skip
    missing = []
    for path in pages:
        footer = check_page(client.get(path), lang=lang).select_one("footer.site-footer")
        hrefs = {a["href"] for a in footer.find_all("a")} if footer else set()
        if not {"/help", "/contact", "/about", "/accessibility", "/privacy", "tel:112"} <= hrefs:
            missing.append(path)
    assert not missing


def test_the_contact_page_shows_tappable_numbers_and_opening_hours_in_the_readers_language(client, region):
    _contact(region["sodertalje"], email="mottagning@sodertalje.example")
    soup = check_page(client.get("/contact?lang=ar"), lang="ar")
    card = soup.select_one(".contact-card")
    assert card.select_one('a[href="tel:0852301000"]')["dir"] == "ltr"
    hours = [strip_isolates(li.get_text(" ", strip=True)) for li in card.select(".opening-hours li")]
    with force_locale("ar"):
        from babel.dates import get_day_names

        monday = get_day_names("wide", locale="ar")[0]
    assert len(hours) == 2 and hours[0].startswith(monday)
    assert card.select_one('a[href="mailto:mottagning@sodertalje.example"]') is not None


def test_a_signed_in_newcomer_sees_their_own_municipality_first(client, region):
    _contact(region["botkyrka"])
    _contact(region["sodertalje"])
    person = create_person(region["sodertalje"], language="en")
    sign_in_newcomer(client, person)
    soup = check_page(client.get("/contact"))
    cards = soup.select(".contact-card")
    assert "own" in cards[0]["class"] and "own" not in cards[1]["class"]


def _sign_in_in_english(client, staff) -> None:
    sign_in_staff(client, staff)
    client.get("/language/en")


def test_an_editor_saves_their_municipalitys_contact_and_it_is_audited(client, region):
    editor = create_staff(region["sodertalje"], Role.EDITOR)
    _sign_in_in_english(client, editor)
    page = check_page(client.get("/staff/contacts/sodertalje"))
    assert page.find("input", attrs={"name": "opens_0"}) is not None
    data = {"phone": "08-523 010 00", "email": "", "address": "Storgatan 1", "opens_0": "09:00", "closes_0": "12:00"}
    response = client.post("/staff/contacts/sodertalje", data=data)
    assert response.status_code == 303
    contact = db.session.scalar(select(MunicipalityContact))
    assert contact.opening_hours == [[0, "09:00", "12:00"]] and contact.updated_by_id == editor.id
    assert (
        db.session.scalar(select(func.count()).select_from(AuditEvent).where(AuditEvent.action == "contact.update"))
        == 1
    )


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"phone": "ring oss"}, "phone", "Write the number as people dial it"),
        ({"phone": ""}, "phone", "Write the reception's phone number."),
        ({"opens_1": "12:00", "closes_1": "09:00"}, "closes_1", "Give both times as HH:MM"),
        ({"opens_2": "09:00", "closes_2": ""}, "closes_2", "Give both times as HH:MM"),
    ],
)
def test_bad_contact_details_are_refused_with_a_message_and_nothing_is_saved(client, region, change, field, message):
    _sign_in_in_english(client, create_staff(region["sodertalje"], Role.EDITOR))
    data = {"phone": "08-523 010 00", "email": "", "address": "", **change}
    response = client.post("/staff/contacts/sodertalje", data=data)
    assert response.status_code == 422
    soup = check_page(response)
    assert message in soup.select_one(".error-summary").get_text(" ", strip=True)
    assert soup.select_one(f'.error-summary a[href="#{field}"]') is not None
    assert db.session.scalar(select(func.count()).select_from(MunicipalityContact)) == 0


@pytest.mark.parametrize(
    ("org", "role", "target", "allowed"),
    [
        ("sodertalje", Role.EDITOR, "sodertalje", True),
        ("sodertalje", Role.EDITOR, "botkyrka", False),
        ("sodertalje", Role.EDITOR, "stockholms-lan", False),
        ("rinkeby-kista", Role.EDITOR, "stockholm", True),
        ("region", Role.EDITOR, "stockholms-lan", True),
        ("region", Role.EDITOR, "botkyrka", False),
        ("region", Role.ADMIN, "botkyrka", True),
        ("sodertalje", Role.CASEWORKER, "sodertalje", False),
    ],
)
def test_only_the_municipalitys_own_editors_and_admins_may_change_its_contact(
    client, region, org, role, target, allowed
):
    staff = create_staff(region[org], role)
    organisation = next(o for o in region.values() if o.slug == target)
    assert contacts.may_edit(staff, organisation) is allowed
    sign_in_staff(client, staff)
    response = client.post(f"/staff/contacts/{target}", data={"phone": "08-523 010 00"})
    assert (response.status_code == 303) is allowed
    assert response.status_code in (303, 403)


def test_the_accessibility_statement_names_the_supervisory_body_and_how_to_report(client, region):
    _contact(region["region"], phone="08-123 456 78", email="tillganglighet@region.example")
    soup = check_page(client.get("/accessibility?lang=en"))
    assert soup.select_one('a[href="https://www.digg.se/tdosanmalan"]') is not None
    assert soup.select_one('a[href="mailto:tillganglighet@region.example"]') is not None
    assert soup.select_one('a[href="tel:0812345678"]') is not None


@pytest.mark.parametrize("code", [c for c in CODES if c != "en"])
def test_the_new_pages_are_translated(client, region, code):
    # The footer and the statement read in the page's language, not in the English source.
    soup = check_page(client.get(f"/accessibility?lang={code}"), lang=code)
    english = check_page(client.get("/accessibility?lang=en"), lang="en")
    assert soup.find("h1").get_text(strip=True) != english.find("h1").get_text(strip=True)
    assert (
        soup.select_one(".site-footer .emergency").get_text()
        != english.select_one(".site-footer .emergency").get_text()
    )


@pytest.mark.parametrize("lang", ["ar", "fa", "prs", "ckb", "ps"])
def test_the_new_pages_isolate_every_number_and_link_in_right_to_left_languages(client, region, lang):
    from tests.test_rtl_pages import unisolated_runs

    _contact(region["sodertalje"], email="mottagning@sodertalje.example")
    _contact(region["region"], phone="08-123 456 78", email="tillganglighet@region.example")
    problems = []
    for path in PAGES:
        response = client.get(f"{path}?lang={lang}")
        check_page(response, lang=lang)
        problems += [f"{path}: {p}" for p in unisolated_runs(response.get_data(as_text=True))]
    assert not problems, "\n".join(problems)


def test_an_editor_finds_the_contact_form_from_the_staff_start_page(client, region):
    _sign_in_in_english(client, create_staff(region["sodertalje"], Role.EDITOR))
    soup = check_page(client.get("/staff/"))
    assert soup.select_one('main a[href="/staff/contacts"]') is not None
    listing = check_page(client.get("/staff/contacts"))
    assert [a["href"] for a in listing.select("main li a")] == ["/staff/contacts/sodertalje"]
