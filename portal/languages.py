"""The one list of languages Ankomst supports, on every channel.

Everything else (locale selection, `<html lang dir>`, catalogues, content files, SMS keywords,
the bot) reads this list. Add a language here first.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Language:
    code: str  # our code: the URL, content file names, the database
    babel_locale: str  # the catalogue folder under locales/ and the CLDR locale for formatting
    direction: str  # "ltr" or "rtl"
    native_name: str
    english_name: str
    swedish_name: str
    script: str
    # Other BCP 47 / ISO 639-3 spellings devices send for this language (see TAG_TO_CODE).
    tags: tuple[str, ...] = ()
    # The word "language" in this language, for the header everyone can find (see base.html).
    word_for_language: str = ""

    @property
    def is_rtl(self) -> bool:
        return self.direction == "rtl"


LANGUAGES: tuple[Language, ...] = (
    Language("sv", "sv", "ltr", "Svenska", "Swedish", "svenska", "Latin", ("swe",), "Språk"),
    Language("en", "en", "ltr", "English", "English", "engelska", "Latin", ("eng",), "Language"),
    # Spoken Arabic varieties are written as Arabic; the ISO 639-3 codes are what some devices send.
    Language(
        "ar",
        "ar",
        "rtl",
        "العربية",
        "Arabic",
        "arabiska",
        "Arabic",
        ("ara", "arb", "apc", "ajp", "acm", "arz", "apd", "ayl"),
        "اللغة",
    ),
    Language("fa", "fa", "rtl", "فارسی", "Persian", "persiska", "Arabic", ("fas", "per", "pes", "fa-IR"), "زبان"),
    # Dari: Android sends "prs" (its own ISO 639-3 code), iOS and CLDR "fa-AF".
    Language("prs", "fa_AF", "rtl", "دری", "Dari", "dari", "Arabic", ("prs-AF", "fa-AF", "fa-Arab-AF"), "زبان"),
    Language("so", "so", "ltr", "Soomaali", "Somali", "somaliska", "Latin", ("som",), "Luqadda"),
    Language("ti", "ti", "ltr", "ትግርኛ", "Tigrinya", "tigrinja", "Ethiopic", ("tir",), "ቋንቋ"),
    Language("uk", "uk", "ltr", "Українська", "Ukrainian", "ukrainska", "Cyrillic", ("ukr",), "Мова"),
    Language("ru", "ru", "ltr", "Русский", "Russian", "ryska", "Cyrillic", ("rus",), "Язык"),
    # Sorani is Kurdish in Arabic script; "ku" with the Arabic script, or with Iraq or Iran as the
    # region, means Sorani far more often than Kurmanji (Badini speakers read Sorani or Latin).
    Language(
        "ckb",
        "ckb",
        "rtl",
        "کوردیی ناوەندی",
        "Central Kurdish (Sorani)",
        "sorani",
        "Arabic",
        ("ku-Arab", "ku-IQ", "ku-IR", "ckb-Arab"),
        "زمان",
    ),
    # Kurmanji: plain "ku", its ISO 639-3 code "kmr", the Latin script, or Turkey, Syria, Armenia.
    Language(
        "ku",
        "ku",
        "ltr",
        "Kurmancî",
        "Kurmanji Kurdish",
        "kurmanji",
        "Latin",
        ("kmr", "kur", "ku-Latn", "ku-TR", "ku-SY", "ku-AM", "kmr-Latn"),
        "Ziman",
    ),
    # Pashto: "ps", or the ISO 639-3 codes of its northern, southern and central varieties.
    Language("ps", "ps", "rtl", "پښتو", "Pashto", "pashto", "Arabic", ("pus", "pbt", "pbu", "pst"), "ژبه"),
)

SOURCE_LANGUAGE = "sv"
DEFAULT_LANGUAGE = "sv"

BY_CODE: dict[str, Language] = {lang.code: lang for lang in LANGUAGES}
BY_LOCALE: dict[str, Language] = {lang.babel_locale: lang for lang in LANGUAGES}
CODES: tuple[str, ...] = tuple(lang.code for lang in LANGUAGES)

# Every spelling we answer to, lower case with hyphens: our codes, Babel locales and the tags above.
TAG_TO_CODE: dict[str, str] = {
    tag.lower().replace("_", "-"): lang.code for lang in LANGUAGES for tag in (lang.code, lang.babel_locale, *lang.tags)
}


def get_language(code: str | None) -> Language | None:
    """Return the language for one of our codes (or a Babel locale), or None."""
    if not code:
        return None
    base, _, region = code.strip().replace("-", "_").partition("_")
    if region:
        return BY_LOCALE.get(f"{base.lower()}_{region.upper()}")
    return BY_CODE.get(base.lower()) or BY_LOCALE.get(base.lower())


def match_tag(tag: str | None) -> Language | None:
    """Return our language for a BCP 47 tag a device sends ("prs", "ku-Arab-IQ", "ar-SE"), or None.

    RFC 4647 lookup: the whole tag first, then shorter and shorter prefixes, so a region or
    script we list ("fa-AF", "ku-Arab") wins over the bare language, and any other region of a
    language ("ar-SY", "so-SO", "ti-ER", "uk-UA") falls back to it.
    """
    subtags = (tag or "").strip().lower().replace("_", "-").split("-")
    while subtags and subtags[0]:
        code = TAG_TO_CODE.get("-".join(subtags))
        if code:
            return BY_CODE[code]
        subtags.pop()
    return None


def negotiate(accepted: Iterable[tuple[str, float]]) -> Language | None:
    """Return the first of our languages in an Accept-Language list (best quality first), or None."""
    for tag, quality in accepted:
        if quality > 0:
            lang = match_tag(tag)
            if lang:
                return lang
    return None


def words_for_language(first: Language) -> list[tuple[str, Language]]:
    """The word "language" in every one of our languages, `first`'s first, each word once."""
    words: list[tuple[str, Language]] = []
    for lang in (first, *LANGUAGES):
        if lang.word_for_language not in (word for word, _ in words):
            words.append((lang.word_for_language, lang))
    return words


