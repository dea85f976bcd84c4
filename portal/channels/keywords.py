"""STOP, START and HELP by SMS, in all 12 languages and in Twilio's English.

These words are data, not interface text: each is something people really text, matched
against the whole message (after trimming punctuation and folding case and spelling
variants), never against a word inside a longer message. The lists are kept conservative: a
word that often ends an ordinary conversation ("enough", "ok", "thanks") is left out, because
treating it as STOP would silence someone who did not ask for that.

Twilio's own English keywords are always included, because Twilio itself acts on them (with
Advanced Opt-Out it blocks sending to a number that texted STOP), and we must agree with it:
opt-out STOP, STOPALL, UNSUBSCRIBE, CANCEL, END, QUIT; opt-in START, YES, UNSTOP; help HELP, INFO.

The first word of each list is the one we tell people to send back ("Reply STOPP to stop"):
it must be easy to type on that language's keyboard.

| lang | STOP | START | HELP |
|---|---|---|---|
| sv | STOPP, SLUTA, AVSLUTA, AVANMÄL | START, STARTA, BÖRJA | HJÄLP, HJALP |
| en | (Twilio's list) | (Twilio's list) | (Twilio's list) |
| ar | توقف, قف, ايقاف, أوقف, الغاء | ابدأ, ابدا, بدء | مساعدة, ساعدني |
| fa | توقف, لغو, قطع | شروع | کمک, راهنما |
| prs | توقف, لغو | شروع | کمک |
| so | JOOJI, JOOG, KA BAX | BILOW, BILAAB | CAAWI, CAAWIMO, CAAWIMAAD |
| ti | ኣቋርጽ, ጠጠው, ጠጠው በል | ጀምር | ሓገዝ |
| uk | СТОП, ЗУПИНИТИ, ВІДПИСАТИСЯ | СТАРТ, ПОЧАТИ | ДОПОМОГА |
| ru | СТОП, ОСТАНОВИТЬ, ОТПИСАТЬСЯ | СТАРТ, НАЧАТЬ | ПОМОЩЬ |
| ckb | وەستان, بوەستە, ڕاگرتن | دەستپێکردن, دەستپێبکە | یارمەتی |
| ku | RAWESTE, BISEKINE | DESTPÊBIKE, DEST PÊ BIKE | ALÎKARÎ, ALIKARI |
| ps | ودروه, بند | پیل, پیلول | مرسته |

Opt-in words are acted on only when the number has opted out: otherwise "YES" is just an
answer to the assistant's question and goes to the bot.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum


class Keyword(StrEnum):
    STOP = "stop"
    START = "start"
    HELP = "help"


TWILIO_ENGLISH: dict[Keyword, tuple[str, ...]] = {
    Keyword.STOP: ("STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT"),
    Keyword.START: ("START", "YES", "UNSTOP"),
    Keyword.HELP: ("HELP", "INFO"),
}

KEYWORDS: dict[str, dict[Keyword, tuple[str, ...]]] = {
    "sv": {
        Keyword.STOP: ("STOPP", "SLUTA", "AVSLUTA", "AVANMÄL"),
        Keyword.START: ("START", "STARTA", "BÖRJA"),
        Keyword.HELP: ("HJÄLP", "HJALP"),
    },
    "en": TWILIO_ENGLISH,
    "ar": {
        Keyword.STOP: ("توقف", "قف", "ايقاف", "إيقاف", "أوقف", "اوقف", "الغاء", "إلغاء"),
        Keyword.START: ("ابدأ", "ابدا", "بدء"),
        Keyword.HELP: ("مساعدة", "ساعدني"),
    },
    "fa": {
        Keyword.STOP: ("توقف", "لغو", "قطع"),
        Keyword.START: ("شروع",),
        Keyword.HELP: ("کمک", "راهنما"),
    },
    "prs": {
        Keyword.STOP: ("توقف", "لغو"),
        Keyword.START: ("شروع",),
        Keyword.HELP: ("کمک",),
    },
    "so": {
        Keyword.STOP: ("JOOJI", "JOOG", "KA BAX"),
        Keyword.START: ("BILOW", "BILAAB"),
        Keyword.HELP: ("CAAWI", "CAAWIMO", "CAAWIMAAD"),
    },
    "ti": {
        Keyword.STOP: ("ኣቋርጽ", "ጠጠው", "ጠጠው በል"),
        Keyword.START: ("ጀምር",),
        Keyword.HELP: ("ሓገዝ",),
    },
    "uk": {
        Keyword.STOP: ("СТОП", "ЗУПИНИТИ", "ВІДПИСАТИСЯ"),
        Keyword.START: ("СТАРТ", "ПОЧАТИ"),
        Keyword.HELP: ("ДОПОМОГА",),
    },
    "ru": {
        Keyword.STOP: ("СТОП", "ОСТАНОВИТЬ", "ОТПИСАТЬСЯ"),
        Keyword.START: ("СТАРТ", "НАЧАТЬ"),
        Keyword.HELP: ("ПОМОЩЬ",),
    },
    "ckb": {
        Keyword.STOP: ("وەستان", "بوەستە", "ڕاگرتن"),
        Keyword.START: ("دەستپێکردن", "دەستپێبکە"),
        Keyword.HELP: ("یارمەتی",),
    },
    "ku": {
        Keyword.STOP: ("RAWESTE", "BISEKINE"),
        Keyword.START: ("DESTPÊBIKE", "DEST PÊ BIKE"),
        Keyword.HELP: ("ALÎKARÎ", "ALIKARI"),
    },
    "ps": {
        Keyword.STOP: ("ودروه", "بند"),
        Keyword.START: ("پیل", "پیلول"),
        Keyword.HELP: ("مرسته",),
    },
}

# Arabic-script spelling variants people mix freely on phone keyboards.
_FOLD = str.maketrans(
    {
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ى": "ی",
        "ي": "ی",
        "ك": "ک",
        "ة": "ه",
        "ۀ": "ه",
        "ـ": None,  # tatweel
    }
)
_EDGE_PUNCTUATION = re.compile(r"^[\s\W_]+|[\s\W_]+$")


@dataclass(frozen=True)
class KeywordMatch:
    keyword: Keyword
    languages: tuple[str, ...]  # every language whose list has the word

    @property
    def language(self) -> str | None:
        """The one language the word tells us, or None (shared words, Twilio's English)."""
        if len(self.languages) != 1 or self.languages == ("en",):
            return None
        return self.languages[0]

    def reply_language(self, known: str | None) -> str:
        """The language to confirm in: the sender's if known, else the word's best guess."""
        if known:
            return known
        if self.language:
            return self.language
        return "en" if "en" in self.languages else self.languages[0]


def normalise(text: str) -> str:
    """Fold a message for keyword matching: case, Arabic-script variants, marks, spacing."""
    text = unicodedata.normalize("NFKC", text or "").casefold().translate(_FOLD)
    # Drop Arabic vowel marks (harakat) and the like; they are optional in writing.
    text = "".join(ch for ch in text if not ("\u064b" <= ch <= "\u065f" or ch == "\u0670"))
    text = _EDGE_PUNCTUATION.sub("", text)
    return " ".join(text.split())


def _build_index() -> dict[str, dict[Keyword, set[str]]]:
    index: dict[str, dict[Keyword, set[str]]] = {}
    for lang, table in KEYWORDS.items():
        for keyword, words in table.items():
            for word in words:
                index.setdefault(normalise(word), {}).setdefault(keyword, set()).add(lang)
    return index


_INDEX = _build_index()


def match_keyword(text: str) -> KeywordMatch | None:
    """The keyword a whole message is, or None. Words inside longer messages never count."""
    key = normalise(text)
    if not key or len(key) > 30:
        return None
    found = _INDEX.get(key)
    if not found:
        return None
    # A word can be a keyword of only one kind: the tables are checked for that in the tests.
    keyword, languages = next(iter(found.items()))
    return KeywordMatch(keyword, tuple(sorted(languages)))


def reply_word(keyword: Keyword, language: str | None) -> str:
    """The word to tell someone to send ("Reply STOPP …"), in their language."""
    table = KEYWORDS.get(language or "", TWILIO_ENGLISH)
    return table[keyword][0]


# -- reminder settings by SMS (portal.reminders.sms_settings) ----------------------------------
# A reminder word alone asks for the current setting; with a number it changes it. The first
# word is the one we tell people to send. Like the words above, data: whole messages only.
REMINDER_WORDS: dict[str, tuple[str, ...]] = {
    "sv": ("PÅMINN", "PAMINN", "PÅMINNELSE", "PAMINNELSE", "PÅMINNELSER"),
    "en": ("REMIND", "REMINDER", "REMINDERS"),
    "ar": ("تذكير", "تذكيرات", "ذكرني"),
    "fa": ("یادآوری", "یاداوری"),
    "prs": ("یادآوری", "یاداوری"),
    "so": ("XASUUSI", "XUSUUSI", "XASUUSIN"),
    "ti": ("መዘኻኸሪ", "ኣዘኻኽረኒ"),
    "uk": ("НАГАДУВАННЯ", "НАГАДАЙ"),
    "ru": ("НАПОМИНАНИЕ", "НАПОМИНАНИЯ", "НАПОМНИ"),
    "ckb": ("بیرخستنەوە", "بیرهێنانەوە"),
    "ku": ("BÎRANÎN", "BIRANIN", "BÎRXISTIN"),
    "ps": ("یادونه", "یادونې"),
}
_REMINDER_INDEX: dict[str, set[str]] = {}
for lang, words in REMINDER_WORDS.items():
    for word in words:
        _REMINDER_INDEX.setdefault(normalise(word), set()).add(lang)
del lang, words, word
# Arabic-Indic and Persian digits, which people on those keyboards type.
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
_REMINDER_COMMAND = re.compile(r"^(?P<word>\D+?)(?:\s*(?P<number>\d{1,2})(?::00)?)?$")


@dataclass(frozen=True)
class ReminderCommand:
    languages: tuple[str, ...]
    number: int | None  # None: the word alone (asks for the setting)


def match_reminder_command(text: str) -> ReminderCommand | None:
    """A reminder word, alone or with one number ("PÅMINN 18"), as the whole message; else None."""
    found = _REMINDER_COMMAND.match(normalise((text or "").translate(_DIGITS)))
    if found is None or normalise(found["word"]) not in _REMINDER_INDEX:
        return None
    number = int(found["number"]) if found["number"] else None
    return ReminderCommand(tuple(sorted(_REMINDER_INDEX[normalise(found["word"])])), number)


def reminder_word(language: str | None) -> str:
    """The reminder word to tell someone to send, in their language."""
    return REMINDER_WORDS.get(language or "", REMINDER_WORDS["en"])[0]
