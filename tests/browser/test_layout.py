"""Drawn in a real browser: numbers in Arabic keep their order, and no page scrolls sideways.

Issue 14: on Arabic pages the tester saw "114 14" drawn as "14 114", "020-50 50 50" as
"50 50 50-020" and "1177.se" as "se.1177"; and the objection case page was 400 px wide on a
320 px phone. These tests measure what Chromium draws, not what the HTML says.
"""

from __future__ import annotations

import pytest

from portal.models import Role
from portal.services import objections
from portal.services.content import sync_from_files
from tests.browser.conftest import sign_in_newcomer_in_browser, sign_in_staff_in_browser
from tests.content_fixtures import SV_HEALTH, write_file
from tests.factories import (
    create_decided_objection,
    create_objection,
    create_objectionable_plan,
    create_person,
    create_staff,
)

pytestmark = pytest.mark.browser

AR_SAFETY = """في حالة الخطر على الحياة اتصل بالرقم 112.

## الشرطة {#polisen}

إذا لم يكن الأمر طارئاً اتصل بالشرطة على 114 14 في أي وقت.

## العنف في العلاقات القريبة {#vald}

خط النساء الآمن على الرقم 020-50 50 50 مفتوح دائماً. اقرأ المزيد على 1177.se قبل الزيارة.
"""
NEEDLES = ["114 14", "020-50 50 50", "1177.se"]

# Where each character of `needle` is drawn, in logical order: the x of its centre.
_POSITIONS = """(needle) => {
  const walker = document.createTreeWalker(document.querySelector("main"), NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const at = node.data.indexOf(needle);
    if (at < 0) continue;
    const xs = [];
    for (let i = 0; i < needle.length; i++) {
      if (needle[i] === " ") continue;
      const range = document.createRange();
      range.setStart(node, at + i);
      range.setEnd(node, at + i + 1);
      const box = range.getBoundingClientRect();
      xs.push(box.left + box.width / 2);
    }
    return xs;
  }
  return null;
}"""


@pytest.fixture
def arabic_module(app, tmp_path):
    write_file(tmp_path, "trygghet-och-akut-hjalp", "sv", SV_HEALTH, title="Trygghet")
    write_file(tmp_path, "trygghet-och-akut-hjalp", "ar", AR_SAFETY, title="الأمان", summary="أرقام مهمة.")
    sync_from_files(tmp_path)


def test_phone_numbers_and_addresses_are_drawn_left_to_right_on_an_arabic_page(phone_page, arabic_module):
    phone_page.goto("/info/trygghet-och-akut-hjalp?lang=ar")
    assert phone_page.locator("html").get_attribute("dir") == "rtl"
    for needle in NEEDLES:
        xs = phone_page.evaluate(_POSITIONS, needle)
        assert xs, f"{needle!r} is not on the page"
        assert xs == sorted(xs), f"{needle!r} is not drawn in logical order left to right: {xs}"
    # and the phone numbers can be tapped
    assert phone_page.locator('a[href="tel:11414"]').inner_text() == "114 14"
    assert phone_page.locator('a[href="tel:020505050"]').inner_text() == "020-50 50 50"


def test_the_position_check_sees_a_reversed_number(phone_page):
    # The same check on text that is not isolated: Chromium draws it reversed, and the check says so.
    phone_page.set_content('<html dir="rtl"><body><main><p>اتصل بالشرطة على 114 14 الآن</p></main></body></html>')
    xs = phone_page.evaluate(_POSITIONS, "114 14")
    assert xs != sorted(xs)


# --- No sideways scrolling -------------------------------------------------------------------

NEWCOMER_PAGES = [
    "/",
    "/plan",
    "/plan/upcoming",
    "/plan/changes",
    "/plan/calendar",
    "/my-data",
    "/chat",
    "/info/",
    "/info/trygghet-och-akut-hjalp",
    "/info/search?q=1177",
    "/plan/objections/new",
    "/objections",
    "{open}?received=1",
    "{decided}",
    "{escalated}",
]
STAFF_PAGES = ["/staff/", "/staff/people", "/staff/people/{person}", "/staff/objections", "/staff/objections/{case}"]
ANONYMOUS_PAGES = ["/", "/language", "/signin", "/staff/signin", "/privacy"]

# Elements that stick out of the viewport at either side (RTL pages overflow to the left).
_OVERFLOW = """() => {
  const width = document.documentElement.clientWidth;
  if (document.documentElement.scrollWidth <= width) return [];
  const scrolls = (el) => {
    // Inside a region that scrolls by itself (a wide table, the signed-in menu) is not the page.
    for (let up = el.parentElement; up && up !== document.body; up = up.parentElement) {
      if (["auto", "scroll", "hidden"].includes(getComputedStyle(up).overflowX)) return true;
    }
    return false;
  };
  const out = [];
  for (const el of document.querySelectorAll("body *")) {
    const box = el.getBoundingClientRect();
    if (box.width && (box.right > width + 1 || box.left < -1) && !scrolls(el)) {
      const text = (el.textContent || "").trim().slice(0, 30);
      out.push(`${el.tagName.toLowerCase()}.${el.className} ${Math.round(box.left)}–${Math.round(box.right)} ${text}`);
    }
  }
  return [`scrollWidth ${document.documentElement.scrollWidth} > ${width}`, ...out.slice(0, 5)];
}"""
# 200 %: the person's text size setting doubles the root font; every size here is in rem or em.
# (Set through the CSSOM: the CSP forbids a style element.)
TEXT_SIZES = {"100%": None, "200%": "200%"}


