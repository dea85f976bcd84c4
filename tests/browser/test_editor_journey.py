"""A regional editor in a real browser: signs in, changes one section of the Swedish text of a
civic-information module, publishes it, a second editor approves it (issue 20), and the first sees
every translation of that module marked stale in the overview, with the changed section named, and
what changed in the Swedish text. Two editors saving at once: the second is refused and keeps the
text. Runs with JavaScript on and off, on the real module in all 12 languages."""

from __future__ import annotations

import shutil
from contextlib import contextmanager
from pathlib import Path

import pytest

from portal.data.content import get_module, get_published_revision, list_revisions
from portal.languages import LANGUAGES, SOURCE_LANGUAGE
from portal.models import Role
from portal.services.content import TranslationStatus, module_state, sync_from_files
from tests.browser.conftest import screenshot, sign_in_staff_in_browser
from tests.factories import create_staff

pytestmark = pytest.mark.browser

CONTENT = Path(__file__).resolve().parents[2] / "content" / "samhallsinfo"
HEALTH, HOUSING = "halsa-och-vard", "boende"
TRANSLATIONS = [lang.code for lang in LANGUAGES if lang.code != SOURCE_LANGUAGE]
OLD_SENTENCE = "Barn och unga får tandvård utan kostnad upp till en viss ålder."
NEW_SENTENCE = "Barn och unga får tandvård utan kostnad till och med det år de fyller 23 år."


@pytest.fixture
def content(app, tmp_path):
    """The real health and housing modules, in all 12 languages."""
    for slug in (HEALTH, HOUSING):
        shutil.copytree(CONTENT / slug, tmp_path / slug)
    sync_from_files(tmp_path)


def _row_cells(page, title: str) -> dict[str, object]:
    """The overview's cells for one module, by language code."""
    codes = page.locator("table.status-matrix thead th abbr").all_inner_texts()
    row = page.locator("table.status-matrix tbody tr").filter(has=page.locator("th", has_text=title))
    cells = row.locator("td")
    assert cells.count() == len(codes) == len(LANGUAGES)
    return {code.strip(): cells.nth(i) for i, code in enumerate(codes)}


def _is_stale(cell) -> bool:
    return "status-stale" in (cell.get_attribute("class") or "").split()


def test_editor_changes_the_swedish_text_publishes_and_sees_the_translations_stale(
    page, browser, live_server, region, content, request
):
    run = request.node.callspec.id
    sv_before = get_published_revision(get_module(HEALTH), "sv")
    assert OLD_SENTENCE in sv_before.body, "the test's sentence is no longer in the content"
    editor = create_staff(region["region"], Role.EDITOR, name="Eva Redaktör")

    sign_in_staff_in_browser(page, editor)
    page.goto("/editor/")
    health = _row_cells(page, "Hälsa och vård")
    assert not [code for code, cell in health.items() if _is_stale(cell)]
    screenshot(page, f"editor-overview-before-{run}")

    # Open the Swedish text from the matrix, change one sentence in "Tandvård" and publish.
    health["sv"].locator("a").click()
    page.wait_for_url(f"**/editor/{HEALTH}/sv")
    body = page.locator("#body")
    assert body.get_attribute("lang") == "sv"
    text = body.input_value()
    assert OLD_SENTENCE in text
    body.fill(text.replace(OLD_SENTENCE, NEW_SENTENCE))
    screenshot(page, f"editor-edit-sv-{run}")
    page.locator("main form [name=publish]").click()
    page.locator(".flash").wait_for()

    # A Swedish change is published when a second editor approves it (the region's default).
    module = get_module(HEALTH)
    assert get_published_revision(module, "sv").id == sv_before.id
    approver = create_staff(region["region"], Role.EDITOR, name="Omar Redaktör")
    with _second_browser(browser, live_server, approver, request) as other:
        other.goto(f"/editor/{HEALTH}/sv")
        other.locator(".drafts form[action*='/approve/'] button").click()
        other.locator(".flash").wait_for()

    published = get_published_revision(module, "sv")
    assert published.id != sv_before.id and NEW_SENTENCE in published.body and not published.minor
    assert (published.author_staff_id, published.published_by_staff_id) == (editor.id, approver.id)
    assert len(list_revisions(module, "sv")) == 2
    assert {code: module_state(module, code).status for code in TRANSLATIONS} == dict.fromkeys(
        TRANSLATIONS, TranslationStatus.STALE
    )
    assert module_state(get_module(HOUSING), "en").status != TranslationStatus.STALE

    # The overview: every translation of the module is stale, with "Tandvård" named; housing is not.
    page.goto("/editor/")
    health = _row_cells(page, "Hälsa och vård")
    assert [code for code, cell in health.items() if _is_stale(cell)] == TRANSLATIONS
    assert not _is_stale(health["sv"])
    for code in TRANSLATIONS:
        assert health[code].locator(".changed-sections li").all_inner_texts() == ["Tandvård"], code
    housing = _row_cells(page, "Boende")
    assert not [code for code, cell in housing.items() if _is_stale(cell)]
    screenshot(page, f"editor-overview-stale-{run}")

    # A translation says so too, and links to what changed in the Swedish text.
    health["ar"].locator("a").click()
    page.wait_for_url(f"**/editor/{HEALTH}/ar")
    assert page.locator("#body").get_attribute("dir") == "rtl"
    assert page.locator(".notice .changed-sections li").all_inner_texts() == ["Tandvård"]
    page.locator(".notice a[href*='/diff']").click()
    page.wait_for_url("**/diff?*")
    # The diff is by line: the one paragraph that changed, removed and added.
    [added] = page.locator(".diff ins").all_inner_texts()
    [removed] = page.locator(".diff del").all_inner_texts()
    assert added.startswith("+ ") and NEW_SENTENCE in added and OLD_SENTENCE not in added
    assert removed.startswith("− ") and OLD_SENTENCE in removed and NEW_SENTENCE not in removed
    screenshot(page, f"editor-diff-sv-{run}")


