"""Issue 20, "done when", in a real browser: a Swedish change, approved by a second editor, creates
translator tasks; the Arabic translator is told on her start page, opens her task list and completes
the task side by side in Arabic; the matrix shows each editor their own next action (approve, your
draft, update). Two editors saving at once is in test_editor_journey. JavaScript on and off."""

from __future__ import annotations

import shutil

import pytest

from portal.data.content import get_module, get_published_revision
from portal.extensions import db
from portal.languages import LANGUAGES
from portal.models import LinkCheck, Role, TaskClosed, utcnow
from portal.services.content import (
    RevisionInput,
    TranslationStatus,
    approve_submission,
    module_state,
    open_task_for,
    open_tasks,
    submit_revision,
    sync_from_files,
)
from portal.services.content.links import links_in
from portal.services.content.tasks import set_translator_languages
from tests.browser.conftest import screenshot, sign_in_staff_in_browser
from tests.browser.test_editor_journey import CONTENT, HEALTH, NEW_SENTENCE, OLD_SENTENCE, _second_browser
from tests.factories import create_staff

pytestmark = pytest.mark.browser

CODES = [lang.code for lang in LANGUAGES]
AR_OLD = "الأطفال والشباب يحصلون على علاج الأسنان مجاناً حتى عمر معيّن."
AR_NEW = "الأطفال والشباب يحصلون على علاج الأسنان مجاناً حتى نهاية السنة التي يبلغون فيها 23 عاماً."


@pytest.fixture
def health(app, tmp_path):
    """The real health module, in all 12 languages."""
    shutil.copytree(CONTENT / HEALTH, tmp_path / HEALTH)
    sync_from_files(tmp_path)


def _health_cell(page, code: str):
    row = page.locator("table.status-matrix tbody tr").filter(has=page.locator("th", has_text="Hälsa och vård"))
    return row.locator("td").nth(CODES.index(code))


def test_a_swedish_change_becomes_an_arabic_task_completed_side_by_side(
    page, browser, live_server, region, health, request
):
    run = request.node.callspec.id
    eva = create_staff(region["region"], Role.EDITOR, name="Eva Redaktör")
    omar = create_staff(region["region"], Role.EDITOR, name="Omar Redaktör")
    rania = create_staff(region["region"], Role.EDITOR, name="Rania Översättare")
    set_translator_languages(rania, ["ar"])
    assert open_tasks() == []

    # Eva changes the Swedish and sends it for approval: her matrix says it is her draft.
    sign_in_staff_in_browser(page, eva)
    page.goto(f"/editor/{HEALTH}/sv")
    body = page.locator("#body")
    body.fill(body.input_value().replace(OLD_SENTENCE, NEW_SENTENCE))
    page.locator("main form [name=publish]").click()
    page.locator(".flash").wait_for()
    page.goto("/editor/")
    assert _health_cell(page, "sv").get_attribute("data-action") == "continue"
    assert open_tasks() == []  # nothing is published yet, so no translation is stale

    # Omar's matrix tells him to approve it; he does, from the cell's link.
    with _second_browser(browser, live_server, omar, request) as other:
        other.goto("/editor/")
        cell = _health_cell(other, "sv")
        assert cell.get_attribute("data-action") == "approve"
        cell.locator("a.next-action").click()
        other.wait_for_url(f"**/editor/{HEALTH}/sv")
        other.locator(".drafts form[action*='/approve/'] button").click()
        other.locator(".flash").wait_for()
    assert NEW_SENTENCE in get_published_revision(get_module(HEALTH), "sv").body
    assert sorted(t.language for t in open_tasks()) == sorted(c for c in CODES if c != "sv")
    task = open_task_for(get_module(HEALTH), "ar")

    # Rania is told on her start page, and her matrix marks the Arabic as her next action.
    with _second_browser(browser, live_server, rania, request) as translator:
        translator.set_viewport_size({"width": 1280, "height": 900})
        translator.goto("/editor/")
        assert "1" in translator.locator(".task-inbox").inner_text()
        ar_cell = _health_cell(translator, "ar")
        assert ar_cell.get_attribute("data-action") == "update"
        assert "next-mine" in ar_cell.get_attribute("class")
        assert "next-mine" not in _health_cell(translator, "en").get_attribute("class")  # not her language
        screenshot(translator, f"editor-tasks-inbox-{run}")
        translator.locator(".task-inbox a").click()
        translator.wait_for_url("**/editor/tasks?lang=ar")
        translator.locator("table.task-list a").click()
        translator.wait_for_url(f"**/editor/{HEALTH}/ar*")

        # Side by side: the Swedish now, the words changed in it, and the Arabic (right to left).
        side = translator.locator("details#side-by-side")
        assert side.get_attribute("open") is not None
        pair = side.locator("section.section-pair").filter(has=translator.locator("h3", has_text="Tandvård"))
        assert "23" in " ".join(pair.locator(".word-diff ins").all_inner_texts())
        assert pair.locator("pre[lang=ar]").get_attribute("dir") == "rtl"
        screenshot(translator, f"editor-task-side-by-side-ar-{run}")

        text = translator.locator("#body")
        assert text.get_attribute("dir") == "rtl"
        arabic = text.input_value()
        assert AR_OLD in arabic
        text.fill(arabic.replace(AR_OLD, AR_NEW))
        translator.locator("#matches_source").check()
        translator.locator("main form [name=publish]").click()
        translator.locator(".flash").wait_for()
        assert not translator.locator(".task-notice").count()

        translator.goto("/editor/")
        assert not translator.locator(".task-inbox").count()
        assert _health_cell(translator, "ar").get_attribute("data-action") != "update"
        screenshot(translator, f"editor-tasks-done-{run}")

    published = get_published_revision(get_module(HEALTH), "ar")
    assert AR_NEW in published.body and published.author_staff_id == rania.id
    assert module_state(get_module(HEALTH), "ar").status != TranslationStatus.STALE
    db.session.expire_all()
    assert task.closed == TaskClosed.TRANSLATED and task.done_by_id == rania.id
    assert open_task_for(get_module(HEALTH), "en") is not None  # the other languages still wait


