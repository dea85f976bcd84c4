"""Editors at work (issue 20): no silent overwrites, personal drafts, a second pair of eyes,
right-to-left Markdown in the textarea, and the smaller comforts."""

from __future__ import annotations

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from flask_babel import force_locale
from sqlalchemy import select

from portal.bidi import LRI, PDI
from portal.content.files import BODY_MAX
from portal.data.content import get_module, get_pending_draft, get_published_revision, list_drafts, list_revisions
from portal.editor.views import SAVED_MESSAGES
from portal.extensions import db
from portal.models import ReviewStatus, RevisionStatus, Role
from portal.models.content import EditPresence
from portal.services import edit_presence
from portal.services.content import (
    EditConflict,
    RevisionInput,
    SaveOutcome,
    SelfReview,
    TranslationStatus,
    confirm_review,
    module_state,
    submit_revision,
)
from portal.services.content.tasks import set_translator_languages
from tests.content_fixtures import AR_HEALTH, EN_HEALTH
from tests.factories import create_staff
from tests.helpers import check_page, sign_in_staff

HEALTH = "halsa-och-vard"
EDIT_EN = f"/editor/{HEALTH}/en"
EDIT_SV = f"/editor/{HEALTH}/sv"


def signed_in(app, staff):
    """A browser of its own for one editor."""
    client = app.test_client()
    sign_in_staff(client, staff)
    return client


def form_of(response) -> dict[str, str]:
    """What the edit page's form would send back as it stands."""
    soup = BeautifulSoup(response.get_data(as_text=True), "html.parser")
    form = soup.select_one("main form:has(#body)")
    fields = {
        i["name"]: i.get("value", "") for i in form.select("input") if i.get("type") not in ("submit", "checkbox")
    }
    fields.update({t["name"]: _value(t) for t in form.select("textarea")})
    fields.update({s["name"]: s.select_one("option[selected]")["value"] for s in form.select("select")})
    fields.pop("csrf_token", None)
    return fields


def _value(textarea) -> str:
    # As a browser reads it: the newline that starts a textarea's content is not part of its value.
    text = textarea.get_text()
    return text[2:] if text.startswith("\r\n") else text[1:] if text.startswith("\n") else text


def textarea(response) -> str:
    return _value(BeautifulSoup(response.get_data(as_text=True), "html.parser").select_one("#body"))


EVA_SENTENCE = "Barn och unga får tandvård utan kostnad."


# -- 1. concurrency --------------------------------------------------------------------------


@pytest.mark.parametrize("button", ["publish", "save"])
def test_the_second_of_two_concurrent_saves_is_refused_and_keeps_its_text(app, eva, omar, button):
    a, b = signed_in(app, eva), signed_in(app, omar)
    form_a, form_b = form_of(a.get(EDIT_EN)), form_of(b.get(EDIT_EN))  # both open the same text
    mine = form_a["body"].replace("Children get", "Children and young people get")
    assert a.post(EDIT_EN, data={**form_a, "body": mine, "publish": "1"}).status_code == 302

    theirs = form_b["body"].replace("Everyone who lives", "Every person who lives")
    response = b.post(EDIT_EN, data={**form_b, "body": theirs, button: "1"})

    assert response.status_code == 409
    soup = check_page(response)
    assert "Eva Redaktör" in soup.select_one(".conflict").get_text()
    assert textarea(response) == theirs  # nothing typed is lost
    view = soup.select_one(".conflict-view")
    assert "Children and young people" in view.select_one(".conflict-columns > div:first-child ins").get_text()
    assert "Every person" in view.select_one(".conflict-columns > div:last-child ins").get_text()
    published = get_published_revision(get_module(HEALTH), "en")
    assert "Children and young people" in published.body and "Every person" not in published.body
    assert get_pending_draft(get_module(HEALTH), "en", author_id=omar.id) is None

    # Having seen both, the second editor merges and saves on purpose: now it goes through.
    merged = mine.replace("Everyone who lives", "Every person who lives")
    assert b.post(EDIT_EN, data={**form_of(response), "body": merged, "publish": "1"}).status_code == 302
    published = get_published_revision(get_module(HEALTH), "en")
    assert "Children and young people" in published.body and "Every person" in published.body


