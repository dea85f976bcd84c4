"""Which of our 12 languages an SMS is written in, when we do not know the sender's language.

langdetect (seeded, so the same text always gets the same answer) knows Swedish, English,
Arabic, Persian, Somali, Russian and Ukrainian, but not Tigrinya, Sorani, Kurmanji, Pashto or
Dari, and it guesses wildly on short texts. So the script and its characteristic letters
decide first, and langdetect only chooses between the languages the script allows. When the
answer is not clear, this returns None and the portal asks with the numbered language menu:
asking costs one SMS, answering in the wrong language costs the conversation.

- Ge'ez script is Tigrinya (our only Ethiopic-script language).
- Arabic script: letters only Sorani writes (ێ ۆ ڵ ڕ ە ڤ) → ckb; letters only Pashto writes
  (ټ ډ ړ ږ ښ ځ څ ڼ ۍ ې) → ps; Persian letters (پ چ ژ گ, Persian ی and ک) → fa (Dari is
  written the same way; a Dari speaker can pick دری from the menu or tell the assistant);
  Arabic-only letters (ة ى, Arabic ي and ك) → ar; otherwise langdetect's ar/fa guess if sure.
- Cyrillic: і ї є ґ are Ukrainian, ы э ъ ё Russian; otherwise langdetect if sure.
- Latin: å ä ö are Swedish, ê î û ş Kurmanji; otherwise langdetect among sv, en and so.
"""

from __future__ import annotations

from langdetect import DetectorFactory, LangDetectException, detect_langs

DetectorFactory.seed = 0

MIN_LETTERS = 6
MIN_PROBABILITY = 0.9

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


def _langdetect(text: str, allowed: dict[str, str]) -> str | None:
    """langdetect's best guess if it is sure and maps (through `allowed`) to one of ours."""
    try:
        guesses = detect_langs(text)
    except LangDetectException:
        return None
    best = guesses[0]
    if best.prob < MIN_PROBABILITY:
        return None
    return allowed.get(best.lang.split("-")[0])


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
        return _langdetect(text, {"ar": "ar", "fa": "fa"})
    if script == "cyrillic":
        ukrainian, russian = bool(present & _UKRAINIAN), bool(present & _RUSSIAN)
        if ukrainian != russian:
            return "uk" if ukrainian else "ru"
        return _langdetect(text, {"uk": "uk", "ru": "ru"})
    if script == "latin":
        swedish, kurmanji = bool(present & _SWEDISH), bool(present & _KURMANJI)
        if swedish != kurmanji:
            return "sv" if swedish else "ku"
        if swedish and kurmanji:
            return None
        return _langdetect(text, {"sv": "sv", "en": "en", "so": "so"})
    return None
