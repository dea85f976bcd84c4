"""Which days a schedule question is about: "tomorrow", "fredag", "بكرة", "next week", "next praktik".

The words are data, not interface text: what people really text, in all 12 languages, with
the spellings of phone keyboards (no diacritics, Arabizi such as "bukra" and "ba3d bokra",
Finglish such as "farda"). A message is folded (case, diacritics, Arabic-script variants,
apostrophes, zero-width joiners), then read as words; phrases of up to three words are tried
first, joined without spaces, so "i morgon" and "imorgon", "سه شنبه" and "سه‌شنبه" are one
word. A single word of five letters or more may carry a typo ("fredg", "thrusday"): it is matched
with rapidfuzz against the conversation language, Swedish and English (the two languages
every newcomer here mixes in), never against the others, where a near word can mean
something else (Russian "неделю" is a week, Ukrainian "неділю" a Sunday). Words of three
letters or fewer ("fre", "îro", "نن") count only in the conversation's own language: Swedish
"sön" is English "son".

Days are Europe/Stockholm calendar days (`today` comes from the caller):
- today, tomorrow, the day after tomorrow;
- a weekday: the next such day, today if it is today ("next friday" on a Friday: in a week);
- this week: the rest of the ISO week, today to Sunday; next week: Monday to Sunday after it;
- an activity kind (SFI, internship, a class) filters the answer; with "next" and no day
  ("when is my next internship") the answer is that kind's next occurrence.

Over 500 lines on purpose (issue 18's limit): two thirds of it is WORDS, the word table, which
the bot's plan.yml files copy from this path (a test checks that they agree); the rules that
read it follow it here rather than in a second module.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from rapidfuzz import fuzz, process


class Span(StrEnum):
    DAY = "day"  # one calendar day
    WEEK = "week"  # an ISO week, or what is left of this one
    COMING = "coming"  # the coming days, from today
    NEXT = "next"  # the next occurrence, whenever it is


class DayWord(StrEnum):
    TODAY = "today"
    TOMORROW = "tomorrow"
    DAY_AFTER_TOMORROW = "day_after_tomorrow"
    WEEKDAY = "weekday"
    THIS_WEEK = "this_week"
    NEXT_WEEK = "next_week"


# Activity kinds people name, and the activity types (portal.catalogues) each one means.
KINDS: dict[str, tuple[str, ...]] = {
    "sfi": ("sfi",),
    "praktik": ("praktik",),
    "class": ("sfi", "civic_orientation", "literacy"),
}

_WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")  # ISO 1..7
# The meanings that name days; the bot's NLU has these words as a lookup table (plan.yml).
DAY_MEANINGS = ("today", "tomorrow", "day_after_tomorrow", *_WEEKDAYS, "this_week", "next_week")

# meaning -> words, per language. Meanings: today, tomorrow, day_after_tomorrow, mon..sun,
# this_week, next_week, next (the word "next"), and the kinds above.
WORDS: dict[str, dict[str, tuple[str, ...]]] = {
    "sv": {
        "today": ("idag", "i dag", "idagg", "ikväll", "i kväll"),
        "tomorrow": ("imorgon", "i morgon", "imorn", "i morn", "imorrn", "imorron", "imorgonn", "morgondagen"),
        "day_after_tomorrow": ("i övermorgon", "övermorgon"),
        "mon": ("måndag", "måndagen", "mandag"),
        "tue": ("tisdag", "tisdagen", "tis"),
        "wed": ("onsdag", "onsdagen", "ons"),
        "thu": ("torsdag", "torsdagen", "tors", "tor"),
        "fri": ("fredag", "fredagen", "fre"),
        "sat": ("lördag", "lördagen", "lör"),
        "sun": ("söndag", "söndagen", "sondag"),
        "this_week": ("denna vecka", "den här veckan", "i veckan", "veckan", "denna veckan", "nu i veckan"),
        "next_week": ("nästa vecka", "nästa veckan", "kommande vecka", "nästkommande vecka"),
        "next": ("härnäst", "nästa", "näst", "kommande"),
        "sfi": ("sfi", "sfin", "svenska", "svenskan"),
        "praktik": ("praktik", "praktiken", "praktikplats", "praktikplatsen"),
        "class": ("lektion", "lektionen", "lektioner", "skola", "skolan", "kurs", "kursen", "klass", "klassen"),
    },
    "en": {
        "today": ("today", "tday", "2day", "todays", "tonight", "to day"),
        "tomorrow": (
            "tomorrow",
            "tomorow",
            "tommorow",
            "tommorrow",
            "tmrw",
            "tmr",
            "tmrow",
            "2moro",
            "2morrow",
            "tomoro",
        ),
        "day_after_tomorrow": ("day after tomorrow", "day after tomorow", "day after tmrw", "day after tmr"),
        "mon": ("monday", "mon", "mondy"),
        "tue": ("tuesday", "tue", "tues", "tusday"),
        "wed": ("wednesday", "wed", "wensday", "wednsday", "wendsday"),
        "thu": ("thursday", "thu", "thur", "thurs", "thursdy"),
        "fri": ("friday", "fri", "fryday"),
        "sat": ("saturday", "sat", "saterday"),
        "sun": ("sunday", "sun"),
        "this_week": ("whole week", "my week", "all week", "this week", "this wk", "the week", "this weeks"),
        "next_week": ("next week", "nxt week", "next wk", "following week", "coming week"),
        "next": ("next", "nxt", "upcoming", "coming"),
        "sfi": ("sfi", "swedish class", "swedish lesson", "swedish course", "swedish school", "swedish"),
        "praktik": ("internship", "intern", "intership", "practice", "placement", "work practice", "praktik"),
        "class": ("class", "classes", "lesson", "lessons", "course", "school"),
    },
    "ar": {
        "today": ("اليوم", "اليوم هذا", "alyom", "alyoum", "elyom", "elyoum", "el yom", "al yom", "lyoum", "lyom"),
        "tomorrow": (
            "باچر",
            "باجر",
            "باكر",
            "bachir",
            "bacher",
            "بكرة",
            "بكره",
            "بكرا",
            "غدا",
            "غداً",
            "الغد",
            "bukra",
            "bokra",
            "bukara",
            "bkra",
            "ghadan",
            "8adan",
        ),
        "day_after_tomorrow": ("بعد بكرة", "بعد بكره", "بعد بكرا", "بعد غد", "ba3d bukra", "ba3d bokra", "baad bukra"),
        "mon": ("الاثنين", "الإثنين", "يوم الاثنين", "الاتنين", "itnen", "etnen", "ithnain", "el etnen", "tanin"),
        "tue": ("الثلاثاء", "الثلاثا", "ثلاثاء", "التلات", "التلاتاء", "talat", "tlata", "thulatha", "el talat"),
        "wed": ("الأربعاء", "الاربعاء", "الاربعا", "اربعاء", "الاربع", "arba3", "arb3a", "arbi3a", "el arba3"),
        "thu": ("الخميس", "خميس", "khamis", "5amis", "khamees", "el khamis", "el 5amis"),
        "fri": ("الجمعة", "الجمعه", "جمعة", "جمعه", "jum3a", "jom3a", "gom3a", "el jum3a", "el gom3a"),
        "sat": ("السبت", "سبت", "sabt", "el sabt", "es sabt"),
        "sun": ("الأحد", "الاحد", "يوم الاحد", "a7ad", "ahad", "el a7ad", "el 7ad", "l7ad"),
        "this_week": (
            "هل اسبوع",
            "هل الاسبوع",
            "هالسبوع",
            "هل الأسبوع",
            "hal osbo3",
            "hal esbou3",
            "لهالاسبوع",
            "بهالاسبوع",
            "هالجمعة",
            "هالجمعه",
            "هذا الأسبوع",
            "هذا الاسبوع",
            "هالاسبوع",
            "هالأسبوع",
            "الاسبوع هذا",
            "hal esbo3",
            "hada el osbo3",
        ),
        "next_week": (
            "للاسبوع القادم",
            "للأسبوع القادم",
            "للاسبوع الجاي",
            "osbo3 el jay",
            "el osbo3 el jay",
            "الأسبوع القادم",
            "الاسبوع القادم",
            "الاسبوع الجاي",
            "الاسبوع الجاية",
            "الأسبوع المقبل",
            "الاسبوع المقبل",
            "el esbo3 el jay",
            "al osbo3 al qadem",
            "esbo3 el jay",
        ),
        "next": ("القادم", "القادمة", "الجاي", "الجاية", "التالي", "التالية", "الجاي", "eljay", "el jay", "al qadem"),
        "sfi": ("sfi", "اس اف اي", "سفي", "اللغة السويدية", "السويدي", "كورس السويدي", "swedi"),
        "praktik": ("التدريب", "تدريب", "التدريب العملي", "براكتيك", "البراكتيك", "praktik", "tadreeb", "tadrib"),
        "class": ("الدرس", "درس", "الصف", "صف", "المدرسة", "مدرسة", "الكورس", "كورس", "كلاس", "dars", "madrase"),
    },
    "fa": {
        "today": ("امروز", "emruz", "emrooz", "emroz"),
        "tomorrow": ("فردا", "farda"),
        "day_after_tomorrow": ("پس فردا", "پسفردا", "pas farda", "pasfarda"),
        "mon": ("دوشنبه", "دو شنبه", "doshanbe", "doshanbeh"),
        "tue": ("سه شنبه", "سشنبه", "seshanbe", "se shanbe", "seshanbeh"),
        "wed": ("چهارشنبه", "چهار شنبه", "چارشنبه", "chaharshanbe", "charshanbe"),
        "thu": ("پنجشنبه", "پنج شنبه", "panjshanbe", "panjshanbeh"),
        "fri": ("جمعه", "جمعه ها", "jome", "jomeh", "jomee"),
        "sat": ("شنبه", "shanbe", "shanbeh"),
        "sun": ("یکشنبه", "یک شنبه", "yekshanbe", "yekshanbeh"),
        "this_week": ("کل هفته", "این هفته", "همین هفته", "in hafte", "in hafteh"),
        "next_week": ("هفته بعد", "هفته ی بعد", "هفته آینده", "هفته دیگه", "هفته دیگر", "hafte bad", "hafteye bad"),
        "next": ("بعدی", "بعدیم", "آینده", "badi"),
        "sfi": ("sfi", "اس اف ای", "کلاس سوئدی", "سوئدی", "زبان سوئدی"),
        "praktik": ("کارآموزی", "کاراموزی", "پراکتیک", "کار آموزی", "karamouzi", "praktik"),
        "class": ("کلاس", "درس", "مدرسه", "کلاسم", "kelas"),
    },
    "prs": {
        "today": ("امروز", "emroz", "imroz"),
        "tomorrow": ("فردا", "صبا", "farda", "saba"),
        "day_after_tomorrow": ("پس صبا", "پس فردا", "پسفردا", "بل صبا", "pas farda"),
        "mon": ("دوشنبه", "دو شنبه", "doshanbe"),
        "tue": ("سه شنبه", "سشنبه", "seshanbe"),
        "wed": ("چهارشنبه", "چارشنبه", "چهار شنبه", "charshanbe"),
        "thu": ("پنجشنبه", "پنج شنبه", "panjshanbe"),
        "fri": ("جمعه", "juma", "jumma"),
        "sat": ("شنبه", "shanbe"),
        "sun": ("یکشنبه", "یک شنبه", "yakshanbe", "yekshanbe"),
        "this_week": ("تمام هفته", "ای هفته", "همین هفته", "این هفته", "همی هفته", "in hafta"),
        "next_week": ("هفته بعد", "هفته آینده", "هفته دیگه", "هفته دیگر", "هفته ای بعد", "hafta bad", "hafta e ayenda"),
        "next": ("بعدی", "آینده", "badi"),
        "sfi": ("sfi", "اس اف ای", "سویدنی", "زبان سویدنی", "کورس سویدنی"),
        "praktik": ("کارآموزی", "کاراموزی", "پراکتیک", "کار آموزی", "praktik"),
        "class": ("صنف", "کلاس", "درس", "مکتب", "کورس"),
    },
    "so": {
        "today": ("maanta", "manta", "maanto"),
        "tomorrow": ("maalinta xigta", "maalinta berri", "berri", "beri", "berrito", "berito"),
        "day_after_tomorrow": ("saadambe", "saa dambe", "sadambe", "sa dambe"),
        "mon": ("isniin", "isnin", "isniinta", "isnaynta"),
        "tue": ("talaado", "talaada", "talado", "salaasada", "talaadada"),
        "wed": ("arbaco", "arbaca", "arbaco", "arbacada", "arbac"),
        "thu": ("khamiis", "khamis", "khamiista", "kamiis"),
        "fri": ("jimce", "jimco", "jimca", "jimcaha", "jimco"),
        "sat": ("sabti", "sabtida", "sabtiga"),
        "sun": ("axad", "axada", "ahad", "axadda"),
        "this_week": (
            "isbuucan",
            "wiigan",
            "wiiggan",
            "toddobaadkan",
            "todobaadkan",
            "usbuucan",
            "usbuucaan",
            "asbuucan",
            "toddobaadkaan",
        ),
        "next_week": (
            "toddobaadka dambe",
            "toddobaadka soo socda",
            "todobaadka dambe",
            "todobaadka soo socda",
            "usbuuca dambe",
            "usbuuca soo socda",
            "usbuuca xiga",
            "toddobaadka xiga",
        ),
        "next": ("soo socota", "socota", "soo socda", "xigta", "ku xigta", "xiga", "ku xiga", "soo socda", "dambe"),
        "sfi": ("sfi", "iswidhish", "af iswidhish", "luqada iswidhishka", "swedish"),
        "praktik": (
            "praktikka",
            "praktikga",
            "praktigga",
            "praktik",
            "praktiga",
            "tababar",
            "tababarka",
            "shaqo barasho",
            "layli",
            "laylis",
        ),
        "class": ("fasal", "fasalka", "cashar", "casharka", "iskuul", "iskuulka", "koorso", "koorsada"),
    },
    "ti": {
        "today": ("ሎሚ", "ሎሚ መዓልቲ", "lomi", "lomi mealti"),
        "tomorrow": ("ጽባሕ", "ፅባሕ", "tsbah", "sbah", "tsibah", "tsebah"),
        "day_after_tomorrow": ("ድሕሪ ጽባሕ", "ድሕሪ ፅባሕ", "dhri tsbah", "dihri tsibah"),
        "mon": ("ሰኑይ", "senuy", "senui", "senoy"),
        "tue": ("ሰሉስ", "selus", "salus"),
        "wed": ("ረቡዕ", "ሮብዕ", "rebue", "rebu", "robue"),
        "thu": ("ሓሙስ", "ሐሙስ", "hamus", "hamues"),
        "fri": ("ዓርቢ", "ዓርብ", "arbi", "arb"),
        "sat": ("ቀዳም", "qedam", "kedam"),
        "sun": ("ሰንበት", "senbet", "sanbet"),
        "this_week": ("እዚ ሰሙን", "ኣብዚ ሰሙን", "ezi semun", "abzi semun"),
        "next_week": (
            "zmetse semunke",
            "zmetse semun",
            "ዝመጽእ ሰሙን",
            "ዝመፅእ ሰሙን",
            "ቀጻሊ ሰሙን",
            "ዝቕጽል ሰሙን",
            "zmetse semun",
            "kitsali semun",
        ),
        "next": ("ዝቕጽል", "ዝመጽእ", "ቀጻሊ", "ዝቕፅል"),
        "sfi": ("sfi", "ኤስኤፍኣይ", "ሽወደን ቋንቋ", "ቋንቋ ሽወደን"),
        "praktik": ("ልምምድ", "ልምምድ ስራሕ", "ፕራክቲክ", "praktik"),
        "class": ("ትምህርቲ", "ክላስ", "ቤት ትምህርቲ", "ትምህርተይ"),
    },
    "uk": {
        "today": ("сьогодні", "сегодні", "сьодні", "sogodni", "sohodni"),
        "tomorrow": ("завтра", "zavtra"),
        "day_after_tomorrow": ("післязавтра", "після завтра", "pislyazavtra"),
        "mon": ("понеділок", "понеділка", "у понеділок", "в понеділок", "пн"),
        "tue": ("вівторок", "вівторка", "у вівторок", "в вівторок", "вт"),
        "wed": ("середа", "середу", "у середу", "в середу", "ср"),
        "thu": ("четвер", "четверга", "у четвер", "в четвер", "чт"),
        "fri": ("пʼятниця", "п'ятниця", "пятниця", "пʼятницю", "п'ятницю", "пятницю", "у пʼятницю", "пт"),
        "sat": ("субота", "суботу", "у суботу", "в суботу", "сб"),
        "sun": ("неділя", "неділю", "у неділю", "в неділю", "нд"),
        "this_week": ("цього тижня", "на цьому тижні", "цей тиждень", "на цей тиждень", "цього тиждня"),
        "next_week": ("наступного тижня", "на наступному тижні", "наступний тиждень", "на наступний тиждень"),
        "next": (
            "nastupne",
            "nastupna",
            "nastupnyi",
            "nastupnyj",
            "наступне",
            "наступна",
            "наступний",
            "наступну",
            "наступного",
            "наступні",
        ),
        "sfi": ("sfi", "сфі", "шведська", "шведської", "шведську", "курс шведської"),
        "praktik": ("практика", "практику", "практики", "стажування", "praktik"),
        "class": ("урок", "уроки", "курс", "курси", "школа", "школу", "клас"),
    },
    "ru": {
        "today": ("сегодня", "седня", "сёдня", "segodnya", "sevodnya"),
        "tomorrow": ("завтра", "zavtra"),
        "day_after_tomorrow": ("послезавтра", "после завтра", "poslezavtra"),
        "mon": ("понедельник", "в понедельник", "пн"),
        "tue": ("вторник", "во вторник", "вт"),
        "wed": ("среда", "среду", "в среду", "ср"),
        "thu": ("четверг", "в четверг", "чт"),
        "fri": ("пятница", "пятницу", "в пятницу", "пт"),
        "sat": ("суббота", "субботу", "в субботу", "субота", "суботу", "сб"),
        "sun": ("воскресенье", "в воскресенье", "воскресение", "вс"),
        "this_week": ("на этой неделе", "эта неделя", "эту неделю", "на эту неделю", "этой неделе"),
        "next_week": (
            "на следующей неделе",
            "следующая неделя",
            "следующую неделю",
            "на следующую неделю",
            "на след неделе",
            "след неделя",
        ),
        "next": (
            "sleduyushee",
            "sleduyuschee",
            "sleduyushiy",
            "sleduyushaya",
            "следующее",
            "следующая",
            "следующий",
            "следующую",
            "след",
            "ближайшее",
            "ближайшая",
        ),
        "sfi": ("sfi", "сфи", "шведский", "шведского", "курс шведского", "шведский язык"),
        "praktik": ("практика", "практику", "практики", "стажировка", "стажировку", "praktik"),
        "class": ("урок", "уроки", "курс", "курсы", "школа", "школу", "класс"),
    },
    "ckb": {
        "today": ("ئەمڕۆ", "ئەمرۆ", "ئەمرو", "emro", "amro"),
        "tomorrow": ("sbay", "sbayni", "سبەی", "سبەینێ", "بەیانی", "سبەینی", "sbey", "sbeyni", "bayani"),
        "day_after_tomorrow": ("دووسبەی", "دوو سبەی", "دوسبەی", "dusbey"),
        "mon": ("دووشەممە", "دوشەممە", "دووشەمە", "dushamme"),
        "tue": ("سێشەممە", "سیشەممە", "سێشەمە", "seshamme"),
        "wed": ("چوارشەممە", "چوارشەمە", "chwarshamme"),
        "thu": ("پێنجشەممە", "پینجشەممە", "پێنجشەمە", "penjshamme"),
        "fri": ("هەینی", "هەینێ", "heyni", "hayni", "جومعە"),
        "sat": ("شەممە", "شەمە", "shamme"),
        "sun": ("یەکشەممە", "یەکشەمە", "yekshamme"),
        "this_week": ("am hafteya", "em hefte", "ئەم هەفتەیە", "ئەم هەفتە", "ئەو هەفتەیە", "em hefteye"),
        "next_week": ("هەفتەی داهاتوو", "هەفتەی داهاتو", "هەفتەی دواتر", "heftey dahatu"),
        "next": ("داهاتوو", "داهاتو", "دواتر", "dahatu"),
        "sfi": ("sfi", "سوێدی", "زمانی سوێدی", "کۆرسی سوێدی"),
        "praktik": ("ڕاهێنان", "پراکتیک", "مەشق", "ڕاهێنانی کار", "praktik"),
        "class": ("وانە", "پۆل", "قوتابخانە", "کۆرس", "دەرس"),
    },
    "ku": {
        "today": ("îro", "iro", "îroj", "iroj"),
        "tomorrow": ("sibê", "sibe", "sibeh", "sobê"),
        "day_after_tomorrow": ("dusibê", "dusibe", "du sibê", "du sibe"),
        "mon": ("duşem", "duşemb", "duşemê", "dusem", "dusemb", "dşm"),
        "tue": ("sêşem", "sêşemb", "sêşemê", "sesem", "sesemb", "sşm"),
        "wed": ("çarşem", "çarşemb", "çarşemê", "carsem", "carsemb", "çşm"),
        "thu": ("pêncşem", "pêncşemb", "pêncşemê", "pencsem", "pencsemb", "pşm"),
        "fri": ("în", "înî", "êne", "ine", "ini"),
        "sat": ("şemî", "şembî", "semi", "sembi"),
        "sun": ("yekşem", "yekşemb", "yekşemê", "yeksem", "yeksemb", "yşm"),
        "this_week": ("vê hefteyê", "vê heftê", "ev hefte", "ev heftê", "ve hefteye", "vê hefteya"),
        "next_week": ("hefteya bê", "hefteya din", "hefta bê", "hefteya tê", "hefteya were", "hefteya pêş"),
        "next": ("din", "bê", "tê", "a din", "ya din", "paşê"),
        "sfi": ("sfi", "swêdî", "swedi", "zimanê swêdî", "kursa swêdî"),
        "praktik": ("praktîk", "praktik", "praktîka", "praktika", "staj", "stajyer"),
        "class": ("ders", "dersa", "dibistan", "dibistanê", "pol", "kurs", "kursa"),
    },
    "ps": {
        "today": ("نن", "نن ورځ", "نننۍ", "nan", "nen"),
        "tomorrow": ("سبا", "صبا", "saba", "sabaa"),
        "day_after_tomorrow": ("بل سبا", "بله سبا", "bel saba"),
        "mon": ("دوشنبه", "دوشنبې", "doshanbe"),
        "tue": ("سه شنبه", "سه‌شنبه", "سشنبه", "seshanbe"),
        "wed": ("چهارشنبه", "چارشنبه", "charshanbe"),
        "thu": ("پنجشنبه", "پنج شنبه", "panjshanbe"),
        "fri": ("جمعه", "جمعې", "juma"),
        "sat": ("شنبه", "shanbe"),
        "sun": ("یکشنبه", "اتوار", "یک شنبه", "yakshanbe"),
        "this_week": ("ټوله اونۍ", "da de onai", "دا اونۍ", "دې اونۍ", "په دې اونۍ", "da onai"),
        "next_week": ("راتلونکې اونۍ", "راتلونکي اونۍ", "بله اونۍ", "راتلونکی اونۍ", "ratlonke onai"),
        "next": ("راتلونکې", "راتلونکی", "راتلونکي", "بل", "بله"),
        "sfi": ("sfi", "سویډني", "سویډنۍ ژبه", "د سویډني کورس"),
        "praktik": ("کارآموزي", "کار زده کړه", "پراکتیک", "تمرین", "praktik"),
        "class": ("ټولګی", "ټولګي", "درس", "ښوونځی", "کورس", "کلاس"),
    },
}

SHORT = 3  # words this short count only in the conversation's own language
FUZZY_MIN = 5  # words this long may carry a typo
FUZZY_SCORE_SHORT = 90  # rapidfuzz ratio for words of up to six letters: one letter missing or extra
FUZZY_SCORE = 85  # longer words: "thrusday", "wenesday"
FUZZY_LANGUAGES = ("sv", "en")  # every conversation may mix these in, typos included
LONGEST_PHRASE = 3  # words

# Arabic-script, Kurdish and Ethiopic letters that people write interchangeably on phones.
_FOLD = str.maketrans(
    {
        "ي": "ی",
        "ى": "ی",
        "ك": "ک",
        "ة": "ه",
        "ە": "ه",
        "ڕ": "ر",
        "ڵ": "ل",
        "ێ": "ی",
        "ۆ": "و",
        "ې": "ی",
        "ۍ": "ی",
        "ـ": None,  # tatweel
        "\u200c": None,  # zero-width non-joiner: "سه‌شنبه" is "سهشنبه"
        "\u200d": None,
        "'": None,
        "’": None,
        "ʼ": None,
        "`": None,
        "ፀ": "ጸ",
        "ፅ": "ጽ",
        "አ": "ኣ",
        "ሐ": "ሓ",
        "ሠ": "ሰ",
    }
)
_NOT_WORD = re.compile(r"[^\w]+")


def fold(text: str) -> str:
    """Fold a message for matching: case, diacritics and marks, Arabic-script variants, apostrophes."""
    decomposed = unicodedata.normalize("NFKD", text or "").casefold()
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    folded = unicodedata.normalize("NFC", stripped).translate(_FOLD)
    return " ".join(_NOT_WORD.sub(" ", folded).replace("_", " ").split())


@dataclass(frozen=True)
class _Entry:
    meaning: str
    language: str


def _build_index() -> dict[str, list[_Entry]]:
    index: dict[str, list[_Entry]] = {}
    for language, table in WORDS.items():
        for meaning, words in table.items():
            for word in words:
                key = fold(word).replace(" ", "")
                entries = index.setdefault(key, [])
                if _Entry(meaning, language) not in entries:
                    entries.append(_Entry(meaning, language))
    return index


_INDEX = _build_index()
_FUZZY_KEYS: dict[str, list[str]] = {
    language: sorted({fold(w).replace(" ", "") for words in WORDS[language].values() for w in words} - {""})
    for language in WORDS
}


def _near_in_length(candidate: str, key: str) -> bool:
    # A letter more or less is a typo; two only between long words ("wenesday", "wednesday"):
    # Somali "maalinta" (the day) is not "maanta" (today), Kurmanji "hefteya" not "hefteya bê".
    difference = abs(len(candidate) - len(key))
    return len(candidate) >= FUZZY_MIN and (difference <= 1 or (difference == 2 and min(len(candidate), len(key)) >= 8))


def _lookup(key: str, language: str, *, fuzzy: bool = True) -> str | None:
    """The meaning of one folded word or phrase (spaces removed) for a conversation language."""
    entries = _INDEX.get(key, [])
    own = [e for e in entries if e.language == language]
    if own:
        return own[0].meaning
    if entries and len(key) > SHORT:
        return entries[0].meaning
    if not fuzzy or len(key) < FUZZY_MIN or key.isdigit():
        return None
    candidates = [k for lang in dict.fromkeys((language, *FUZZY_LANGUAGES)) for k in _FUZZY_KEYS.get(lang, [])]
    candidates = [k for k in candidates if _near_in_length(k, key) and k[0] == key[0]]
    cutoff = FUZZY_SCORE_SHORT if len(key) <= 6 else FUZZY_SCORE
    best = process.extractOne(key, candidates, scorer=fuzz.ratio, score_cutoff=cutoff)
    if best is None:
        return None
    found = _INDEX[best[0]]
    return next((e.meaning for e in found if e.language == language), found[0].meaning)


# Arabic-script proclitics written onto the word: "بالبراكتيك" (at the internship), "ويوم" (and
# on day), "للجمعة" (for Friday: "ل" + "الجمعة", the alif dropped).
_PROCLITICS = (("وال", "ال"), ("بال", "ال"), ("فال", "ال"), ("كال", "ال"), ("لل", "ال"), ("و", ""), ("ب", ""))


def _without_proclitic(word: str) -> str | None:
    if not word or not ("\u0600" <= word[0] <= "\u06ff"):
        return None
    for prefix, replacement in _PROCLITICS:
        rest = word[len(prefix) :]
        if word.startswith(prefix) and len(rest) >= 3:
            return replacement + rest
    return None


def meanings(text: str, language: str) -> list[str]:
    """The schedule meanings in a message, in order ("tomorrow", "fri", "next_week", "praktik", …)."""
    words = fold(text).split()
    found: list[str] = []
    i = 0
    while i < len(words):
        for n in range(min(LONGEST_PHRASE, len(words) - i), 0, -1):
            # Only single words may carry a typo: a fuzzy phrase matches too much ("اول يوم").
            meaning = _lookup("".join(words[i : i + n]), language, fuzzy=n == 1)
            if meaning is None and n == 1 and (bare := _without_proclitic(words[i])):
                meaning = _lookup(bare, language, fuzzy=False)
            if meaning is not None:
                found.append(meaning)
                i += n
                break
        else:
            i += 1
    return found


@dataclass(frozen=True)
class ScheduleQuestion:
    """What a schedule question asks about: a span of days (or the next one) and activity types."""

    span: Span
    first_day: date | None = None
    last_day: date | None = None
    day_word: DayWord | None = None
    kind: str | None = None

    @property
    def activity_types(self) -> tuple[str, ...]:
        """The activity types asked about; empty means all of them."""
        return KINDS[self.kind] if self.kind else ()


def nlu_day_words(language: str) -> list[str]:
    """The day words of a language that the bot's NLU knows as a lookup table (not the short ones)."""
    return [w for meaning in DAY_MEANINGS for w in WORDS[language][meaning] if len(fold(w).replace(" ", "")) > SHORT]