def test_the_service_refuses_a_save_based_on_an_older_revision(eva, omar):
    module = get_module(HEALTH)
    base = get_published_revision(module, "en")
    text = RevisionInput("Health and care", "How to get care.", EN_HEALTH.replace("Children", "Kids"))
    submit_revision(module, "en", text, staff=eva, publish=True, base_revision_id=base.id)
    before = len(list_revisions(module, "en"))
    with pytest.raises(EditConflict) as refused:
        other = RevisionInput("Health and care", "How to get care.", EN_HEALTH + "\nMore.\n")
        submit_revision(module, "en", other, staff=omar, publish=True, base_revision_id=base.id)
    assert refused.value.base.id == base.id and refused.value.theirs.author_staff_id == eva.id
    assert len(list_revisions(module, "en")) == before


def test_an_editor_sees_who_else_has_the_text_open_and_the_notice_expires(app, eva, omar):
    a, b = signed_in(app, eva), signed_in(app, omar)
    assert not check_page(a.get(EDIT_EN)).select(".presence")
    [notice] = check_page(b.get(EDIT_EN)).select(".presence")
    assert "Eva Redaktör" in notice.get_text()
    assert not check_page(b.get(f"/editor/{HEALTH}/ar")).select(".presence")  # another text
    presence = db.session.scalar(select(EditPresence).where(EditPresence.staff_id == eva.id))
    presence.seen_at -= timedelta(minutes=edit_presence.PRESENCE_MINUTES + 1)
    db.session.commit()
    assert not check_page(b.get(EDIT_EN)).select(".presence")


# -- 2. personal drafts ----------------------------------------------------------------------


def test_a_draft_is_its_authors_own_and_can_be_discarded(app, eva, omar):
    a, b = signed_in(app, eva), signed_in(app, omar)
    form = form_of(a.get(EDIT_EN))
    assert a.post(EDIT_EN, data={**form, "body": form["body"] + "\nEva's draft.\n", "save": "1"}).status_code == 302
    [draft] = list_drafts(get_module(HEALTH), "en")
    assert draft.author_staff_id == eva.id and draft.status == RevisionStatus.DRAFT

    # Another editor sees that it exists, by whom and when, but not its text.
    page = b.get(EDIT_EN)
    assert "Eva's draft" not in page.get_data(as_text=True)
    listed = check_page(page).select_one(".drafts li").get_text()
    assert "Eva Redaktör" in listed
    assert b.get(f"/editor/{HEALTH}/en/diff?from={draft.base_revision_id}&to={draft.id}").status_code == 404
    assert b.post(f"/editor/{HEALTH}/en/drafts/{draft.id}/discard", data={}).status_code == 404

    # Publishing their own change never publishes Eva's draft.
    other = form_of(page)
    b.post(EDIT_EN, data={**other, "body": other["body"].replace("Children", "Kids"), "publish": "1"})
    published = get_published_revision(get_module(HEALTH), "en")
    assert "Kids" in published.body and "Eva's draft" not in published.body
    assert list_drafts(get_module(HEALTH), "en") == [draft]

    # Eva sees her draft with its diff, and that the text changed under it; then discards it.
    soup = check_page(a.get(EDIT_EN))
    assert "Eva's draft" in textarea(a.get(EDIT_EN))
    assert soup.select_one(f".drafts a[href*='to={draft.id}']")
    assert "Omar Redaktör" in soup.select_one(".drafts .notice").get_text()
    diff = check_page(a.get(f"/editor/{HEALTH}/en/diff?from={draft.base_revision_id}&to={draft.id}"))
    assert "Eva's draft" in " ".join(ins.get_text() for ins in diff.select(".diff ins"))
    assert a.post(f"/editor/{HEALTH}/en/drafts/{draft.id}/discard", data={}).status_code == 302
    assert list_drafts(get_module(HEALTH), "en") == []
    assert "Eva's draft" not in textarea(a.get(EDIT_EN))


