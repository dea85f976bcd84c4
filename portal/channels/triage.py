"""What a message asks for that must never depend on the classifier's guess.

Three things are read here, by word lists in all 12 languages, before the assistant's
statistical NLU sees a message:

- **emergencies**: a sick child at night, danger, violence at home, thoughts of suicide. The
  right number is part of the answer whatever the NLU thinks, and such a message always leaves a
  half-filled form (a "yes" must never file "my daughter has a high fever" as an objection).
- **an explicit language request** ("in English please", "українською будь ласка"): the only
  thing that may change the stored language. A language name alone is not enough: "how can I
  learn Swedish" names a language and asks for a course.
- **an interpreter request** ("turjumaan soomaali ah ma heli karaa"): recorded on the person and
  passed to a caseworker; it never changes the conversation language.

The portal turns a recognised message into an explicit intent for the assistant
(``/emergency{...}``), so one dialogue manager still decides what happens next, and a form is
left through its normal rules.

Matching works on normalised words: case folded, Latin and Cyrillic accents dropped (people
type "sjalvmord", "kurdi"), Arabic-script letter variants unified (ي/ی, ك/ک, ة/ه, أ/إ/آ → ا)
and common Arabic proclitics (و، ب، ال) tried off. A list entry is a phrase; ``*`` ends a
prefix; the words of a phrase must come in order, at most two other words apart. Longer Latin
and Cyrillic words also match one typo away (rapidfuzz). The lists are a documented rule set:
extend them with general words, never with sentences copied from an evaluation set.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

from rapidfuzz.distance import Levenshtein

# -- normalisation ------------------------------------------------------------------------

_ARABIC_VARIANTS = str.maketrans(
    {
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ة": "ه",
        "ى": "ی",
        "ي": "ی",
        "ئ": "ی",
        "ك": "ک",
        "ۀ": "ه",
        "ە": "ه",  # Sorani ae, typed as heh on many keyboards
        "ؤ": "و",
        "\u200c": "",  # zero-width non-joiner: "می‌خوام" and "میخوام" are one word
        "ـ": "",  # tatweel
    }
)
_PROCLITICS = ("وبال", "وال", "بال", "فال", "لل", "ال", "و", "ب", "ف")
_WORD = re.compile(r"[\w'’]+", re.UNICODE)


def _strip_marks(text: str) -> str:
    # Combining marks go (é→e, ş→s, й→и, Arabic short vowels), but not the letters of scripts
    # whose marks are part of the letter (Ge'ez, and Sorani's ێ ۆ which NFC keeps whole).
    decomposed = unicodedata.normalize("NFKD", text)
    kept = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return unicodedata.normalize("NFC", kept)


def normalise_words(text: str) -> list[str]:
    """Return the message's words, normalised for matching across spellings."""
    text = unicodedata.normalize("NFKC", text or "").casefold().translate(_ARABIC_VARIANTS)
    text = _strip_marks(text).replace("’", "'")
    return [w.strip("'") for w in _WORD.findall(text) if w.strip("'")]


def _variants(word: str) -> tuple[str, ...]:
    if word and "\u1200" <= word[0] <= "\u139f" and word.startswith("ብ") and len(word) > 3:
        return (word, word[1:])  # Tigrinya "ብእንግሊዝኛ": in English
    if not word or not ("\u0600" <= word[0] <= "\u06ff"):
        return (word,)
    found = [word]
    for clitic in _PROCLITICS:
        if word.startswith(clitic) and len(word) - len(clitic) >= 2:
            found.append(word[len(clitic) :])
    return tuple(found)


@dataclass(frozen=True)
class _Pattern:
    words: tuple[str, ...]  # normalised; a trailing "*" marks a prefix

    @classmethod
    def parse(cls, phrase: str) -> _Pattern:
        words = []
        for raw in phrase.split():
            star = raw.endswith("*")
            norm = "".join(normalise_words(raw.rstrip("*"))) or raw.rstrip("*")
            words.append(norm + ("*" if star else ""))
        return cls(tuple(words))


