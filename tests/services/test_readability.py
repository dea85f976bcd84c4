"""LIX and sentence length of the Swedish source (issue 16, item 6)."""

from __future__ import annotations

import pytest

from portal.services.content.readability import LIX_LIMIT, lix_of, plain_text, readability, section_readability


def test_lix_of_a_hand_worked_example():
    # 12 words, 2 sentences, 2 long words (Stockholm, människor: 9 letters each):
    # LIX = 12 / 2 + 100 * 2 / 12 = 6 + 16.67 = 22.67; 6 words per sentence.
    score = readability("Jag bor i Stockholm. Det är en stor stad med många människor.")
    assert (score.words, score.sentences, score.long_words) == (12, 2, 2)
    assert score.lix == pytest.approx(22.67, abs=0.01)
    assert score.mean_sentence_length == 6.0
    assert not score.too_hard


def test_a_word_of_exactly_six_letters_is_not_long_and_seven_is():
    assert readability("Sverige.").long_words == 1  # 7 letters
    assert readability("Skolan.").long_words == 0  # 6 letters


@pytest.mark.parametrize(
    ("words", "sentences", "long_words", "expected"),
    [(0, 0, 0, 0.0), (10, 1, 5, 60.0), (20, 4, 2, 15.0)],
)
def test_lix_formula(words, sentences, long_words, expected):
    assert lix_of(words, sentences, long_words) == pytest.approx(expected)


def test_a_list_item_without_a_full_stop_is_a_sentence_and_links_count_by_their_text():
    text = plain_text("- Ring [Vårdguiden](https://www.1177.se/vardguiden)\n- Gå till vårdcentralen")
    score = readability(text)
    assert (score.words, score.sentences) == (5, 2)
    assert "https" not in text


def test_each_section_has_its_score_and_a_long_winded_one_is_over_the_limit():
    body = (
        "Du får hjälp.\n\n"
        "## Svårt {#svart}\n\n"
        "Etableringsersättningen utbetalas månadsvis av Försäkringskassan under förutsättning "
        "att deltagandet i etableringsprogrammet fullgörs enligt den fastställda planeringen.\n"
    )
    found = {s.anchor: s for s in section_readability(body)}
    assert not found[""].score.too_hard
    assert found["svart"].score.too_hard and found["svart"].score.lix > LIX_LIMIT
