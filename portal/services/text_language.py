"""Which language a free text is written in, for labelling it to the reader (and an interpreter).

heliport (portal.channels.language) knows all our languages offline except Dari as a label of
its own, so:
- Ge'ez script is Tigrinya, the only Ethiopic-script language we support.
- Letters only Sorani or only Pashto uses decide between those and Persian/Arabic.
- Dari reads as Persian; when the writer's own language is Dari (or Sorani or Pashto, which a
  short text can resemble), we trust it over a Persian guess.
- A guess outside our 12 languages (heliport's ISO 639-3 label) is kept only when heliport is
  clearly sure; otherwise, and for texts too short to judge, we assume the writer's own
  language and record that it was assumed.
"""

from __future__ import annotations

from portal.channels.language import identify
from portal.languages import get_language
from portal.models import LanguageSource

MIN_LETTERS = 12  # fewer letters than this is a guess, not a detection
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
    guess = identify(text)
    if guess is None:
        return fallback, LanguageSource.ASSUMED
    if guess == "fa" and fallback in {"prs", "ckb", "ps"}:
        return fallback, LanguageSource.DETECTED
    return guess, LanguageSource.DETECTED