def _word_matches(pattern: str, word: str) -> bool:
    if pattern.endswith("*"):
        stem = pattern[:-1]
        return any(v.startswith(stem) for v in _variants(word))
    if any(v == pattern for v in _variants(word)):
        return True
    # One typo in a longer Latin or Cyrillic word ("feaver", "suicde"); Arabic-script and
    # Ge'ez words are short and dense, where one edit often makes another word.
    return len(pattern) >= 6 and pattern.isascii() == word.isascii() and _fuzzy_ok(pattern, word)


def _fuzzy_ok(pattern: str, word: str) -> bool:
    if not ("a" <= pattern[0] <= "z" or "\u0400" <= pattern[0] <= "\u04ff"):
        return False
    return Levenshtein.distance(pattern, word, score_cutoff=1) <= 1


def _phrase_in(pattern: _Pattern, words: list[str]) -> bool:
    first, rest = pattern.words[0], pattern.words[1:]
    for start, word in enumerate(words):
        if not _word_matches(first, word):
            continue
        position, ok = start, True
        for part in rest:
            window = words[position + 1 : position + 4]  # at most two other words between
            step = next((i for i, w in enumerate(window) if _word_matches(part, w)), None)
            if step is None:
                ok = False
                break
            position += step + 1
        if ok:
            return True
    return False


class PhraseList:
    """A list of phrases in many languages; tells whether a message contains one."""

    def __init__(self, phrases: list[str]) -> None:
        self._patterns = [_Pattern.parse(p) for p in phrases if p.strip()]

    def found_in(self, words: list[str]) -> bool:
        """Return whether any phrase occurs in the normalised words."""
        return any(_phrase_in(p, words) for p in self._patterns)


# -- emergencies --------------------------------------------------------------------------


@dataclass(frozen=True)
class Emergency:
    """A kind of emergency and the number that answers it first."""

    kind: str  # "health", "danger", "violence", "suicide"
    number: str


HEALTH = Emergency("health", "1177")
DANGER = Emergency("danger", "112")
VIOLENCE = Emergency("violence", "020-50 50 50")
SUICIDE = Emergency("suicide", "90101")

# Strong signs only: "sick" or "pain" alone belong to an ordinary health question (and to the
# reasons of an objection), which must not be pulled out of a form.
_HEALTH_WORDS = PhraseList(
    [
        # en
        "fever", "feaver", "fevr", "high temp*", "temprature", "vomit*", "throwing up", "cant breath*",
        "can't breath*", "not breathing", "hard to breathe", "unconscious", "fainted", "poison*", "bleeding",
        "seizure", "convuls*", "chest pain", "very sick", "very ill", "sick at night", "ill at night",
        # sv
        "feber", "fber", "hog temp*", "kräk*", "krak*", "spyr", "andas inte", "svart att andas", "andnöd",
        "medvetslos*", "förgift*", "forgift*", "blöder", "bloder", "kramp*", "jattesjuk*", "mycket sjuk",
        "ont i brostet",
        # ar (Levantine and Iraqi forms, Arabizi)
        "حراره", "حرارته", "حرارتها", "حمی", "حمه", "سخونه", "سخن", "مسخن", "مسخنه", "سخنان", "استفراغ",
        "یستفرغ", "تستفرغ", "عم یستفرغ", "یتقیا", "تقیو", "ضیق نفس", "ما عم یتنفس", "ما یتنفس", "ما تتنفس",
        "اغماء", "مغمی", "فاقد الوعی", "تسمم", "نزیف", "تشنج", "7arara", "7ara", "har*ara", "s5oneh",
        "skhoneh", "skhone", "mso5an", "msakhan",
        # fa, prs
        "تب", "تبش", "تبم", "تب داره", "تب کرده", "درجه حرارت", "بالا میاره", "بالا اورد", "نفس نمیکشه",
        "نفسش بند", "تنگی نفس", "بیهوش", "مسموم*", "خونریزی", "tab dare", "tab dareh", "tab kardeh",
        # ps
        "تبه", "تبه لری", "کانګی", "قی کوی", "ساه نشی", "بی هوښه", "بیهوښه", "وینه بهیږی",
        # ckb
        "تایه", "تای هەیه", "تای هه یه", "پلەی گەرمی", "ڕشانەوه", "دەرشێتەوه", "هەناسه نادات", "بێهۆش",
        "خوێن دێت",
        # ku
        "ta heye", "tay heye", "germi", "germa*", "vereşin", "veresin", "diverese", "nefes nastine",
        "behis", "bêhiş", "xwin te", "xwin tê",
        # so
        "qandho", "qandhadh", "xummad", "matag*", "ma neefsan*", "neefta", "miyir*", "dhiig bax*",
        # ti
        "ረስኒ", "ረስኒ ሒዝዎ", "ረስኒ ሒዙዋ", "ይተፍእ", "ትፋእ", "ትንፋስ", "ምስትንፋስ", "ደም ይፈስስ",
        # uk
        "температур*", "жар", "блю*", "рвот*", "не дихає", "важко дихати", "задиха*", "непритом*", "отру*",
        "кровотеч*", "судом*",
        # ru
        "тошн*", "рвет", "рвёт", "не дышит", "трудно дышать", "без сознания", "потерял* сознан*", "отрав*",
        "судорог*", "temperatura", "temperatur*", "скорая", "скорую", "швидку", "швидка допомога",
        # the emergency room, in every language: the advice line 1177 comes first
        "akuten", "akutmottagning*", "emergency room", "طوارئ", "الطوارئ", "اورژانس", "بیړنی", "فریاکەوتن",
        "acil", "acîl", "degdeg", "ህጹጽ", "невідклад*", "неотложк*", "تای زۆر", "تای بەرز", "تا هەیه",
    ]
)  # fmt: skip

