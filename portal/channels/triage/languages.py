"""Language names, explicit language requests and interpreter requests.

An explicit request ("in English please", "українською будь ласка") is the only thing that may
change the stored language. A language name alone is not enough: "how can I learn Swedish"
names a language and asks for a course. An interpreter request ("turjumaan soomaali ah ma heli
karaa") is recorded on the person and passed to a caseworker; it never changes the language.
"""

from __future__ import annotations

import functools
import re

from portal.channels.triage.matching import Pattern, PhraseList, normalise_words, phrase_in, word_matches

# How people write each language's name, in each of the 12 languages, including the forms
# that already mean "in <language>" ("بالعربي", "українською", "по-русски", "af ingiriisi").
_LANGUAGE_NAMES: dict[str, list[str]] = {
    "sv": ["svenska", "svensk*", "swedish", "swidish", "sweedish", "سویدی", "السویدیه", "سوئدی", "سویدیه",
           "سویډنی", "iswiidhish*", "swidhish", "swedi", "swêdî", "ስዊድንኛ", "ሽወደንኛ", "шведськ*", "шведск*",
           "svenski", "swedesh"],
    "en": ["english", "inglish", "englsh", "engelska", "engelsk*", "انجلیزی", "انکلیزی", "انقلیزی",
           "انگلیسی", "انګلیسی", "ئینگلیزی", "inglizi", "englizi", "ingilizi", "ingilîzî", "ingiriis*",
           "ingriisi", "እንግሊዝኛ", "англійськ*", "англiйськ*", "английск*", "англ", "по-английски",
           "angliiski", "angliyski", "english?"],
    "ar": ["arabic", "arabi", "arabiska", "عربی", "العربیه", "بالعربی", "carabi", "carabiga", "erebi",
           "erebî", "عەرەبی", "ዓረብኛ", "арабськ*", "арабск*", "3arabi"],
    "fa": ["farsi", "persian", "persiska", "فارسی", "پارسی", "بفارسی", "farisi", "ፋርስኛ", "перськ*",
           "персидск*", "фарси"],
    "prs": ["dari", "دری", "بدری", "داری"],
    "so": ["somali", "soomaali", "somaali", "af soomaali", "somaliska", "صومالی", "الصومالیه", "سومالی",
           "ሶማልኛ", "сомалійськ*", "сомалийск*", "сомали"],
    "ti": ["tigrinya", "tigrigna", "tigrinja", "tigrinia", "ትግርኛ", "ትግሪኛ", "تغرینیه", "тигринья"],
    "uk": ["ukrainian", "ukrainska", "ukrainsk*", "українськ*", "украинск*", "украiнськ*", "الاوکرانیه",
           "ukrainski"],
    "ru": ["russian", "ryska", "русск*", "по-русски", "российск*", "російськ*", "руском", "الروسیه",
           "روسی", "rusi", "rusî", "russkij", "russki", "ruski", "po-russki", "po russki"],
    "ckb": ["sorani", "سورانی", "سۆرانی", "کوردی", "کردی", "الکردیه", "kurdi sorani"],
    "ku": ["kurmanji", "kurmanci", "kurmancî", "kurmancı", "badini", "kurdi", "kurdî", "kurdish",
           "kurdisch"],
    "ps": ["pashto", "pashtu", "pushto", "پښتو", "پشتو", "بپښتو", "pashto?"],
}  # fmt: skip

# Words that turn a language name into a request to write in it.
_REQUEST_WORDS = PhraseList(
    [
        # en
        "in", "please", "pls", "plz", "speak", "talk", "write", "answer", "reply", "language", "switch",
        "change", "can you",
        # sv
        "pa", "på", "prata", "skriv", "svara", "sprak", "språk", "snalla", "snälla", "byt", "andra",
        # ar
        "تکلم", "تحکی", "احکی", "احکینی", "کلمنی", "اکتب", "اکتبلی", "لغه", "لو سمحت", "من فضلک", "ممکن",
        "رد", "hki", "7ki", "ekteb",
        # fa, prs
        "به", "صحبت", "حرف", "بنویس", "بنویسید", "زبان", "لطفا", "میشه", "گپ", "جواب",
        # ps
        "په", "خبری", "ولیکه", "ولیکئ", "ژبه", "مهربانی",
        # ckb
        "بە", "قسه", "بنووسه", "زمان", "تکایه", "تکایە",
        # ku
        "bi", "biaxive", "bipeyive", "binivise", "ziman", "kerema",
        # so
        "af", "ku qor", "ku hadal", "ku jawaab", "luqad*", "fadlan",
        # ti
        "ተዛረብ", "ጽሓፍ", "ቋንቋ", "በጃኻ", "በጃኺ", "ብ",
        # uk, ru
        "мовою", "мова", "будь ласка", "пиши", "пишіть", "говори", "говоріть", "розмовля*", "на",
        "пожалуйста", "пишите", "говорите", "язык*", "языке", "можно", "можна",
    ]
)  # fmt: skip

