"""Drawn in a real browser: numbers in Arabic keep their order, and no page scrolls sideways.

Issue 14: on Arabic pages the tester saw "114 14" drawn as "14 114", "020-50 50 50" as
"50 50 50-020" and "1177.se" as "se.1177"; and the objection case page was 400 px wide on a
320 px phone. These tests measure what Chromium draws, not what the HTML says.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from playwright.sync_api import expect

from portal.local_time import stockholm_today
from portal.models import Role
from portal.services import objections
from portal.services.calendar_feed import create_feed
from portal.services.content import sync_from_files
from tests.browser.conftest import sign_in_newcomer_in_browser, sign_in_staff_in_browser
from tests.content_fixtures import SV_HEALTH, write_file
from tests.factories import (
    create_decided_objection,
    create_objection,
    create_objectionable_plan,
    create_person,
    create_plan,
    create_staff,
)

pytestmark = pytest.mark.browser

AR_SAFETY = """في حالة الخطر على الحياة اتصل بالرقم 112.

## الشرطة {#polisen}

إذا لم يكن الأمر طارئاً اتصل بالشرطة على 114 14 في أي وقت.

## العنف في العلاقات القريبة {#vald}

خط النساء الآمن على الرقم 020-50 50 50 مفتوح دائماً. اقرأ المزيد على 1177.se قبل الزيارة.
الاستقبال مفتوح من 13:00–16:00. سجّل الدخول على /signin لترى خطتك.