_DANGER_WORDS = PhraseList(
    [
        # en
        "danger", "dangerous", "help me now", "following me", "follows me", "attack*", "fire", "burning",
        "break in", "broke in", "burglar", "knife", "gun", "kidnap*", "call the police", "kill me",
        "will kill", "threaten*",
        # sv
        "fara", "farlig*", "hjalp mig nu", "foljer efter mig", "brand", "brinner", "inbrott", "kniv",
        "vapen", "hotar mig", "doda mig", "ring polis*",
        # ar
        "خطر", "النجده", "نجده", "الحقونی", "یلحقنی", "یلاحقنی", "لاحقنی", "حریق", "سکین", "سلاح",
        "یهددنی", "تهدید", "یقتلنی", "بدو یقتلنی", "5atar", "khatar",
        # fa, prs, ps, ckb
        "دنبالم", "تعقیبم", "اتش", "اتیش", "چاقو", "تفنگ", "اسلحه", "تهدیدم", "منو بکشه", "میکشه منو",
        "پسی راځی", "چاړه", "ټوپک", "ګواښ", "وژنی می", "مەترسی", "شوێنم دەکەوێت", "ئاگر", "چەقۆ", "هەڕەشه",
        "دەمکوژێت", "khatar",
        # ku
        "xeter*", "li pey min", "agir", "ker", "kêr", "gef", "tehdit*", "min bikuje",
        # so
        "khatar", "iga daba socd*", "dab", "mindi", "qori", "ii hanjab*", "i dili*", "i dilay*",
        # ti
        "ሓደጋ", "ሓግዙኒ", "ይስዕበኒ", "ሓዊ", "ካራ", "ምፍርራሕ", "ክቐትለኒ",
        # uk
        "небезпек*", "допоможіть", "переслід*", "пожеж*", "ніж", "ножем", "зброя", "погрож*", "вбити мене",
        "вб'є", "вбе мене",
        # someone breaking in or fighting right now
        "breaking the door", "kicking the door", "banging on the door", "bryter sig in", "sparkar pa dorren",
        "bankar pa dorren", "doda oss", "kill us", "یکسر الباب", "بیکسر الباب", "یکسر باب", "کسر الباب",
        "یقتلنا", "درو میشکنه", "ломится", "ломают дверь", "драка", "ножом", "ударил* ножом", "убить нас",
        "бійка", "вбити нас",
        # ru
        "опасн*", "помогите", "преслед*", "пожар", "нож", "оружие", "угрож*", "убить меня", "убьет",
        "убьёт",
    ]
)  # fmt: skip

