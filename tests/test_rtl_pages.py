"""Every right-to-left page type draws numbers, times and addresses in their own order (issue 14, item 1).

The check is independent of portal.bidi's own rule: it looks at the text of the rendered page
for digit groups joined by separators ("114 14", "13:00–16:00", "2026-12-21"), URLs, domain
names, e-mail addresses, paths and case numbers, and fails on any that is not isolated as left
to right: inside an element with `dir="ltr"` (which isolates, as `<bdi>` does), a `<bdi>`, or
between the Unicode isolates U+2066..U+2069 in the text itself. A service number (112, 1177,
90101) must also be a `tel:` link. `test_every_newcomer_and_public_page_type_is_checked` keeps
the list of page types whole: a new public page fails it until it is checked here too.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from bs4 import BeautifulSoup, NavigableString
from bs4.element import Comment
from sqlalchemy import select

from portal.extensions import db
from portal.languages import LANGUAGES
from portal.local_time import stockholm_today
from portal.models import ContentModule, LocalSection, MunicipalityContact, Role
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
    r"|(?<![\w-])[0-9A-Z]{4}-[0-9A-Z]{4}(?![\w-])"  # a case number, D8S3-542N
)
ISOLATES = re.compile("[\u2066\u2067\u2068]([^\u2069]*)\u2069")
SERVICE_NUMBER = re.compile(r"(?<![\d\w])(?:112|1177|90101)(?![\d\w.])")


def _isolated(node: NavigableString) -> bool:
    for parent in node.parents:
        if parent.name in ("body", "html"):
            return False
        if parent.get("dir") == "ltr" or parent.name == "bdi":
            return True
    return False


def _outside_isolates(text: str) -> str:
    """The text with what the Unicode isolates hold blanked out (kept the same length)."""
    return ISOLATES.sub(lambda m: " " * len(m.group()), text)


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
        for match in NEEDS_ISOLATION.finditer(_outside_isolates(node)):
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


@pytest.mark.parametrize(
    ("html", "found"),
    [
        ("<p>من 13:00–16:00</p>", ["13:00–16:00"]),
        ("<p>من <bdi>13:00–16:00</bdi></p>", []),
        ("<p>من \u206613:00–16:00\u2069 و 9:30</p>", ["9:30"]),
        ("<p>القضية D8S3-542N</p>", ["D8S3-542N"]),
        ('<p>القضية <span dir="ltr">D8S3-542N</span></p>', []),
        ("<p>انتقل إلى /signin</p>", ["/signin"]),
        ("<p>انتقل إلى https://www.1177.se/x</p>", ["https://www.1177.se/x"]),
    ],
)
def test_the_checker_accepts_bdi_and_unicode_isolates_and_finds_case_numbers_and_urls(html, found):
    assert [problem.split("'")[1] for problem in unisolated_runs(f"<body>{html}</body>")] == found


def _problems(response, lang: str, path: str) -> list[str]:
    assert response.status_code == 200, (path, response.status_code)
    check_page(response, lang=lang)
    return [f"{path}: {problem}" for problem in unisolated_runs(response.get_data(as_text=True))]


@pytest.mark.parametrize("lang", RTL_LANGUAGES)
def test_newcomer_and_objection_pages_isolate_every_ltr_run(client, region, lang):
    caseworker = create_staff(region["sodertalje"], Role.CASEWORKER)
    person = create_person(region["sodertalje"], language=lang)
    plan = create_objectionable_plan(person, caseworker)
    open_case = create_objection(
        person,
        target=f"activity:{plan.activities[0].id}",
        interpreter=True,
        text="SFI 3 أيام: الروضة تفتح 8:30، اتصلوا على 070 123 45 67",
        wanted="الدروس من 13:00–16:00",
    )
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
    # The person's own words read right to left, though they start with a Swedish word.
    page = client.get(f"/objections/{open_case.display_case_number}")
    case = BeautifulSoup(page.get_data(as_text=True), "html.parser")
    assert case.select_one(".free-text")["dir"] == "rtl"


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
    """Every module's page type: the text, a municipality's local text or none, the Swedish text, search."""
    sync_from_files(DEFAULT_CONTENT_DIR)
    _local_section(region, lang)
    problems: list[str] = []
    paths = [f"/info/{slug}?lang={lang}" for slug in MODULES]
    paths += [f"/info/search?q={q}&lang={lang}" for q in ("1177", "BRIS", "112", "polisen", "zzqx")]
    paths += [f"/info/utbildning?kommun={kommun}&lang={lang}" for kommun in ("sodertalje", "botkyrka")]
    paths += [f"/info/trygghet-och-akut-hjalp?text=sv&lang={lang}"]
    for path in paths:
        problems += _problems(client.get(path), lang, path)
    assert not problems, "\n".join(problems)
    local = client.get(f"/info/utbildning?kommun=sodertalje&lang={lang}").get_data(as_text=True)
    assert 'href="tel:0852301000"' in local  # the local text is there to be checked


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


# --- Every other page type -----------------------------------------------------------------------

AR_LOCAL = "SFI Södertälje: Storgatan 1, ring 08-523 010 00 eller mejla sfi@sodertalje.se, 9:00–16:00."


def _contact(org, email: str | None = None) -> None:
    hours = [[0, "09:00", "12:00"], [3, "13:00", "16:00"]]
    db.session.add(
        MunicipalityContact(
            organisation=org, phone="08-523 010 00", email=email, address="Storgatan 1", opening_hours=hours
        )
    )
    db.session.commit()


def _local_section(region, lang: str) -> None:
    module = db.session.scalar(select(ContentModule).where(ContentModule.slug == "utbildning"))
    for language, title in (("sv", "SFI i Södertälje"), (lang, "SFI Södertälje")):
        db.session.add(
            LocalSection(
                module=module,
                municipality=region["sodertalje"],
                language=language,
                title=title,
                body=AR_LOCAL,
                published=True,
            )
        )
    db.session.commit()


def _page_problems(response, lang: str, path: str, status: int = 200) -> list[str]:
    assert response.status_code == status, (path, response.status_code)
    check_page(response, lang=lang)
    return [f"{path}: {problem}" for problem in unisolated_runs(response.get_data(as_text=True))]


@pytest.mark.parametrize("lang", RTL_LANGUAGES)
def test_public_service_pages_and_the_error_page_isolate_every_ltr_run(client, region, lang):
    _contact(region["sodertalje"], email="mottagning@sodertalje.se")
    _contact(region["botkyrka"])
    problems: list[str] = []
    for path in ("/help", "/contact", "/about", "/accessibility", "/privacy"):
        problems += _page_problems(client.get(f"{path}?lang={lang}"), lang, path)
    problems += _page_problems(client.get(f"/no-such-page?lang={lang}"), lang, "404", status=404)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("lang", RTL_LANGUAGES)
def test_the_signed_in_newcomers_other_pages_isolate_every_ltr_run(client, region, lang):
    """Reminders, the survey, the check-your-answers step, a case not found, and a plan-less person."""
    _contact(region["sodertalje"])
    caseworker = create_staff(region["sodertalje"], Role.CASEWORKER)
    person = create_person(region["sodertalje"], language=lang)
    start = stockholm_today() - timedelta(days=31 * 4)
    create_plan(person, caseworker, start=start - timedelta(days=start.weekday()), status="active")
    sign_in_newcomer(client, person)
    problems: list[str] = []
    for path in ("/help", "/contact", "/plan/reminders", "/survey"):
        problems += _page_problems(client.get(path), lang, path)
    problems += _page_problems(client.get("/objections/find?case=ZZZZ-9999"), lang, "/objections/find", status=404)
    form = BeautifulSoup(client.get("/plan/objections/new").get_data(as_text=True), "html.parser")
    key = form.find("input", attrs={"name": "idempotency_key"})["value"]
    check = client.post(
        "/plan/objections/new",
        data={
            "target": "plan",
            "reason": "childcare_clash",
            "wanted": "الدروس من 13:00–16:00",
            "text": "الروضة تفتح 8:30، اتصلوا على 070 123 45 67",
            "text_language": "",
            "idempotency_key": key,
            "step": "check",
        },
    )
    problems += _page_problems(check, lang, "/plan/objections/new (check your answers)")
    # Someone without a plan: the empty plan page and the objection form's no-plan page.
    sign_in_newcomer(client, create_person(region["sodertalje"], language=lang))
    for path in ("/", "/plan", "/plan/objections/new", "/objections", "/survey"):
        problems += _page_problems(client.get(path), lang, f"{path} (no plan)")
    assert not problems, "\n".join(problems)


# The newcomer and public pages' endpoints, each checked by a test above. Files, redirects and
# posts that only redirect draw no text.
CHECKED_ENDPOINTS = {
    "main.home", "main.language_picker", "main.privacy", "auth.signin", "auth.code",
    "help.help_page", "help.contact", "help.about", "help.accessibility",
    "info.index", "info.module", "info.search_page", "chat.chat",
    "plan.my_plan", "plan.upcoming_activities", "plan.changes", "plan.calendar", "plan.printable",
    "plan.reminders", "plan.my_data", "plan.add_to_calendar", "survey.answer",
    "objections.new", "objections.index", "objections.case", "objections.find",
}  # fmt: skip
NO_PAGE = {"main.healthz", "main.choose_language", "plan.feed", "plan.export_my_data", "static"}
STAFF_AREAS = ("/staff", "/editor", "/api", "/webhooks", "/dev", "/internal", "/static")


def test_every_newcomer_and_public_page_type_is_checked(app):
    public = {
        rule.endpoint
        for rule in app.url_map.iter_rules()
        if "GET" in rule.methods and not rule.rule.startswith(STAFF_AREAS)
    }
    assert public - NO_PAGE == CHECKED_ENDPOINTS