@pytest.mark.parametrize("lang", ["sv", "ar"])
def test_the_task_pages_and_the_dashboard_pass_axe_in_swedish_and_arabic(browser, live_server, region, health, lang):
    from tests.browser.test_accessibility import _browsing, _violations

    eva = create_staff(region["region"], Role.EDITOR, name="Eva Redaktör")
    omar = create_staff(region["region"], Role.EDITOR, name="Omar Redaktör")
    rania = create_staff(region["region"], Role.EDITOR, name="Rania Översättare")
    set_translator_languages(rania, ["ar"])
    module = get_module(HEALTH)
    sv = get_published_revision(module, "sv")
    changed = RevisionInput(sv.title, sv.summary, sv.body.replace(OLD_SENTENCE, NEW_SENTENCE))
    approve_submission(submit_revision(module, "sv", changed, staff=eva, publish=True).revision, staff=omar)
    # A broken link on the dashboard, as the checker would have recorded it.
    url = links_in(sv.body)[0]
    db.session.add(LinkCheck(url=url, ok=False, status_code=404, broken_since=utcnow()))
    db.session.commit()

    problems: list[str] = []
    with _browsing(browser, live_server, lang) as page:
        sign_in_staff_in_browser(page, rania)
        assert page.locator("html").get_attribute("lang") == lang
        for path in ("/editor/", "/editor/?show=todo&sort=work", "/editor/tasks", f"/editor/{HEALTH}/ar"):
            problems += _violations(page, path)
        assert page.locator(".task-notice").count() == 1
    assert not problems, "\n".join(problems)


# Where each character of `needle`'s first occurrence in a textarea's value is drawn, measured on a
# mirror of the textarea (same direction, font and wrapping): a textarea's glyphs have no DOM of
# their own, so this is how a caret or a highlight library finds them too.
_MIRROR_POSITIONS = """([selector, needle, strip]) => {
  const area = document.querySelector(selector);
  let text = area.value;
  if (strip) text = text.replace(/[\\u2066-\\u2069]/g, "");
  const style = getComputedStyle(area);
  const mirror = document.createElement("div");
  for (const p of ["direction", "fontFamily", "fontSize", "lineHeight", "width", "padding", "letterSpacing"]) {
    mirror.style[p] = style[p];
  }
  mirror.style.whiteSpace = "pre-wrap";
  mirror.style.unicodeBidi = style.unicodeBidi;
  mirror.dir = area.dir;
  mirror.textContent = text;
  document.body.appendChild(mirror);
  const node = mirror.firstChild;
  const start = text.indexOf(needle);
  if (start < 0) { mirror.remove(); return null; }
  const xs = [];
  for (let i = 0; i < needle.length; i++) {
    // Skip the invisible isolates: they are not drawn.
    if (/[\\u2066-\\u2069]/.test(needle[i])) continue;
    const range = document.createRange();
    range.setStart(node, start + i);
    range.setEnd(node, start + i + 1);
    const box = range.getBoundingClientRect();
    xs.push(box.x);
  }
  mirror.remove();
  return xs;
}"""


def _drawn(page, needle: str, *, strip: bool = False) -> list[float]:
    value = page.locator("#body").input_value()
    isolated = next(
        (run for run in _isolated_runs(value) if needle in run.replace("\u2066", "").replace("\u2069", "")), None
    )
    target = isolated if isolated and not strip else needle
    xs = page.evaluate(_MIRROR_POSITIONS, ["#body", target, strip])
    assert xs, f"{needle!r} is not in the textarea"
    return xs


def _isolated_runs(value: str) -> list[str]:
    runs, depth, start = [], 0, 0
    for i, char in enumerate(value):
        if char == "\u2066":
            if depth == 0:
                start = i
            depth += 1
        elif char == "\u2069" and depth:
            depth -= 1
            if depth == 0:
                runs.append(value[start : i + 1])
    return runs


def test_the_arabic_textarea_draws_links_and_anchors_in_their_true_order(browser, live_server, region, health):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, base_url=live_server)
    page = context.new_page()
    try:
        sign_in_staff_in_browser(page, create_staff(region["region"], Role.EDITOR))
        page.goto(f"/editor/{HEALTH}/ar")
        assert page.locator("#body").get_attribute("dir") == "rtl"
        for needle in ("[1177.se](https://www.1177.se)", "{#vardcentral}"):
            xs = _drawn(page, needle)
            assert xs == sorted(xs), f"{needle!r} is not drawn left to right in the Arabic textarea: {xs}"
            # Without the isolates the same text is drawn out of order (the defect the issue saw),
            # so the check can fail.
            bare = _drawn(page, needle, strip=True)
            assert bare != sorted(bare), f"{needle!r} drawn in order even without isolates: the check sees nothing"
    finally:
        context.close()
