"""Text normalisation for search, the same for the index and for queries, in every script.

People type on whatever keyboard they have: Arabic letters on a Persian keyboard, Swedish
without å/ä/ö, Russian without ё. Both sides of the search go through `normalise`, so these
variants meet:

- Unicode compatibility forms (Arabic presentation forms, full-width Latin) → NFKC.
- casefold, then every combining mark dropped: Latin diacritics (å→a, ö→o, ç→c, ê→e),
  Arabic harakat and hamza/madda marks (أ إ آ → ا, ؤ → و, ئ → ي), Cyrillic ё → е, й → и.
- Arabic-script letter variants: ى ی ې ۍ → ي; ك → ک; ة → ه; ە ھ → ه; ٱ → ا; tatweel removed;
  Sorani ڕ ڵ ێ ۆ → ر ل ي و (often typed on an Arabic keyboard).
- Zero-width non-joiner and joiner removed (Persian می‌خواهم = میخواهم).
- Arabic-Indic and Persian digits → 0-9.
- Ethiopic letters that Tigrinya pronounces alike → one series (ሠ→ሰ, ፀ→ጸ, ኀ→ሀ).
- Apostrophes inside words removed (Somali ka'a = kaa).
"""

from __future__ import annotations

import functools
import unicodedata

_CHAR_MAP: dict[str, str] = {
    "\u0649": "\u064a",  # ى alef maksura → ي
    "\u06cc": "\u064a",  # ی Persian yeh → ي
    "\u06d0": "\u064a",  # ې Pashto yeh → ي
    "\u06cd": "\u064a",  # ۍ Pashto yeh with tail → ي
    "\u0643": "\u06a9",  # ك Arabic kaf → ک
    "\u0629": "\u0647",  # ة teh marbuta → ه
    "\u06d5": "\u0647",  # ە Kurdish ae → ه
    "\u06be": "\u0647",  # ھ heh doachashmee → ه
    "\u06c1": "\u0647",  # ہ heh goal → ه
    "\u0671": "\u0627",  # ٱ alef wasla → ا
    # Sorani letters often typed with the nearest Arabic key.
    "\u0695": "\u0631",  # ڕ → ر
    "\u06b5": "\u0644",  # ڵ → ل
    "\u06ce": "\u064a",  # ێ → ي
    "\u06c6": "\u0648",  # ۆ → و
    "\u0640": "",  # tatweel
    "\u200c": "",  # zero-width non-joiner
    "\u200d": "",  # zero-width joiner
    "\u200e": "",  # left-to-right mark
    "\u200f": "",  # right-to-left mark
    "\u00ad": "",  # soft hyphen
    "'": "",
    "\u2019": "",  # ’
    "\u02bc": "",  # ʼ
    "ø": "o",
    "æ": "ae",
    "ł": "l",
    "đ": "d",
    "ı": "i",  # dotless i (Kurmanji keyboards on Turkish layouts)
}
for _offset in range(8):
    _CHAR_MAP[chr(0x1220 + _offset)] = chr(0x1230 + _offset)  # ሠ series → ሰ series
    _CHAR_MAP[chr(0x1280 + _offset)] = chr(0x1200 + _offset)  # ኀ series → ሀ series
for _offset in range(7):
    _CHAR_MAP[chr(0x1340 + _offset)] = chr(0x1338 + _offset)  # ፀ series → ጸ series


@functools.lru_cache(maxsize=16384)
def _fold_char(ch: str) -> str:
    if ch in _CHAR_MAP:
        return _CHAR_MAP[ch]
    if ch.isdigit() and not ch.isascii():
        value = unicodedata.digit(ch, None)
        if value is not None:
            return str(value)
    out = []
    for part in unicodedata.normalize("NFKC", ch).casefold():
        decomposed = unicodedata.normalize("NFD", part)
        for c in decomposed:
            if unicodedata.category(c) == "Mn":
                continue
            out.append(_CHAR_MAP.get(c, c))
    return "".join(out)


def normalise(text: str) -> str:
    """Fold `text` for search: see the module docstring for what is folded."""
    return "".join(_fold_char(ch) for ch in text or "")


# Arabic writes the article and some prepositions joined to the word (المدرسة, والمدرسة,
# بالمدرسة); a reader searching مدرسة must find them. Longest first. Normalised forms (ك → ک).
_ARABIC_PREFIXES = ("وال", "بال", "کال", "فال", "لل", "ال")


def stem(word: str, language: str | None = None) -> str:
    """Strip the joined Arabic article from one normalised word (after the Snowball stemmer, see
    portal.services.search.analysis, which leaves it behind a conjunction or preposition)."""
    if language == "ar":
        for prefix in _ARABIC_PREFIXES:
            if word.startswith(prefix) and len(word) - len(prefix) >= 3:
                return word[len(prefix) :]
    return word
