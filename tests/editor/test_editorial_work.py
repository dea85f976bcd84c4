"""Editors at work, part two (issue 20): translators' tasks made by a Swedish change and completed
side by side, scheduled publishing, the matrix's next actions, the link checker, and the
smaller fixes (two tabs of one editor, a Swedish revert waits for the second editor)."""

from __future__ import annotations

from datetime import timedelta
from http.server import BaseHTTPRequestHandler

import pytest
from sqlalchemy import select

from portal.data.content import get_module, get_published_revision, list_drafts
from portal.extensions import db
from portal.models import RevisionStatus, Role, TaskClosed, TranslationTask, utcnow
from portal.services.content import (
    EditConflict,
    RevisionInput,
    SaveOutcome,
    ScheduleInPast,
    TranslationStatus,
    approve_submission,
    draft_stamp,
    module_state,
    open_task_for,
    open_tasks,
    status_matrix,
    submit_revision,
)
from portal.services.content.links import broken_links, check_all_links, check_link, links_in
from portal.services.content.schedule import publish_due
from portal.services.content.tasks import notices_for, set_translator_languages
from tests.content_fixtures import EN_HEALTH, SV_HEALTH
from tests.editor.test_editors_at_work import HEALTH, form_of, signed_in, textarea
from tests.factories import create_staff
from tests.helpers import check_page
from tests.servers import _Server

EDIT_AR = f"/editor/{HEALTH}/ar"
SV_CHANGED = SV_HEALTH.replace("Barn får tandvård utan kostnad.", "Barn och unga får tandvård utan kostnad till 23 år.")


def change_swedish(author, approver, body: str = SV_CHANGED, **kwargs):
    """A Swedish change, published through the second editor."""
    module = get_module(HEALTH)
    result = submit_revision(
        module, "sv", RevisionInput("Hälsa och vård", "Så får du vård.", body), staff=author, publish=True, **kwargs
    )
    assert result.outcome in (SaveOutcome.AWAITING_APPROVAL, SaveOutcome.SCHEDULED), result.outcome
    if result.outcome == SaveOutcome.AWAITING_APPROVAL:
        return approve_submission(result.revision, staff=approver)
    return result.revision


# -- tasks for translators ----------------------------------------------------------------------


def test_a_swedish_change_makes_one_task_per_stale_language_for_its_translators(app, eva, omar, rania):
    assert open_tasks() == []
    change_swedish(eva, omar)
    assert sorted(t.language for t in open_tasks()) == ["ar", "en"]  # the languages with a translation
    assert [t.language for t in open_tasks(["ar"])] == ["ar"]
    [notice] = notices_for(rania)
    assert (notice.language, notice.count) == ("ar", 1)
    assert notices_for(eva) == []  # she translates nothing: no inbox line

    client = signed_in(app, rania)
    inbox = check_page(client.get("/editor/")).select_one(".task-inbox")
    assert inbox.select_one("a[href$='/editor/tasks?lang=ar']")
    worklist = check_page(client.get("/editor/tasks"))
    [row] = worklist.select("table.task-list tbody tr")
    assert row.select_one(f"a[href*='{EDIT_AR}']")


def test_the_translator_completes_the_task_side_by_side_in_arabic(app, eva, omar, rania):
    change_swedish(eva, omar)
    task = open_task_for(get_module(HEALTH), "ar")
    client = signed_in(app, rania)
    page = check_page(client.get(EDIT_AR))
    assert page.select_one(".task-notice")
    side = page.select_one("details#side-by-side")
    assert side.has_attr("open")
    assert "23" in " ".join(ins.get_text() for ins in side.select(".word-diff ins"))  # the changed words
    assert side.select_one("pre[lang=ar][dir=rtl]")

    form = form_of(client.get(EDIT_AR))
    body = textarea(client.get(EDIT_AR)).replace("مجاناً", "مجاناً حتى سن 23")
    response = client.post(EDIT_AR, data={**form, "body": body, "matches_source": "y", "publish": "1"})
    assert response.status_code == 302
    db.session.expire_all()
    assert task.done_at is not None and task.closed == TaskClosed.TRANSLATED and task.done_by_id == rania.id
    assert module_state(get_module(HEALTH), "ar").status != TranslationStatus.STALE
    assert open_tasks(["ar"]) == [] and notices_for(rania) == []
    done = check_page(client.get("/editor/tasks?lang=ar")).get_text()
    assert "Rania Översättare" in done