- SFI 3 أيام في الأسبوع.
"""
NEEDLES = ["114 14", "020-50 50 50", "1177.se", "13:00–16:00", "/signin"]

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
    phone_page.set_content(
        '<html dir="rtl"><body><main><p>اتصل بالشرطة على 114 14 الآن</p>'
        "<p>مفتوح من 13:00–16:00 اليوم</p><p>ادخل على /signin لترى خطتك</p></main></body></html>"
    )
    for needle in ("114 14", "13:00–16:00", "/signin"):
        xs = phone_page.evaluate(_POSITIONS, needle)
        assert xs != sorted(xs), needle


# Where the first character of each piece is drawn: the x of its centre, in the first element
# matching `selector` that holds them all.
_FIRST_X = """([selector, pieces]) => {
  const root = [...document.querySelectorAll(selector)].find(
    (el) => pieces.every((piece) => el.textContent.includes(piece)));
  if (!root) return pieces.map(() => null);
  return pieces.map((piece) => {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = node.data.indexOf(piece);
      if (at < 0) continue;
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + 1);
      const box = range.getBoundingClientRect();
      return box.left + box.width / 2;
    }
    return null;
  });
}"""
LATIN_FIRST = ["SFI", "3", "أيام"]  # in the order they are read


def test_a_swedish_word_first_in_an_arabic_list_item_keeps_its_place(phone_page, arabic_module):
    # Right to left, each piece is drawn left of the one before: "SFI", then "3", then "أيام".
    phone_page.goto("/info/trygghet-och-akut-hjalp?lang=ar")
    xs = phone_page.evaluate(_FIRST_X, ["main li", LATIN_FIRST])
    assert None not in xs and xs == sorted(xs, reverse=True), xs
    # Not isolated, "SFI 3" is one left-to-right run and the 3 is drawn right of "SFI", read first.
    phone_page.set_content('<html dir="rtl"><body><ul><li>SFI 3 أيام في الأسبوع.</li></ul></body></html>')
    xs = phone_page.evaluate(_FIRST_X, ["li", LATIN_FIRST])
    assert xs != sorted(xs, reverse=True), xs


# --- No sideways scrolling -------------------------------------------------------------------

# Every newcomer and public page type (tests/test_rtl_pages.py keeps the list of them whole).
NEWCOMER_PAGES = [
    "/",
    "/plan",
    "/plan/upcoming",
    "/plan/changes",
    "/plan/calendar",
    "/plan/print",
    "/plan/reminders",
    "/my-data",
    "/chat",
    "/info/",
    "/info/trygghet-och-akut-hjalp",
    "/info/search?q=1177",
    "/help",
    "/contact",
    "/plan/objections/new",
    "/objections",
    "/objections/find?case=ZZZZ-9999",
    "{open}?received=1",
    "{decided}",
    "{escalated}",
    "/survey",
]
# A person three months into their plan (the survey's form) and one without a plan.
SURVEY_PAGES = ["/survey", "/calendar/{token}/add"]
NO_PLAN_PAGES = ["/", "/plan", "/plan/objections/new"]
STAFF_PAGES = ["/staff/", "/staff/people", "/staff/people/{person}", "/staff/objections", "/staff/objections/{case}"]
ANONYMOUS_PAGES = [
    "/",
    "/language",
    "/signin",
    "/staff/signin",
    "/privacy",
    "/help",
    "/contact",
    "/about",
    "/accessibility",
    "/info/",
    "/info/trygghet-och-akut-hjalp",
    "/info/search?q=zzqx",
    "/no-such-page",
]

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
_TEXT_SIZE = "(size) => { document.documentElement.style.fontSize = size; }"
PHONE_320 = {"width": 320, "height": 640}
# 200 % zoom of a 1280 px desktop window. Browser zoom makes each CSS pixel two device pixels, so
# the page is laid out in a 640 CSS px viewport and its media queries see 640 px (here the cards'
# two columns start). That is exactly a 640 px viewport at device scale 2; CSS `zoom: 2` on a
# 1280 px viewport would not be, as its media queries would still see 1280 px.
ZOOM_200 = {"width": 640, "height": 400}


def _sideways(page, path: str, status: int = 200) -> list[str]:
    """Load `path` once and check it at 320 px, at 320 px with 200 % text, and at 200 % zoom."""
    response = page.goto(path)
    assert response is not None and response.status == status, (path, response and response.status)
    problems = [f"{path} at 320 px: {line}" for line in page.evaluate(_OVERFLOW)]
    # The person's text size setting doubles the root font; every size here is in rem or em.
    # (Set through the CSSOM: the CSP forbids a style element.)
    page.evaluate(_TEXT_SIZE, "200%")
    problems += [f"{path} at 320 px, 200 % text: {line}" for line in page.evaluate(_OVERFLOW)]
    page.evaluate(_TEXT_SIZE, "")
    page.set_viewport_size(ZOOM_200)
    problems += [f"{path} at 200 % zoom: {line}" for line in page.evaluate(_OVERFLOW)]
    page.set_viewport_size(PHONE_320)
    return problems


@pytest.mark.parametrize("lang", ["ar", "uk"])
def test_no_page_type_scrolls_sideways_at_320_px_with_200_percent_text_or_at_200_percent_zoom(
    browser, live_server, region, arabic_module, lang
):
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
    surveyed = create_person(region["sodertalje"], language=lang)
    start = stockholm_today() - timedelta(days=31 * 4)
    create_plan(surveyed, caseworker, start=start - timedelta(days=start.weekday()), status="active")
    token = create_feed(surveyed)
    planless = create_person(region["sodertalje"], language=lang)
    problems: list[str] = []
    for role in ("anonymous", "newcomer", "surveyed", "planless", "staff"):
        context = browser.new_context(viewport=PHONE_320, device_scale_factor=2, base_url=live_server)
        try:
            page = context.new_page()
            page.goto(f"/language/{lang}")
            if role == "anonymous":
                paths = ANONYMOUS_PAGES
            elif role == "newcomer":
                sign_in_newcomer_in_browser(page, person)
                paths = [p.format(**urls) for p in NEWCOMER_PAGES]
                # Check your answers, reached through the form itself.
                page.goto("/plan/objections/new")
                page.locator("input[name=target]").first.check()
                page.locator("input[name=reason]").first.check()
                page.locator("#text").fill("المدرسة بعيدة جداً عن بيتي، ساعتان كل اتجاه. Skolan ligger för långt bort.")
                page.locator("button[value=check]").click()
                page.wait_for_selector("dl.check-answers")
                problems += [f"check your answers: {line}" for line in page.evaluate(_OVERFLOW)]
            elif role == "surveyed":
                sign_in_newcomer_in_browser(page, surveyed)
                paths = [p.format(token=token) for p in SURVEY_PAGES]
            elif role == "planless":
                sign_in_newcomer_in_browser(page, planless)
                paths = NO_PLAN_PAGES
            else:
                sign_in_staff_in_browser(page, caseworker)
                page.goto(f"/language/{lang}")
                case = cases["open"].display_case_number
                paths = [p.format(person=person.id, case=case) for p in STAFF_PAGES]
            for path in paths:
                status = 404 if path.startswith(("/no-such-page", "/objections/find")) else 200
                problems += _sideways(page, path, status)
        finally:
            context.close()
    assert not problems, "\n".join(problems)


def test_the_sideways_check_sees_a_page_too_wide_at_200_percent_zoom_only(phone_page):
    # Two columns of long words: fine at 320 px (one column), too wide from 640 px on.
    phone_page.set_viewport_size(PHONE_320)
    phone_page.set_content(
        '<html><body><div class="grid">'
        "<p>Arbetsförmedlingen</p><p>Försäkringskassan</p><p>Skatteverket</p></div></body></html>"
    )
    phone_page.evaluate(
        """() => {
          const grid = document.querySelector(".grid");
          const wide = () => { grid.style.display = innerWidth >= 640 ? "flex" : "block"; };
          for (const p of grid.children) { p.style.width = "300px"; p.style.flex = "none"; }
          addEventListener("resize", wide); wide();
        }"""
    )
    assert phone_page.evaluate(_OVERFLOW) == []
    phone_page.set_viewport_size(ZOOM_200)
    phone_page.wait_for_function("getComputedStyle(document.querySelector('.grid')).display === 'flex'")
    assert phone_page.evaluate(_OVERFLOW)


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


def test_chat_messages_added_by_javascript_read_right_to_left_though_they_start_with_a_latin_word(
    phone_page, fake_rasa
):
    # dir="auto" would go by "SFI" and "BankID", the first letters, and lay both out left to right.
    fake_rasa.reply = lambda call: [{"text": "BankID هوية إلكترونية. اتصل على 1177."}]
    phone_page.goto("/chat?lang=ar")
    phone_page.locator("#chat-form textarea").fill("SFI متى يبدأ الدرس؟")
    phone_page.locator("#chat-form button[type=submit]").click()
    replies = phone_page.locator("#chat-transcript li.chat-out p")
    expect(replies).to_have_count(2)  # the greeting and the reply
    assert phone_page.url.endswith("/chat?lang=ar")  # sent by JavaScript, not by a reload
    assert phone_page.locator("#chat-transcript li.chat-in p").last.get_attribute("dir") == "rtl"
    assert replies.last.get_attribute("dir") == "rtl"
    assert "BankID" in replies.last.inner_text()
