"""The one list of languages Ankomst supports, on every channel.

Everything else (locale selection, `<html lang dir>`, catalogues, content files, SMS keywords,
the bot) reads this list. Add a language here first.
"""

from __future__ import annotations

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

    @property
    def is_rtl(self) -> bool:
        return self.direction == "rtl"


LANGUAGES: tuple[Language, ...] = (
    Language("sv", "sv", "ltr", "Svenska", "Swedish", "svenska", "Latin"),
    Language("en", "en", "ltr", "English", "English", "engelska", "Latin"),
    Language("ar", "ar", "rtl", "العربية", "Arabic", "arabiska", "Arabic"),
    Language("fa", "fa", "rtl", "فارسی", "Persian", "persiska", "Arabic"),
    Language("prs", "fa_AF", "rtl", "دری", "Dari", "dari", "Arabic"),
    Language("so", "so", "ltr", "Soomaali", "Somali", "somaliska", "Latin"),
    Language("ti", "ti", "ltr", "ትግርኛ", "Tigrinya", "tigrinja", "Ethiopic"),
    Language("uk", "uk", "ltr", "Українська", "Ukrainian", "ukrainska", "Cyrillic"),
    Language("ru", "ru", "ltr", "Русский", "Russian", "ryska", "Cyrillic"),
    Language("ckb", "ckb", "rtl", "کوردیی ناوەندی", "Central Kurdish (Sorani)", "sorani", "Arabic"),
    Language("ku", "ku", "ltr", "Kurmancî", "Kurmanji Kurdish", "kurmanji", "Latin"),
    Language("ps", "ps", "rtl", "پښتو", "Pashto", "pashto", "Arabic"),
)

SOURCE_LANGUAGE = "sv"
DEFAULT_LANGUAGE = "sv"

BY_CODE: dict[str, Language] = {lang.code: lang for lang in LANGUAGES}
BY_LOCALE: dict[str, Language] = {lang.babel_locale: lang for lang in LANGUAGES}
CODES: tuple[str, ...] = tuple(lang.code for lang in LANGUAGES)


def get_language(code: str | None) -> Language | None:
    """Return the language for one of our codes (or a Babel locale), or None."""
    if not code:
        return None
    base, _, region = code.strip().replace("-", "_").partition("_")
    if region:
        return BY_LOCALE.get(f"{base.lower()}_{region.upper()}")
    return BY_CODE.get(base.lower()) or BY_LOCALE.get(base.lower())


def is_supported(code: str | None) -> bool:
    """Tell whether `code` is one of the 12 languages."""
    return get_language(code) is not None


def language_for_locale(locale: str) -> Language:
    """Return the language for a Babel locale string such as 'fa_AF' (Swedish if unknown)."""
    return BY_LOCALE.get(str(locale)) or BY_CODE[DEFAULT_LANGUAGE]


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
