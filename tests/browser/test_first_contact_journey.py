"""First contact on a 320 px phone, with JavaScript on and off (issue 19's "done when"):
a Dari phone reads Dari at once; a German phone meets the chooser, picks Ukrainian and signs in
with a Ukrainian SIM; the calendar link goes onto a phone in two taps."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from portal.models import Role
from tests.browser.conftest import screenshot
from tests.factories import create_person, create_plan, create_staff
from tests.helpers import code_from_outbox

pytestmark = pytest.mark.browser
SMALL_PHONE = {"width": 320, "height": 640}


@pytest.fixture(params=[True, False], ids=["js", "nojs"])
def context_for(request, browser, live_server, app):
    """A 320 px phone whose system language is `locale`."""
    contexts = []

    def make(locale: str):
        context = browser.new_context(
            viewport=SMALL_PHONE, java_script_enabled=request.param, base_url=live_server, locale=locale
        )
        contexts.append(context)
        return context

    make.javascript = request.param
    yield make
    for context in contexts:
        context.close()


def _no_sideways_scroll(page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= SMALL_PHONE["width"], f"the page is {width} px wide on a 320 px phone"


@pytest.fixture
def olena(region):
    caseworker = create_staff(region["sodertalje"], Role.CASEWORKER)
    person = create_person(region["sodertalje"], language="uk", phone="+380671234567", name="Olena")
    create_plan(person, caseworker, status="proposed")
    return person


def test_a_dari_phone_reads_dari_from_the_first_page(context_for):
    page = context_for("prs").new_page()
    page.goto("/")
    assert page.locator("html").get_attribute("lang") == "prs"
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.locator("nav.first-language").count() == 0
    _no_sideways_scroll(page)


def test_a_german_phone_chooses_ukrainian_and_signs_in_with_a_ukrainian_sim(context_for, olena):
    page = context_for("de-DE").new_page()
    page.goto("/")
    chooser = page.locator("nav.first-language")
    assert chooser.is_visible()
    _no_sideways_scroll(page)
    screenshot(page, f"first-contact-chooser-{'js' if context_for.javascript else 'nojs'}")
    chooser.get_by_role("link", name="Українська").click()
    assert page.locator("html").get_attribute("lang") == "uk"
    assert page.locator("nav.first-language").count() == 0

    page.goto("/signin")
    page.locator("#phone").fill("+380 67 123 45 67")
    page.locator("main button[type=submit]").click()
    assert page.locator("bdi.masked-number").inner_text() == "+380 •• ••• ••67"
    assert page.get_by_role("link", name="Неправильний номер? Змініть його").count() == 1
    _no_sideways_scroll(page)
    page.locator("#code").fill(code_from_outbox(olena.phone))
    page.locator("main button[type=submit]").click()
    page.wait_for_url(lambda url: "/signin" not in url)
    page.goto("/plan")
    assert page.locator("html").get_attribute("lang") == "uk"
    assert page.locator("form[action='/signout']").count() == 1


def test_the_calendar_link_is_two_taps_from_the_phone_and_copies_with_javascript(context_for, olena):
    page = context_for("uk-UA").new_page()
    page.goto("/signin")
    page.locator("#phone").fill(olena.phone)
    page.locator("main button[type=submit]").click()
    page.locator("#code").fill(code_from_outbox(olena.phone))
    page.locator("main button[type=submit]").click()
    page.wait_for_url(lambda url: "/signin" not in url)
    page.goto("/plan/calendar")
    page.locator("main form:not([action]) button[type=submit]").click()
    # Tap one: "Add to my calendar" (webcal); tap two is the phone's own "Subscribe".
    subscribe = page.get_by_role("link", name="Додати до мого календаря")
    assert subscribe.get_attribute("href").startswith("webcal://")
    assert page.get_by_role("link", name="Додати в Google Календар").count() == 1
    assert page.locator(".qr-figure svg").is_visible()
    _no_sideways_scroll(page)
    feed = page.locator("#calendar-url").input_value()
    copy = page.locator("button[data-copy]")
    if context_for.javascript:
        page.context.grant_permissions(["clipboard-read", "clipboard-write"])
        copy.click()
        expect(page.locator("#calendar-url-copied")).to_have_text("Посилання скопійовано.")  # the copy is async
        assert page.evaluate("navigator.clipboard.readText()") == feed
    else:
        assert not copy.is_visible()
        assert feed.endswith(".ics")  # still there to select by hand


def test_the_masked_number_reads_left_to_right_on_an_arabic_page(context_for, region):
    create_person(region["sodertalje"], language="ar", phone="+380671234567")
    page = context_for("ar").new_page()
    page.goto("/signin")
    page.locator("#phone").fill("+380671234567")
    page.locator("main button[type=submit]").click()
    assert page.locator("html").get_attribute("dir") == "rtl"
    # Where "+", the first "3" and the final "7" are drawn: left to right, as the number is written.
    xs = page.evaluate(
        """() => { const text = document.querySelector('bdi.masked-number').firstChild;
        return [0, 1, text.length - 1].map(i => { const range = document.createRange();
          range.setStart(text, i); range.setEnd(text, i + 1); return range.getBoundingClientRect().x; }); }"""
    )
    assert xs[0] < xs[1] < xs[2], xs
