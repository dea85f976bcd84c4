"""A greeting at the start of a message that goes on to ask something.

People open an SMS the way they open a letter: "marhaba, wasalatni el khetta bas ma fhemet shu
fiha", "سلام وقتتون بخیر. باید امضاش کنم؟", "салам. когда след занятие". A greeting is the
strongest signal in such a message, and the classifier answered "Hello! I am the assistant"
to the question behind it. The portal sends the assistant what follows the greeting; the whole
message still travels in the metadata (for the search and the caseworker's note).

A documented rule set of greetings and openers in the 12 languages, in the ways they are typed
(Arabizi, Finglish, Latin Kurdish and Pashto, transliterated Russian and Ukrainian). Extend it
with greetings, never with sentences copied from an evaluation set.
"""

from __future__ import annotations

import re

from portal.channels.triage.matching import normalise_words

# Greetings by the language they belong to; "" for those said in many ("salam", "hi", "سلام").
_GREETINGS = {
    "": [
        "hi", "hello", "hey", "hiya", "hi there", "hello there", "salam", "salaam", "slm", "سلام",
        "salam alaikum", "salam aleikum", "salam alaykum", "salam aleykom", "assalamu alaikum",
        "assalamualaikum", "asalamu alaikum", "salamu alaikum", "as salam alaikum", "السلام عليكم",
        "سلام عليكم", "سلام علیکم", "السلام علیکم", "selam", "салам", "салют", "merheba", "marhaba",
        # Persian and Dari alike
        "صبح بخیر", "روز بخیر", "عصر بخیر", "خسته نباشید", "sobh bekheir", "khaste nabashid",
        # openers said with a greeting: "excuse me", "sorry to bother you", "how are you"
        "sorry", "sorry to bother you", "sorry to bother", "excuse me", "how are you", "ursäkta",
        "förlåt att jag stör", "hur mår du", "عفوا", "اسف على الازعاج", "بعتذر", "كيفك", "كيف الحال",
        "شلونك", "ازيك", "kifak", "kifik", "kif el 7al", "shlonak", "ببخشید", "ببخشید مزاحم میشم",
        "مزاحم میشم", "ببخشید مزاحمتون شدم", "معذرت میخواهم", "خوبی", "خوب هستین", "چطوری", "چطور هستید",
        "bebakhshid", "bebakhshin", "وبښئ", "بښنه غواړم", "څنګه یاست", "ښه یاست", "iga raali ahow",
        "raali ahow", "sidee tahay", "ይቕሬታ", "вибачте", "перепрошую", "вибачте що турбую", "як справи",
        "извините", "извините за беспокойство", "простите", "как дела", "ببورە", "ببوورە", "چۆنی",
        "bibore", "bibûre", "tu çawa yî", "tu cawa yi",
    ],
    "en": ["good morning", "good afternoon", "good evening", "good day"],
    "sv": [
        "hej", "hejsan", "hallå", "tjena", "tja", "hej hej", "god morgon", "god dag", "goddag", "god kväll",
        "godkväll", "god eftermiddag",
    ],
    "ar": [
        "مرحبا", "مرحبه", "مرحبتين", "اهلا", "اهلين", "هلا", "هلو", "السلام عليكم ورحمة الله",
        "السلام عليكم ورحمة الله وبركاته", "صباح الخير", "مساء الخير", "صباح النور", "مسا الخير", "mar7aba",
        "marhaban", "mrhba", "ahlan", "ahlen", "ahla", "hala", "halla", "sabah el kheir", "sabah el khair",
        "saba7 el 5er", "saba7o", "masa el kheir", "masa2 el 5er", "masa el khair",
    ],
    "fa": [
        "سلام و احترام", "درود", "وقت بخیر", "وقتتون بخیر", "وقتتان بخیر", "وقت شما بخیر", "dorood",
        "vaght bekheir", "vaghtetoon bekheir",
    ],
    "ps": [
        "ستړي مه شئ", "ستړی مه شې", "ستړي مه شې", "ستړی مه شئ", "پخیر", "سهار مو پخیر", "staray ma shay",
        "starai ma shai", "pa khair",
    ],
    "so": [
        "salaan", "nabad", "iska warran", "asc", "asalaamu calaykum", "assalaamu calaykum", "salaamu calaykum",
        "subax wanaagsan", "galab wanaagsan", "haye",
    ],
    "ti": [
        "ሰላም", "ሰላም ንዓኹም", "ሰላም ንስኻ", "ሰላም ንስኺ", "ሰላም ንኹልኹም", "ከመይ ኣለኹም", "ከመይ ኣለኹ", "ከመይ ኣለኺ",
        "ከመይ ሓዲርኩም", "ከመይ ውዒልኩም", "selam nakhum", "kemey aleka", "kemey alekum", "kemey aleki",
    ],
    "uk": [
        "привіт", "вітаю", "добрий день", "доброго дня", "добрий вечір", "доброго вечора", "доброго ранку",
        "добрий ранок", "pryvit", "vitayu", "dobryi den", "dobryy den",
    ],
    "ru": [
        "привет", "здравствуйте", "здрасте", "добрый день", "доброе утро", "добрый вечер", "privet",
        "zdravstvuyte", "zdravstvujte", "dobryj den", "dobriy den",
    ],
    "ckb": [
        "سڵاو", "سلاو", "سڵاو لێتان", "سڵاوتان لێبێت", "ڕۆژباش", "روژباش", "بەیانی باش", "ئێوارە باش", "slaw",
        "silaw", "rozhbash", "roj bash",
    ],
    "ku": ["silav", "slav", "rojbaş", "roj baş", "spêde baş", "evar baş", "êvar baş"],
}  # fmt: skip


def _phrases() -> list[tuple[tuple[str, ...], str]]:
    # A phrase is its normalised words, with its language; the longest that fits is taken first.
    found: dict[tuple[str, ...], str] = {}
    for language, phrases in _GREETINGS.items():
        for phrase in phrases:
            if words := tuple(normalise_words(phrase)):
                found[words] = language if found.get(words, language) == language else ""
    return sorted(found.items(), key=lambda item: len(item[0]), reverse=True)


_PHRASES = _phrases()
_TOKEN = re.compile(r"[\w'’]+", re.UNICODE)
# What follows a greeting must be a question of a few words, not "hi, how are you".
MIN_REST_WORDS = 3


def _opening(text: str) -> tuple[list[re.Match[str]], int, set[str]]:
    """The message's words, how many of the first are greetings, and the languages those name."""
    tokens = list(_TOKEN.finditer(text or ""))
    words = [(normalise_words(t.group()) or [""])[0] for t in tokens]
    at, languages = 0, set()
    while at < len(words):
        found = next(((p, lang) for p, lang in _PHRASES if tuple(words[at : at + len(p)]) == p), None)
        if found is None:
            break
        at += len(found[0])
        languages.add(found[1])
    return tokens, at, languages


def after_greeting(text: str) -> str | None:
    """What a message says after its opening greeting, or None when it opens with none or says little else."""
    tokens, at, _languages = _opening(text)
    if at == 0 or len(tokens) - at < MIN_REST_WORDS:
        return None
    return text[tokens[at].start() :].strip()


def greeting_language(text: str) -> str | None:
    """The language of a message that is only a greeting of one language ("salaan", "سڵاو"), else None.

    For a stranger whose language nobody knows yet: a greeting alone is too short for language
    identification, and the language menu was the answer to "silav".
    """
    tokens, at, languages = _opening(text)
    named = languages - {""}
    if at == 0 or at < len(tokens) or len(named) != 1:
        return None
    return named.pop()
