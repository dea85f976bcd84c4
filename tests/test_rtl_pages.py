"""Every right-to-left page type draws numbers, times and addresses in their own order (issue 14, item 1).

The check is independent of portal.bidi's own rule: it looks at the text of the rendered page
for digit groups joined by separators ("114 14", "13:00–16:00", "2026-12-21"), URLs, domain
names, e-mail addresses and paths, and fails on any that no LTR-isolated element holds. A
service number (112, 1177, 90101) must also be a `tel:` link.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from bs4 import BeautifulSoup, NavigableString
from bs4.element import Comment

from portal.languages import LANGUAGES
from portal.models import Role
from portal.services import objections
from portal.services.content import DEFAULT_CONTENT_DIR, sync_from_files
from tests.factories import (
    create_decided_objection,
    create_objection,
    create_objectionable_plan,
    create_person,
    create_plan,
    create_staff,
)
from tests.helpers import check_page, sign_in_newcomer

RTL_LANGUAGES = [lang.code for lang in LANGUAGES if lang.direction == "rtl"]  # ar, fa, prs, ckb, ps
MODULES = ["halsa-och-vard", "trygghet-och-akut-hjalp", "din-introduktion", "utbildning"]

NEEDS_ISOLATION = re.compile(
    r"\d+(?:(?:\s*[–—-]\s*|[\s\u00a0\u202f]|[:.,/])\d+)+"  # digit groups with separators
    r"|https?://\S+"
    r"|\b[\w-]+\.(?:se|nu|com|org)\b"
    r"|\S+@\S+\.\w+"
    r"|(?<!\S)/[a-z][\w/-]*"
)
SERVICE_NUMBER = re.compile(r"(?<![\d\w])(?:112|1177|90101)(?![\d\w.])")


def _isolated(node: NavigableString) -> bool:
    for parent in node.parents:
        if parent.name in ("body", "html"):
            return False
        if parent.get("dir") == "ltr":
            return True
    return False


def _in_link(node: NavigableString) -> bool:
    # A tel: link, or already a link to somewhere else (a link cannot hold another).
    return node.find_parent("a") is not None


def unisolated_runs(html: str) -> list[str]:
    """Each run on the page that needs an LTR-isolated element and has none, with its context."""
    body = BeautifulSoup(html, "html.parser").body
    problems: list[str] = []
    for node in body.find_all(string=True):
        if isinstance(node, Comment) or node.parent.name in ("script", "style", "textarea", "option"):
            continue
        for match in NEEDS_ISOLATION.finditer(node):
            if not _isolated(node):
                problems.append(f"{match.group()!r} in {str(node).strip()[:80]!r}")
        for match in SERVICE_NUMBER.finditer(node):
            if not _in_link(node):
                problems.append(f"service number {match.group()!r} not a tel: link in {str(node).strip()[:80]!r}")
    return problems


def test_the_checker_finds_a_reversed_phone_number_and_accepts_an_isolated_one():
    assert unisolated_runs("<body><p>اتصل بـ 114 14 أو 1177.se</p></body>") == [
        "'114 14' in 'اتصل بـ 114 14 أو 1177.se'",
        "'1177.se' in 'اتصل بـ 114 14 أو 1177.se'",
    ]
    assert unisolated_runs('<body><p>اتصل بـ <a href="tel:112" dir="ltr">112</a></p></body>') == []
    assert unisolated_runs("<body><p>اتصل بـ 112</p></body>")


def _problems(response, lang: str, path: str) -> list[str]:
    assert response.status_code == 200, (path, response.status_code)
    check_page(response, lang=lang)
    return [f"{path}: {problem}" for problem in unisolated_runs(response.get_data(as_text=True))]


@pytest.mark.parametrize("lang", RTL_LANGUAGES)
def test_newcomer_and_objection_pages_isolate_every_ltr_run(client, region, lang):
    caseworker = create_staff(region["sodertalje"], Role.CASEWORKER)
    person = create_person(region["sodertalje"], language=lang)
    plan = create_objectionable_plan(person, caseworker)
    open_case = create_objection(person, target=f"activity:{plan.activities[0].id}", interpreter=True)
    decided = create_decided_objection(person, caseworker, target=f"goal:{plan.goals[0].id}")
    escalated = create_decided_objection(person, caseworker, target=f"version:{plan.versions[-1].id}")
    objections.escalate(escalated, person)
    sign_in_newcomer(client, person)
    problems: list[str] = []
    for path in (
        "/",
        "/plan",
        "/plan/upcoming",
        "/plan/changes",
        "/plan/calendar",
        "/plan/print",
        "/my-data",
        "/chat",
        "/privacy",
        "/info/",
        "/plan/objections/new",
        "/objections",
        f"/objections/{open_case.display_case_number}?received=1",
        f"/objections/{decided.display_case_number}",
        f"/objections/{escalated.display_case_number}",
    ):
        problems += _problems(client.get(path), lang, path)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("lang", RTL_LANGUAGES)
def test_the_coming_weeks_isolate_times_and_time_ranges(client, region, lang):
    caseworker = create_staff(region["sodertalje"], Role.CASEWORKER)
    person = create_person(region["sodertalje"], language=lang)
    monday = date.today() - timedelta(days=date.today().weekday())
    create_plan(person, caseworker, start=monday, status="proposed")
    sign_in_newcomer(client, person)
    problems: list[str] = []
    for path in ("/", "/plan", "/plan/upcoming", "/plan/changes", "/plan/print"):
        problems += _problems(client.get(path), lang, path)
    assert not problems, "\n".join(problems)
    # The range "9:00–12:00" is one LTR run, both times inside it.
    ranges = BeautifulSoup(client.get("/plan/upcoming").get_data(as_text=True), "html.parser").select("strong[dir=ltr]")
    assert ranges and all(len(r.find_all("time")) == 2 for r in ranges)


@pytest.mark.parametrize("lang", RTL_LANGUAGES)
def test_signed_out_pages_isolate_every_ltr_run(client, region, lang):
    problems: list[str] = []
    for path in ("/", "/signin", "/language", "/info/"):
        problems += _problems(client.get(f"{path}?lang={lang}"), lang, path)
    person = create_person(region["botkyrka"], language=lang)
    client.post("/signin", data={"phone": person.phone})
    problems += _problems(client.get("/signin/code"), lang, "/signin/code")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("lang", RTL_LANGUAGES)
def test_civic_information_pages_isolate_every_ltr_run(client, region, lang):
    sync_from_files(DEFAULT_CONTENT_DIR)
    problems: list[str] = []
    paths = [f"/info/{slug}?lang={lang}" for slug in MODULES]
    paths += [f"/info/search?q={q}&lang={lang}" for q in ("1177", "BRIS", "112", "polisen")]
    for path in paths:
        problems += _problems(client.get(path), lang, path)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("lang", RTL_LANGUAGES)
def test_first_contact_pages_isolate_every_ltr_run(client, app, region, lang):
    """The code page with a foreign number, the calendar page with a new link, the phone page."""
    caseworker = create_staff(region["sodertalje"], Role.CASEWORKER)
    person = create_person(region["sodertalje"], language=lang, phone="+963944123456")
    create_objectionable_plan(person, caseworker)
    problems: list[str] = []
    client.post(f"/signin?lang={lang}", data={"phone": "00963 944 123 456"})
    problems += _problems(client.get("/signin/code"), lang, "/signin/code")
    sign_in_newcomer(client, person)
    client.post("/plan/calendar", data={})
    page = client.get("/plan/calendar")
    problems += _problems(page, lang, "/plan/calendar (new link)")
    feed = BeautifulSoup(page.get_data(as_text=True), "html.parser").select_one("#calendar-url").get_text()
    phone_page = "/" + feed.split("/", 3)[3].replace(".ics", f"/add?lang={lang}")
    problems += _problems(app.test_client().get(phone_page), lang, phone_page)
    assert not problems, "\n".join(problems)