def _sideways(page, path: str, style: str | None) -> list[str]:
    response = page.goto(path)
    assert response is not None and response.ok, (path, response and response.status)
    if style:
        page.evaluate("(size) => { document.documentElement.style.fontSize = size; }", style)
    return [f"{path}: {line}" for line in page.evaluate(_OVERFLOW)]


@pytest.mark.parametrize("size", TEXT_SIZES)
@pytest.mark.parametrize("lang", ["ar", "uk"])
def test_no_page_type_scrolls_sideways_at_320_px(browser, live_server, region, arabic_module, lang, size):
    caseworker = create_staff(region["sodertalje"], Role.CASEWORKER)
    person = create_person(region["sodertalje"], language=lang)
    plan = create_objectionable_plan(person, caseworker)
    cases = {
        "open": create_objection(person, target=f"activity:{plan.activities[0].id}", interpreter=True),
        "decided": create_decided_objection(person, caseworker, target=f"goal:{plan.goals[0].id}"),
        "escalated": create_decided_objection(person, caseworker, target=f"version:{plan.versions[-1].id}"),
    }
    objections.escalate(cases["escalated"], person)
    urls = {name: f"/objections/{case.display_case_number}" for name, case in cases.items()}
    style = TEXT_SIZES[size]
    problems: list[str] = []
    for role in ("anonymous", "newcomer", "staff"):
        context = browser.new_context(viewport={"width": 320, "height": 640}, base_url=live_server)
        try:
            page = context.new_page()
            page.goto(f"/language/{lang}")
            if role == "anonymous":
                paths = ANONYMOUS_PAGES
            elif role == "newcomer":
                sign_in_newcomer_in_browser(page, person)
                paths = [p.format(**urls) for p in NEWCOMER_PAGES]
            else:
                sign_in_staff_in_browser(page, caseworker)
                page.goto(f"/language/{lang}")
                case = cases["open"].display_case_number
                paths = [p.format(person=person.id, case=case) for p in STAFF_PAGES]
            for path in paths:
                problems += _sideways(page, path, style)
        finally:
            context.close()
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("lang", ["sv", "ar"])
def test_the_signed_in_header_is_compact_on_a_phone(browser, live_server, region, lang):
    person = create_person(region["sodertalje"], language=lang)
    context = browser.new_context(viewport={"width": 360, "height": 640}, base_url=live_server)
    try:
        page = context.new_page()
        page.goto(f"/language/{lang}")
        sign_in_newcomer_in_browser(page, person)
        page.goto("/plan")
        height = page.locator("header.site-header").bounding_box()["height"]
        assert height <= 120, f"the header takes {height} of 640 px"
    finally:
        context.close()


@pytest.mark.parametrize("lang", ["ar", "uk"])
def test_radio_buttons_and_checkboxes_stay_beside_their_wrapping_labels(browser, live_server, region, lang):
    caseworker = create_staff(region["sodertalje"], Role.CASEWORKER)
    person = create_person(region["sodertalje"], language=lang)
    create_objectionable_plan(person, caseworker)
    context = browser.new_context(viewport={"width": 320, "height": 640}, base_url=live_server)
    try:
        page = context.new_page()
        page.goto(f"/language/{lang}")
        sign_in_newcomer_in_browser(page, person)
        page.goto("/plan/objections/new")
        page.evaluate("() => { document.documentElement.style.fontSize = '130%'; }")
        # For each box: its label starts on the box's own line, beside it, even when it wraps.
        apart = page.evaluate(
            """() => [...document.querySelectorAll(".choice > input")].flatMap((box) => {
              const label = document.querySelector(`label[for="${box.id}"]`);
              const b = box.getBoundingClientRect(), l = label.getBoundingClientRect();
              const beside = l.top < b.bottom && (l.left >= b.right - 1 || l.right <= b.left + 1);
              return beside ? [] : [`${box.id}: box ${Math.round(b.top)}, label ${Math.round(l.top)}`];
            })"""
        )
        wrapped = page.evaluate(
            """() => [...document.querySelectorAll(".choice label")].some(
              (l) => l.getBoundingClientRect().height > 2 * parseFloat(getComputedStyle(l).lineHeight))"""
        )
        assert wrapped, "no label wraps: the check would not see the fault"
        assert not apart, "\n".join(apart)
    finally:
        context.close()
