"""axe-core on every page type in all 12 languages: zero WCAG 2.1 A/AA violations.

Exceptions, each with its reason, are listed in ALLOWED (empty means none).
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from axe_playwright_python.sync_playwright import Axe

from portal.languages import LANGUAGES
from portal.models import Role
from tests.browser.conftest import ARTIFACTS, sign_in_newcomer_in_browser, sign_in_staff_in_browser
from tests.factories import create_person, create_plan, create_staff

pytestmark = pytest.mark.browser
WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
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

_axe = Axe()


def _violations(page, path: str) -> list[str]:
    page.goto(path)
    results = _axe.run(page, options=WCAG)
    found = [v for v in results.response["violations"] if v["id"] not in ALLOWED]
    if found:
        folder = ARTIFACTS / "axe"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / (path.strip("/").replace("/", "_") or "home")).with_suffix(".txt").write_text(
            results.generate_report(), encoding="utf-8"
        )
    return [f"{path}: {v['id']} ({len(v['nodes'])}): {v['nodes'][0]['target']}" for v in found]


@pytest.mark.parametrize("lang", LANGUAGES, ids=lambda lang: lang.code)
def test_every_page_type_has_no_wcag_violations(browser, live_server, region, lang):
    caseworker = create_staff(region["sodertalje"], Role.CASEWORKER)
    person = create_person(region["sodertalje"], language=lang.code)
    monday = date.today() - timedelta(days=date.today().weekday())
    plan = create_plan(person, caseworker, start=monday, status="proposed")
    problems: list[str] = []

    context = browser.new_context(viewport={"width": 360, "height": 640}, base_url=live_server)
    page = context.new_page()
    page.goto(f"/language/{lang.code}")
    for path in ANONYMOUS:
        problems += _violations(page, path)
    sign_in_newcomer_in_browser(page, person)
    for path in NEWCOMER:
        problems += _violations(page, path)
    context.close()

    context = browser.new_context(viewport={"width": 360, "height": 640}, base_url=live_server)
    page = context.new_page()
    page.goto(f"/language/{lang.code}")
    sign_in_staff_in_browser(page, caseworker)
    for path in CASEWORKER:
        problems += _violations(page, path.format(person=person.id, activity=plan.activities[0].id))
    context.close()
    assert not problems, "\n".join(problems)