def test_publishing_a_translation_without_the_match_mark_leaves_its_task_open(app, eva, omar, rania):
    change_swedish(eva, omar)
    client = signed_in(app, rania)
    form = form_of(client.get(EDIT_AR))
    client.post(EDIT_AR, data={**form, "body": form["body"] + "\nسطر.\n", "publish": "1"})
    assert open_task_for(get_module(HEALTH), "ar") is not None


def test_a_second_swedish_change_replaces_the_open_task_and_a_minor_one_makes_none(app, eva, omar, rania):
    change_swedish(eva, omar)
    first = open_task_for(get_module(HEALTH), "ar")
    change_swedish(omar, eva, SV_CHANGED.replace("23 år", "24 år"))
    second = open_task_for(get_module(HEALTH), "ar")
    db.session.expire_all()
    assert second.id != first.id and first.closed == TaskClosed.SUPERSEDED
    count = db.session.query(TranslationTask).count()
    module = get_module(HEALTH)
    minor = SV_CHANGED.replace("24 år", "24 år").replace("Ring 1177", "Ring 1177 ")
    submit_revision(
        module, "sv", RevisionInput("Hälsa och vård", "Så får du vård.", minor, minor=True), staff=eva, publish=True
    )
    assert db.session.query(TranslationTask).count() == count


def test_a_swedish_revert_waits_for_the_second_editor_and_then_closes_the_tasks(app, eva, omar, rania):
    original = get_published_revision(get_module(HEALTH), "sv")
    change_swedish(eva, omar)
    task = open_task_for(get_module(HEALTH), "ar")
    client = signed_in(app, eva)
    assert client.post(f"/editor/{HEALTH}/sv/revert/{original.id}", data={}).status_code == 302
    assert "23 år" in get_published_revision(get_module(HEALTH), "sv").body  # not yet: a second editor must approve
    [waiting] = list_drafts(get_module(HEALTH), "sv")
    assert waiting.status == RevisionStatus.AWAITING_APPROVAL and waiting.origin == f"revert:{original.id}"
    approve_submission(waiting, staff=omar)
    assert "23 år" not in get_published_revision(get_module(HEALTH), "sv").body
    db.session.expire_all()
    assert task.closed == TaskClosed.NOT_NEEDED
    assert module_state(get_module(HEALTH), "ar").status != TranslationStatus.STALE


# -- scheduled publishing -------------------------------------------------------------------------


def test_a_scheduled_swedish_change_publishes_at_its_time_and_makes_the_translations_stale_then(app, eva, omar, rania):
    before = get_published_revision(get_module(HEALTH), "sv")
    at = utcnow() + timedelta(hours=2)
    scheduled = change_swedish(eva, omar, publish_at=at)  # approved now, published later
    assert scheduled.status == RevisionStatus.SCHEDULED and scheduled.published_by_staff_id == omar.id
    assert publish_due(now=at - timedelta(minutes=1)) == {"published": 0, "returned": 0}
    assert get_published_revision(get_module(HEALTH), "sv").id == before.id
    assert module_state(get_module(HEALTH), "ar").status != TranslationStatus.STALE and open_tasks() == []

    assert publish_due(now=at) == {"published": 1, "returned": 0}  # the queue's clock reaches the time
    published = get_published_revision(get_module(HEALTH), "sv")
    assert "23 år" in published.body and (published.author_staff_id, published.published_by_staff_id) == (
        eva.id,
        omar.id,
    )
    assert module_state(get_module(HEALTH), "ar").status == TranslationStatus.STALE
    assert open_task_for(get_module(HEALTH), "ar") is not None
    assert list_drafts(get_module(HEALTH), "sv") == []
    assert publish_due(now=at + timedelta(minutes=1)) == {"published": 0, "returned": 0}  # once only


