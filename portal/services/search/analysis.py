"""Text analysis for search: the same words → terms for the index and for a query.

Which library does what:

- Folding (å→a, أ→ا, ё→е, Persian/Arabic letter variants, digits): portal.content.normalise,
  after stemming, so every keyboard meets the same term.
- Stemming: the Snowball stemmers of PyStemmer where Snowball has the language: Swedish,
  English, Russian, Arabic (plus the joined article and prepositions, والـ بالـ, which it
  leaves), and Persian for both Persian and Dari (fa, prs). A Latin-script
  word in a text of another script is a Swedish term the translation kept
  ("personnummer", "Försäkringskassan"), so it is stemmed as Swedish.
- No library stems Ukrainian, Pashto, Sorani, Kurmanji, Somali or Tigrinya. For those a small
  rule set (RULES below) strips the commonest endings (Ukrainian case endings, Pashto and
  Sorani plural and definite endings, Kurmanji ezafe and plural, Somali definite articles,
  Tigrinya one-syllable prepositions), never below three letters (four in Kurmanji, two
  Ge'ez syllables in Tigrinya); search also matches a
  query term as a prefix in these languages (see ranking.py).
- Stop words: stopwords.py, per language.
- Typing mistakes: rapidfuzz, against the terms of the index (ranking.py).
- Russian and Ukrainian typed in Latin letters: a spelling table back to Cyrillic
  (`from_latin`), tried only for a word that matches nothing as typed.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

import Stemmer

from portal.content.normalise import normalise
from portal.content.normalise import stem as arabic_article
from portal.services.search.stopwords import stop_words

MAX_QUERY_WORDS = 12
MAX_QUERY_CHARS = 200

SNOWBALL = {"sv": "swedish", "en": "english", "ru": "russian", "ar": "arabic", "fa": "persian", "prs": "persian"}
LATIN_SCRIPT = {"sv", "en", "so", "ku"}

# Removed before splitting into words: joiners (Persian می‌خواهم is one word), bidi marks,
# tatweel, soft hyphens, apostrophes inside words (Somali ka'a), and Arabic harakat.
_DROP = dict.fromkeys(
    [0x200C, 0x200D, 0x200E, 0x200F, 0x00AD, 0x0640, 0x0027, 0x2019, 0x02BC]
    + list(range(0x0610, 0x061B))
    + list(range(0x064B, 0x0660))
    + [0x0670]
    + list(range(0x06D6, 0x06EE))
)
_WORD_RE = re.compile(r"[^\W_]+")
# The Snowball Persian stemmer expects Persian letters, the Arabic one Arabic letters.
_TO_PERSIAN = str.maketrans({"\u064a": "\u06cc", "\u0649": "\u06cc", "\u0643": "\u06a9"})
_TO_ARABIC = str.maketrans({"\u06cc": "\u064a", "\u06a9": "\u0643"})


@functools.cache
def _snowball(name: str) -> Stemmer.Stemmer:
    return Stemmer.Stemmer(name)


def _strip(word: str, suffixes: tuple[str, ...], prefixes: tuple[str, ...] = (), keep: int = 3) -> str:
    for prefix in prefixes:
        if word.startswith(prefix) and len(word) - len(prefix) >= keep:
            word = word[len(prefix) :]
            break
    for suffix in suffixes:
        if word.endswith(suffix) and len(word) - len(suffix) >= keep:
            return word[: -len(suffix)]
    return word


def _rule(suffixes: str, prefixes: str = "", keep: int = 3) -> Callable[[str], str]:
    # Written in ordinary spelling, folded like the words they cut, longest first.
    folded_suffixes = tuple(sorted({normalise(s) for s in suffixes.split()}, key=len, reverse=True))
    folded_prefixes = tuple(sorted({normalise(p) for p in prefixes.split()}, key=len, reverse=True))
    return lambda word: _strip(word, folded_suffixes, folded_prefixes, keep)


RULES: dict[str, Callable[[str], str]] = {
    # Ukrainian noun, adjective and verb endings (case, number, infinitive, reflexive).
    "uk": _rule(
        "ування ювання ання ення іння ість ості істю ськими ського ському ська ське ські ськ ими іми "
        "ого ому ого ові еві ами ями ах ях ів їв ою ею ий ій ої им ім их іх ам ям ом ем ти ть ся сь "
        "уть ють ать ять ите іть ує ують а я о е у ю і и ь"
    ),
    # Pashto plural and oblique endings.
    "ps": _rule("ګانو ګان ونو ونه انو ان ې ۍ ي و ه"),
    # Sorani definite, indefinite, plural and ezafe endings.
    "ckb": _rule("ەکانی ەکان یەکان ەکەی ەکە یەک ێک ەوە انی ان یش ەش ی ە"),
    # Kurmanji ezafe, definite/indefinite and plural endings.
    "ku": _rule("ekê eke ekî ên an ek yê ya yî ê a î e", keep=4),
    # Somali definite articles, possessives and plural endings.
    "so": _rule(
        "ooyinka ooyinkii yaasha ooyin yaal kooda tooda kiisa tiisa kayga tayda kaaga taada keena teena "
        "kaas taas kii tii gii hii dii aha ada ka ta ga ha da ya o a"
    ),
    # Tigrinya one-syllable prepositions written joined to the word, and possessive endings.
    "ti": _rule("ታት ኩም ክን ኦም ካ ኪ ና", prefixes="ካብ ኣብ ብ ን", keep=2),
}


def _is_latin(word: str) -> bool:
    return word[0] < "\u0250"


def stem(word: str, language: str) -> str:
    """The index term for one word (already split, casefolded, harakat removed)."""
    folded = normalise(word)
    if not folded or folded.isdigit():
        return folded
    latin = _is_latin(folded)
    if latin and language not in LATIN_SCRIPT:
        # A Swedish term kept in a translation, or typed as people meet it.
        return normalise(_snowball("swedish").stemWord(folded))
    name = SNOWBALL.get(language)
    if name is None:
        rule = RULES.get(language)
        return rule(folded) if rule and (latin or language not in LATIN_SCRIPT) else folded
    if latin:
        return normalise(_snowball(name).stemWord(folded))
    if name == "persian":
        return normalise(_snowball(name).stemWord(word.translate(_TO_PERSIAN)))
    if name == "arabic":
        # Snowball leaves the article behind a conjunction or preposition (والمدرسة, بالمدرسة).
        return arabic_article(normalise(_snowball(name).stemWord(word.translate(_TO_ARABIC))), "ar")
    return normalise(_snowball(name).stemWord(word.replace("ё", "е")))


# Russian and Ukrainian typed on a phone without a Cyrillic keyboard ("vrach", "zhenshchin"):
# the common Latin spellings back to Cyrillic, longest first. Only tried for a word that
# matches nothing as it is (ranking.prepare_query).
_ROMANISED = {
    "ru": [("shch", "щ"), ("sch", "щ"), ("zh", "ж"), ("kh", "х"), ("ch", "ч"), ("sh", "ш"), ("ts", "ц"),
           ("yu", "ю"), ("ya", "я"), ("yo", "е"), ("ye", "е"), ("a", "а"), ("b", "б"), ("v", "в"), ("g", "г"),
           ("d", "д"), ("e", "е"), ("z", "з"), ("i", "и"), ("j", "й"), ("k", "к"), ("l", "л"), ("m", "м"),
           ("n", "н"), ("o", "о"), ("p", "п"), ("r", "р"), ("s", "с"), ("t", "т"), ("u", "у"), ("f", "ф"),
           ("h", "х"), ("c", "ц"), ("y", "ы"), ("w", "в"), ("x", "кс")],
    "uk": [("shch", "щ"), ("zh", "ж"), ("kh", "х"), ("ch", "ч"), ("sh", "ш"), ("ts", "ц"), ("yu", "ю"),
           ("ya", "я"), ("ye", "є"), ("yi", "ї"), ("a", "а"), ("b", "б"), ("v", "в"), ("h", "г"), ("g", "ґ"),
           ("d", "д"), ("e", "е"), ("z", "з"), ("y", "и"), ("i", "і"), ("j", "й"), ("k", "к"), ("l", "л"),
           ("m", "м"), ("n", "н"), ("o", "о"), ("p", "п"), ("r", "р"), ("s", "с"), ("t", "т"), ("u", "у"),
           ("f", "ф"), ("c", "ц"), ("w", "в"), ("x", "кс")],
}  # fmt: skip


def from_latin(word: str, language: str) -> str | None:
    """A Latin-typed Russian or Ukrainian word in Cyrillic, or None for other languages."""
    pairs = _ROMANISED.get(language)
    if not pairs or not word.isascii():
        return None
    out, i = [], 0
    while i < len(word):
        for latin, cyrillic in pairs:
            if word.startswith(latin, i):
                out.append(cyrillic)
                i += len(latin)
                break
        else:
            out.append(word[i])
            i += 1
    return "".join(out)


def words(text: str) -> list[str]:
    """The words of a text: compatibility forms, case and marks folded away, not yet stemmed."""
    prepared = unicodedata.normalize("NFKC", text or "").casefold().translate(_DROP)
    return _WORD_RE.findall(prepared)


@dataclass(frozen=True)
class QueryWord:
    """One meaningful word of what a person typed, and the index term it becomes."""

    surface: str  # folded, not stemmed
    term: str


def query_words(query: str, language: str) -> list[QueryWord]:
    """The words of a query without stop words, each once, at most MAX_QUERY_WORDS."""
    stops = stop_words(language)
    seen: dict[str, QueryWord] = {}
    for word in words(query[:MAX_QUERY_CHARS]):
        folded = normalise(word)
        if not folded or folded in stops:
            continue
        term = stem(word, language)
        if term and term not in seen:
            seen[term] = QueryWord(folded, term)
    return list(seen.values())[:MAX_QUERY_WORDS]


@functools.lru_cache(maxsize=65536)
def _term(word: str, language: str) -> str | None:
    folded = normalise(word)
    if not folded or folded in stop_words(language):
        return None
    return stem(word, language)


def terms(text: str, language: str) -> list[str]:
    """The index terms of a text, in order, stop words left out."""
    return [t for t in (_term(w, language) for w in words(text)) if t]


def index_text(text: str, language: str) -> str:
    """The index terms joined by spaces: what the full-text engines store and match."""
    return " ".join(terms(text, language))