@contextmanager
def _second_browser(browser, live_server, staff, request):
    """Another editor at another computer: a browser of their own, signed in, JavaScript as the test's."""
    context = browser.new_context(
        viewport={"width": 1280, "height": 900},
        java_script_enabled=request.node.callspec.id == "js",
        base_url=live_server,
        locale="sv-SE",
    )
    other = context.new_page()
    sign_in_staff_in_browser(other, staff)
    try:
        yield other
    finally:
        context.close()


def test_two_editors_save_at_once_and_the_second_keeps_their_text(page, browser, live_server, region, content, request):
    run = request.node.callspec.id
    eva = create_staff(region["region"], Role.EDITOR, name="Eva Redaktör")
    omar = create_staff(region["region"], Role.EDITOR, name="Omar Redaktör")
    sign_in_staff_in_browser(page, eva)
    page.goto(f"/editor/{HEALTH}/en")
    with _second_browser(browser, live_server, omar, request) as other:
        other.goto(f"/editor/{HEALTH}/en")
        assert "Eva Redaktör" in other.locator(".presence").inner_text()  # Eva opened it first

        eva_text = page.locator("#body").input_value() + "\nEva's sentence.\n"
        page.locator("#body").fill(eva_text)
        page.locator("main form [name=publish]").click()
        page.locator(".flash").wait_for()

        omar_text = other.locator("#body").input_value() + "\nOmar's sentence.\n"
        other.locator("#body").fill(omar_text)
        other.locator("main form [name=publish]").click()
        other.locator(".conflict").wait_for()
        assert "Eva Redaktör" in other.locator(".conflict").inner_text()
        assert other.locator("#body").input_value() == omar_text  # nothing typed is lost
        assert "Eva's sentence." in other.locator(".conflict-view").inner_text()
        screenshot(other, f"editor-conflict-{run}")
        published = get_published_revision(get_module(HEALTH), "en")
        assert "Eva's sentence." in published.body and "Omar's sentence." not in published.body


def test_the_matrix_shows_all_twelve_languages_at_1024_px(page, region, content, request):
    sign_in_staff_in_browser(page, create_staff(region["region"], Role.EDITOR))
    page.set_viewport_size({"width": 1024, "height": 768})
    page.goto("/editor/")
    scroller = page.locator(".matrix-wrap .table-scroll")
    assert scroller.evaluate("el => el.scrollWidth <= el.clientWidth"), "the matrix scrolls sideways"
    last = page.locator("table.status-matrix thead th").last.bounding_box()
    assert last["x"] + last["width"] <= 1024
    screenshot(page, f"editor-matrix-1024-{request.node.callspec.id}")


def test_the_preview_sits_beside_the_text_in_a_phone_wide_frame(page, region, content, request):
    sign_in_staff_in_browser(page, create_staff(region["region"], Role.EDITOR))
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"/editor/{HEALTH}/ar")
    page.locator("main form [name=preview]").click()
    page.locator(".phone-frame").wait_for()
    text, frame = page.locator("#body").bounding_box(), page.locator(".phone-frame").bounding_box()
    assert frame["width"] <= 360 and frame["y"] < text["y"] + text["height"]  # beside, not under
    assert frame["x"] + frame["width"] <= text["x"] or text["x"] + text["width"] <= frame["x"]
    screenshot(page, f"editor-preview-ar-{request.node.callspec.id}")
