"""Word matching across spellings, shared by every triage list.

Words are normalised: case folded, Latin and Cyrillic accents dropped (people type "sjalvmord",
"kurdi"), Arabic-script letter variants unified (ي/ی, ك/ک, ة/ه, أ/إ/آ → ا) and common Arabic
proclitics (و، ب، ال) tried off. A list entry is a phrase; ``*`` ends a prefix; the words of a
phrase must come in order, at most two other words apart. Longer Latin and Cyrillic words also
match one typo away (rapidfuzz).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from rapidfuzz.distance import Levenshtein

_ARABIC_VARIANTS = str.maketrans(
    {
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ة": "ه",
        "ى": "ی",
        "ي": "ی",
        "ئ": "ی",
        "ك": "ک",
        "ۀ": "ه",
        "ە": "ه",  # Sorani ae, typed as heh on many keyboards
        "ؤ": "و",
        "\u200c": "",  # zero-width non-joiner: "می‌خوام" and "میخوام" are one word
        "ـ": "",  # tatweel
    }
)
_PROCLITICS = ("وبال", "وال", "بال", "فال", "لل", "ال", "و", "ب", "ف")
_WORD = re.compile(r"[\w'’]+", re.UNICODE)


def _strip_marks(text: str) -> str:
    # Combining marks go (é→e, ş→s, й→и, Arabic short vowels), but not the letters of scripts
    # whose marks are part of the letter (Ge'ez, and Sorani's ێ ۆ which NFC keeps whole).
    decomposed = unicodedata.normalize("NFKD", text)
    kept = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return unicodedata.normalize("NFC", kept)


def normalise_words(text: str) -> list[str]:
    """Return the message's words, normalised for matching across spellings."""
    text = unicodedata.normalize("NFKC", text or "").casefold().translate(_ARABIC_VARIANTS)
    text = _strip_marks(text).replace("’", "'")
    return [w.strip("'") for w in _WORD.findall(text) if w.strip("'")]


def _variants(word: str) -> tuple[str, ...]:
    if word and "\u1200" <= word[0] <= "\u139f" and word.startswith("ብ") and len(word) > 3:
        return (word, word[1:])  # Tigrinya "ብእንግሊዝኛ": in English
    if not word or not ("\u0600" <= word[0] <= "\u06ff"):
        return (word,)
    found = [word]
    for clitic in _PROCLITICS:
        if word.startswith(clitic) and len(word) - len(clitic) >= 2:
            found.append(word[len(clitic) :])
    return tuple(found)


@dataclass(frozen=True)
class Pattern:
    words: tuple[str, ...]  # normalised; a trailing "*" marks a prefix

    @classmethod
    def parse(cls, phrase: str) -> Pattern:
        words = []
        for raw in phrase.split():
            star = raw.endswith("*")
            norm = "".join(normalise_words(raw.rstrip("*"))) or raw.rstrip("*")
            words.append(norm + ("*" if star else ""))
        return cls(tuple(words))


def word_matches(pattern: str, word: str) -> bool:
    if pattern.endswith("*"):
        stem = pattern[:-1]
        return any(v.startswith(stem) for v in _variants(word))
    if any(v == pattern for v in _variants(word)):
        return True
    # One typo in a longer Latin or Cyrillic word ("feaver", "suicde"); Arabic-script and
    # Ge'ez words are short and dense, where one edit often makes another word.
    return len(pattern) >= 6 and pattern.isascii() == word.isascii() and _fuzzy_ok(pattern, word)


def _fuzzy_ok(pattern: str, word: str) -> bool:
    if not ("a" <= pattern[0] <= "z" or "\u0400" <= pattern[0] <= "\u04ff"):
        return False
    return Levenshtein.distance(pattern, word, score_cutoff=1) <= 1


def phrase_in(pattern: Pattern, words: list[str]) -> bool:
    first, rest = pattern.words[0], pattern.words[1:]
    for start, word in enumerate(words):
        if not word_matches(first, word):
            continue
        position, ok = start, True
        for part in rest:
            window = words[position + 1 : position + 4]  # at most two other words between
            step = next((i for i, w in enumerate(window) if word_matches(part, w)), None)
            if step is None:
                ok = False
                break
            position += step + 1
        if ok:
            return True
    return False


class PhraseList:
    """A list of phrases in many languages; tells whether a message contains one."""

    def __init__(self, phrases: list[str]) -> None:
        self._patterns = [Pattern.parse(p) for p in phrases if p.strip()]
        # Every message goes through a dozen lists of hundreds of phrases: index them by their
        # first word, so only the phrases that can start somewhere in the message are followed.
        self._by_first: dict[str, list[Pattern]] = {}
        self._by_stem: list[tuple[str, Pattern]] = []
        self._typo_tolerant: list[Pattern] = []
        for pattern in self._patterns:
            first = pattern.words[0]
            if first.endswith("*"):
                self._by_stem.append((first[:-1], pattern))
                continue
            self._by_first.setdefault(first, []).append(pattern)
            if len(first) >= 6:
                self._typo_tolerant.append(pattern)

    def found_in(self, words: list[str]) -> bool:
        """Return whether any phrase occurs in the normalised words."""
        seen = {variant for word in words for variant in _variants(word)}
        candidates = [p for variant in seen for p in self._by_first.get(variant, ())]
        candidates += [p for stem, p in self._by_stem if any(v.startswith(stem) for v in seen)]
        candidates += [p for p in self._typo_tolerant if any(abs(len(w) - len(p.words[0])) <= 1 for w in words)]
        return any(phrase_in(p, words) for p in candidates)