def _kind(found: list[str]) -> str | None:
    # "the next SFI lesson" is SFI (the narrower kind); "praktik or SFI?" is both, so no filter:
    # a filter must never hide an activity the person asked about.
    kinds = {m for m in found if m in KINDS}
    narrowest = sorted(kinds, key=lambda k: len(KINDS[k]))
    if narrowest and all(set(KINDS[narrowest[0]]) <= set(KINDS[k]) for k in kinds):
        return narrowest[0]
    return None


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def read_question(
    text: str, language: str, today: date, *, default: Span = Span.NEXT, days: int = 7
) -> ScheduleQuestion:
    """Read which days (and which kind of activity) a message asks about, from `today` in Stockholm.

    Without a day word the question is `default`: the next activity, or the coming `days` days.
    """
    found = meanings(text, language)
    kind = _kind(found)
    wants_next = "next" in found
    for meaning in found:
        if meaning == "today":
            return ScheduleQuestion(Span.DAY, today, today, DayWord.TODAY, kind)
        if meaning == "tomorrow":
            day = today + timedelta(days=1)
            return ScheduleQuestion(Span.DAY, day, day, DayWord.TOMORROW, kind)
        if meaning == "day_after_tomorrow":
            day = today + timedelta(days=2)
            return ScheduleQuestion(Span.DAY, day, day, DayWord.DAY_AFTER_TOMORROW, kind)
        if meaning in _WEEKDAYS:
            ahead = (_WEEKDAYS.index(meaning) - today.weekday()) % 7
            if ahead == 0 and wants_next:
                ahead = 7  # "next friday", said on a Friday
            day = today + timedelta(days=ahead)
            return ScheduleQuestion(Span.DAY, day, day, DayWord.WEEKDAY, kind)
        if meaning == "this_week":
            return ScheduleQuestion(Span.WEEK, today, _monday(today) + timedelta(days=6), DayWord.THIS_WEEK, kind)
        if meaning == "next_week":
            monday = _monday(today) + timedelta(days=7)
            return ScheduleQuestion(Span.WEEK, monday, monday + timedelta(days=6), DayWord.NEXT_WEEK, kind)
    if default == Span.NEXT or (kind and wants_next):
        return ScheduleQuestion(Span.NEXT, kind=kind)
    return ScheduleQuestion(Span.COMING, today, today + timedelta(days=days - 1), None, kind)
