"""Translators' reviews section by section (issue 16, item 3): who may review, what un-reviews a section."""

from __future__ import annotations

import pytest

from portal.data.content import get_module, get_published_revision
from portal.models import ReviewStatus, Role, SectionReview
from portal.services.content import (
    NotTranslator,
    RevisionInput,
    TranslationStatus,
    module_for_reader,
    module_state,
    save_revision,
    sync_from_files,
    unit_reviews,
)
from portal.services.content.reviews import HEAD, SelfReview, TextChanged, review_section, touched_kinds
from portal.services.content.tasks import set_translator_languages
from tests.content_fixtures import AR_HEALTH, SV_HEALTH, small_tree
from tests.factories import create_staff

HEALTH = "halsa-och-vard"
ANCHORS = [HEAD, "", "vardcentral", "tandvard"]


@pytest.fixture
def synced(db, tmp_path):
    return sync_from_files(small_tree(tmp_path))


@pytest.fixture
def editor(region, synced):
    region["region"].source_approval_required = False  # the second editor is tested in tests/editor
    return create_staff(region["region"], Role.EDITOR, name="Eva Redaktör")


@pytest.fixture
def translator(region, synced):
    staff = create_staff(region["region"], Role.EDITOR, name="Rania Översättare")
    set_translator_languages(staff, ["ar"])
    return staff


def arabic():
    return get_published_revision(get_module(HEALTH), "ar")


def swedish_revision() -> str:
    return get_published_revision(get_module(HEALTH), "sv").body_revision


def review(anchor: str, staff) -> SectionReview:
    return review_section(
        get_module(HEALTH), "ar", anchor, staff=staff, revision_id=arabic().id, source_revision=swedish_revision()
    )


def review_all(staff) -> None:
    for anchor in ANCHORS:
        review(anchor, staff)


def statuses() -> dict[str, str]:
    return {u.anchor: u.status for u in unit_reviews(get_module(HEALTH), arabic())}


def publish_swedish(editor, body: str, *, minor: bool) -> None:
    values = RevisionInput(title="Hälsa och vård", summary="Så får du vård.", body=body, minor=minor)
    save_revision(get_module(HEALTH), "sv", values, staff=editor, publish=True)


@pytest.mark.parametrize(
    "languages",
    [
        [],  # a regional editor with no language
        ["en"],  # a translator, of another language
    ],
)
def test_a_non_translator_cannot_mark_a_section_reviewed(region, synced, languages):
    editor = create_staff(region["region"], Role.EDITOR)
    if languages:
        set_translator_languages(editor, languages)
    with pytest.raises(NotTranslator):
        review("vardcentral", editor)
    assert statuses()["vardcentral"] == "unreviewed"
    assert arabic().review_status == ReviewStatus.UNREVIEWED


def test_a_translator_reviews_section_by_section_and_who_when_and_which_swedish_are_recorded(translator):
    row = review("vardcentral", translator)
    assert (row.reviewed_by_staff_id, row.source_revision) == (translator.id, swedish_revision())
    assert row.reviewed_at is not None
    assert statuses() == {HEAD: "unreviewed", "": "unreviewed", "vardcentral": "reviewed", "tandvard": "unreviewed"}
    assert arabic().review_status == ReviewStatus.UNREVIEWED  # one section is not the whole text

    for anchor in (HEAD, "", "tandvard"):
        review(anchor, translator)
    revision = arabic()
    assert revision.review_status == ReviewStatus.REVIEWED
    assert revision.reviewed_by_staff_id == translator.id and revision.reviewed_at is not None
    assert module_state(get_module(HEALTH), "ar").status == TranslationStatus.CURRENT
    assert module_for_reader(HEALTH, "ar").checked_on == revision.reviewed_at


def test_a_minor_change_that_touches_a_number_unreviews_the_section(editor, translator):
    review_all(translator)
    assert arabic().review_status == ReviewStatus.REVIEWED

    publish_swedish(editor, SV_HEALTH.replace("Ring 1177 för råd.", "Ring 1177 eller 112 för råd."), minor=True)

    assert statuses() == {HEAD: "reviewed", "": "reviewed", "vardcentral": "changed", "tandvard": "reviewed"}
    revision = arabic()
    assert revision.review_status == ReviewStatus.UNREVIEWED and revision.reviewed_by_staff_id is None
    # Still current (a minor change), but no longer checked: the reader is told so again.
    assert module_state(get_module(HEALTH), "ar").status == TranslationStatus.UNREVIEWED
    assert module_for_reader(HEALTH, "ar").checked_on is None

    review("vardcentral", translator)  # checked again against the new Swedish: reviewed again
    assert arabic().review_status == ReviewStatus.REVIEWED


