"""Search over the real content (content/samhallsinfo), in every language, on SQLite and PostgreSQL.

These tests share one sync of the real content (module scope), so none of them takes `app`,
whose teardown empties every table: they live apart from tests/services/test_search.py, whose
small fixture tree must never meet the real content (the suite runs in random order).
"""

from __future__ import annotations

import pytest

from portal.extensions import db
from portal.services.content import DEFAULT_CONTENT_DIR, sync_from_files
from portal.services.search import search
from tests.conftest import _empty_tables

# Everyday queries (not headings) and the module each must find in the top three.
FIXTURE_QUERIES = {
    "sv": [("tandlakare", "halsa-och-vard"), ("hyra lagenhet", "boende"), ("personnumer", "att-komma-till-sverige")],
    "en": [("dentist", "halsa-och-vard"), ("rent a flat", "boende"), ("personal number", "att-komma-till-sverige")],
    "ar": [("طبيب اسنان", "halsa-och-vard"), ("استئجار شقة", "boende"), ("تصريح الاقامة", "att-komma-till-sverige")],
    "fa": [("دندانپزشک", "halsa-och-vard"), ("اجاره آپارتمان", "boende"), ("اجازه اقامت", "att-komma-till-sverige")],
    "prs": [("داکتر دندان", "halsa-och-vard"), ("کرایه آپارتمان", "boende"), ("اجازه اقامت", "att-komma-till-sverige")],
    "so": [
        ("dhakhtarka ilkaha", "halsa-och-vard"),
        ("kiraysi guri", "boende"),
        ("kaarka aqoonsiga", "att-komma-till-sverige"),
    ],
    "ti": [("ሓኪም ስኒ", "halsa-och-vard"), ("ገዛ ምክራይ", "boende"), ("ፍቓድ መንበሪ", "att-komma-till-sverige")],
    "uk": [
        ("стоматолог", "halsa-och-vard"),
        ("орендувати квартиру", "boende"),
        ("дозвіл на проживання", "att-komma-till-sverige"),
    ],
    "ru": [
        ("зубной врач", "halsa-och-vard"),
        ("снять квартиру", "boende"),
        ("вид на жительство", "att-komma-till-sverige"),
    ],
    "ckb": [
        ("پزیشکی ددان", "halsa-och-vard"),
        ("ڕیزی خانوو", "boende"),
        ("مۆڵەتی نیشتەجێبوون", "att-komma-till-sverige"),
    ],
    "ku": [
        ("bijîşkê diranan", "halsa-och-vard"),
        ("xanî kirê kirin", "boende"),
        ("destura runiştine", "att-komma-till-sverige"),
    ],
    "ps": [
        ("د غاښونو ډاکټر", "halsa-och-vard"),
        ("اپارتمان په کرایه", "boende"),
        ("د اوسیدو اجازه", "att-komma-till-sverige"),
    ],
}


@pytest.fixture(scope="module")
def real_content(_app_session):
    with _app_session.app_context():
        sync_from_files(DEFAULT_CONTENT_DIR)
        yield
        db.session.remove()
        _empty_tables()


@pytest.mark.parametrize("language", list(FIXTURE_QUERIES))
def test_search_finds_the_expected_module_in_every_language(real_content, _app_session, language):
    missing = [
        slug for _, slug in FIXTURE_QUERIES[language] if not (DEFAULT_CONTENT_DIR / slug / f"{language}.md").exists()
    ]
    assert not missing, f"content missing: {', '.join(f'{s}/{language}.md' for s in missing)}"
    with _app_session.app_context():
        for query, expected in FIXTURE_QUERIES[language]:
            found = [hit.slug for hit in search(query, language, limit=3).hits]
            assert expected in found, f"{query!r} should find {expected}, found {found}"


# The same expectations hold on SQLite and on PostgreSQL (the suite runs on both): the engines
# only choose candidates, and bm25s ranks them the same way on both.
ENGINE_AGREEMENT = [
    ("sv", "hyra lägenhet andra hand", ("boende", "att-hyra-en-lagenhet")),
    ("en", "how do i get a personnummer", ("att-komma-till-sverige", "personnummer")),
    ("ar", "طبيب اسنان للاطفال", ("halsa-och-vard", "tandvard")),
    ("ru", "пособие на ребёнка", ("familj-och-barn", "barnbidrag")),
    ("ti", "ፍቓድ መንበሪ", ("att-komma-till-sverige", "uppehallstillstand")),
    ("ckb", "خانەنشینی", ("att-aldras", "pension")),
    ("ps", "د ماشوم مرسته", ("familj-och-barn", "barnbidrag")),
    ("fa", "حساب بانکی باز کنم", ("ekonomi-och-vardag", "bankkonto")),
    ("prs", "مکتب اطفال", ("utbildning", "skolan-for-barn-och-unga")),
    ("uk", "податкова декларація", ("arbete", "skatt")),
]


@pytest.mark.parametrize(("language", "query", "first"), ENGINE_AGREEMENT, ids=[e[0] for e in ENGINE_AGREEMENT])
def test_both_engines_rank_the_fixture_queries_alike(real_content, _app_session, language, query, first):
    with _app_session.app_context():
        hits = search(query, language, limit=3).hits
    assert (hits[0].slug, hits[0].section_anchor) == first
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)


def test_a_swedish_term_spelled_by_ear_finds_its_module_in_any_language(real_content, _app_session):
    with _app_session.app_context():
        for language in ("en", "ar", "so", "ti"):
            hits = search("forsakringskasan", language).hits
            assert hits and hits[0].slug in {"familj-och-barn", "din-introduktion"}, language
            assert search("personummer", language).hits[0].slug == "att-komma-till-sverige", language
