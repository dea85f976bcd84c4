"""Which of our 12 languages an SMS is written in, when we do not know the sender's language.

heliport (an offline identifier whose model ships inside the package) knows all our languages
except Dari as its own label (Dari reads as Persian, pes), but like every identifier it guesses
on short texts. So the script and its characteristic letters decide first, and heliport only
chooses between the languages the script allows, and only when its best guess is clearly ahead. When the
answer is not clear, this returns None and the portal asks with the numbered language menu:
asking costs one SMS, answering in the wrong language costs the conversation.

- Ge'ez script is Tigrinya (our only Ethiopic-script language).
- Arabic script: letters only Sorani writes (ێ ۆ ڵ ڕ ە ڤ) → ckb; letters only Pashto writes
  (ټ ډ ړ ږ ښ ځ څ ڼ ۍ ې) → ps; Persian letters (پ چ ژ گ, Persian ی and ک) → fa (Dari is
  written the same way; a Dari speaker can pick دری from the menu or tell the assistant);
  Arabic-only letters (ة ى, Arabic ي and ك) → ar; otherwise heliport's guess among ar, fa, ps, ckb if clear.
- Cyrillic: і ї є ґ are Ukrainian, ы э ъ ё Russian; otherwise heliport if clear.
- Latin: å ä ö are Swedish, ê î û ş Kurmanji; otherwise heliport among sv, en, so and ku.
"""

from __future__ import annotations

import functools

import heliport

MIN_LETTERS = 6
# heliport's scores are negative log-likelihoods per character (lower is likelier); a guess
# counts only when the next language is at least this far behind.
MIN_MARGIN = 0.5
# heliport's ISO 639-3 labels for our languages (Dari has no label of its own: it reads as pes).
_HELIPORT_CODES = {
    "swe": "sv", "eng": "en", "ara": "ar", "arb": "ar", "pes": "fa", "fas": "fa", "prs": "prs", "som": "so",
    "tir": "ti", "ukr": "uk", "rus": "ru", "ckb": "ckb", "kmr": "ku", "pbt": "ps", "pus": "ps",
}  # fmt: skip

_SORANI = set("ێۆڵڕەڤ")
_PASHTO = set("ټډړږښځڅڼۍې")
_PERSIAN = set("پچژگیک")
_ARABIC_ONLY = set("ةىيك")
_UKRAINIAN = set("іїєґ")
_RUSSIAN = set("ыэъё")
_SWEDISH = set("åäö")
_KURMANJI = set("êîûş")


def _script(ch: str) -> str | None:
    if "\u1200" <= ch <= "\u139f" or "\u2d80" <= ch <= "\u2ddf":
        return "ethiopic"
    if "\u0600" <= ch <= "\u06ff" or "\u0750" <= ch <= "\u077f" or "\ufb50" <= ch <= "\ufeff":
        return "arabic"
    if "\u0400" <= ch <= "\u04ff":
        return "cyrillic"
    if ch.isascii() or "\u00c0" <= ch <= "\u024f":
        return "latin"
    return None


@functools.cache
def _identifier() -> heliport.Identifier:
    # Loads the packaged model once per process (about a second); nothing is downloaded.
    return heliport.Identifier()


def identify(text: str) -> str | None:
    """Our code for `text` (or heliport's ISO 639-3 label for another language) when clear; else None."""
    ranked = _identifier().identify_topk_with_score(text, 2)
    if not ranked:
        return None
    best_label, best_score = ranked[0]
    if len(ranked) > 1 and ranked[1][1] - best_score < MIN_MARGIN:
        return None
    return _HELIPORT_CODES.get(best_label, best_label)


def _heliport(text: str, allowed: set[str]) -> str | None:
    """heliport's best guess if it is one of `allowed` and clearly ahead of the next guess."""
    ranked = _identifier().identify_topk_with_score(text, 3)
    if not ranked:
        return None
    best_label, best_score = ranked[0]
    code = _HELIPORT_CODES.get(best_label)
    if code not in allowed:
        return None
    if len(ranked) > 1 and ranked[1][1] - best_score < MIN_MARGIN:
        return None
    return code


def detect_language(text: str) -> str | None:
    """Our language code for `text`, or None when it is too short or unclear."""
    letters = [ch.casefold() for ch in text if ch.isalpha()]
    if len(letters) < MIN_LETTERS:
        return None
    scripts: dict[str, int] = {}
    for ch in letters:
        script = _script(ch)
        if script:
            scripts[script] = scripts.get(script, 0) + 1
    if not scripts:
        return None
    script, count = max(scripts.items(), key=lambda item: item[1])
    if count * 3 < len(letters) * 2:  # no script has two thirds of the letters: mixed, ask
        return None
    present = set(letters)
    if script == "ethiopic":
        return "ti"
    if script == "arabic":
        sorani, pashto = bool(present & _SORANI), bool(present & _PASHTO)
        if sorani != pashto:
            return "ckb" if sorani else "ps"
        if sorani and pashto:
            return None
        persian, arabic = bool(present & _PERSIAN), bool(present & _ARABIC_ONLY)
        if persian != arabic:
            return "fa" if persian else "ar"
        return _heliport(text, {"ar", "fa", "ps", "ckb"})
    if script == "cyrillic":
        ukrainian, russian = bool(present & _UKRAINIAN), bool(present & _RUSSIAN)
        if ukrainian != russian:
            return "uk" if ukrainian else "ru"
        return _heliport(text, {"uk", "ru"})
    if script == "latin":
        swedish, kurmanji = bool(present & _SWEDISH), bool(present & _KURMANJI)
        if swedish != kurmanji:
            return "sv" if swedish else "ku"
        if swedish and kurmanji:
            return None
        return _heliport(text, {"sv", "en", "so", "ku"})
    return None
