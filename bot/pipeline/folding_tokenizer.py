"""A whitespace tokenizer that folds spelling variation away before the featurizers see a word.

People text the same word many ways: with or without diacritics ("sakerhet", "säkerhet"), with
Arabic or Persian letter forms (ي/ی, ك/ک, ة/ه, أ/ا), with Kurdish ە typed as ه, with a ZWNJ or
without it ("می‌خواهم", "میخواهم"), with Arabic-Indic digits, with stretched letters ("salaaaam",
"ـــ"). Each variant would otherwise be a separate word and a separate set of character n-grams,
and the classifier would have to see every one in training. Folding both the training examples
and every incoming message to one form lets an example written one way match a message written
another way, which is what the blind evaluation showed the model failing at (it scored far
better on messages near its examples than on new writers).

Only the token texts (and lemmas) are folded: offsets still point into the original message,
so the regex entity extractor (case numbers) and the actions see the text as it was sent.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.tokenizers.tokenizer import Token
from rasa.nlu.tokenizers.whitespace_tokenizer import WhitespaceTokenizer
from rasa.shared.nlu.training_data.message import Message

# Letters that different keyboards and habits use for one sound, mapped to one form. Arabic,
# Persian, Dari, Pashto and Sorani share the script; the folded form only has to be the same on
# both sides, not correct in any one language.
_LETTERS = str.maketrans(
    {
        "ی": "ي",  # Persian yeh / Arabic yeh
        "ى": "ي",  # alef maqsura, typed for yeh in Egypt and Sudan
        "ې": "ي",  # Pashto yeh variants
        "ۍ": "ي",
        "ک": "ك",  # Persian keheh / Arabic kaf
        "ګ": "گ",  # Pashto gaf / Persian gaf
        "ة": "ه",  # teh marbuta, very often typed as heh
        "ۀ": "ه",
        "ە": "ه",  # Sorani ae, typed as heh without a Kurdish keyboard
        "ھ": "ه",
        "\u200c": None,  # ZWNJ: "می‌خواهم" and "میخواهم" are one word
        "\u200d": None,
        "\u0640": None,  # tatweel, the stretching stroke
        "ı": "i",  # Turkish-keyboard dotless i in Kurmanji
        "’": "'",
        "ʼ": "'",
    }
)
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
# "pleeease", "hiiii", "!!!" -> one letter; a doubled letter stays ("salaam", Somali "waan").
_STRETCHED = re.compile(r"(.)\1{2,}")


def fold(word: str) -> str:
    """The one spelling the classifier sees for `word`."""
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    # Combining marks carry the diacritics (ä, ê, ş), the Arabic vowel signs and the hamza of
    # أ إ آ ؤ ئ, which decompose to a base letter plus a mark.
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    bare = unicodedata.normalize("NFC", bare).translate(_LETTERS).translate(_DIGITS)
    return _STRETCHED.sub(r"\1", bare)


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_TOKENIZER, is_trainable=False)
class FoldingTokenizer(WhitespaceTokenizer):
    """WhitespaceTokenizer whose tokens carry the folded spelling (see `fold`)."""

    @staticmethod
    def not_supported_languages() -> list[str] | None:
        return None

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return WhitespaceTokenizer.get_default_config()

    def tokenize(self, message: Message, attribute: str) -> list[Token]:
        tokens = super().tokenize(message, attribute)
        folded = []
        for token in tokens:
            text = fold(token.text)
            if text:
                folded.append(Token(text, token.start, token.end, token.data, lemma=text))
        return folded or tokens