def test_a_scheduled_text_never_overwrites_a_change_published_after_it_was_scheduled(app, eva, omar):
    module = get_module(HEALTH)
    at = utcnow() + timedelta(hours=1)
    values = RevisionInput("Health and care", "How to get care.", EN_HEALTH.replace("Children", "Kids"))
    result = submit_revision(module, "en", values, staff=eva, publish=True, publish_at=at)
    assert result.outcome == SaveOutcome.SCHEDULED
    other = RevisionInput("Health and care", "How to get care.", EN_HEALTH + "\nOmar's line.\n")
    submit_revision(module, "en", other, staff=omar, publish=True)
    assert publish_due(now=at) == {"published": 0, "returned": 1}
    assert "Omar's line." in get_published_revision(module, "en").body
    [back] = list_drafts(module, "en")
    assert back.status == RevisionStatus.DRAFT and back.author_staff_id == eva.id and back.publish_at is None


def test_a_publish_time_in_the_past_is_refused_and_the_text_kept(app, eva):
    client = signed_in(app, eva)
    edit_en = f"/editor/{HEALTH}/en"
    form = form_of(client.get(edit_en))
    body = form["body"] + "\nA new line.\n"
    response = client.post(edit_en, data={**form, "body": body, "publish_at": "2020-01-01T09:00", "publish": "1"})
    assert response.status_code == 422
    assert check_page(response).select_one("#publish_at-error, .error-summary")
    assert textarea(response) == body
    with pytest.raises(ScheduleInPast):
        submit_revision(
            get_module(HEALTH),
            "en",
            RevisionInput("Health and care", "How to get care.", body),
            staff=eva,
            publish=True,
            publish_at=utcnow() - timedelta(minutes=1),
        )


def test_the_editor_schedules_in_stockholm_time_and_can_cancel(app, eva):
    client = signed_in(app, eva)
    edit_en = f"/editor/{HEALTH}/en"
    form = form_of(client.get(edit_en))
    when = (utcnow() + timedelta(days=2)).astimezone(__import__("zoneinfo").ZoneInfo("Europe/Stockholm"))
    local = when.strftime("%Y-%m-%dT%H:%M")
    body = form["body"] + "\nLater.\n"
    assert client.post(edit_en, data={**form, "body": body, "publish_at": local, "publish": "1"}).status_code == 302
    [scheduled] = list_drafts(get_module(HEALTH), "en")
    assert scheduled.status == RevisionStatus.SCHEDULED
    assert scheduled.publish_at.replace(second=0, microsecond=0) == when.replace(second=0, microsecond=0)
    page = check_page(client.get(edit_en))
    assert when.strftime("%H:%M") in page.select_one(".drafts").get_text()  # shown in Stockholm time
    assert client.post(f"/editor/{HEALTH}/en/drafts/{scheduled.id}/discard", data={}).status_code == 302
    assert list_drafts(get_module(HEALTH), "en") == []


# -- the matrix says what to do next ----------------------------------------------------------


def _cell(rows, language):
    [row] = [r for r in rows if r.module.slug == HEALTH]
    return next(c for c in row.cells if c.language == language)


