"""Which language a free text is written in, for labelling it to the reader (and an interpreter).

langdetect knows Arabic, Persian, Somali, Ukrainian, Russian, English and Swedish, but not
Tigrinya, Sorani, Kurmanji, Pashto or Dari. So:
- Ge'ez script is Tigrinya, the only Ethiopic-script language we support.
- Letters only Sorani or only Pashto uses decide between those and Persian/Arabic.
- langdetect mistakes Dari, Sorani and Pashto for Persian (or Urdu); when the writer's own
  language is one of those, we trust it over such a guess.
- A guess outside our 12 languages is kept only if langdetect is sure and the writer's own
  language is one it could have recognised; otherwise (and for texts too short to judge) we
  assume the writer's own language and record that it was assumed.
"""

from __future__ import annotations

from langdetect import DetectorFactory, LangDetectException, detect_langs

from portal.languages import get_language
from portal.models import LanguageSource

DetectorFactory.seed = 0  # langdetect is random by default; the same text must get the same label

MIN_LETTERS = 12  # fewer letters than this is a guess, not a detection
MIN_PROBABILITY = 0.8
_UNDETECTABLE = {"ti", "ckb", "ku", "ps", "prs"}  # our languages langdetect has no profile for
_PERSO_ARABIC_GUESSES = {"fa", "ur", "ar"}
_SORANI_LETTERS = set("ێۆڵڕەڤ")
_PASHTO_LETTERS = set("ټډړږښځڅڼۍې")


def detect_text_language(text: str, fallback: str) -> tuple[str, LanguageSource]:
    """The language code of `text` and how we know it; `fallback` is the writer's own language."""
    fallback = (get_language(fallback) or get_language("sv")).code  # type: ignore[union-attr]
    letters = [ch for ch in text if ch.isalpha()]
    if len(letters) < MIN_LETTERS:
        return fallback, LanguageSource.ASSUMED
    ethiopic = sum(1 for ch in letters if "\u1200" <= ch <= "\u139f" or "\u2d80" <= ch <= "\u2ddf")
    if ethiopic * 2 > len(letters):
        return "ti", LanguageSource.DETECTED
    present = set(letters)
    if present & _SORANI_LETTERS and not present & _PASHTO_LETTERS:
        return "ckb", LanguageSource.DETECTED
    if present & _PASHTO_LETTERS and not present & _SORANI_LETTERS:
        return "ps", LanguageSource.DETECTED
    try:
        best = detect_langs(text)[0]
    except LangDetectException:
        return fallback, LanguageSource.ASSUMED
    guess = best.lang.split("-")[0]
    if best.prob < MIN_PROBABILITY:
        return fallback, LanguageSource.ASSUMED
    if guess in _PERSO_ARABIC_GUESSES and fallback in {"prs", "ckb", "ps"} and guess != "ar":
        return fallback, LanguageSource.DETECTED
    if get_language(guess) is not None:
        return get_language(guess).code, LanguageSource.DETECTED  # type: ignore[union-attr]
    if fallback in _UNDETECTABLE:
        return fallback, LanguageSource.ASSUMED
    return guess, LanguageSource.DETECTED
