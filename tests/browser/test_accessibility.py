"""axe-core on every page type in all 12 languages: zero WCAG 2.1 A/AA violations.

One browser context per role and language, reused across that role's pages. Exceptions, each
with its reason, are listed in ALLOWED (empty means none).
"""

from __future__ import annotations

import shutil
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

from portal.data.content import get_module, list_revisions
from portal.languages import LANGUAGES
from portal.models import Role
from portal.services import objections
from portal.services.content import RevisionInput, save_revision, sync_from_files
from tests.browser.conftest import ARTIFACTS, PHONE, sign_in_newcomer_in_browser, sign_in_staff_in_browser
from tests.factories import (
    create_decided_objection,
    create_handoff,
    create_objection,
    create_objectionable_plan,
    create_person,
    create_plan,
    create_staff,
)

pytestmark = pytest.mark.browser
WCAG = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    # Details of violations only: the passes are not read, and building them costs time.
    "resultTypes": ["violations"],
}
ALLOWED: dict[str, str] = {}

ANONYMOUS = ["/", "/language", "/signin", "/staff/signin", "/no-such-page"]
NEWCOMER = ["/plan", "/plan/upcoming", "/plan/changes", "/plan/calendar", "/plan/print"]
CASEWORKER = [
    "/staff/",
    "/staff/people",
    "/staff/people/{person}",
    "/staff/people/{person}/plan",
    "/staff/people/{person}/plan/activities/{activity}",
]
CONTENT = Path(__file__).resolve().parents[2] / "content" / "samhallsinfo"
# Two real modules, in all 12 languages: enough for every reader and editor page type.
MODULES = ("halsa-och-vard", "boende")
HEALTH = "halsa-och-vard"
INFO = ["/info/", f"/info/{HEALTH}", "/info/boende?kommun=botkyrka", "/info/search", "/info/search?q=1177"]

_axe = Axe()


def _violations(page, path: str) -> list[str]:
    response = page.goto(path)
    assert response is not None and (response.ok or path == "/no-such-page"), (path, response and response.status)
    return _check(page, path)


def _check(page, label: str) -> list[str]:
    """axe on the page as it is now (after a goto, or after a form was sent)."""
    results = _axe.run(page, options=WCAG)
    found = [v for v in results.response["violations"] if v["id"] not in ALLOWED]
    if found:
        folder = ARTIFACTS / "axe"
        folder.mkdir(parents=True, exist_ok=True)
        lang = page.locator("html").get_attribute("lang")
        name = label.strip("/").replace("/", "_").replace("?", "_") or "home"
        (folder / f"{lang}-{name}.txt").write_text(results.generate_report(), encoding="utf-8")
    return [f"{label}: {v['id']} ({len(v['nodes'])}): {v['nodes'][0]['target']}" for v in found]


@contextmanager
def _browsing(browser, live_server, lang: str):
    """A phone-sized context with JavaScript on (axe is a script), in `lang`."""
    context = browser.new_context(viewport=PHONE, base_url=live_server)
    page = context.new_page()
    page.goto(f"/language/{lang}")
    try:
        yield page
    finally:
        context.close()


