"""The editor: status matrix, edit with preview, drafts, publishing, history, diff, revert,
local sections, and who may change what."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from portal.data.content import get_module, get_published_revision, list_revisions
from portal.extensions import db
from portal.languages import LANGUAGES
from portal.models import AuditEvent, LocalSection, RevisionStatus, Role
from portal.services.content import LocalInput, TranslationStatus, module_state, save_local_section, sync_from_files
from tests.content.test_markdown import PAYLOADS, assert_harmless
from tests.content_fixtures import SV_HEALTH, small_tree
from tests.factories import create_staff
from tests.helpers import check_page, sign_in_staff

HEALTH = "halsa-och-vard"


@pytest.fixture
def synced(app, tmp_path):
    sync_from_files(small_tree(tmp_path))


@pytest.fixture
def regional_editor(client, region, synced):
    # These tests are about editing one text; the second editor's approval has its own tests
    # (tests/editor/test_editors_at_work.py), where the rule is on as by default.
    region["region"].source_approval_required = False
    db.session.commit()
    staff = create_staff(region["region"], Role.EDITOR)
    sign_in_staff(client, staff)
    return staff


def form_data(body: str = SV_HEALTH, **extra) -> dict:
    return {
        "title": "Hälsa och vård",
        "summary": "Så får du vård.",
        "body": body,
        "review_status": "unreviewed-draft",
        **extra,
    }


CHANGED = SV_HEALTH.replace("Barn får tandvård utan kostnad.", "Barn och unga får tandvård utan kostnad.")


@pytest.mark.parametrize("lang", LANGUAGES, ids=lambda lang: lang.code)
def test_every_editor_page_passes_the_page_checks_in_every_language(client, regional_editor, region, lang):
    client.post(f"/editor/{HEALTH}/sv", data=form_data(CHANGED, publish="1"))
    revisions = list_revisions(get_module(HEALTH), "sv")
    client.get(f"/language/{lang.code}")
    for path in (
        "/editor/",
        f"/editor/{HEALTH}/sv",
        f"/editor/{HEALTH}/en",
        f"/editor/{HEALTH}/{lang.code}",
        f"/editor/{HEALTH}/sv/history",
        f"/editor/{HEALTH}/sv/diff?from={revisions[-1].id}&to={revisions[0].id}",
        "/editor/local",
    ):
        response = client.get(path)
        assert response.status_code == 200, path
        check_page(response, lang=lang.code)


@pytest.mark.parametrize("lang", LANGUAGES, ids=lambda lang: lang.code)
def test_the_local_section_pages_pass_the_page_checks_in_every_language(client, region, synced, lang):
    staff = create_staff(region["botkyrka"], Role.EDITOR)
    section = save_local_section(
        None, LocalInput("boende", region["botkyrka"].id, "sv", "Kontor", "Text.", True), staff=staff
    )
    sign_in_staff(client, staff)
    client.get(f"/language/{lang.code}")
    for path in ("/editor/", "/editor/local", "/editor/local/new", f"/editor/local/{section.id}"):
        response = client.get(path)
        assert response.status_code == 200, path
        check_page(response, lang=lang.code)


def test_a_swedish_change_shows_in_the_matrix_exactly_which_translations_became_stale(client, regional_editor):
    response = client.post(f"/editor/{HEALTH}/sv", data=form_data(CHANGED, publish="1"))
    assert response.status_code == 302
    soup = check_page(client.get("/editor/"))
    row = next(
        tr for tr in soup.select("table.status-matrix tbody tr") if tr.th.get_text(strip=True) == "Hälsa och vård"
    )
    headers = [th.get_text(strip=True) for th in soup.select("table.status-matrix thead th")][1:]
    cells = dict(zip(headers, row.find_all("td"), strict=True))
    stale = [code for code, td in cells.items() if "status-stale" in td["class"]]
    assert stale == ["en", "ar"]
    assert [li.get_text(strip=True) for li in cells["en"].select(".changed-sections li")] == ["Tandvård"]
    assert "status-missing" in cells["fa"]["class"]
    housing = next(tr for tr in soup.select("table.status-matrix tbody tr") if tr.th.get_text(strip=True) == "Boende")
    assert not housing.select(".status-stale")


def test_a_minor_swedish_change_keeps_the_translations_current(client, regional_editor):
    client.post(f"/editor/{HEALTH}/sv", data=form_data(SV_HEALTH.replace("laga dina", "laga"), minor="y", publish="1"))
    assert module_state(get_module(HEALTH), "en").status == TranslationStatus.CURRENT
    assert get_published_revision(get_module(HEALTH), "sv").minor


def test_preview_shows_the_text_without_saving_it(client, regional_editor):
    before = len(list_revisions(get_module(HEALTH), "sv"))
    response = client.post(f"/editor/{HEALTH}/sv", data=form_data(CHANGED, preview="1"))
    soup = check_page(response)
    assert "Barn och unga" in soup.select_one("section.preview").get_text()
    assert len(list_revisions(get_module(HEALTH), "sv")) == before


def test_saving_a_draft_leaves_the_published_text_alone_until_it_is_published(client, regional_editor):
    client.post(f"/editor/{HEALTH}/sv", data=form_data(CHANGED, save="1"))
    module = get_module(HEALTH)
    assert "Barn och unga" not in get_published_revision(module, "sv").body
    assert list_revisions(module, "sv")[0].status == RevisionStatus.DRAFT
    assert "Barn och unga" in client.get(f"/editor/{HEALTH}/sv").get_data(as_text=True)  # the form holds the draft
    client.post(f"/editor/{HEALTH}/sv", data=form_data(CHANGED, publish="1"))
    assert "Barn och unga" in get_published_revision(module, "sv").body
    assert len(list_revisions(module, "sv")) == 2  # the draft became the published revision


def test_history_diff_and_revert(client, regional_editor):
    module = get_module(HEALTH)
    original = get_published_revision(module, "sv")
    client.post(f"/editor/{HEALTH}/sv", data=form_data(CHANGED, publish="1"))
    changed = get_published_revision(module, "sv")
    soup = check_page(client.get(f"/editor/{HEALTH}/sv/history"))
    assert soup.find("a", href=f"/editor/{HEALTH}/sv/revert/{original.id}")
    soup = check_page(client.get(f"/editor/{HEALTH}/sv/diff?from={original.id}&to={changed.id}"))
    assert "Barn och unga" in soup.select_one(".diff ins").get_text()
    assert "Barn får" in soup.select_one(".diff del").get_text()
    # Revert asks first, showing what readers would see change; asking publishes nothing.
    soup = check_page(client.get(f"/editor/{HEALTH}/sv/revert/{original.id}"))
    assert "Barn får" in soup.select_one(".diff ins").get_text()
    assert soup.select_one("main form[method=post]")
    assert get_published_revision(module, "sv").id == changed.id
    response = client.post(f"/editor/{HEALTH}/sv/revert/{original.id}", data={})
    assert response.status_code == 302
    restored = get_published_revision(module, "sv")
    assert restored.id not in (original.id, changed.id) and restored.body == original.body
    assert module_state(module, "en").status == TranslationStatus.CURRENT


def test_a_diff_of_revisions_from_another_module_is_404(client, regional_editor):
    other = get_published_revision(get_module("boende"), "sv")
    mine = get_published_revision(get_module(HEALTH), "sv")
    assert client.get(f"/editor/{HEALTH}/sv/diff?from={other.id}&to={mine.id}").status_code == 404


BAD_INPUT = [
    # (what, form changes, the error shown)
    ("no title", {"title": ""}, "Please write a title."),
    ("a summary too long for SMS", {"summary": "x" * 161}, "160"),
    ("a heading without anchor", {"body": SV_HEALTH.replace(" {#tandvard}", "")}, "anchor"),
    ("raw HTML", {"body": SV_HEALTH + "\n<script>alert(1)</script>\n"}, "HTML is not allowed"),
    ("a javascript link", {"body": SV_HEALTH + "\n[x](javascript:alert(1))\n"}, "https://"),
    ("an empty section", {"body": SV_HEALTH + "\n## Tom {#tom}\n"}, "empty"),
    ("Markdown in the summary", {"summary": "Så får du **vård**."}, "plain text"),
    ("an unclosed link", {"body": SV_HEALTH + "\nSe [1177](https://www.1177.se.\n"}, "Line 11: a link is not closed"),
    ("a stray **", {"body": SV_HEALTH + "\nBarn får **gratis tandvård.\n"}, "Line 11: bold text"),
]


@pytest.mark.parametrize(("changes", "message"), [b[1:] for b in BAD_INPUT], ids=[b[0] for b in BAD_INPUT])
def test_bad_input_is_refused_with_a_message_and_nothing_is_published(client, regional_editor, changes, message):
    client.get("/language/en")  # the messages below are the English ones
    before = get_published_revision(get_module(HEALTH), "sv").id
    response = client.post(f"/editor/{HEALTH}/sv", data={**form_data(), **changes, "publish": "1"})
    assert response.status_code == 422
    soup = check_page(response)
    assert message in soup.select_one(".error-summary").get_text()
    assert get_published_revision(get_module(HEALTH), "sv").id == before


@pytest.mark.parametrize("payload", [p[1] for p in PAYLOADS], ids=[p[0] for p in PAYLOADS])
def test_xss_payloads_in_editor_input_are_neutralised_in_the_preview(client, regional_editor, payload):
    body = SV_HEALTH.replace("Ring 1177 för råd.", f"Ring 1177 för råd. {payload}")
    response = client.post(f"/editor/{HEALTH}/sv", data=form_data(body, title=f"Hälsa {payload}", preview="1"))
    soup = check_page(response)
    assert_harmless(str(soup.select_one("section.preview")))
    assert not soup.find("script")


def test_xss_payloads_never_reach_the_reader(client, regional_editor):
    body = SV_HEALTH.replace("Ring 1177 för råd.", "Ring 1177. " + " ".join(p[1] for p in PAYLOADS))
    client.post(f"/editor/{HEALTH}/sv", data=form_data(body, publish="1"))
    soup = check_page(client.get(f"/info/{HEALTH}?lang=sv"))
    for part in soup.select("article .module-intro, article .module-section"):
        assert_harmless(str(part))


def test_publishing_is_audited(client, regional_editor):
    client.post(f"/editor/{HEALTH}/sv", data=form_data(CHANGED, publish="1"))
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "content.publish"))
    assert event.actor_staff_id == regional_editor.id
    assert event.details["module"] == HEALTH and event.details["language"] == "sv"


def test_a_form_without_csrf_token_is_refused(client, regional_editor):
    response = client.post(f"/editor/{HEALTH}/sv", data=form_data(CHANGED, publish="1"), csrf=False)
    assert response.status_code == 400
    assert "Barn och unga" not in get_published_revision(get_module(HEALTH), "sv").body


# -- who may change what -----------------------------------------------------------------


@pytest.fixture
def sodertalje_editor(client, region, synced):
    staff = create_staff(region["sodertalje"], Role.EDITOR)
    sign_in_staff(client, staff)
    return staff


@pytest.fixture
def botkyrka_section(region, synced):
    staff = create_staff(region["botkyrka"], Role.EDITOR)
    return save_local_section(
        None, LocalInput("boende", region["botkyrka"].id, "sv", "Botkyrkabyggen", "Ring oss.", True), staff=staff
    )


REGIONAL_WRITES = [
    # (what, method, path, form)
    ("open the regional editor", "get", f"/editor/{HEALTH}/sv", None),
    ("publish regional text", "post", f"/editor/{HEALTH}/sv", form_data(CHANGED, publish="1")),
    ("save a regional draft", "post", f"/editor/{HEALTH}/en", form_data(CHANGED, save="1")),
]


@pytest.mark.parametrize(
    ("method", "path", "data"), [w[1:] for w in REGIONAL_WRITES], ids=[w[0] for w in REGIONAL_WRITES]
)
def test_a_sodertalje_editor_cannot_change_regional_text(client, sodertalje_editor, method, path, data):
    response = client.post(path, data=data) if method == "post" else client.get(path)
    assert response.status_code == 403
    assert "Barn och unga" not in get_published_revision(get_module(HEALTH), "sv").body
    assert len(list_revisions(get_module(HEALTH), "en")) == 1


def test_a_sodertalje_editor_cannot_revert_regional_text(client, sodertalje_editor):
    revision = get_published_revision(get_module(HEALTH), "sv")
    assert client.post(f"/editor/{HEALTH}/sv/revert/{revision.id}", data={}).status_code == 403
    assert len(list_revisions(get_module(HEALTH), "sv")) == 1


def test_a_sodertalje_editor_cannot_open_or_change_botkyrkas_local_section(
    client, sodertalje_editor, region, botkyrka_section
):
    path = f"/editor/local/{botkyrka_section.id}"
    assert client.get(path).status_code == 404
    data = {
        "module": "boende",
        "municipality": region["sodertalje"].id,
        "language": "sv",
        "title": "Ändrad",
        "body": "Ny text.",
        "save": "1",
    }
    assert client.post(path, data=data).status_code == 404
    db.session.refresh(botkyrka_section)
    assert botkyrka_section.title == "Botkyrkabyggen" and botkyrka_section.municipality_id == region["botkyrka"].id


def test_a_sodertalje_editor_cannot_write_a_local_section_for_botkyrka(client, sodertalje_editor, region):
    data = {
        "module": "boende",
        "municipality": region["botkyrka"].id,
        "language": "sv",
        "title": "Vår",
        "body": "Text.",
        "published": "y",
        "save": "1",
    }
    assert client.post("/editor/local/new", data=data).status_code == 422
    assert db.session.scalar(select(LocalSection)) is None


def test_a_sodertalje_editor_writes_local_sections_for_sodertalje(client, sodertalje_editor, region):
    data = {
        "module": "boende",
        "municipality": region["sodertalje"].id,
        "language": "sv",
        "title": "Telgebostäder",
        "body": "Ring [oss](https://www.telgebostader.se).",
        "published": "y",
        "save": "1",
    }
    response = client.post("/editor/local/new", data=data)
    assert response.status_code == 302
    section = db.session.scalar(select(LocalSection))
    assert section.municipality_id == region["sodertalje"].id and section.published
    soup = check_page(client.get("/info/boende?kommun=sodertalje&lang=sv"))
    assert "Telgebostäder" in soup.select_one("section.local-sections").get_text()
    assert db.session.scalar(select(AuditEvent).where(AuditEvent.action == "content.local_section.save"))


def test_the_service_refuses_another_municipalitys_section_even_without_the_form(region, botkyrka_section, synced):
    from portal.services.content import NotAllowed

    staff = create_staff(region["sodertalje"], Role.EDITOR)
    values = LocalInput("boende", region["sodertalje"].id, "sv", "Kapad", "Text.", True)
    with pytest.raises(NotAllowed):
        save_local_section(botkyrka_section, values, staff=staff)


def test_a_regional_editor_does_not_write_local_sections(client, regional_editor):
    assert client.get("/editor/local/new").status_code == 403


ROLES_WITHOUT_ACCESS = [Role.CASEWORKER, Role.COORDINATOR, Role.REVIEWER]


@pytest.mark.parametrize("role", ROLES_WITHOUT_ACCESS)
def test_staff_who_are_not_editors_cannot_open_the_editor(client, region, synced, role):
    sign_in_staff(client, create_staff(region["region"], role))
    assert client.get("/editor/").status_code == 403


def test_an_anonymous_visitor_is_sent_to_the_staff_sign_in(client, synced):
    response = client.get("/editor/")
    assert response.status_code == 302 and "/staff/signin" in response.location