# A language named for something else: learning it, a course, not speaking it, an interpreter.
_NOT_A_REQUEST = PhraseList(
    [
        # en
        "learn*", "study*", "course*", "class*", "lesson*", "school", "sfi", "teacher", "exam", "test",
        "dont", "don't", "cant", "can't", "not", "interpreter", "translator", "translate*",
        # sv
        "lara", "lära", "lar", "lär", "kurs*", "plugga", "skola*", "lektion*", "inte", "tolk*",
        # ar
        "تعلم", "اتعلم", "یتعلم", "دوره", "کورس", "مدرسه", "دروس", "درس", "ما بعرف", "ما بحکی", "لا اعرف",
        "مترجم", "ترجمه", "ترجمان", "t3alam", "at3alam",
        # fa, prs, ps
        "یاد", "یادگیری", "اموزش", "کلاس", "مکتب", "نمیدونم", "بلد نیستم", "نمیتونم", "زده", "ټولګی",
        "ښوونځی", "ژباړ*",
        # ckb
        "فێربوون", "فێر", "خول", "کۆرس", "قوتابخانه", "وانه", "نازانم", "وەرگێڕ",
        # ku
        "fer*", "fêr*", "hin bibim", "hîn*", "ders", "dibistan", "nizanim", "wergêr*", "werger*",
        "tercuman",
        # so
        "baran*", "barto", "barash*", "koorso", "fasal", "dugsi", "iskuul", "ma aqaan", "turjum*",
        "tarjum*",
        # ti
        "ምምሃር", "ክመሃር", "ትምህርቲ", "ኮርስ", "ኣይፈልጥን", "ተርጓሚ",
        # uk, ru
        "вчити", "вивч*", "курс*", "навч*", "урок*", "школ*", "не", "перекладач*", "учить", "изуч*",
        "обуч*", "переводчик*",
    ]
)  # fmt: skip

# Learning a language, a course or school: never a request to be written to in it.
_LEARNING = PhraseList(
    [
        "learn*", "study*", "course*", "class*", "lesson*", "teacher*", "sfi", "lara", "lära", "lar", "lär",
        "kurs*", "larare", "lärare", "plugga", "lektion*", "تعلم", "اتعلم", "یتعلم", "دوره", "کورس", "یاد",
        "یادگیری", "اموزش", "کلاس",
        "زده", "فێربوون", "فێر", "خول", "کۆرس", "fer*", "fêr*", "hîn*", "ders", "baran*", "barto", "barash*",
        "koorso", "ምምሃር", "ክመሃር", "ኮርስ", "вчити", "вивч*", "курс*", "навч*", "урок*", "учить", "изуч*",
        "обуч*",
    ]
)  # fmt: skip

_INTERPRETER_WORDS = PhraseList(
    [
        "interpreter", "interpretor", "translator", "tolk", "tolken", "مترجم", "مترجمه", "ترجمان", "ژباړونکی",
        "ژباړن", "وەرگێڕ", "تەرجومان", "wergêr*", "werger*", "tercuman", "turjumaan*", "tarjumaan*",
        "turjubaan*", "ተርጓሚ", "ትርጓሜ", "перекладач*", "переводчик*", "tarjoman", "motarjem", "mutarjim",
    ]
)  # fmt: skip

_NAME_LISTS = {code: PhraseList(names) for code, names in _LANGUAGE_NAMES.items()}
MAX_REQUEST_WORDS = 8


@functools.cache
def _name_patterns() -> dict[str, list[Pattern]]:
    return {code: [Pattern.parse(n) for n in names] for code, names in _LANGUAGE_NAMES.items()}


def languages_named(text: str) -> list[str]:
    """Return the codes of the languages a message names, in the order they appear."""
    words = normalise_words(text)
    found: list[tuple[int, str]] = []
    for code, patterns in _name_patterns().items():
        positions = [
            i for i, word in enumerate(words) for p in patterns if len(p.words) == 1 and word_matches(p.words[0], word)
        ]
        if not positions and any(phrase_in(p, words) for p in patterns if len(p.words) > 1):
            positions = [len(words)]
        if positions:
            found.append((min(positions), code))
    named = [code for _, code in sorted(found)]
    # "kurdi sorani" names Sorani; "کوردی" alone is how Sorani speakers name their language.
    if "ckb" in named and "ku" in named:
        named.remove("ku")
    return named


