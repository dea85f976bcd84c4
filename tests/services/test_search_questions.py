"""The questions a section answers: content like the text (versioned, reviewed, stale with the
Swedish), hidden from readers, weighted by search."""

from __future__ import annotations

import pytest

from portal.content.files import split_questions
from portal.content.markdown import render_sections
from portal.data.content import get_module, list_published_revisions
from portal.models import ReviewStatus, Role
from portal.services.content import (
    ChangedSection,
    RevisionInput,
    TranslationStatus,
    module_state,
    save_revision,
    sync_from_files,
)
from portal.services.search import search
from tests.content_fixtures import EN_HEALTH, SV_HEALTH, small_tree
from tests.factories import create_staff

HEALTH = "halsa-och-vard"
SV_QUESTIONS = SV_HEALTH.replace(
    "Barn får tandvård utan kostnad.\n",
    "Barn får tandvård utan kostnad.\n\n```questions\nVar lagar jag en trasig molar?\nVad kostar det?\n```\n",
)


@pytest.fixture
def synced(db, tmp_path):
    return sync_from_files(small_tree(tmp_path))


@pytest.fixture
def editor(region):
    # Publishing here is the subject, not the second editor's approval (tests/editor cover that).
    region["region"].source_approval_required = False
    return create_staff(region["region"], Role.EDITOR)


def publish(editor, language: str, body: str, **values):
    text = RevisionInput(title="Hälsa och vård", summary="Så får du vård.", body=body, **values)
    return save_revision(get_module(HEALTH), language, text, staff=editor, publish=True)


def test_the_questions_are_read_from_their_block_and_the_text_keeps_the_rest():
    text, questions = split_questions("Text.\n\n```questions\nVar?\nNär?\n```\n\nMer text.")
    assert questions == ["Var?", "När?"]
    assert "```" not in text and "Text." in text and "Mer text." in text


def test_readers_do_not_see_the_questions():
    tandvard = next(s for s in render_sections(SV_QUESTIONS) if s.anchor == "tandvard")
    assert "molar" not in tandvard.html and "tandvård utan kostnad" in tandvard.html


def test_a_word_only_in_a_sections_questions_finds_that_section(synced, editor):
    assert search("molar", "sv").hits == []
    publish(editor, "sv", SV_QUESTIONS)
    hits = search("molar", "sv").hits
    assert hits and hits[0].section_anchor == "tandvard"
    assert "molar" not in hits[0].snippet  # the snippet is the text, not the questions


def test_questions_weigh_more_than_the_same_word_in_the_text(synced, editor):
    body = SV_HEALTH.replace("Ring 1177 för råd.", "Ring 1177 för råd om en molar.")
    publish(editor, "sv", body.replace("Barn får tandvård utan kostnad.\n", SV_QUESTIONS.split("kostnad.\n", 2)[1]))
    assert search("molar", "sv").hits[0].section_anchor == "tandvard"


def test_changed_swedish_questions_make_the_translation_stale_in_that_section(synced, editor):
    publish(editor, "sv", SV_QUESTIONS)
    en_with_questions = EN_HEALTH + "\n```questions\nWhere do I fix a broken molar?\nWhat does it cost?\n```\n"
    publish(editor, "en", en_with_questions, matches_current_source=True)
    assert module_state(get_module(HEALTH), "en").status != TranslationStatus.STALE
    publish(editor, "sv", SV_QUESTIONS.replace("Vad kostar det?", "Vad kostar en tandläkare?"))
    state = module_state(get_module(HEALTH), "en")
    assert state.status == TranslationStatus.STALE
    assert state.changed_sections == [ChangedSection("tandvard", "Tandvård", "changed")]


def test_questions_are_versioned_and_reviewed_with_their_revision(synced, editor):
    publish(editor, "sv", SV_QUESTIONS, review_status=ReviewStatus.UNREVIEWED.value)
    publish(editor, "sv", SV_QUESTIONS.replace("Vad kostar det?", "Vad kostar en lagning?"))
    history = list_published_revisions(get_module(HEALTH), "sv")
    assert "Vad kostar en lagning?" in history[0].body and "Vad kostar det?" in history[1].body
    assert history[0].review_status == ReviewStatus.UNREVIEWED
