"""Search: one interface over SQLite FTS5 and PostgreSQL full-text search (the suite runs on both)."""

from __future__ import annotations

import pytest
from markupsafe import Markup

from portal.data.content import get_module
from portal.extensions import db
from portal.models import LocalSection, Role
from portal.services import search as search_service
from portal.services.content import (
    LocalInput,
    RevisionInput,
    save_local_section,
    save_revision,
    sync_from_files,
)
from portal.services.search import search
from tests.conftest import IS_POSTGRES
from tests.content_fixtures import SV_HEALTH, small_tree, write_file
from tests.factories import create_staff


@pytest.fixture
def synced(app, tmp_path):
    sync_from_files(small_tree(tmp_path))


def slugs(query: str, language: str, **kwargs) -> list[str]:
    return [hit.slug for hit in search(query, language, **kwargs).hits]


def test_the_engine_in_use_matches_the_test_database(synced):
    assert search_service.engine().name == ("postgresql-fts" if IS_POSTGRES else "sqlite-fts5")


FOUND = [
    # (what, query, language, expected module, expected section)
    ("a plain word", "tandläkare", "sv", "halsa-och-vard", "tandvard"),
    ("without Swedish letters", "tandlakare", "sv", "halsa-och-vard", "tandvard"),
    ("in capitals", "TANDLÄKARE", "sv", "halsa-och-vard", "tandvard"),
    ("with a typing mistake", "tandläkre", "sv", "halsa-och-vard", "tandvard"),
    ("a definite form the text does not use", "bostadskön", "sv", "boende", "bostadsko"),
    ("a question", "var kan jag hyra en lägenhet", "sv", "boende", "bostadsko"),
    ("English", "dentist", "en", "halsa-och-vard", "tandvard"),
    ("an English plural", "dentists", "en", "halsa-och-vard", "tandvard"),
    ("Arabic without the article", "اسنان", "ar", "halsa-och-vard", "tandvard"),
    ("Arabic with hamza and article", "الأسنان", "ar", "halsa-och-vard", "tandvard"),
    ("Arabic with diacritics", "طَبِيب", "ar", "halsa-och-vard", "tandvard"),
    ("a number", "1177", "en", "halsa-och-vard", "vardcentral"),
    ("a module title word", "housing", "en", "boende", ""),
]


@pytest.mark.parametrize(("query", "language", "module", "section"), [f[1:] for f in FOUND], ids=[f[0] for f in FOUND])
def test_search_finds_the_module_and_section(synced, query, language, module, section):
    hits = search(query, language).hits
    assert hits, "no results"
    assert hits[0].slug == module
    if section:
        assert hits[0].section_anchor == section


def test_results_are_one_per_module_best_first(synced):
    hits = search("vård tandvård bostad", "sv").hits
    assert len({h.slug for h in hits}) == len(hits)
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)


def test_the_snippet_marks_the_words_and_escapes_the_rest(app, tmp_path):
    small_tree(tmp_path)
    body = SV_HEALTH.replace("Barn får tandvård utan kostnad.", "Skriv aldrig `<script>` i en tandvård-text.")
    write_file(tmp_path, "halsa-och-vard", "sv", body)
    sync_from_files(tmp_path)
    hit = search("tandvård", "sv").hits[0]
    assert isinstance(hit.snippet_html, Markup)
    assert "<mark>" in hit.snippet_html and "<script>" not in hit.snippet_html
    assert "&lt;script&gt;" in hit.snippet_html
    assert "<mark>" not in hit.snippet


def test_a_language_with_no_results_falls_back_to_swedish(synced):
    results = search("1177", "fa")  # no Persian text in the small tree
    assert results.fell_back and results.language == "sv"
    assert results.hits[0].slug == "halsa-och-vard" and results.hits[0].language == "sv"


def test_a_language_with_results_does_not_fall_back(synced):
    results = search("dentist", "en")
    assert not results.fell_back and results.language == "en"


@pytest.mark.parametrize("query", ["", "   ", "!!!", "zzzzqqqq", "a" * 5000])
def test_nothing_to_find_gives_no_results(synced, query):
    assert search(query, "sv").hits == []


def test_a_published_change_is_searchable_at_once_and_a_draft_is_not(synced, region):
    # Publishing here is the subject, not the second editor's approval (tests/editor cover that).
    region["region"].source_approval_required = False
    editor = create_staff(region["region"], Role.EDITOR)
    module = get_module("boende")
    body = "Intro.\n\n## Kö {#bostadsko}\n\nStäll dig i kö.\n\n## Sopor {#sopor}\n\nSortera kompost.\n"
    save_revision(
        module,
        "sv",
        RevisionInput("Boende", "Om boende.", body.replace("kompost", "batterier")),
        staff=editor,
        publish=False,
    )
    assert slugs("batterier", "sv") == []
    save_revision(module, "sv", RevisionInput("Boende", "Om boende.", body), staff=editor, publish=True)
    assert slugs("kompost", "sv") == ["boende"]
    assert slugs("lägenhet", "sv") == []  # the old text is no longer indexed


def test_local_sections_are_found_only_in_their_municipality(synced, region):
    editor = create_staff(region["sodertalje"], Role.EDITOR)
    values = LocalInput(
        "utbildning", region["sodertalje"].id, "sv", "SFI i Södertälje", "SFI finns på Campus Telge.", True
    )
    save_local_section(None, values, staff=editor)
    here = search("campus telge", "sv", municipality_id=region["sodertalje"].id).hits
    assert here and here[0].local and here[0].slug == "utbildning"
    assert here[0].section_anchor.startswith("lokal-")
    assert search("campus telge", "sv", municipality_id=region["botkyrka"].id).hits == []
    assert search("campus telge", "sv").hits == []


def test_an_unpublished_local_section_is_not_found(synced, region):
    editor = create_staff(region["sodertalje"], Role.EDITOR)
    values = LocalInput("utbildning", region["sodertalje"].id, "sv", "SFI", "Campus Telge.", False)
    save_local_section(None, values, staff=editor)
    assert search("telge", "sv", municipality_id=region["sodertalje"].id).hits == []
    assert db.session.query(LocalSection).count() == 1


def test_rebuilding_the_index_gives_the_same_results(synced):
    before = [(h.slug, h.section_anchor) for h in search("tandvård", "sv").hits]
    search_service.rebuild_index()
    db.session.commit()
    assert [(h.slug, h.section_anchor) for h in search("tandvård", "sv").hits] == before


def test_the_hit_url_points_at_the_section(synced, app):
    with app.test_request_context():
        hit = search("tandläkare", "sv").hits[0]
        assert hit.as_dict()["url"] == "/info/halsa-och-vard#tandvard"