# Words that, right before a language's name, make it "in <language>": a request even inside a
# longer message ("can u reply in somali, my english is weak").
_IN_LANGUAGE = {
    "in", "pa", "på", "به", "په", "بە", "بـ", "bi", "af", "на", "po", "по", "ku", "ب", "ብ",
    # the same typed in Latin letters: Arabizi "bel english", Finglish "be english"
    "bel", "bil", "be",
}  # fmt: skip
# Verbs that, right before "in <language>", ask for it ("write in", "skriv på", "пиши на").
MAX_LONG_REQUEST_WORDS = 30
# Verbs of writing to someone, near a language's name, ask for it ("بنویسین انگلیسی").
# Verbs of answering: asking to be answered in a language is a request even with a reason about
# learning it ("answer me in English, I want to learn"); "learn to write Swedish" has none.
_REPLY_WORDS = [
    "answer", "reply", "svara", "جواب*", "javab*", "jawab*", "terod*", "trod*", "ترد*", "ردو", "bersiv*",
    "ku jawaab", "відповід*", "отвеч*", "ответ*",
    # "speak to me (in it)": to the assistant, that is being answered in it
    "speak to me", "talk to me", "prata med mig", "تحکیلی", "تحکینی", "احکی معی", "حاکینی", "t7kili", "t7kile",
    "t7kule", "t7kini", "te7kili", "ta7kili", "kallimni", "kalemni", "говори со мной", "говорите со мной",
    "розмовляй зі мною", "говоріть зі мною",
]  # fmt: skip
_REPLY_VERBS = PhraseList(_REPLY_WORDS)
_WRITE_VERBS = PhraseList(
    [
        *_REPLY_WORDS,
        "write", "text", "send", "skriv", "اکتب*", "تکتب*", "تکتبول*", "کتبول*", "بنویس*", "نوشته", "ولیک*",
        "ولیکئ", "بنووس*", "بنووسه", "binivis*", "qor", "u qor", "ii qor", "ጽሓፍ*", "ክትጽሕፈ*", "ክትጽሕፍ*",
        "ክትጽሕፉ*", "ጽሓፈ*", "ጽሓፉ*", "пиши*", "пишите", "напиш*", "wlika*", "wleka*", "bnawis*", "benevis*",
    ]
)  # fmt: skip


# "I can't read it well": a language named with these right after it is the one not to use.
_CANNOT_READ = PhraseList(
    [
        "cant read", "can't read", "dont read", "don't read", "dont understand", "don't understand", "kan inte",
        "forstar inte", "förstår inte", "ما بقرا", "ما بعرف", "ما اعرف", "لا اعرف", "لا اقرا", "ما بتقرا", "ما تقرا",
        "ما افهم", "نمیخون*", "نمیفهم*", "نمیدون*", "بلد نیست*", "خوب نمی*", "نه پوهیږ*", "نشم لوستل*", "نازان*",
        "نایخوێن*", "nizan*", "naxwin*", "nikar*", "ma aqaan*", "ma akhri*", "ma fahm*", "ኣይፈልጥን", "ኣየንብብን",
        "погано", "плохо", "не читаю", "не понимаю", "не розумію", "не вмію",
        # romanised Pashto and Dari: "I can't read", "I don't understand"
        "lik na shum*", "na shum lwast*", "nashum lwast*", "lwastalay na*", "na pohezh*", "na pohig*",
        "nemitanam bekhanam", "namifahmam", "nemifahmam",
    ]
)  # fmt: skip


# "Dari please", "English pls", "fadlan af soomaali": a name right beside a please is asked for.
_PLEASE = PhraseList(
    [
        "please", "pls", "plz", "snalla", "snälla", "لطفا", "لطفاً", "lotfan", "lutfan", "من فضلک", "لو سمحت",
        "law sama7t", "min fadlak", "مهربانی", "مهرباني", "mehrabani", "تکایە", "تکایه", "tkaya", "kerema xwe",
        "fadlan", "በጃኻ", "በጃኺ", "በጃኹም", "пожалуйста", "пожалуста", "будь ласка", "bud laska", "pozhaluysta",
    ]
)  # fmt: skip


_CLAUSE_END = re.compile(r"[.?!؟,،;:\n]+")


def _clauses(text: str) -> list[int]:
    """For each normalised word of the text, the number of the clause it is in."""
    return [n for n, clause in enumerate(_CLAUSE_END.split(text or "")) for _ in normalise_words(clause)]


