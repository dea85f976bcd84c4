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
- Latin: å ä ö are Swedish, ê î û ş Kurmanji; otherwise heliport among sv, en, so and ku;
  otherwise the words of a language typed in Latin letters (Arabizi, Finglish, Latin Dari and
  Pashto and Sorani, Russian and Ukrainian transliteration), which no identifier we can ship
  knows: a small documented list of frequent words per language, and Arabizi's digits for
  letters ("3ndi", "so2al"). Two such words, clearly more than any other language's, decide.
"""

from __future__ import annotations

import functools
import re

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


# Frequent words of each language as people type it in Latin letters. Only words that are not
# also common in Swedish, English, Somali or Kurmanji (which heliport reads), nor in each other.
_ROMANIZED: dict[str, frozenset[str]] = {
    "ar": frozenset(
        [
            "ana",
            "enta",
            "enti",
            "inta",
            "inti",
            "shu",
            "shou",
            "shoo",
            "kif",
            "keef",
            "kifak",
            "wein",
            "momken",
            "mumkin",
            "mumken",
            "yalla",
            "habibi",
            "marhaba",
            "shukran",
            "shokran",
            "ezay",
            "izzay",
            "3ayez",
            "3awez",
            "mesh",
            "msh",
            "lazem",
            "lazim",
            "badi",
            "bade",
            "biddi",
            "baddi",
            "fiyi",
            "fini",
            "ahlan",
            "wallah",
            "inshallah",
            "ya3ni",
        ]
    ),
    "fa": frozenset(
        [
            "mikham",
            "mikhastam",
            "mikhaam",
            "chetori",
            "chetor",
            "koja",
            "kojast",
            "chie",
            "mishe",
            "lotfan",
            "mamnoon",
            "mamnun",
            "khob",
            "baraye",
            "bayad",
            "daram",
            "nadaram",
            "nist",
            "inja",
            "kheili",
            "kheyli",
            "alan",
            "migiram",
            "mikonam",
            "mitoonam",
            "nemitoonam",
            "bedin",
            "befrestid",
            "chejoori",
            "khoone",
            "bache",
            "soal",
            "mikesham",
            "nadare",
            "migire",
            "hastam",
            "mikhay",
            "mikhad",
            "dige",
            "vali",
            "chera",
            "emrooz",
            "farda",
            "javab",
            "zaban",
        ]
    ),
    "prs": frozenset(
        [
            "mekhaham",
            "mekhayom",
            "mekhaym",
            "mekonom",
            "mekona",
            "kada",
            "tashakor",
            "tashakur",
            "paisa",
            "paysa",
            "kodam",
            "chitor",
            "astom",
            "hastom",
            "bachaim",
            "mefahmom",
            "namefahmom",
            "meshawa",
            "dega",
        ]
    ),
    "ps": frozenset(
        [
            "zama",
            "sanga",
            "kawal",
            "ghwaram",
            "ghwaaram",
            "shta",
            "nishta",
            "pohezham",
            "pohegam",
            "manana",
            "warkam",
            "kawi",
            "raka",
            "wakri",
            "zoy",
            "maashoom",
            "dalta",
            # sixth session: first person, "came", "write", "wife", "brother", the language's name
            "zma",
            "sta",
            "yam",
            "akhlam",
            "wakhlam",
            "kram",
            "kawam",
            "kawalay",
            "shum",
            "sham",
            "lwastalay",
            "lwastalai",
            "wlika",
            "wlikai",
            "raghalay",
            "raghlay",
            "raghle",
            "tlalay",
            "jorawalay",
            "khaza",
            "wrora",
            "pukhto",
            "pakhto",
            "pashto",
            "ghwarem",
            "tsanga",
            "chiri",
            "kedai",
            "kegi",
        ]
    ),
    "ckb": frozenset(
        [
            "chon",
            "chonit",
            "spas",
            "supas",
            "dakam",
            "dakat",
            "dawet",
            "dawim",
            "kwe",
            "kwey",
            "niya",
            "heya",
            "zor",
            "chya",
            "chiya",
            "dastxosh",
        ]
    ),
    "ru": frozenset(
        [
            "privet",
            "zdravstvujte",
            "zdravstvuyte",
            "zdravstvuite",
            "spasibo",
            "pozhalujsta",
            "pozhaluista",
            "pojaluista",
            "kak",
            "gde",
            "chto",
            "shto",
            "eto",
            "mne",
            "menya",
            "mozhno",
            "nado",
            "nuzhno",
            "esli",
            "kogda",
            "skolko",
            "rabotu",
            "poka",
            "pogoda",
            "zavtra",
            "segodnya",
            "khochu",
            "bez",
            "ili",
            "tolko",
            "uzhe",
            "ochen",
            "pochemu",
            "kakaya",
            "kakoy",
        ]
    ),
    # Tigrinya typed in Latin letters (seventh session): question words, "I have / I don't have",
    # thanks, today/tomorrow, family words
    "ti": frozenset(
        [
            "kemey",
            "kemay",
            "entay",
            "intay",
            "aloni",
            "alewo",
            "aleni",
            "yebleyn",
            "yebleyni",
            "yeblen",
            "yekenyeley",
            "yekenyelay",
            "yekenyelna",
            "ezi",
            "lomi",
            "tsbah",
            "wedey",
            "gualey",
            "haftey",
            "kindey",
            "kndey",
            "mealti",
            "abey",
            "nabey",
            "yikealo",
            "yikel",
            "kitgebr",
            "dehan",
            "hray",
        ]
    ),  # fmt: skip
    "uk": frozenset(
        [
            "pryvit",
            "dyakuyu",
            "diakuiu",
            "dyakuju",
            "budlaska",
            "yak",
            "shcho",
            "scho",
            "meni",
            "mozhna",
            "treba",
            "koly",
            "skilky",
            "sohodni",
            "sogodni",
            "chy",
            "tilky",
            "vzhe",
            "duzhe",
            "robotu",
            "chomu",
            "yaka",
            "yakyi",
        ]
    ),
}
# Arabizi writes the letters Latin lacks with digits: 3 ع, 7 ح, 2 ء, 5 خ ("3ndi", "so2al", "5alas").
_ARABIZI = re.compile(r"^(?=.*[a-z])[a-z]*[2357][a-z]+$|^[a-z]+[2357]$")
MIN_ROMANIZED_WORDS = 2
STRONG_ROMANIZED_WORDS = 3


def _romanized(text: str, least: int = MIN_ROMANIZED_WORDS) -> str | None:
    """The language of a message typed in Latin letters by its frequent words, when clear."""
    words = re.findall(r"[a-z0-9']+", text.casefold())
    scores = {code: sum(word in markers for word in words) for code, markers in _ROMANIZED.items()}
    scores["ar"] += sum(bool(_ARABIZI.match(word)) for word in words)
    # Dari and Persian share most words in Latin letters; Dari's own words decide between them.
    if scores["prs"] and scores["fa"]:
        scores["fa"], scores["prs"] = (
            (0, scores["fa"] + scores["prs"]) if scores["prs"] >= 2 else (scores["fa"] + scores["prs"], 0)
        )
    ranked = sorted(scores.items(), key=lambda item: item[1], reverse=True)
    (best, top), (_, second) = ranked[0], ranked[1]
    if top >= least and top > second:
        return best
    return None


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


# The languages each script can be, and the one to answer in when nothing else tells.
_SCRIPT_LANGUAGES = {
    "latin": {"sv", "en", "so", "ku"},
    "arabic": {"ar", "fa", "ps", "ckb"},
    "cyrillic": {"uk", "ru"},
    "ethiopic": {"ti"},
}
_SCRIPT_DEFAULTS = {"latin": "en", "arabic": "ar", "cyrillic": "ru", "ethiopic": "ti"}


def _script_counts(letters: list[str]) -> dict[str, int]:
    """How many of the letters each script has."""
    scripts: dict[str, int] = {}
    for ch in letters:
        script = _script(ch)
        if script:
            scripts[script] = scripts.get(script, 0) + 1
    return scripts


def guess_language(text: str) -> str:
    """A language to answer in for a text `detect_language` found unclear (never None).

    For someone who was shown the menu and wrote on without choosing: asking again would trap
    them (issue 11), so heliport's likeliest language of the text's script with no margin asked,
    else the script's most read language (English for Latin letters). The assistant's replies
    say how to change it in one message.
    """
    scripts = _script_counts([ch.casefold() for ch in text if ch.isalpha()])
    # Latin letters come into every script's messages ("sfi", "ok"): another script wins a tie.
    script = max(scripts, key=lambda name: (scripts[name], name != "latin")) if scripts else "latin"
    allowed = _SCRIPT_LANGUAGES[script]
    for label, _score in _identifier().identify_topk_with_score(text, 5):
        if _HELIPORT_CODES.get(label) in allowed:
            return _HELIPORT_CODES[label]
    return _SCRIPT_DEFAULTS[script]


def detect_language(text: str) -> str | None:
    """Our language code for `text`, or None when it is too short or unclear."""
    letters = [ch.casefold() for ch in text if ch.isalpha()]
    if len(letters) < MIN_LETTERS:
        return None
    scripts = _script_counts(letters)
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
        return _heliport(text, _SCRIPT_LANGUAGES["arabic"])
    if script == "cyrillic":
        ukrainian, russian = bool(present & _UKRAINIAN), bool(present & _RUSSIAN)
        if ukrainian != russian:
            return "uk" if ukrainian else "ru"
        return _heliport(text, _SCRIPT_LANGUAGES["cyrillic"])
    if script == "latin":
        swedish, kurmanji = bool(present & _SWEDISH), bool(present & _KURMANJI)
        if swedish != kurmanji:
            return "sv" if swedish else "ku"
        if swedish and kurmanji:
            return None
        # Three frequent words of one romanised language outweigh heliport, which reads the
        # Swedish terms in "personnummer kemey yirekeb? skatteverket ab Sodertalje" as Swedish.
        return (
            _romanized(text, STRONG_ROMANIZED_WORDS) or _heliport(text, _SCRIPT_LANGUAGES["latin"]) or _romanized(text)
        )
    return None