def test_each_editor_sees_their_own_next_action_in_the_matrix(app, eva, omar, rania):
    module = get_module(HEALTH)
    submit_revision(
        module, "sv", RevisionInput("Hälsa och vård", "Så får du vård.", SV_CHANGED), staff=eva, publish=True
    )
    assert _cell(status_matrix(editor_id=omar.id), "sv").next_action == "approve"  # another's change waits
    assert _cell(status_matrix(editor_id=eva.id), "sv").next_action == "continue"  # her own, waiting
    assert _cell(status_matrix(editor_id=omar.id), "prs").next_action == "translate"  # missing
    assert _cell(status_matrix(editor_id=omar.id), "ar").next_action == "get-reviewed"
    [waiting] = list_drafts(module, "sv")
    approve_submission(waiting, staff=omar)

    rows = status_matrix(editor_id=rania.id, my_languages=["ar"])
    assert _cell(rows, "ar").next_action == "update" and _cell(rows, "ar").for_me
    assert _cell(rows, "en").next_action == "update" and not _cell(rows, "en").for_me  # not her language
    todo = status_matrix(editor_id=rania.id, my_languages=["ar"], show="todo")
    assert HEALTH in [r.module.slug for r in todo]
    assert all(any(c.for_me and c.language in ("ar", "sv") for c in r.cells) for r in todo)
    assert status_matrix(editor_id=rania.id, my_languages=["ar"], show="mine") == []  # no drafts of hers
    page = check_page(signed_in(app, rania).get("/editor/?show=todo"))
    [row] = [r for r in page.select("table.status-matrix tbody tr") if r.th.get_text(strip=True) == "Hälsa och vård"]
    cell = row.select("td")[[lang.code for lang in _langs()].index("ar")]
    assert cell["data-action"] == "update" and "next-mine" in cell["class"]
    assert cell.select_one(f"a.next-action[href$='{EDIT_AR}']")


def _langs():
    from portal.languages import LANGUAGES

    return LANGUAGES


def test_the_matrix_sorts_the_most_work_first(app, eva, omar, rania):
    change_swedish(eva, omar)

    def work(rows):
        return [sum(c.for_me for c in r.cells) for r in rows]

    # Her own Swedish draft of housing (a late module) is work of hers, beside the missing Arabic.
    housing = get_module("boende")
    sv = get_published_revision(housing, "sv")
    values = RevisionInput(sv.title, sv.summary, sv.body + "\nEn rad till.\n")
    submit_revision(housing, "sv", values, staff=rania, publish=False)
    standard = work(status_matrix(editor_id=rania.id, my_languages=["ar"]))
    assert standard != sorted(standard, reverse=True)  # else the test could not fail
    rows = status_matrix(editor_id=rania.id, my_languages=["ar"], sort="work")
    assert work(rows) == sorted(standard, reverse=True) and rows[0].module.slug == "boende"


# -- two tabs of one editor ----------------------------------------------------------------------


def test_two_tabs_of_one_editor_cannot_overwrite_each_others_draft(app, eva):
    client = signed_in(app, eva)
    edit_en = f"/editor/{HEALTH}/en"
    first, second = form_of(client.get(edit_en)), form_of(client.get(edit_en))
    one = first["body"] + "\nFrom the first tab.\n"
    assert client.post(edit_en, data={**first, "body": one, "save": "1"}).status_code == 302
    two = second["body"] + "\nFrom the second tab.\n"
    response = client.post(edit_en, data={**second, "body": two, "save": "1"})
    assert response.status_code == 409
    assert textarea(response) == two  # kept in the form
    assert "From the first tab." in check_page(response).select_one("details.conflict-view").get_text()
    [draft] = list_drafts(get_module(HEALTH), "en")
    assert "From the first tab." in draft.body
    # Saving again, having seen it, replaces the draft on purpose.
    assert client.post(edit_en, data={**form_of(response), "body": two, "save": "1"}).status_code == 302
    db.session.expire_all()
    [draft] = list_drafts(get_module(HEALTH), "en")
    assert "From the second tab." in draft.body


def test_the_service_refuses_a_draft_save_over_a_newer_save_of_the_same_draft(app, eva):
    module = get_module(HEALTH)
    values = RevisionInput("Health and care", "How to get care.", EN_HEALTH + "\nOne.\n")
    first = submit_revision(module, "en", values, staff=eva, publish=False, draft_stamp_seen="").revision
    stamp = draft_stamp(first)
    again = RevisionInput("Health and care", "How to get care.", EN_HEALTH + "\nTwo.\n")
    with pytest.raises(EditConflict) as refused:
        submit_revision(module, "en", again, staff=eva, publish=False, draft_stamp_seen="")
    assert refused.value.own_draft and refused.value.theirs.id == first.id
    submit_revision(module, "en", again, staff=eva, publish=False, draft_stamp_seen=stamp)
    assert "Two." in list_drafts(module, "en")[0].body


