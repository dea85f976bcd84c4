"""Civic answers: the sentences of the best section that hold the fact, in every language."""

from __future__ import annotations

import pytest

from portal.extensions import db
from portal.languages import CODES
from portal.services.content import DEFAULT_CONTENT_DIR, sync_from_files
from portal.services.search import answer
from portal.services.search.answers import best_sentences, sentences_of
from portal.services.search.ranking import prepare_query
from tests.conftest import _empty_tables


@pytest.fixture(scope="module")
def real_content(_app_session):
    with _app_session.app_context():
        sync_from_files(DEFAULT_CONTENT_DIR)
        yield
        db.session.remove()
        _empty_tables()


@pytest.mark.parametrize("language", list(CODES))
def test_the_answer_holds_the_sentence_with_the_fact(real_content, _app_session, language):
    # Every translation keeps the name BRIS and its number in the sentence that says what to do.
    with _app_session.test_request_context():
        found = answer("BRIS", language)
    assert found.answer is not None, f"no answer ({found.confidence})"
    assert found.answer.slug == "trygghet-och-akut-hjalp" and found.answer.section_anchor == "barn"
    assert "116 111" in found.answer.sentences[0]
    assert 1 <= len(found.answer.sentences) <= 2
    assert found.answer.url.endswith("/info/trygghet-och-akut-hjalp#barn")
    assert found.answer.url.startswith("http")


DENTIST = {
    "sv": "var hittar jag en tandläkare",
    "en": "where do I find a dentist",
    "ar": "أين أجد طبيب أسنان",
    "fa": "دندانپزشک کجا پیدا کنم",
    "prs": "داکتر دندان کجا پیدا کنم",
    "so": "xaggee ka helaa dhakhtarka ilkaha",
    "ti": "ሓኪም ስኒ ኣበይ ክረክብ",
    "uk": "де знайти стоматолога",
    "ru": "где найти зубного врача",
    "ckb": "پزیشکی ددان لە کوێ بدۆزمەوە",
    "ku": "bijîşkê diranan li ku derê bibînim",
    "ps": "د غاښونو ډاکټر چیرته پیدا کړم",
}


@pytest.mark.parametrize("language", list(DENTIST))
def test_a_question_in_the_readers_language_is_answered_from_the_right_section(real_content, _app_session, language):
    with _app_session.test_request_context():
        found = answer(DENTIST[language], language)
    assert found.confidence in {"confident", "middling"}
    assert found.answer is not None and found.answer.section_anchor == "tandvard"
    assert found.answer.language == language and found.fallback_language is None


def test_nothing_found_has_no_answer(real_content, _app_session):
    with _app_session.test_request_context():
        found = answer("zzzqqq xxyyzz", "en")
    assert found.confidence == "none" and found.answer is None
    assert found.as_dict()["answer"] is None


def test_sentences_are_split_in_every_script():
    text = "Ring 112. Är det akut?\nويمكنك الاتصال؟ نعم. ናብ 112 ደውል። እወ።"
    assert sentences_of(text) == ["Ring 112.", "Är det akut?", "ويمكنك الاتصال؟", "نعم.", "ናብ 112 ደውል።", "እወ።"]


def test_the_best_sentence_is_the_one_with_the_rarest_query_words(real_content, _app_session):
    text = "Du kan ringa dygnet runt. Barn kan ringa BRIS på 116 111. Det är gratis att ringa."
    with _app_session.app_context():
        chosen = best_sentences(text, prepare_query("ringa BRIS", "sv"), "sv")
    assert chosen[0] == "Barn kan ringa BRIS på 116 111."
    assert len(chosen) == 2  # the next one also answers (it rings)


# A question written in another of our languages than the reader's (written.py): a person who
# asked for English and goes on typing Russian, a Tigrinya speaker reading Arabic.
WRITTEN_ELSEWHERE = [
    ("en", "где найти зубного врача", "ru"),
    ("ar", "ሓኪም ስኒ ኣበይ ክረክብ", "ti"),
    ("sv", "де знайти стоматолога", "uk"),
    ("fa", "where do I find a dentist for my tooth", "en"),
]


@pytest.mark.parametrize(("reader", "query", "written"), WRITTEN_ELSEWHERE)
def test_a_question_written_in_another_language_is_answered_in_the_readers(
    real_content, _app_session, reader, query, written
):
    with _app_session.test_request_context():
        found = answer(query, reader)
        in_written = answer(query, written)
    assert found.answer is not None and found.answer.section_anchor == "tandvard"
    assert found.answer.language == reader and found.fallback_language is None
    assert found.answer.url.endswith("/info/halsa-och-vard#tandvard")
    assert all(hit.language == reader for hit in found.results.hits)
    # The reader's translation of the sentences the written language's answer chose.
    assert found.answer.sentences and found.answer.sentences != in_written.answer.sentences
    reader_text = " ".join(found.answer.sentences)
    assert reader_text in " ".join(sentences_of(_section_text(reader, "tandvard")))


def _section_text(language: str, anchor: str) -> str:
    from portal.services.search.ranking import language_index

    index = language_index(language)
    return next(row.text for row in index.rows if row.anchor == anchor)


def test_arabizi_from_an_arabic_reader_is_not_sent_to_another_latin_language(real_content, _app_session):
    # Latin letters from a reader of an Arabic-script language: the reader's own index is kept
    # unless the written language's search is surer (written.prefer_written).
    with _app_session.test_request_context():
        found = answer("wen bla2i doctor asnan", "ar")
    assert all(hit.language == "ar" for hit in found.results.hits)
