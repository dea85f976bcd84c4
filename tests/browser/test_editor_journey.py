"""A regional editor in a real browser: signs in, changes one section of the Swedish text of a
civic-information module, publishes it, and sees every translation of that module marked stale
in the overview, with the changed section named, and what changed in the Swedish text.
Runs with JavaScript on and off, on the real module in all 12 languages."""

from __future__ import annotations

import shutil
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


def test_editor_changes_the_swedish_text_publishes_and_sees_the_translations_stale(page, region, content, request):
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

    module = get_module(HEALTH)
    published = get_published_revision(module, "sv")
    assert published.id != sv_before.id and NEW_SENTENCE in published.body and not published.minor
    assert len(list_revisions(module, "sv")) == 2
    assert {code: module_state(module, code).status for code in TRANSLATIONS} == dict.fromkeys(
        TRANSLATIONS, TranslationStatus.STALE
    )
    assert module_state(get_module(HOUSING), "en").status != TranslationStatus.STALE

    # The overview: every translation of the module is stale, with "Tandvård" named; housing is not.
    page.locator(".breadcrumbs a").click()
    page.wait_for_url("**/editor/")
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