# -- the link checker ----------------------------------------------------------------------------


class _Links(BaseHTTPRequestHandler):
    def do_HEAD(self):  # noqa: N802
        if self.path == "/no-head":
            self.send_response(405)
        else:
            self.send_response(200 if self.path == "/ok" or self.path == "/no-head" else 404)
        self.end_headers()

    def do_GET(self):  # noqa: N802
        self.send_response(200 if self.path in ("/ok", "/no-head") else 404)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def link_server():
    server = _Server(_Links)
    yield server.url
    server.stop()


def test_the_link_checker_marks_a_404_from_a_local_server_and_lists_it(app, eva, link_server):
    module = get_module(HEALTH)
    revision = get_published_revision(module, "en")
    # Written straight into the stored text: the editor only takes https links, the test server is http.
    revision.body += f"\nSee [ok]({link_server}/ok), [gone]({link_server}/gone) and [old]({link_server}/no-head).\n"
    db.session.commit()
    assert links_in(revision.body)[-3:] == [f"{link_server}/ok", f"{link_server}/gone", f"{link_server}/no-head"]

    check_all_links()  # without Redis, the queue runs each check at once
    [broken] = broken_links()
    assert broken.check.url == f"{link_server}/gone" and broken.check.status_code == 404
    assert [(u.module_slug, u.language) for u in broken.uses] == [(HEALTH, "en")]
    first_broken = broken.check.broken_since

    page = check_page(signed_in(app, eva).get("/editor/"))
    assert f"{link_server}/gone" in page.select_one(".broken-links").get_text()
    assert f"{link_server}/ok" not in page.select_one(".broken-links").get_text()
    assert check_link(f"{link_server}/gone").broken_since == first_broken  # broken since the first failure


def test_a_link_that_does_not_answer_is_broken(app, synced):
    from tests.servers import closed_port_url

    row = check_link(f"{closed_port_url()}/page")
    assert not row.ok and row.error == "connection failed" and row.status_code is None


@pytest.mark.parametrize("lang", ["sv", "ar"])
def test_the_task_list_and_overview_pages_are_whole_in_swedish_and_arabic(app, eva, omar, rania, lang):
    change_swedish(eva, omar)
    rania.language = lang
    db.session.commit()
    client = signed_in(app, rania)
    for path in ("/editor/tasks", "/editor/tasks?lang=ar", "/editor/"):
        check_page(client.get(path))


def test_tasks_rows_are_unique_per_change(app, eva, omar, rania):
    change_swedish(eva, omar)
    from portal.services.content.tasks import reconcile_all

    assert reconcile_all() == 0  # nothing new: a second sweep makes no second task
    rows = db.session.scalars(select(TranslationTask).where(TranslationTask.language == "ar")).all()
    assert len(rows) == 1


# -- local sections in other languages ----------------------------------------------------------