def test_a_revert_tells_the_owner_of_a_pending_draft(app, eva, omar):
    a, b = signed_in(app, eva), signed_in(app, omar)
    original = get_published_revision(get_module(HEALTH), "en")
    form = form_of(b.get(EDIT_EN))
    b.post(EDIT_EN, data={**form, "body": form["body"].replace("Children", "Kids"), "publish": "1"})
    form = form_of(a.get(EDIT_EN))
    a.post(EDIT_EN, data={**form, "body": form["body"] + "\nEva's draft.\n", "save": "1"})
    assert not check_page(a.get(EDIT_EN)).select(".drafts .notice")

    confirm = check_page(b.get(f"/editor/{HEALTH}/en/revert/{original.id}"))
    assert confirm.select_one("main .notice")  # editors have drafts of this text
    assert b.post(f"/editor/{HEALTH}/en/revert/{original.id}", data={}).status_code == 302
    assert "Kids" not in get_published_revision(get_module(HEALTH), "en").body
    assert "Omar Redaktör" in check_page(a.get(EDIT_EN)).select_one(".drafts .notice").get_text()


# -- 3. a second pair of eyes ----------------------------------------------------------------


def test_a_writer_cannot_review_their_own_translation(app, eva, omar):
    set_translator_languages(eva, ["en"])
    set_translator_languages(omar, ["en"])  # only translators of the language review it (issue 16)
    a, b = signed_in(app, eva), signed_in(app, omar)
    form = form_of(a.get(EDIT_EN))
    changed = form["body"].replace("Children", "Kids")
    a.post(EDIT_EN, data={**form, "body": changed, "review_status": "reviewed", "publish": "1"})
    revision = get_published_revision(get_module(HEALTH), "en")
    assert revision.review_status == ReviewStatus.AWAITING_REVIEW
    assert module_state(get_module(HEALTH), "en").status == TranslationStatus.UNREVIEWED
    assert client_sees_notice(a, "/info/halsa-och-vard?lang=en")

    refused = a.post(f"/editor/{HEALTH}/en/review/{revision.id}", data={})
    assert refused.status_code == 403
    assert swedish(SAVED_MESSAGES[SaveOutcome.REVIEW_REQUESTED]) in check_page(refused).select_one("main").get_text()
    with pytest.raises(SelfReview):
        confirm_review(revision, staff=eva)
    assert get_published_revision(get_module(HEALTH), "en").review_status == ReviewStatus.AWAITING_REVIEW

    assert check_page(b.get(EDIT_EN)).select_one(f"form[action$='/review/{revision.id}']")
    assert b.post(f"/editor/{HEALTH}/en/review/{revision.id}", data={}).status_code == 302
    db.session.expire_all()
    assert revision.review_status == ReviewStatus.REVIEWED and revision.reviewed_by_staff_id == omar.id
    assert module_state(get_module(HEALTH), "en").status == TranslationStatus.CURRENT
    assert not client_sees_notice(a, "/info/halsa-och-vard?lang=en")
    who = check_page(a.get(f"/editor/{HEALTH}/en/history")).select_one("td.who").get_text()
    assert who.index("Eva") < who.index("Omar")  # written by Eva, review confirmed by Omar


def swedish(message) -> str:
    """A message as a Swedish-speaking editor reads it."""
    with force_locale("sv"):
        return str(message)


def client_sees_notice(client, path: str) -> bool:
    return check_page(client.get(path)).select_one("main .notice") is not None


def test_a_swedish_change_waits_for_a_second_editor_unless_minor(app, eva, omar):
    a, b = signed_in(app, eva), signed_in(app, omar)
    before = get_published_revision(get_module(HEALTH), "sv")
    form = form_of(a.get(EDIT_SV))
    changed = form["body"].replace("Barn får tandvård utan kostnad.", EVA_SENTENCE)
    assert a.post(EDIT_SV, data={**form, "body": changed, "publish": "1"}).status_code == 302
    assert get_published_revision(get_module(HEALTH), "sv").id == before.id  # not yet published
    [submission] = list_drafts(get_module(HEALTH), "sv")
    assert submission.status == RevisionStatus.AWAITING_APPROVAL
    assert module_state(get_module(HEALTH), "en").status != TranslationStatus.STALE

    assert not check_page(a.get(EDIT_SV)).select_one(f"form[action$='/approve/{submission.id}']")
    assert a.post(f"/editor/{HEALTH}/sv/approve/{submission.id}", data={}).status_code == 403

    page = check_page(b.get(EDIT_SV))
    assert page.select_one(f".drafts a[href*='to={submission.id}']")  # the approver sees what changes
    assert b.post(f"/editor/{HEALTH}/sv/approve/{submission.id}", data={}).status_code == 302
    published = get_published_revision(get_module(HEALTH), "sv")
    assert EVA_SENTENCE in published.body
    assert (published.author_staff_id, published.published_by_staff_id) == (eva.id, omar.id)
    assert module_state(get_module(HEALTH), "en").status == TranslationStatus.STALE
    assert list_drafts(get_module(HEALTH), "sv") == []
    who = check_page(a.get(f"/editor/{HEALTH}/sv/history")).select_one("td.who").get_text()
    assert who.index("Eva") < who.index("Omar")

    # A minor change is published at once.
    form = form_of(a.get(EDIT_SV))
    minor = form["body"].replace("Ring 1177", "Ring  1177").replace("  ", " ").replace("vård.", "vård!", 1)
    a.post(EDIT_SV, data={**form, "body": minor, "minor": "y", "publish": "1"})
    assert get_published_revision(get_module(HEALTH), "sv").published_by_staff_id == eva.id