def _in_language_mentions(words: list[str], clauses: list[int]) -> dict[str, int]:
    """Languages asked for, each with how clearly: 0 for "in X" (or a form that already means
    "in X": українською, بالعربي, ብዓረብኛ), else the distance to the nearest verb of writing.

    Another language named in the same message is usually the one the person cannot read ("bi
    erebi binivise, ez kurdi bas naxwinim"), so the clearest mention wins. "Cannot read" counts
    against the name in its own clause, after it ("ez kurdi bas naxwinim") or before it ("jag
    förstår inte allt på svenska"), never across a full stop, comma or question mark.
    """
    found: dict[str, int] = {}
    for i, word in enumerate(words):
        for code, names in _NAME_LISTS.items():
            if not names.found_in([word]):
                continue
            inflected = word.endswith("ською") or word.startswith(("по-", "بال", "بف", "بپ", "بد", "ብ"))
            if inflected or (i > 0 and words[i - 1] in _IN_LANGUAGE):
                rank = 0
            elif _PLEASE.found_in(words[max(0, i - 2) : i]) or _PLEASE.found_in(words[i + 1 : i + 3]):
                rank = 1
            else:
                distances = [
                    abs(j - i)
                    for j in range(max(0, i - 3), min(len(words), i + 4))
                    if j != i and _WRITE_VERBS.found_in([words[j]])
                ]
                if not distances:
                    continue
                rank = min(distances)
            clause = [j for j in range(max(0, i - 4), min(len(words), i + 4)) if clauses[j] == clauses[i]]
            before = [words[j] for j in clause if j < i]
            after = [words[j] for j in clause if j > i]
            if _CANNOT_READ.found_in(after) or _CANNOT_READ.found_in(before):
                rank += 10
            found[code] = min(rank, found.get(code, rank))
    return found


def _clearest(mentions: dict[str, int]) -> str | None:
    if not mentions:
        return None
    best = min(mentions.values())
    codes = [code for code, rank in mentions.items() if rank == best]
    return codes[0] if len(codes) == 1 else None


def language_request(text: str) -> str | None:
    """Return the language an explicit request asks to be written in, or None.

    "in English please", "English?", "українською будь ласка" are requests, and so is a longer
    message that asks for "in <language>" with a request word ("can u reply in somali, my
    english is weak"). "how can I learn Swedish for free", "I don't speak Swedish" and "I need a
    Somali interpreter" are not.
    """
    words = normalise_words(text)
    if not words or len(words) > MAX_LONG_REQUEST_WORDS or _INTERPRETER_WORDS.found_in(words):
        return None
    asked = _clearest(_in_language_mentions(words, _clauses(text)))
    asking = _REQUEST_WORDS.found_in(words) or _WRITE_VERBS.found_in(words) or _PLEASE.found_in(words)
    if asked and asking and (not _LEARNING.found_in(words) or _REPLY_VERBS.found_in(words)):
        return asked
    if len(words) > MAX_REQUEST_WORDS:
        return None
    named = languages_named(text)
    if len(named) != 1:
        return None
    if _NOT_A_REQUEST.found_in(words):
        return None
    code = named[0]
    name_words = sum(1 for w in words if _NAME_LISTS[code].found_in([w]))
    # The name alone ("english", "عربي؟") is a request; otherwise a request word must be there.
    if len(words) - name_words <= 0 or _REQUEST_WORDS.found_in(words):
        return code
    return None


# "Someone who speaks Somali": a person to talk to in a language, which is what an interpreter
# is for; not a request to be written to in it ("kan jag prata med någon på somaliska").
_SOMEONE = PhraseList(
    [
        "someone", "somebody", "anyone", "anybody", "nagon", "någon", "حدا", "احد", "حد", "کسی", "یو څوک",
        "کەسێک", "کەس", "kes", "kesek", "qof", "ሰብ", "кто", "хто", "хтось", "кто-то", "кто-нибудь",
        "хто-небудь",
    ]
)  # fmt: skip
_SPEAKS = PhraseList(
    [
        "speak*", "talk*", "prata*", "talar", "یحکی", "تحکی", "یتکلم", "تتکلم", "صحبت", "حرف", "گپ", "خبری",
        "قسه", "قسە", "qise", "dipeyive", "ku hadla", "ku hadlo", "ku hadasha", "ይዛረብ", "ዝዛረብ", "говорит*",
        "розмовля*", "говорить",
    ]
)  # fmt: skip


def interpreter_request(text: str) -> tuple[bool, str | None]:
    """Return (asks for an interpreter, the interpreter's language if named)."""
    words = normalise_words(text)
    if not _INTERPRETER_WORDS.found_in(words):
        named = languages_named(text)
        if named and _SOMEONE.found_in(words) and _SPEAKS.found_in(words):
            return True, named[0]
        return False, None
    named = languages_named(text)
    return True, (named[0] if named else None)