def test_a_municipality_translates_its_local_section_into_arabic_and_sees_it_go_stale(app, region, synced):
    from portal.models import LocalSection
    from portal.services.content import LocalInput, WrongSource, local_state, save_local_section

    staff = create_staff(region["sodertalje"], Role.EDITOR, name="Sara Kommun")
    swedish = save_local_section(
        None,
        LocalInput("boende", region["sodertalje"].id, "sv", "Telgebostäder", "Ring Telgebostäder.", True),
        staff=staff,
    )
    client = signed_in(app, staff)
    # "Translate" on the list starts a new section as a translation of the Swedish one.
    listed = check_page(client.get("/editor/local"))
    assert listed.select_one(f"a[href$='/editor/local/new?source={swedish.id}']")
    start = check_page(client.get(f"/editor/local/new?source={swedish.id}"))
    assert start.select_one(f"#source option[value='{swedish.id}'][selected]")
    data = {
        "module": "boende",
        "municipality": region["sodertalje"].id,
        "language": "ar",
        "title": "تيلغيبوستادر",
        "body": "اتصل بـ Telgebostäder.",
        "published": "y",
        "source": swedish.id,
        "save": "1",
    }
    assert client.post("/editor/local/new", data=data).status_code == 302
    arabic = db.session.scalar(select(LocalSection).where(LocalSection.language == "ar"))
    assert arabic.source_section_id == swedish.id and local_state(arabic) == "current"
    assert "تيلغيبوستادر" in check_page(client.get("/info/boende?kommun=sodertalje&lang=ar")).get_text()

    # The Swedish changes: the Arabic is stale, on the list and on its page, beside the Swedish.
    save_local_section(
        swedish,
        LocalInput("boende", region["sodertalje"].id, "sv", "Telgebostäder", "Ring eller mejla Telgebostäder.", True),
        staff=staff,
    )
    db.session.expire_all()
    assert local_state(arabic) == "stale"
    row = [r for r in check_page(client.get("/editor/local")).select("tbody tr") if "تيلغيبوستادر" in r.get_text()]
    assert row and row[0].select_one(".badge-warn")
    page = check_page(client.get(f"/editor/local/{arabic.id}"))
    assert "mejla" in page.select_one("pre[lang=sv]").get_text()

    # Saved again, marked as matching the current Swedish: current.
    data.update(body="اتصل أو راسل Telgebostäder.", matches_source="y")
    assert client.post(f"/editor/local/{arabic.id}", data=data).status_code == 302
    db.session.expire_all()
    assert local_state(arabic) == "current"

    # A source of another municipality (or not Swedish) is refused.
    other = save_local_section(
        None,
        LocalInput("boende", region["botkyrka"].id, "sv", "Botkyrkabyggen", "Ring oss.", True),
        staff=create_staff(region["botkyrka"], Role.EDITOR),
    )
    with pytest.raises(WrongSource):
        save_local_section(
            arabic,
            LocalInput("boende", region["sodertalje"].id, "ar", "x", "y", True, source_section_id=other.id),
            staff=staff,
        )


def test_where_a_language_has_translators_only_they_confirm_its_review(app, eva, omar, rania):
    from portal.models import ReviewStatus
    from portal.services.content import NotTranslator, confirm_review

    module = get_module(HEALTH)
    ar = get_published_revision(module, "ar")
    values = RevisionInput(ar.title, ar.summary, ar.body + "\nسطر.\n", review_status="reviewed")
    revision = submit_revision(module, "ar", values, staff=eva, publish=True).revision
    assert revision.review_status == ReviewStatus.AWAITING_REVIEW

    other = signed_in(app, omar)
    page = check_page(other.get(EDIT_AR))
    assert not page.select_one(f"form[action$='/review/{revision.id}']")  # no button for him
    assert other.post(f"/editor/{HEALTH}/ar/review/{revision.id}", data={}).status_code == 403
    with pytest.raises(NotTranslator):
        confirm_review(revision, staff=omar)
    db.session.expire_all()
    assert revision.review_status == ReviewStatus.AWAITING_REVIEW

    translator = signed_in(app, rania)
    assert check_page(translator.get(EDIT_AR)).select_one(f"form[action$='/review/{revision.id}']")
    assert translator.post(f"/editor/{HEALTH}/ar/review/{revision.id}", data={}).status_code == 302
    db.session.expire_all()
    assert revision.review_status == ReviewStatus.REVIEWED and revision.reviewed_by_staff_id == rania.id


# -- the region's approved link sites -------------------------------------------------------------


