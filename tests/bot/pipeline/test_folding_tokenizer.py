"""The folding tokenizer: one spelling per word for the classifier, offsets into the real text."""

from __future__ import annotations

import pytest
from pipeline.folding_tokenizer import FoldingTokenizer, fold
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message


@pytest.mark.parametrize(
    ("variant", "plain"),
    [
        ("Säkerhet", "sakerhet"),  # Swedish without å/ä/ö
        ("Hêvî", "hevi"),  # Kurmanji without ê/î
        ("şev", "sev"),
        ("أريد", "اريد"),  # hamza forms of alef
        ("إنشاء", "انشاء"),
        ("مدرسة", "مدرسه"),  # teh marbuta typed as heh
        ("مستشفى", "مستشفي"),  # alef maqsura typed as yeh
        ("می‌خواهم", "ميخواهم"),  # ZWNJ and Persian yeh
        ("کجا", "كجا"),  # Persian keheh
        ("ئەمە", "يهمه"),  # Sorani ae typed as heh
        ("ګوره", "گوره"),  # Pashto gaf
        ("٣ساعات", "3ساعات"),  # Arabic-Indic digits
        ("۱۲", "12"),  # Persian digits
        ("ПРИВЕТ", "привет"),
        ("salaaaam", "salam"),  # stretched letters
        ("ســـلام", "سلام"),  # tatweel
    ],
)
def test_a_variant_folds_to_the_plain_spelling(variant: str, plain: str) -> None:
    assert fold(variant) == plain
    assert fold(plain) == plain


def test_letters_that_tell_words_apart_are_kept() -> None:
    # A doubled letter is spelling in Somali and Swedish; Ge'ez syllables have no marks to drop.
    assert fold("waan") == "waan"
    assert fold("ሰላም") == "ሰላም"
    assert fold("سڵاو") == "سڵاو"


def test_tokens_are_folded_but_point_into_the_message_as_sent() -> None:
    text = "Hej! Kan jag få tolk på måndag 3HX9-K2PQ?"
    tokenizer = FoldingTokenizer(FoldingTokenizer.get_default_config())
    tokens = tokenizer.tokenize(Message(data={TEXT: text}), TEXT)
    assert [t.text for t in tokens] == ["hej", "kan", "jag", "fa", "tolk", "pa", "mandag", "3hx9-k2pq"]
    assert [t.lemma for t in tokens] == [t.text for t in tokens]
    assert [text[t.start : t.end] for t in tokens] == ["Hej", "Kan", "jag", "få", "tolk", "på", "måndag", "3HX9-K2PQ"]