@pytest.mark.parametrize("lang", LANGUAGES, ids=lambda lang: lang.code)
def test_every_page_type_has_no_wcag_violations(browser, live_server, region, lang):
    caseworker = create_staff(region["sodertalje"], Role.CASEWORKER)
    person = create_person(region["sodertalje"], language=lang.code)
    monday = date.today() - timedelta(days=date.today().weekday())
    plan = create_plan(person, caseworker, start=monday, status="proposed")
    problems: list[str] = []

    with _browsing(browser, live_server, lang.code) as page:
        for path in ANONYMOUS:
            problems += _violations(page, path)
        sign_in_newcomer_in_browser(page, person)
        for path in NEWCOMER:
            problems += _violations(page, path)

    with _browsing(browser, live_server, lang.code) as page:
        sign_in_staff_in_browser(page, caseworker)
        for path in CASEWORKER:
            problems += _violations(page, path.format(person=person.id, activity=plan.activities[0].id))
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("lang", LANGUAGES, ids=lambda lang: lang.code)
def test_first_contact_pages_have_no_wcag_violations(browser, live_server, region, lang):
    """The chooser before a language is known, sign-in from a foreign SIM, and the calendar link."""
    person = create_person(region["sodertalje"], language=lang.code, phone="+380671234567")
    caseworker = create_staff(region["sodertalje"], Role.CASEWORKER)
    create_plan(person, caseworker, status="proposed")
    problems: list[str] = []

    context = browser.new_context(viewport={"width": 320, "height": 640}, base_url=live_server, locale="de-DE")
    try:
        page = context.new_page()
        problems += _violations(page, "/")
        assert page.locator("nav.first-language").count() == 1, "no chooser for a German browser"
    finally:
        context.close()

    with _browsing(browser, live_server, lang.code) as page:
        page.goto("/signin")
        page.locator("#phone").fill("+1 202 555 0143")  # a country off the list
        page.locator("main button[type=submit]").click()
        page.locator(".error-summary").wait_for()
        problems += _check(page, "/signin (country not allowed)")
        page.locator("#phone").fill(person.phone)
        page.locator("main button[type=submit]").click()
        page.locator("bdi.masked-number").wait_for()
        problems += _check(page, "/signin/code")
        sign_in_newcomer_in_browser(page, person)
        page.goto("/plan/calendar")
        page.locator("main form:not([action]) button[type=submit]").click()
        page.locator(".qr-figure svg").wait_for()
        problems += _check(page, "/plan/calendar (new link)")
        feed = page.locator(".calendar-links textarea").input_value()
        problems += _violations(page, "/" + feed.split("/", 3)[3].replace(".ics", "/add"))
    assert not problems, "\n".join(problems)


@pytest.fixture
def real_content(app, tmp_path):
    """Two modules of the real civic information, in all 12 languages."""
    for slug in MODULES:
        shutil.copytree(CONTENT / slug, tmp_path / slug)
    sync_from_files(tmp_path)


@pytest.mark.parametrize("lang", LANGUAGES, ids=lambda lang: lang.code)
def test_information_editor_and_chat_pages_have_no_wcag_violations(browser, live_server, region, real_content, lang):
    editor = create_staff(region["region"], Role.EDITOR)
    module = get_module(HEALTH)
    source = list_revisions(module, "sv")[0]
    save_revision(
        module,
        "sv",
        RevisionInput(title="Hälsa och vård", summary="Så får du vård.", body=source.body + "\nEn ny mening.\n"),
        staff=editor,
        publish=True,
    )
    revisions = list_revisions(module, "sv")
    problems: list[str] = []

    with _browsing(browser, live_server, lang.code) as page:
        for path in INFO:
            problems += _violations(page, path)
        # A confident answer may stand alone (no weaker topics under it); either is checked.
        found = page.locator(".search-answer, .search-results > li").count()
        assert found > 0, "the search found nothing to check"
        problems += _violations(page, "/chat")
        page.locator("#message").fill("Hej")
        page.locator("#chat-form button[type=submit]").click()
        page.locator(".chat-in").first.wait_for()
        page.locator(".chat-out").nth(1).wait_for()
        problems += _check(page, "/chat (after a message)")

    with _browsing(browser, live_server, lang.code) as page:
        sign_in_staff_in_browser(page, editor)
        for path in (
            "/editor/",
            f"/editor/{HEALTH}/sv",
            f"/editor/{HEALTH}/{lang.code}",
            f"/editor/{HEALTH}/sv/history",
            f"/editor/{HEALTH}/sv/diff?from={revisions[-1].id}&to={revisions[0].id}",
        ):
            problems += _violations(page, path)
        # The preview is a page type of its own.
        page.goto(f"/editor/{HEALTH}/{lang.code}")
        page.locator("form button[name=preview], form input[name=preview]").first.click()
        page.locator(".preview").wait_for()
        problems += _check(page, f"/editor/{HEALTH}/{lang.code} (preview)")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("lang", LANGUAGES, ids=lambda lang: lang.code)
