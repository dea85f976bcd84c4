"""The tester's defect list of issue 14, checked again in a real browser in the languages it was
found in (Arabic, Persian, Tigrinya, Ukrainian, Somali), and the new public-service pages under
axe in all 12 languages.
"""

from __future__ import annotations

import pytest
from flask_babel import force_locale, format_date

from portal.extensions import db
from portal.languages import LANGUAGES, get_language
from portal.models import MunicipalityContact, Role
from portal.services import objections
from portal.services.objection_text import ground_text
from portal.services.objections.rules import error_message
from tests.browser.conftest import sign_in_newcomer_in_browser, sign_in_staff_in_browser
from tests.browser.test_accessibility import _browsing, _violations
from tests.browser.test_layout import _OVERFLOW, _POSITIONS, _sideways
from tests.factories import create_objection, create_objectionable_plan, create_person, create_staff

pytestmark = pytest.mark.browser

PUBLIC_PAGES = ["/help", "/contact", "/about", "/accessibility"]
SMALL_PHONE = {"width": 320, "height": 640}
TESTER_PHONE = {"width": 360, "height": 640}


def _contacts(region) -> None:
    for org, phone, email in (
        (region["sodertalje"], "08-523 010 00", "mottagning@sodertalje.example"),
        (region["botkyrka"], "08-530 610 00", None),
        (region["region"], "08-123 456 78", "tillganglighet@region.example"),
    ):
        db.session.add(
            MunicipalityContact(
                organisation=org,
                phone=phone,
                email=email,
                address="Storgatan 1\n151 89 Södertälje",
                opening_hours=[[0, "09:00", "12:00"], [3, "13:00", "16:00"]],
            )
        )
    db.session.commit()


@pytest.mark.parametrize("lang", LANGUAGES, ids=lambda lang: lang.code)
def test_the_new_pages_have_no_wcag_violations(browser, live_server, region, lang):
    _contacts(region)
    editor = create_staff(region["sodertalje"], Role.EDITOR)
    problems: list[str] = []
    with _browsing(browser, live_server, lang.code) as page:
        for path in PUBLIC_PAGES:
            problems += _violations(page, path)
    with _browsing(browser, live_server, lang.code) as page:
        sign_in_staff_in_browser(page, editor)
        page.goto(f"/language/{lang.code}")
        for path in ("/staff/contacts", "/staff/contacts/sodertalje", "/editor/feedback"):
            problems += _violations(page, path)
        # The form with its errors shown, as a person who made a mistake sees it.
        page.goto("/staff/contacts/sodertalje")
        page.locator("#phone").fill("ring oss")
        page.locator("#opens_1").fill("12:00")
        page.locator("#closes_1").fill("09:00")
        page.locator("main button[type=submit]").click()
        page.locator(".error-summary").wait_for()
        from tests.browser.test_accessibility import _check

        problems += _check(page, "/staff/contacts/sodertalje (errors)")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("lang", LANGUAGES, ids=lambda lang: lang.code)
def test_check_your_answers_has_no_wcag_violations(browser, live_server, region, lang):
    from tests.browser.test_accessibility import _check

    caseworker = create_staff(region["sodertalje"], Role.CASEWORKER)
    person = create_person(region["sodertalje"], language=lang.code)
    create_objectionable_plan(person, caseworker)
    with _browsing(browser, live_server, lang.code) as page:
        sign_in_newcomer_in_browser(page, person)
        page.goto("/plan/objections/new")
        page.locator("input[name=target][value=plan]").check()
        page.locator("input[name=reason][value=too_far]").check()
        page.locator("textarea[name=text]").fill("Resan tar 90 minuter, 08:00–09:30.")
        page.locator("main form button[type=submit]").click()
        page.locator("dl.check-answers").wait_for()
        problems = _check(page, "/plan/objections/new (check your answers)")
    assert not problems, "\n".join(problems)


def _decided(person, caseworker, grounds):
    case = create_objection(person)
    objections.acknowledge(case, caseworker)
    objections.start_review(case, caseworker)
    objections.decide(
        case, caseworker, outcome="rejected", grounds=grounds, reasons="Kursen finns bara på förmiddagen i Södertälje."
    )
    return case


