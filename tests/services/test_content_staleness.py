"""Staleness: which translations a Swedish change leaves behind, section by section."""

from __future__ import annotations

import pytest

from portal.data.content import get_module, get_published_revision
from portal.models import Role
from portal.services.content import (
    ChangedSection,
    NotAllowed,
    RevisionInput,
    TranslationStatus,
    confirm_review,
    module_state,
    revert_to,
    save_revision,
    status_matrix,
    sync_from_files,
)
from portal.services.content.tasks import set_translator_languages
from tests.content_fixtures import AR_HEALTH, EN_HEALTH, SV_HEALTH, small_tree, write_file
from tests.factories import create_staff

HEALTH = "halsa-och-vard"


@pytest.fixture
def synced(db, tmp_path):
    return sync_from_files(small_tree(tmp_path))


@pytest.fixture
def editor(region):
    # Publishing here is the subject, not the second editor's approval (tests/editor cover that).
    region["region"].source_approval_required = False
    return create_staff(region["region"], Role.EDITOR)


def publish_swedish(editor, body: str, *, minor: bool = False):
    values = RevisionInput(title="Hälsa och vård", summary="Så får du vård.", body=body, minor=minor)
    return save_revision(get_module(HEALTH), "sv", values, staff=editor, publish=True)


def status(language: str, slug: str = HEALTH) -> TranslationStatus:
    return module_state(get_module(slug), language).status


CHANGED_DENTAL = SV_HEALTH.replace("Barn får tandvård utan kostnad.", "Barn och unga får tandvård utan kostnad.")


def test_after_sync_each_language_has_its_status(synced):
    assert status("sv") == TranslationStatus.UNREVIEWED  # the source is a draft too, and says so
    assert status("en") == TranslationStatus.CURRENT  # reviewed, made from the current Swedish
    assert status("ar") == TranslationStatus.UNREVIEWED
    assert status("fa") == TranslationStatus.MISSING


def test_a_swedish_change_makes_translations_stale_and_names_the_changed_section(synced, editor):
    publish_swedish(editor, CHANGED_DENTAL)
    for language in ("en", "ar"):
        state = module_state(get_module(HEALTH), language)
        assert state.status == TranslationStatus.STALE
        assert state.changed_sections == [ChangedSection("tandvard", "Tandvård", "changed")]
    assert status("en", "boende") == TranslationStatus.UNREVIEWED  # another module is untouched


def test_added_and_removed_sections_are_named(synced, editor):
    body = SV_HEALTH.replace("## Tandvård {#tandvard}", "## Tandvård och glasögon {#tandvard-och-glasogon}")
    publish_swedish(editor, body)
    changes = module_state(get_module(HEALTH), "en").changed_sections
    assert ChangedSection("tandvard-och-glasogon", "Tandvård och glasögon", "added") in changes
    assert ChangedSection("tandvard", "Tandvård", "removed") in changes
    assert all(c.anchor != "vardcentral" for c in changes)


def test_a_minor_swedish_change_keeps_translations_current(synced, editor):
    publish_swedish(editor, SV_HEALTH.replace("laga dina tänder", "laga tänderna"), minor=True)
    assert status("en") == TranslationStatus.CURRENT
    assert status("ar") == TranslationStatus.UNREVIEWED


def test_a_real_change_after_a_minor_one_makes_translations_stale(synced, editor):
    minor = SV_HEALTH.replace("laga dina tänder", "laga tänderna")
    publish_swedish(editor, minor, minor=True)
    publish_swedish(editor, minor.replace("Ring 1177 för råd.", "Ring 1177 för råd om vård."))
    state = module_state(get_module(HEALTH), "en")
    assert state.status == TranslationStatus.STALE
    # The minor edit of the dental section is not news to the translator; the real change is.
    assert [c.anchor for c in state.changed_sections] == ["vardcentral"]


def test_a_translation_updated_to_the_current_swedish_is_current_again(synced, editor, region):
    publish_swedish(editor, CHANGED_DENTAL)
    values = RevisionInput(
        title="Health and care",
        summary="How to get care.",
        body=EN_HEALTH.replace("Children get", "Children and young people get"),
        review_status="reviewed",
        matches_current_source=True,
    )
    revision = save_revision(get_module(HEALTH), "en", values, staff=editor, publish=True)
    # Up to date, but its writer's "reviewed" waits for a second editor to confirm it.
    assert status("en") == TranslationStatus.UNREVIEWED
    translator = create_staff(region["region"], Role.EDITOR)
    set_translator_languages(translator, ["en"])  # only a translator of the language confirms (issue 16)
    confirm_review(revision, staff=translator)
    assert status("en") == TranslationStatus.CURRENT
    assert status("ar") == TranslationStatus.STALE


def test_reverting_the_swedish_text_makes_old_translations_current_again(synced, editor):
    original = get_published_revision(get_module(HEALTH), "sv")
    publish_swedish(editor, CHANGED_DENTAL)
    assert status("en") == TranslationStatus.STALE
    revert_to(original, staff=editor)
    assert status("en") == TranslationStatus.CURRENT


def test_a_translation_of_an_unknown_swedish_text_is_stale_with_unknown_sections(db, tmp_path):
    small_tree(tmp_path)
    write_file(tmp_path, HEALTH, "ar", AR_HEALTH, source_revision="abcdefabcdef")
    sync_from_files(tmp_path)
    state = module_state(get_module(HEALTH), "ar")
    assert state.status == TranslationStatus.STALE and state.changed_sections is None


def test_a_swedish_file_change_makes_translations_stale_through_sync(synced, tmp_path):
    write_file(tmp_path, HEALTH, "sv", CHANGED_DENTAL, title="Hälsa och vård", summary="Så får du vård.")
    sync_from_files(tmp_path)
    state = module_state(get_module(HEALTH), "en")
    assert state.status == TranslationStatus.STALE
    assert [c.anchor for c in state.changed_sections] == ["tandvard"]


def test_the_matrix_has_every_module_and_language(synced, editor):
    publish_swedish(editor, CHANGED_DENTAL)
    matrix = status_matrix()
    assert len(matrix) == 12 and all(len(row.cells) == 12 for row in matrix)
    health = next(row for row in matrix if row.module.slug == HEALTH)
    cells = {cell.language: cell.status for cell in health.cells}
    assert cells["en"] == cells["ar"] == TranslationStatus.STALE
    assert cells["fa"] == TranslationStatus.MISSING
    assert cells["sv"] == TranslationStatus.UNREVIEWED


def test_a_draft_does_not_change_what_readers_see(synced, editor):
    values = RevisionInput(title="Hälsa och vård", summary="Så får du vård.", body=CHANGED_DENTAL)
    save_revision(get_module(HEALTH), "sv", values, staff=editor, publish=False)
    assert status("en") == TranslationStatus.CURRENT
    assert module_state(get_module(HEALTH), "sv").has_draft


def test_a_municipality_editor_cannot_publish_regional_text(synced, region):
    local_editor = create_staff(region["sodertalje"], Role.EDITOR)
    values = RevisionInput(title="Hälsa och vård", summary="Så får du vård.", body=CHANGED_DENTAL)
    with pytest.raises(NotAllowed):
        save_revision(get_module(HEALTH), "sv", values, staff=local_editor, publish=True)
    assert status("en") == TranslationStatus.CURRENT