def test_the_region_can_publish_swedish_changes_without_a_second_editor(app, region, eva):
    region["region"].source_approval_required = False
    db.session.commit()
    a = signed_in(app, eva)
    form = form_of(a.get(EDIT_SV))
    a.post(EDIT_SV, data={**form, "body": form["body"].replace("Barn får", "Alla barn får"), "publish": "1"})
    assert "Alla barn får" in get_published_revision(get_module(HEALTH), "sv").body


def test_a_change_outdated_before_approval_is_not_published(app, eva, omar, region):
    a, b = signed_in(app, eva), signed_in(app, omar)
    form = form_of(a.get(EDIT_SV))
    a.post(EDIT_SV, data={**form, "body": form["body"].replace("Barn får", "Alla barn får"), "publish": "1"})
    [submission] = list_drafts(get_module(HEALTH), "sv")
    form = form_of(b.get(EDIT_SV))
    b.post(EDIT_SV, data={**form, "body": form["body"] + "\nEn rad.\n", "minor": "y", "publish": "1"})
    third = signed_in(app, create_staff(region["region"], Role.EDITOR))
    assert third.post(f"/editor/{HEALTH}/sv/approve/{submission.id}", data={}).status_code == 302
    assert "Alla barn får" not in get_published_revision(get_module(HEALTH), "sv").body
    assert list_drafts(get_module(HEALTH), "sv") == [submission]


# -- 4. editing comfort and right-to-left editing --------------------------------------------


def test_the_arabic_textarea_isolates_links_anchors_and_numbers_and_saving_strips_them(app, eva):
    a = signed_in(app, eva)
    module = get_module(HEALTH)
    body = AR_HEALTH.replace("اتصل بالرقم 1177", "اتصل بالرقم 08-123 456 00 أو [1177.se](https://www.1177.se)")
    submit_revision(
        module, "ar", RevisionInput("الصحة والرعاية", "كيف تحصل على الرعاية.", body), staff=eva, publish=True
    )
    soup = check_page(a.get(f"/editor/{HEALTH}/ar"))
    field = soup.select_one("#body")
    assert (field["dir"], field["lang"]) == ("rtl", "ar")
    shown = field.get_text()
    for piece in ("{#vardcentral}", "{#tandvard}", "[1177.se](https://www.1177.se)", "08-123 456 00"):
        assert f"{LRI}{piece}{PDI}" in shown, piece
    swedish = check_page(a.get(EDIT_SV)).select_one("#body")
    assert swedish["dir"] == "ltr" and LRI not in swedish.get_text()

    # A link typed since is isolated too once the editor previews.
    typed = shown + "\n[الشرطة](https://polisen.se)\n"
    previewed = a.post(
        f"/editor/{HEALTH}/ar", data={**form_of(a.get(f"/editor/{HEALTH}/ar")), "body": typed, "preview": "1"}
    )
    assert f"{LRI}[الشرطة](https://polisen.se){PDI}" in textarea(previewed)

    # Sent back unchanged, the text is the same: no new revision, and no isolate is stored.
    before = len(list_revisions(module, "ar"))
    response = a.post(f"/editor/{HEALTH}/ar", data={**form_of(a.get(f"/editor/{HEALTH}/ar")), "publish": "1"})
    assert response.status_code == 302
    assert len(list_revisions(module, "ar")) == before
    form = form_of(a.get(f"/editor/{HEALTH}/ar"))
    a.post(f"/editor/{HEALTH}/ar", data={**form, "body": form["body"] + "\nسطر.\n", "publish": "1"})
    stored = get_published_revision(module, "ar").body
    assert "سطر." in stored and LRI not in stored and PDI not in stored