_VIOLENCE_WORDS = PhraseList(
    [
        # en
        "hits me", "hit me", "beats me", "beat me", "beating me", "hitting me", "violence", "violent",
        "abuse*", "abusive", "hurts me", "domestic", "rape*", "raped", "afraid of my husband",
        "scared of my husband", "husband hit*",
        # sv
        "slar mig", "slog mig", "misshandl*", "vald", "våld", "valdtakt", "valdtag*", "radd for min man",
        # ar
        "یضربنی", "بیضربنی", "ضربنی", "یضربنا", "یضربها", "بضربنی", "عنف", "اعتداء", "اغتصاب",
        "خایفه من زوجی", "خایفه من جوزی", "بیاذینی", "یاذینی", "bi2edrbni", "byudrubni", "bidrubni",
        "yudrubni",
        # fa, prs
        "منو میزنه", "منو میزند", "مرا میزند", "کتکم", "کتک میزنه", "کتک", "خشونت", "ازار", "تجاوز",
        "از شوهرم میترسم", "mano mizane", "mano mizaneh",
        # ps
        "وهی می", "ما وهی", "ما وهلی", "تاوتریخوالی", "ځورونه", "له میړه می ویره",
        # ckb
        "لێم دەدات", "لێمدەدات", "لێم ده دات", "توندوتیژی", "دەستدرێژی", "لە مێردەکەم دەترسم",
        # ku
        "li min dixe", "min dixe", "ledide", "lêdide", "tundi", "tundî", "destdirej*", "ji mere xwe ditirsim",
        # so
        "i garaac*", "wuu i garaac*", "i garaacay", "rabshad*", "xadgudub", "kufsi",
        # ti
        "ይወቕዓኒ", "ይሃርመኒ", "ሃሪሙኒ", "ወቂዑኒ", "ዓመጽ", "ግፍዒ", "ምዕማጽ",
        # uk
        "б'є мене", "бє мене", "бьет меня", "насильс*", "знущ*", "згвалт*", "боюся чоловіка",
        # ru
        "бьёт меня", "избива*", "насили*", "издева*", "изнасил*", "боюсь мужа",
        # a friend's or sister's husband: people ask for someone else
        "hits her", "beats her", "slar henne", "slår henne", "بیضربها", "یضربها", "ضربها", "میزندش",
        "میزنتش", "کتکش", "وهی یی", "لێی دەدات", "li we dixe", "li wê dixe", "wuu garaacaa", "ይወቕዓ",
        "бьет ее", "бьёт её", "б'є її", "бє її",
    ]
)  # fmt: skip

_SUICIDE_WORDS = PhraseList(
    [
        # en
        "suicide", "suicidal", "kill myself", "end my life", "want to die", "wanna die", "dont want to live",
        "don't want to live", "no reason to live", "hurt myself",
        # sv
        "sjalvmord", "självmord", "ta livet av mig", "vill do", "vill dö", "vill inte leva", "skada mig sjalv",
        # ar
        "انتحار", "انتحر", "اقتل نفسی", "اقتل حالی", "بدی موت", "ابی اموت", "ارید اموت", "بدی اموت",
        "ما بدی عیش", "مابدی عیش", "انهی حیاتی", "ento7ar", "enta7er", "bade mout", "badi mot",
        # fa, prs
        "خودکشی", "خودمو بکشم", "خودم را بکشم", "میخوام بمیرم", "میخواهم بمیرم", "نمیخوام زنده",
        "khodkoshi",
        # ps
        "ځان وژنه", "ځان ووژنم", "ځان وژنم", "مړ شم", "مرګ غواړم",
        # ckb
        "خۆکوشتن", "خۆم بکوژم", "دەمەوێت بمرم", "نامەوێت بژیم",
        # ku
        "xwekust*", "xwekuşt*", "xwe bikujim", "dixwazim bimirim", "naxwazim bijim",
        # so
        "is dil*", "isdil*", "naftayda", "dhiman rab*", "dhimasho rab*", "noolaado",
        # ti
        "ርእሰይ ክቐትል", "ነፍሰይ ክቐትል", "ክመውት ደልየ", "ክነብር ኣይደልን",
        # uk
        "самогуб*", "вбити себе", "покінчити з собою", "хочу померти", "не хочу жити",
        # ru
        "самоубий*", "убить себя", "покончить с собой", "хочу умереть", "не хочу жить",
        # said less directly: better not to exist, life has no meaning, thinking of dying
        "better if i wasnt here", "better if i was not here", "end everything", "end it all",
        "no reason to live", "no point living",
        "vore lattare om jag inte fanns", "inte fanns", "ingen mening att leva", "نباشم", "بهتر است که نباشم",
        "زندگی معنی", "ما الها معنی", "ما الها معنى", "لا معنى للحیاه", "ما في معنی", "ክመውት*", "ትርጉም የብላን",
        "нет смысла жить", "немає сенсу жити", "жизнь не имеет смысла", "jiyan bê wate", "jiyan be wate",
        "ژیان مانای نییه", "ژوند مانا نه لری", "nolosha macno ma leh",
    ]
)  # fmt: skip

