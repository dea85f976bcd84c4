from __future__ import annotations

import pytest

from portal.services.search.results import CONFIDENT, MIDDLING, NONE, SearchResults
from portal.services.search.written import prefer_written, script_of, written_language


@pytest.mark.parametrize(
    ("text", "script"),
    [
        ("где найти врача", "cyrillic"),
        ("أين أجد طبيب", "arabic"),
        ("ሓኪም ስኒ ኣበይ", "ethiopic"),
        ("var finns vårdcentralen", "latin"),
        ("ኣብ ሽወደን fackförbund ክኣቱ ኣለኒ ዶ? እንታይ ጥቕሙ", "ethiopic"),
        ("123 !!", None),
    ],
)
def test_the_script_of_a_text_is_the_script_of_most_of_its_letters(text, script):
    assert script_of(text) == script


def test_the_written_language_is_another_of_ours_or_none():
    assert written_language("как тут мусор сортировать, сосед ругается", "en") == "ru"
    assert written_language("как тут мусор сортировать, сосед ругается", "ru") is None
    # Too short to judge: the reader's language is assumed.
    assert written_language("ok", "ar") is None


def test_dari_and_persian_count_as_one_for_the_index():
    assert written_language("مادرم میگه پول از کجا میگیریم هیچ پول نداریم", "prs") is None


def _results(language: str, confidence: str, hits: int = 1) -> SearchResults:
    return SearchResults(
        query="q", language=language, requested_language=language, hits=[object()] * hits, confidence=confidence
    )  # type: ignore[list-item]


def test_another_script_prefers_the_written_language_unless_it_found_nothing():
    query = "где найти зубного врача"
    assert prefer_written(query, "en", "ru", _results("ru", MIDDLING), _results("en", CONFIDENT))
    assert not prefer_written(query, "en", "ru", _results("ru", NONE, hits=0), _results("en", MIDDLING))


def test_the_same_script_prefers_the_written_language_only_when_it_is_surer():
    query = "where do I find a dentist"
    assert not prefer_written(query, "sv", "en", _results("en", CONFIDENT), _results("sv", CONFIDENT))
    assert prefer_written(query, "sv", "en", _results("en", CONFIDENT), _results("sv", MIDDLING))


def test_english_from_a_reader_of_another_script_prefers_english():
    query = "how do we apply for preschool for my little brother"
    assert prefer_written(query, "fa", "en", _results("en", MIDDLING), _results("fa", CONFIDENT))


def test_arabizi_is_read_in_the_readers_language():
    assert written_language("kif bta3mel BankID eza ma 3ndi ID kort", "ar") is None
    assert written_language("ana 3andy shahadet handasa men masr, ezay a3adelha fel swed?", "ar") is None