def test_publishing_identical_text_makes_no_duplicate_revision(app, eva):
    a = signed_in(app, eva)
    module = get_module(HEALTH)
    before = [r.id for r in list_revisions(module, "en")]
    response = a.post(EDIT_EN, data={**form_of(a.get(EDIT_EN)), "publish": "1"}, follow_redirects=True)
    assert check_page(response).select_one(".flash")  # says that nothing changed
    assert [r.id for r in list_revisions(module, "en")] == before
    original = get_published_revision(module, "en")
    form = form_of(a.get(EDIT_EN))
    a.post(EDIT_EN, data={**form, "body": form["body"].replace("Children", "Kids"), "publish": "1"})
    a.post(EDIT_EN, data={**form_of(a.get(EDIT_EN)), "publish": "1"})
    assert len(list_revisions(module, "en")) == len(before) + 1
    a.post(f"/editor/{HEALTH}/en/revert/{original.id}", data={})
    a.post(f"/editor/{HEALTH}/en/revert/{original.id}", data={})  # the same text again: nothing new
    assert len(list_revisions(module, "en")) == len(before) + 2


def test_the_reader_link_does_not_change_the_editors_language(app, eva):
    a = signed_in(app, eva)
    link = check_page(a.get(f"/editor/{HEALTH}/ar")).find("a", href=f"/info/{HEALTH}?lang=ar")
    assert link is not None
    assert check_page(a.get(link["href"])).html["lang"] == "ar"
    assert check_page(a.get("/editor/")).html["lang"] == "sv"


def test_a_403_says_why(client, region, synced):
    sign_in_staff(client, create_staff(region["sodertalje"], Role.EDITOR))
    response = client.get(EDIT_SV)
    assert response.status_code == 403
    assert "region" in check_page(response).select_one("main").get_text()  # "Bara redaktörer på regionen ..."


def test_editor_pages_show_the_module_title_not_its_slug(app, eva):
    a = signed_in(app, eva)
    for path in (EDIT_EN, f"/editor/{HEALTH}/en/history"):
        heading = check_page(a.get(path)).h1.get_text()
        assert "Hälsa och vård" in heading and HEALTH not in heading, path


def test_presence_marks_from_two_tabs_make_one_row(eva):
    module = get_module(HEALTH)
    edit_presence.mark_editing(module, "en", eva)
    edit_presence.mark_editing(module, "en", eva)
    assert len(db.session.scalars(select(EditPresence)).all()) == 1


def test_the_rule_is_set_per_region_from_the_command_line(app, region):
    runner = app.test_cli_runner()
    assert (
        "stockholms-lan: second editor's approval on"
        in runner.invoke(args=["content", "source-approval", "show"]).output
    )
    result = runner.invoke(args=["content", "source-approval", "off", "--region", "stockholms-lan"])
    assert result.exit_code == 0 and "off" in result.output
    db.session.expire_all()
    assert region["region"].source_approval_required is False
    assert runner.invoke(args=["content", "source-approval", "on", "--region", "nowhere"]).exit_code == 1