def test_objection_follow_up_and_handoff_pages_have_no_wcag_violations(browser, live_server, region, lang):
    caseworker = create_staff(region["sodertalje"], Role.CASEWORKER)
    reviewer = create_staff(region["region"], Role.REVIEWER)
    coordinator = create_staff(region["region"], Role.COORDINATOR)
    person = create_person(region["sodertalje"], language=lang.code)
    plan = create_objectionable_plan(person, caseworker)
    open_case = create_objection(person, target=f"activity:{plan.activities[0].id}", interpreter=True, phone_call=True)
    in_review = create_objection(person, target=f"goal:{plan.goals[0].id}")
    objections.acknowledge(in_review, caseworker)
    objections.start_review(in_review, caseworker)
    escalated = create_decided_objection(person, caseworker, target=f"version:{plan.versions[-1].id}")
    objections.escalate(escalated, person, text="Jag håller inte med.")
    create_handoff(person, note="Vill prata med en människa.", language=lang.code)
    problems: list[str] = []

    with _browsing(browser, live_server, lang.code) as page:
        sign_in_newcomer_in_browser(page, person)
        for path in (
            "/objections",
            "/plan/objections/new",
            f"/objections/{open_case.display_case_number}?received=1",
            f"/objections/{escalated.display_case_number}",
            "/chat",
        ):
            problems += _violations(page, path)
        # The form sent empty: the error summary and the fields marked invalid.
        page.goto("/plan/objections/new")
        page.locator("main form button[type=submit]").click()
        page.locator(".error-summary").wait_for()
        problems += _check(page, "/plan/objections/new (errors)")

    with _browsing(browser, live_server, lang.code) as page:
        sign_in_staff_in_browser(page, caseworker)
        for path in (
            "/staff/objections",
            f"/staff/objections/{open_case.display_case_number}",
            f"/staff/objections/{in_review.display_case_number}",
            f"/staff/objections/{escalated.display_case_number}",
            "/staff/handoffs",
        ):
            problems += _violations(page, path)
        assert page.locator("main tbody tr").count() == 1, "the handoff is not on the page"
        # The decision form sent without reasons.
        page.goto(f"/staff/objections/{in_review.display_case_number}")
        page.locator("form[action$='/decide'] button[type=submit]").click()
        page.locator(".error-summary").wait_for()
        problems += _check(page, f"/staff/objections/{in_review.display_case_number}/decide (errors)")

    with _browsing(browser, live_server, lang.code) as page:
        sign_in_staff_in_browser(page, reviewer)
        problems += _violations(page, "/staff/reviews")
        assert page.locator(f"a[href='/staff/reviews/{escalated.display_case_number}']").count() == 1
        problems += _violations(page, f"/staff/reviews/{escalated.display_case_number}")

    with _browsing(browser, live_server, lang.code) as page:
        sign_in_staff_in_browser(page, coordinator)
        problems += _violations(page, "/staff/follow-up")
    assert not problems, "\n".join(problems)


# Arabic only, the right-to-left case: the same pages in more languages cost CI time they do not
# repay: the strings differ, the markup does not.
@pytest.mark.parametrize("lang", ["ar"])
def test_survey_and_satisfaction_pages_have_no_wcag_violations(browser, live_server, region, lang):
    """The newcomer's survey (the link, the form, its errors) and the coordinator's charts and tables."""
    from portal.extensions import db
    from portal.models import Gender
    from portal.survey.demo import seed_demo_responses

    caseworker = create_staff(region["sodertalje"], Role.CASEWORKER)
    coordinator = create_staff(region["region"], Role.COORDINATOR)
    person = create_person(region["sodertalje"], language=lang, gender=Gender.WOMAN)
    create_plan(person, caseworker, start=date.today() - timedelta(days=100), status="active")
    for i in range(10):  # enough plans for the plans' figures to show, women and men apart
        other = create_person(region["sodertalje"], gender=Gender.WOMAN if i % 2 else Gender.MAN)
        create_plan(other, caseworker, start=date.today() - timedelta(days=30), status="active")
    seed_demo_responses([region[s].id for s in ("stockholm", "sodertalje", "botkyrka")], today=date.today())
    db.session.commit()
    problems: list[str] = []

    with _browsing(browser, live_server, lang) as page:
        sign_in_newcomer_in_browser(page, person)
        page.goto("/plan")  # axe has read the plan page in every language already; the link is what is new
        assert page.locator("main a[href='/survey']").count() == 1, "no link to the survey on the plan page"
        problems += _violations(page, "/survey")
        page.locator("main form button[type=submit]").click()
        page.locator(".error-summary").wait_for()
        problems += _check(page, "/survey (errors)")

    with _browsing(browser, live_server, lang) as page:
        sign_in_staff_in_browser(page, coordinator)
        problems += _violations(page, "/staff/follow-up/satisfaction")
        assert page.locator("figure.nki-chart").count() >= 6
    assert not problems, "\n".join(problems)
