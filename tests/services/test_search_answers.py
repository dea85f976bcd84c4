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