def test_a_minor_change_of_wording_only_keeps_the_review(editor, translator):
    review_all(translator)
    publish_swedish(editor, SV_HEALTH.replace("laga dina tänder", "laga tänderna"), minor=True)
    assert set(statuses().values()) == {"reviewed"}
    assert arabic().review_status == ReviewStatus.REVIEWED


def test_a_swedish_change_that_is_not_minor_unreviews_the_changed_section_only(editor, translator):
    review_all(translator)
    publish_swedish(editor, SV_HEALTH.replace("laga dina tänder", "laga tänderna"), minor=False)
    assert statuses() == {HEAD: "reviewed", "": "reviewed", "vardcentral": "reviewed", "tandvard": "changed"}
    assert arabic().review_status == ReviewStatus.UNREVIEWED


def test_a_change_to_a_reviewed_translated_section_unreviews_it(editor, translator):
    review_all(translator)
    body = AR_HEALTH.replace("مجاناً", "مجاناً تماماً")
    save_revision(
        get_module(HEALTH),
        "ar",
        RevisionInput("الصحة والرعاية", "كيف تحصل على الرعاية.", body),
        staff=editor,
        publish=True,
    )
    assert statuses() == {HEAD: "reviewed", "": "reviewed", "vardcentral": "reviewed", "tandvard": "changed"}
    assert arabic().review_status == ReviewStatus.UNREVIEWED


def test_the_writer_of_a_section_cannot_review_it(translator):
    body = AR_HEALTH.replace("مجاناً", "مجاناً تماماً")
    values = RevisionInput("الصحة والرعاية", "كيف تحصل على الرعاية.", body)
    save_revision(get_module(HEALTH), "ar", values, staff=translator, publish=True)
    with pytest.raises(SelfReview):
        review("tandvard", translator)
    review("vardcentral", translator)  # a section she did not write she may check
    mine = {u.anchor: u for u in unit_reviews(get_module(HEALTH), arabic(), staff=translator)}
    assert not mine["tandvard"].may_review and mine[HEAD].may_review and not mine["vardcentral"].may_review


def test_a_review_of_a_text_replaced_since_it_was_opened_is_refused(editor, translator):
    opened = swedish_revision()
    publish_swedish(editor, SV_HEALTH.replace("laga dina tänder", "laga tänderna"), minor=True)
    with pytest.raises(TextChanged):
        review_section(
            get_module(HEALTH), "ar", "tandvard", staff=translator, revision_id=arabic().id, source_revision=opened
        )
    assert statuses()["tandvard"] == "unreviewed"


def test_a_review_recorded_in_a_content_file_is_judged_like_any_other_but_names_no_translator(editor):
    # English is "reviewed" in its file: no translator is named, so the reader gets no date.
    assert module_for_reader(HEALTH, "en").checked_on is None
    publish_swedish(editor, SV_HEALTH.replace("Ring 1177 för råd.", "Ring 1177 eller 112 för råd."), minor=True)
    english = get_published_revision(get_module(HEALTH), "en")
    assert english.review_status == ReviewStatus.UNREVIEWED


@pytest.mark.parametrize(
    ("old", "new", "touched"),
    [
        ("Ring 1177 för råd.", "Ring 1177 för råd!", []),
        ("Du går till en tandläkare.", "Du går till tandläkaren.", []),
        ("Ring 08-46 500 410 för råd.", "Ring 08-46 500 411 för råd.", ["numbers"]),
        ("Avgiften är 200 kronor.", "Avgiften är 300 kronor.", ["numbers"]),
        ("Läs på [1177](https://www.1177.se).", "Läs på [1177](https://www.1177.se/stockholm).", ["urls"]),
        ("Fråga Röda Korset i Botkyrka.", "Fråga Röda Korset i Tumba.", ["names"]),
        ("Ring Försäkringskassan.", "Ring Migrationsverket.", ["names", "terms"]),
        ("Tala med din handläggare.", "Tala med din kontaktperson.", ["terms"]),
        ("Tala med din handläggare.", "Tala med handläggaren.", []),
    ],
)
def test_what_a_minor_change_touches(old, new, touched):
    assert touched_kinds(old, new) == touched


def test_the_matrix_offers_confirming_a_review_only_to_translators_of_the_language(editor, translator, region):
    from portal.services.content import status_matrix

    values = RevisionInput("الصحة والرعاية", "كيف تحصل على الرعاية.", AR_HEALTH + "\nسطر.\n", review_status="reviewed")
    save_revision(get_module(HEALTH), "ar", values, staff=editor, publish=True)
    other = create_staff(region["region"], Role.EDITOR)

    def action(staff, languages):
        rows = status_matrix(editor_id=staff.id, my_languages=languages)
        return next(c for r in rows if r.module.slug == HEALTH for c in r.cells if c.language == "ar").next_action

    assert action(translator, ["ar"]) == "confirm-review"
    assert action(other, None) == "none"  # a regional editor without the language