@pytest.mark.parametrize(
    ("letter", "status"),
    [("ب", 200), ("ሀ", 200), ("a", 200), ("ب", 422)],
    ids=["arabic", "tigrinya", "swedish", "arabic-too-long"],
)
def test_the_size_limit_is_the_same_in_every_script_and_said_before_sending(app, eva, letter, status):
    a = signed_in(app, eva)
    page = check_page(a.get(f"/editor/{HEALTH}/ar"))
    assert page.select_one("#body")["maxlength"] == str(BODY_MAX) and page.select_one("#body-limit")
    length = BODY_MAX - 1_000 if status == 200 else BODY_MAX + 10
    body = AR_HEALTH + "\n" + " ".join([letter * 9] * (length // 10)) + "\n"
    form = form_of(a.get(f"/editor/{HEALTH}/ar"))
    response = a.post(f"/editor/{HEALTH}/ar", data={**form, "body": body, "preview": "1"})
    assert response.status_code == status  # never a bare 413


def test_a_translator_sees_each_swedish_section_beside_theirs_with_the_changed_words(app, region, eva):
    region["region"].source_approval_required = False
    db.session.commit()
    a = signed_in(app, eva)
    form = form_of(a.get(EDIT_SV))
    a.post(EDIT_SV, data={**form, "body": form["body"].replace("Barn får", "Barn och unga får"), "publish": "1"})
    soup = check_page(a.get(f"/editor/{HEALTH}/ar"))
    pairs = {p.h3.get_text(strip=True): p for p in soup.select(".side-by-side .section-pair")}
    assert len(pairs) == 3 and list(pairs)[1:] == ["Vårdcentralen", "Tandvård"]  # the introduction first
    dental = pairs["Tandvård"]
    assert [ins.get_text() for ins in dental.select(".word-diff ins")] == ["och unga "]
    assert "يحصل الأطفال" in dental.select("pre")[-1].get_text()
    assert dental.select("pre")[-1]["dir"] == "rtl"
    assert not pairs["Vårdcentralen"].select(".word-diff")  # unchanged in Swedish


@pytest.mark.parametrize(("ticked", "warned"), [(False, True), (True, False)])
def test_publishing_a_stale_translation_without_the_matches_mark_is_warned(app, region, eva, ticked, warned):
    region["region"].source_approval_required = False
    db.session.commit()
    a = signed_in(app, eva)
    form = form_of(a.get(EDIT_SV))
    a.post(EDIT_SV, data={**form, "body": form["body"].replace("Barn får", "Barn och unga får"), "publish": "1"})
    form = form_of(a.get(EDIT_EN))
    changed = {**form, "body": form["body"].replace("Children get", "Children and young people get"), "publish": "1"}
    if ticked:
        changed["matches_source"] = "y"
    page = check_page(a.post(EDIT_EN, data=changed, follow_redirects=True))
    assert (len(page.select(".flash p")) == 2) is warned
    stale = module_state(get_module(HEALTH), "en").status == TranslationStatus.STALE
    assert stale is warned


def test_the_matrix_counts_each_state_and_filters_by_it(app, eva, omar):
    a = signed_in(app, eva)
    page = check_page(a.get("/editor/"))
    counts = {
        tr.th.get_text(strip=True): [td.get_text(strip=True) for td in tr.select("td")]
        for tr in page.select("table.status-matrix tfoot tr")
    }
    rows = page.select("table.status-matrix tbody tr")
    # sv column: health and housing have Swedish text (not reviewed), the other ten modules none.
    missing_sv = sum("status-missing" in tr.select("td")[0]["class"] for tr in rows)
    assert [int(row[0]) for row in counts.values()] == [0, 12 - missing_sv, 0, missing_sv]
    assert sum(int(n) for row in counts.values() for n in row) == len(rows) * 12

    b = signed_in(app, omar)
    form = form_of(b.get(EDIT_EN))
    b.post(EDIT_EN, data={**form, "body": form["body"] + "\nOmar.\n", "save": "1"})
    assert not check_page(a.get("/editor/?show=mine")).select("table.status-matrix tbody tr")  # Omar's, not Eva's
    form = form_of(a.get(f"/editor/{HEALTH}/ar"))
    a.post(f"/editor/{HEALTH}/ar", data={**form, "body": form["body"] + "\nسطر.\n", "save": "1"})
    [mine] = check_page(a.get("/editor/?show=mine")).select("table.status-matrix tbody tr")
    assert mine.th.get_text(strip=True) == "Hälsa och vård"
    missing = check_page(a.get("/editor/?show=missing")).select("table.status-matrix tbody tr")
    assert len(missing) == len(rows)  # every module lacks some language
    assert not check_page(a.get("/editor/?show=stale")).select("table.status-matrix tbody tr")


def test_the_api_shows_a_review_awaiting_confirmation_as_not_reviewed(app, client, eva):
    module = get_module(HEALTH)
    text = RevisionInput("Health and care", "How to get care.", EN_HEALTH.replace("Children", "Kids"), "reviewed")
    submit_revision(module, "en", text, staff=eva, publish=True)
    assert get_published_revision(module, "en").review_status == ReviewStatus.AWAITING_REVIEW
    assert client.get(f"/api/v1/modules/{HEALTH}?lang=en").json["review_status"] == "unreviewed-draft"