def test_with_a_list_of_approved_sites_a_link_elsewhere_is_refused_with_its_line(app, eva, region):
    from portal.services.content import link_domains

    client = signed_in(app, eva)
    edit_en = f"/editor/{HEALTH}/en"
    form = form_of(client.get(edit_en))
    elsewhere = form["body"] + "\nSee [this](https://health-tips.example.com/page).\n"
    # No list yet: any https site is allowed, as before.
    assert link_domains.domain_problems(elsewhere) == []

    assert link_domains.add_domain("https://WWW.1177.se/Stockholm/") == "www.1177.se"
    link_domains.add_domain("migrationsverket.se")
    response = client.post(edit_en, data={**form, "body": elsewhere, "publish": "1"})
    assert response.status_code == 422
    error = check_page(response).select_one("#body-error, .error-summary").get_text()
    assert f"{elsewhere.count(chr(10))}" in error  # the line of the link
    assert textarea(response) == elsewhere
    official = form["body"] + "\nSee [1177](https://www.1177.se/x) and [MV](https://www.migrationsverket.se).\n"
    assert client.post(edit_en, data={**form, "body": official, "publish": "1"}).status_code == 302
    assert "migrationsverket" in get_published_revision(get_module(HEALTH), "en").body
    assert not link_domains.host_allowed("1177.se.example.com", ["1177.se"])
    assert link_domains.host_allowed("www.1177.se", ["1177.se"])
    assert link_domains.remove_domain("www.1177.se") and link_domains.allowed_domains() == ["migrationsverket.se"]


def test_the_link_domains_command_shows_adds_and_lists_the_sites_in_use(app, region, synced):
    runner = app.test_cli_runner()
    assert "any https site" in runner.invoke(args=["content", "link-domains", "show"]).output
    result = runner.invoke(args=["content", "link-domains", "add", "https://www.1177.se/", "not a domain"])
    assert result.exit_code != 0 and "not a domain" in result.output
    assert runner.invoke(args=["content", "link-domains", "show"]).output.split() == ["www.1177.se"]
    in_use = runner.invoke(args=["content", "link-domains", "in-use"]).output.split()
    assert in_use == sorted(in_use)


@pytest.mark.parametrize("lang", ["sv", "ar"])
def test_an_administrator_keeps_the_approved_sites_on_a_page(app, region, synced, lang):
    from portal.services.content import link_domains

    admin = create_staff(region["region"], Role.ADMIN, name="Admin")
    admin.language = lang
    db.session.commit()
    client = signed_in(app, admin)
    page = check_page(client.get("/editor/link-domains"))
    assert page.select_one("main .notice")  # no list yet: any site
    assert client.post("/editor/link-domains", data={"domain": "not a site"}).status_code == 422
    assert client.post("/editor/link-domains", data={"domain": "https://www.1177.se/"}).status_code == 302
    assert link_domains.allowed_domains() == ["www.1177.se"]
    page = check_page(client.get("/editor/link-domains"))
    assert page.select_one("form[action$='/editor/link-domains/remove/www.1177.se']")
    assert client.post("/editor/link-domains/remove/www.1177.se", data={}).status_code == 302
    assert link_domains.allowed_domains() == []
    editor = signed_in(app, create_staff(region["region"], Role.EDITOR))
    assert editor.get("/editor/link-domains").status_code == 403


def test_translators_are_told_of_a_new_task_by_e_mail_once_in_their_language(app, eva, omar, rania, region):
    from portal.models import MailMessage, MailMode
    from portal.notifications.inbox import set_mail_mode
    from portal.services.content.task_mail import mail_translation_task

    quiet = create_staff(region["region"], Role.EDITOR, name="Quiet Translator")
    set_translator_languages(quiet, ["ar"])
    set_mail_mode(quiet, MailMode.DAILY)
    rania.language = "ar"
    db.session.commit()
    change_swedish(eva, omar)

    [mail] = db.session.scalars(select(MailMessage)).all()  # only Rania: Eva and Omar translate nothing
    task = open_task_for(get_module(HEALTH), "ar")
    assert mail.staff_id == rania.id and mail.purpose == f"translation-task:{task.id}"
    assert "/editor/tasks?lang=ar" in mail.body and "Hälsa och vård" in mail.body
    assert "العربية" in mail.subject and "مهمة ترجمة" in mail.subject  # in Arabic, her staff language
    assert mail_translation_task(task.id) == 0  # a retried job sends nothing twice
    assert db.session.query(MailMessage).count() == 1