@pytest.mark.parametrize("code", ["ar", "fa", "ti", "uk", "so"])
def test_the_testers_defects_are_gone_in_a_real_browser(browser, live_server, region, code):
    _contacts(region)
    lang = get_language(code)
    caseworker = create_staff(region["sodertalje"], Role.CASEWORKER, name="Elin Berg")
    person = create_person(region["sodertalje"], language=code)
    create_objectionable_plan(person, caseworker)
    grounds = ["travel_considered", "no_alternative_now"]
    decided = _decided(person, caseworker, grounds)
    escalated = _decided(person, caseworker, ["rules_followed"])
    objections.escalate(escalated, person)
    with force_locale(lang.babel_locale):
        wanted_grounds = [ground_text(g) for g in grounds]
        review_due = format_date(escalated.review_due_date, "long")
        no_words = error_message("text_no_words")

    context = browser.new_context(viewport=TESTER_PHONE, base_url=live_server)
    try:
        page = context.new_page()
        sign_in_newcomer_in_browser(page, person)

        # Signed in, the person lands on their own start page, in their language, with the open case.
        page.goto("/")
        assert page.locator("html").get_attribute("lang") == code
        assert page.locator(f'main a[href$="{escalated.display_case_number}"]').count() >= 1

        # The decision first, its grounds in the person's language, the caseworker's words labelled.
        page.goto(f"/objections/{decided.display_case_number}")
        shown = [t.strip() for t in page.locator(".decision-grounds li").all_inner_texts()]
        strip = str.maketrans("", "", "\u2066\u2067\u2068\u2069")
        assert [s.translate(strip) for s in shown] == [w.translate(strip) for w in wanted_grounds]
        decision_y = page.locator("section.decision").first.bounding_box()["y"]
        wrote_y = page.locator(".free-text").last.bounding_box()["y"]
        assert decision_y < wrote_y, "the decision must come before what the person wrote"
        assert page.locator(".decision .free-text").get_attribute("lang") == "sv"

        # After escalation the independent review's deadline is shown.
        page.goto(f"/objections/{escalated.display_case_number}")
        assert review_due.translate(strip) in page.locator("main").inner_text().translate(strip)
        if code == "uk":
            assert ".." not in page.locator("main").inner_text(), "a Ukrainian date ends in a double period"

        # Signs or emoji alone are not an objection; the message is in the person's language.
        page.goto("/plan/objections/new")
        page.locator("input[name=target][value=plan]").check()
        page.locator("input[name=reason][value=other]").check()
        page.locator("textarea[name=text]").fill("😡😡😡")
        page.locator("main form button[type=submit]").click()
        page.locator(".error-summary").wait_for()
        assert no_words.split(".")[0].translate(strip) in page.locator(".error-summary").inner_text().translate(strip)

        # Phone numbers can be tapped and, in right-to-left pages, are drawn in their own order.
        page.goto("/help")
        for number, tel in (("114 14", "tel:11414"), ("020-50 50 50", "tel:020505050"), ("112", "tel:112")):
            assert page.locator(f'main a[href="{tel}"]').inner_text() == number
            if lang.direction == "rtl":
                xs = page.evaluate(_POSITIONS, number)
                assert xs == sorted(xs), f"{number!r} is drawn reversed: {xs}"
        assert page.locator('footer a[href="tel:112"]').count() == 1

        if code == "ti":
            # Ethiopic letters are drawn with a real font (the self-hosted subset), not boxes.
            page.evaluate("() => document.fonts.ready")
            assert page.evaluate("""() => document.fonts.check('16px "Ankomst Ethiopic"', 'ሓገዝ')""")
            loaded = page.evaluate(
                """() => [...document.fonts].filter(f => f.family.includes("Ankomst Ethiopic")).map(f => f.status)"""
            )
            assert "loaded" in loaded, loaded

        # No page scrolls sideways at 320 px, with the text at double size, or at 200 % zoom
        # (_sideways checks all three on one load).
        page.set_viewport_size(SMALL_PHONE)
        problems: list[str] = []
        for path in (*PUBLIC_PAGES, "/", f"/objections/{decided.display_case_number}"):
            problems += _sideways(page, path)
        assert not problems, "\n".join(problems)
    finally:
        context.close()


def test_other_languages_never_fetch_the_tigrinya_font(browser, live_server, region):
    context = browser.new_context(viewport=TESTER_PHONE, base_url=live_server)
    try:
        page = context.new_page()
        fetched: list[str] = []
        page.on("request", lambda request: fetched.append(request.url))
        page.goto("/language/ar")
        page.goto("/help")
        page.evaluate("() => document.fonts.ready")
        assert not [url for url in fetched if "ethiopic-tigrinya" in url or "ethiopic.css" in url]
        page.goto("/language/ti")
        page.goto("/help")
        page.evaluate("() => document.fonts.ready")
        assert [url for url in fetched if "ethiopic-tigrinya" in url]
    finally:
        context.close()


assert _OVERFLOW  # the sideways check used above reads this script through _sideways