def resolve_choice(text: str) -> Language | None:
    """Find the language a person means: a code, a menu number, or a name in any language.

    Used by the SMS language menu and the assistant ("3", "arabic", "عربي", "soomaali").
    """
    raw = (text or "").strip().casefold()
    if not raw:
        return None
    if raw.isdecimal():
        index = int(raw) - 1
        return LANGUAGES[index] if 0 <= index < len(LANGUAGES) else None
    lang = get_language(raw)
    if lang:
        return lang
    for lang in LANGUAGES:
        names = {lang.native_name, lang.english_name, lang.swedish_name, *_ALIASES.get(lang.code, ())}
        if any(name.casefold() in raw for name in names if len(name) >= 3):
            return lang
    return None


# Everyday names people type for their language, beyond the three formal names.
_ALIASES: dict[str, tuple[str, ...]] = {
    "ar": ("عربي", "عربى", "arabi", "arabic"),
    "fa": ("farsi", "پارسی", "فارسي"),
    "prs": ("dari", "دري"),
    "so": ("somali", "af soomaali", "soomaali"),
    "ti": ("tigrinya", "tigrigna", "ትግሪኛ"),
    "uk": ("українська", "ukrainian", "ukrainsk"),
    "ru": ("русский", "russian", "ryska", "russkij"),
    "ckb": ("sorani", "کوردی", "سۆرانی"),
    "ku": ("kurmanci", "kurmancî", "badini", "kurmanji"),
    "ps": ("pashto", "pashtu", "پشتو"),
    "sv": ("svenska", "swedish"),
    "en": ("english", "engelska", "انگلیسی"),
}