_EMERGENCIES: tuple[tuple[Emergency, PhraseList], ...] = (
    # The order is the order of the answer: the gravest first.
    (SUICIDE, _SUICIDE_WORDS),
    (VIOLENCE, _VIOLENCE_WORDS),
    (DANGER, _DANGER_WORDS),
    (HEALTH, _HEALTH_WORDS),
)


def find_emergencies(text: str) -> list[Emergency]:
    """Return the kinds of emergency a message speaks of, gravest first (usually none)."""
    words = normalise_words(text)
    return [emergency for emergency, phrases in _EMERGENCIES if phrases.found_in(words)]


# -- language names -----------------------------------------------------------------------

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
        "пожалуйста", "пишите", "говорите", "язык*", "языке", "можно",
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
        "learn*", "study*", "course*", "class*", "lesson*", "sfi", "lara", "lära", "lar", "lär", "kurs*",
        "plugga", "lektion*", "تعلم", "اتعلم", "یتعلم", "دوره", "کورس", "یاد", "یادگیری", "اموزش", "کلاس",
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
def _name_patterns() -> dict[str, list[_Pattern]]:
    return {code: [_Pattern.parse(n) for n in names] for code, names in _LANGUAGE_NAMES.items()}


def languages_named(text: str) -> list[str]:
    """Return the codes of the languages a message names, in the order they appear."""
    words = normalise_words(text)
    found: list[tuple[int, str]] = []
    for code, patterns in _name_patterns().items():
        positions = [
            i for i, word in enumerate(words) for p in patterns if len(p.words) == 1 and _word_matches(p.words[0], word)
        ]
        if not positions and any(_phrase_in(p, words) for p in patterns if len(p.words) > 1):
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
_IN_LANGUAGE = {"in", "pa", "på", "به", "په", "بە", "بـ", "bi", "af", "на", "po", "по", "ku", "ب", "ብ"}
# Verbs that, right before "in <language>", ask for it ("write in", "skriv på", "пиши на").
MAX_LONG_REQUEST_WORDS = 30
# Verbs of writing to someone, near a language's name, ask for it ("بنویسین انگلیسی").
_WRITE_VERBS = PhraseList(
    [
        "write", "reply", "answer", "text", "send", "skriv", "svara", "اکتب*", "تکتب*", "تکتبول*", "کتبول*",
        "ردو", "بنویس*", "نوشته", "ولیک*", "ولیکئ", "بنووس*", "بنووسه", "binivis*", "bersiv*", "qor", "u qor",
        "ii qor", "ጽሓፍ*", "ክትጽሕፍ*", "ክትጽሕፉ*", "ጽሓፈ*", "ጽሓፉ*", "пиши*", "пишите", "напиш*", "відповід*", "отвеч*",
        "ответ*",
    ]
)  # fmt: skip


def _in_language_mentions(words: list[str]) -> list[str]:
    """Languages named right after "in" (or in a form that already means "in X": українською)."""
    found = []
    for i, word in enumerate(words):
        for code, names in _NAME_LISTS.items():
            if not names.found_in([word]):
                continue
            inflected = word.endswith("ською") or word.startswith(("по-", "بال", "بف", "بپ", "بد", "ብ"))
            near = words[max(0, i - 3) : i] + words[i + 1 : i + 4]
            if inflected or (i > 0 and words[i - 1] in _IN_LANGUAGE) or _WRITE_VERBS.found_in(near):
                found.append(code)
    return found


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
    asked = set(_in_language_mentions(words))
    asking = _REQUEST_WORDS.found_in(words) or _WRITE_VERBS.found_in(words)
    if len(asked) == 1 and asking and not _LEARNING.found_in(words):
        return asked.pop()
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


# Asking in one's own words to get no more messages ("don't send me sms any more"). A message word
# and a stop word must both be there: "stop" alone is the keyword, and "stop the objection" is not this.
_MESSAGE_WORDS = PhraseList(
    [
        "sms", "message*", "msg*", "text*", "meddelande*", "sms:en", "رسایل", "رسایلکم", "رساله", "مسجات", "نامه*",
        "پیام*", "پیامک*", "پیغام*", "مسج", "نامه", "نامە", "peyam*", "fariin*", "fariim*", "farriin*",
        "መልእኽቲ", "መልእኽትታት",
        "сообщени*", "смс", "рассылк*", "повідомлен*", "розсилк*", "mesaj*",
    ]
)  # fmt: skip
_STOP_VERBS = PhraseList(
    [
        "stop", "dont send", "don't send", "no more", "unsubscribe", "sluta", "skicka inte", "inga fler",
        "وقف*", "بطلو*", "لا ترسل*", "لا تبعت*", "ما تبعت*", "ما بدی", "بس", "نفرست*", "نفرستید", "نفرستین",
        "قطع", "مه لیږ*", "مه لیږئ", "مەنێر*", "مەنێرن", "nesine", "neşîne", "nesinin", "ha ii soo dir*",
        "ha soo dir*", "jooji", "ኣይትለኣኽ*", "ኣይትስደዱ*", "ኣቋርጹ", "не присылай*", "не присылайте", "не отправляй*",
        "не надсилай*", "не надсилайте", "больше не", "більше не", "хватит", "досить", "стоп",
    ]
)  # fmt: skip
# "Don't write to me any more": enough on its own.
_STOP_WRITING = PhraseList(
    [
        "dont text me", "don't text me", "dont write to me", "stop writing to me", "sluta skriva till mig",
        "skriv inte till mig", "لا تکتبولی", "ما تکتبولی", "لا تراسلونی", "دیگه پیام ندید", "ደጊም ኣይትጽሓፉ*",
        "ደጊም ኣይትጽሓፍ*", "больше не пишите", "не пишите мне", "більше не пишіть", "не пишіть мені",
        "ha ii soo qorin", "edi ji min re nenivis*", "ئیتر نامەم بۆ مەنێرن",
    ]
)  # fmt: skip
MAX_STOP_WORDS = 14


def asks_to_stop(text: str) -> bool:
    """Return whether a short message asks, in the person's own words, for no more messages."""
    words = normalise_words(text)
    if not words or len(words) > MAX_STOP_WORDS:
        return False
    return (_MESSAGE_WORDS.found_in(words) and _STOP_VERBS.found_in(words)) or _STOP_WRITING.found_in(words)


# A case number as the portal shows it (XXXX-XXXX, Crockford base32). Only with the hyphen: eight
# letters or digits alone are too often an ordinary word or a phone number's tail.
_CASE_NUMBER = re.compile(r"(?<![\w-])([0-9A-Za-z]{4})-([0-9A-Za-z]{4})(?![\w-])")


def case_number(text: str) -> str | None:
    """Return the case number a message quotes (with at least one digit), or None."""
    for match in _CASE_NUMBER.finditer(text or ""):
        code = f"{match.group(1)}-{match.group(2)}".upper()
        if any(ch.isdigit() for ch in code) and any(ch.isalpha() for ch in code):
            return code
    return None


def interpreter_request(text: str) -> tuple[bool, str | None]:
    """Return (asks for an interpreter, the interpreter's language if named)."""
    words = normalise_words(text)
    if not _INTERPRETER_WORDS.found_in(words):
        return False, None
    named = languages_named(text)
    return True, (named[0] if named else None)
