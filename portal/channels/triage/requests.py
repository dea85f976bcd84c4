"""Requests read from a message's words: no more messages, a quoted case number, an independent review."""

from __future__ import annotations

import re

from portal.channels.triage.matching import PhraseList, normalise_words

# Asking in one's own words to get no more messages ("don't send me sms any more"). A message word
# and a stop word must both be there: "stop" alone is the keyword, and "stop the objection" is not this.
_MESSAGE_WORDS = PhraseList(
    [
        "sms", "message*", "msg*", "text*", "meddelande*", "sms:en", "رسایل", "رسایلکم", "رساله", "مسجات", "نامه*",
        "پیام*", "پیامک*", "پیغام*", "مسج", "نامه", "نامە", "peyam*", "fariin*", "fariim*", "farriin*",
        "መልእኽቲ", "መልእኽትታት",
        "сообщени*", "смс", "рассылк*", "повідомлен*", "розсилк*", "mesaj*",
        "مسیج*", "رسائل", "الرسائل", "masaj*", "messeg*", "rasayel", "rasa2el", "rasail", "rasa2il", "rasa2l",
        "смс*", "sms*", "poruk*", "ኤስኤምኤስ",
    ]
)  # fmt: skip
_STOP_VERBS = PhraseList(
    [
        "stop", "dont send", "don't send", "no more", "unsubscribe", "sluta", "skicka inte", "inga fler",
        "وقف*", "بطلو*", "لا ترسل*", "لا تبعت*", "ما تبعت*", "ما بدی", "بس", "نفرست*", "نفرستید", "نفرستین",
        "قطع", "مه لیږ*", "مه لیږئ", "مەنێر*", "مەنێرن", "nesine", "neşîne", "nesinin", "ha ii soo dir*",
        "ha soo dir*", "jooji", "ኣይትለኣኽ*", "ኣይትስደዱ*", "ኣቋርጹ", "не присылай*", "не присылайте", "не отправляй*",
        "не надсилай*", "не надсилайте", "больше не", "більше не", "хватит", "досить", "стоп",
        # "turn off", "cancel", "don't send" in more of the ways people say it
        "turn off", "opt out", "remove me", "avsluta", "avregistrera", "ta bort mig", "wa2ef*", "wa2if*",
        "waqef", "ma bde", "mabde", "ma badi", "اوقف*", "الغي", "روان نکن*", "قطع کن*", "بس کنید", "bas konid",
        "nafrestid", "nafrestin", "مه رالیږ*", "بند کړ*", "مەنێرە", "ڕایبگرن", "bisekinin", "neşînin",
        "ha ii soo dirin", "jooji*", "ኣቋርጹ*", "ኣቋርጽ*", "ኣይትልኣኹ*", "ኣይትልኣኽ*", "отключи*", "отпиш*",
        "не шлите", "перестаньте", "прекратите", "вимкн*", "відпиш*", "не шліть", "припиніть",
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
# Long enough for a reason around the request ("I work now, I don't need the plan, please don't
# send so many messages"), short enough that a long story mentioning messages is not read as one.
MAX_STOP_WORDS = 20
# The keyword as our messages print it ("Reply STOP"), in capitals at the start of a message with
# a few words more ("STOP. no more messages now"): the keyword, said with emphasis.
_STOP_FIRST = re.compile(r"^\s*(STOP|STOPP)(?![\w'’])")
MAX_STOP_FIRST_WORDS = 8


def asks_to_stop(text: str) -> bool:
    """Return whether a short message asks, in the person's own words, for no more messages."""
    words = normalise_words(text)
    if not words or len(words) > MAX_STOP_WORDS:
        return False
    if _STOP_FIRST.match(text) and 1 < len(words) <= MAX_STOP_FIRST_WORDS:  # STOP alone is the keyword
        return True
    return (_MESSAGE_WORDS.found_in(words) and _STOP_VERBS.found_in(words)) or _STOP_WRITING.found_in(words)


# A case number as the portal shows it (XXXX-XXXX, Crockford base32). Only with the hyphen: eight
# letters or digits alone are too often an ordinary word or a phone number's tail.
_CASE_NUMBER = re.compile(r"(?<![\w-])([0-9A-Za-z]{4})-([0-9A-Za-z]{4})(?![\w-])")


def case_number(text: str) -> str | None:
    """Return the case number a message quotes, or None.

    It needs a digit, or capitals as the SMS printed it ("YGFE-BRMP") in a message that is not
    all capitals: letters alone are too often a hyphenated word ("long-term", "SELF-HELP").
    """
    shouting = (text or "").upper() == (text or "")
    for match in _CASE_NUMBER.finditer(text or ""):
        typed = f"{match.group(1)}-{match.group(2)}"
        code = typed.upper()
        if any(ch.isalpha() for ch in code) and (any(ch.isdigit() for ch in code) or (typed == code and not shouting)):
            return code
    return None


# Asking for an independent review of a decision. The decision SMS tells people to reply with the
# word of their language (its catalogue's translation of "review") and the case number; those
# words, with a case number, are enough. Without a case number only the unmistakable words count
# ("appeal", "överklaga"): "I want to review my plan" is not a request for a review.
_REVIEW_WITH_CASE = PhraseList(
    [
        "review", "reconsider*", "escalate", "omprovning", "ompröv*", "omprov*", "granskning", "مراجعه", "بازبینی",
        "بیاکتنه", "بیا کتنه", "پیداچوونهوه", "پێداچوونهوه", "پێداچوونەوە", "vekolin*", "vekolîn*", "racfaan",
        "rafcaan", "dib u eeg*", "ይግባይ", "ዳግማይ ምርማር", "перегляд*", "переглян*", "пересмотр*", "пересмотре*",
        "muraja3a", "moraja3a", "bazbini",
    ]
)  # fmt: skip
_REVIEW_ALONE = PhraseList(
    [
        "appeal", "independent review", "overklaga*", "överklaga*", "overprov*", "överpröv*", "oberoende granskning",
        "استئناف", "استیناف", "تظلم", "اعاده النظر", "مراجعه مستقله", "تجدید نظر", "تجدیدنظر", "tajdid nazar",
        "خپلواکه بیاکتنه", "پێداچوونەوەی سەربەخۆ", "vekolina serbixwe", "racfaan", "rafcaan", "ይግባይ", "оскарж*",
        "апеляц*", "обжал*", "апелляц*", "независим* пересмотр", "незалежн* перегляд",
    ]
)  # fmt: skip
MAX_REVIEW_WORDS = 14


def asks_for_review(text: str, *, with_case: bool) -> bool:
    """Return whether a message asks for an independent review (of the case it quotes, if any)."""
    words = normalise_words(text)
    if not words:
        return False
    if with_case:
        return _REVIEW_WITH_CASE.found_in(words) or _REVIEW_ALONE.found_in(words)
    return len(words) <= MAX_REVIEW_WORDS and _REVIEW_ALONE.found_in(words)


# Saying that one agrees with the plan ("ок я согласна с планом", "I accept the plan"): the answer
# is how to confirm it, never the objection form, which the classifier opened for such a message
# because it names the plan. Both an agreeing word and the plan must be there, and no negation:
# "I agree" alone answers whatever was asked, and "I don't agree with the plan" is an objection.
_AGREE_WORDS = PhraseList(
    [
        "agree", "i accept", "accept the plan", "accept my plan", "approve*", "fine with", "ok with", "happy with",
        "haller med", "godkanner", "godkänner", "accepterar", "nojd med", "nöjd med", "okej med", "ok med",
        "موافق", "موافقه", "اوافق", "بوافق", "راضی", "راضیه", "مقبول", "قبلت", "mwafe2", "mwafe2a", "mwafeq",
        "muwafiq", "موافقم", "قبول دارم", "قبولش دارم", "قبول میکنم", "قبول میکنیم", "راضیم", "راضی هستم",
        "mowafegham", "movafegham", "ghabool daram", "qabool daram", "موافق یم", "موافقه یم", "قبوله ده",
        "قبول دی", "ڕازیم", "رازیم", "ڕازین", "قبوڵمە", "قبولمه", "هاوڕام", "razi me", "razî me", "qebul dikim",
        "qebûl dikim", "waan ku raacsanahay", "ku raacsanahay", "waan aqbalay", "waan aqbalayaa",
        "waan ogolahay", "waan oggolahay", "ይሰማማዓኒ", "ተሰማሚዐ", "ተቐቢለዮ", "እቕበሎ", "згоден", "згодна",
        "погоджуюсь", "погоджуюся", "приймаю", "влаштовує", "zgodna", "zgoden", "согласен", "согласна",
        "соглашаюсь", "принимаю", "устраивает", "soglasna", "soglasen",
    ]
)  # fmt: skip
_PLAN_WORDS = PhraseList(
    [
        "plan", "plans", "planen", "planer", "خطه", "الخطه", "خطتی", "الخطة", "5eta", "khetta", "khata",
        "برنامه", "برنامم", "برنامه ام", "پلان", "پلانم", "پلانەکە", "پلانەکەم", "plana", "plana min",
        "qorshe*", "qorsha*", "ፕላን", "መደብ", "план*", "plan*",
    ]
)  # fmt: skip
_NEGATIONS = frozenset(
    [
        "not", "dont", "don't", "disagree", "never", "inte", "ej", "icke", "ما", "مو", "مش", "مب", "لا", "غیر",
        "مانی", "مانیش", "نه", "نیستم", "نیست", "نمیکنم", "ناراضی", "ناراضیم", "نارازیم", "نیم", "نەخێر", "ne",
        "nîne", "nine", "naxêr", "naxer", "ኣይፋል", "не", "ні", "нет", "ніт", "nie",
    ]
)  # fmt: skip
MAX_AGREE_WORDS = 15


def agrees_with_plan(text: str) -> bool:
    """Return whether a short message says the person agrees with their plan (see above)."""
    words = normalise_words(text)
    if not words or len(words) > MAX_AGREE_WORDS or any(word in _NEGATIONS for word in words):
        return False
    return _AGREE_WORDS.found_in(words) and _PLAN_WORDS.found_in(words)


# Asking whether and how to sign the plan ("do I have to sign the plan?", "دا پلان باید امضا کړي؟"):
# the answer is how to confirm it, and that one may object instead. The classifier read such
# messages as civic questions or as objections because they name the plan. A word of signing and
# the plan must both be there, and no negation ("I will not sign this plan" is an objection).
_SIGN_WORDS = PhraseList(
    [
        "sign", "signing", "signature", "signera", "skriva under", "underteckna*", "skriv under", "امضا*",
        "امضاء", "وقع", "اوقع", "بوقع", "توقیع", "التوقیع", "wa22e3", "wa22a3", "waqe3", "emde", "emdi", "emza",
        "emza kon*", "لاسلیک", "لاس لیک", "ئیمزا", "ئیمزای", "imze", "îmze", "saxiix*", "ፈርም", "ክፍርም", "ፊርማ",
        "подпис*", "підпис*", "podpis*", "pidpys*",
    ]
)  # fmt: skip
MAX_SIGN_WORDS = 20


NEGATION_REACH = 3  # "I will not sign", "I don't want to sign": the negation is near the signing


def asks_about_signing(text: str) -> bool:
    """Return whether a message asks about signing (confirming) the person's plan (see above).

    A negation elsewhere in the message does not count ("must she sign the plan? she has no BankID").
    """
    words = normalise_words(text)
    if not words or len(words) > MAX_SIGN_WORDS or not _PLAN_WORDS.found_in(words):
        return False
    signing = [i for i in range(len(words)) if _SIGN_WORDS.found_in(words[i : i + 2])]
    if not signing:
        return False
    near = {j for i in signing for j in range(max(0, i - NEGATION_REACH), min(len(words), i + NEGATION_REACH + 1))}
    return not any(words[j] in _NEGATIONS for j in near)


# Objecting to the plan or one of its activities in the first person ("اعتراض کوم پر SFI ټولګي",
# "I complain about the internship", "man praktik ra qabol nadaram"): the objection form, which
# asks which part and can be left with one word. The classifier read such messages as civic
# questions when they also told the reason. A wish to object and the plan or an activity must
# both be there: "I want to complain about my landlord" is a civic question.
_OBJECTING = PhraseList(
    [
        "i object", "i complain", "want to complain", "want to object", "wanna complain", "i disagree with",
        "not happy with the", "not ok with the", "jag klagar", "vill klaga", "vill invanda", "vill invända",
        "jag invander", "jag invänder", "inte nojd med", "inte nöjd med", "بدی اشتکی", "ارید اشتکی",
        "ابی اشتکی", "بدی اعترض", "ارید اعترض", "ابی اعترض", "اعترض علی", "اشتکی علی", "بدی قدم اعتراض",
        "مو راضی", "مش راضی", "ما راضی", "bde eshteki", "bdi eshteki", "bde a3tered", "bdi a3tered",
        "اعتراض دارم", "شکایت دارم", "میخوام اعتراض", "میخوام شکایت", "میخواهم اعتراض", "میخواهم شکایت",
        "قبول ندارم", "راضی نیستم", "eteraz daram", "shekayat daram", "qabol nadaram", "qabol nadarom",
        "ghabool nadaram", "razi nistam", "شکایت کوم", "اعتراض کوم", "اعتراض لرم", "شکایت لرم",
        "اعتراض وکړم", "شکایت وکړم", "خوشحال نه یم", "راضی نه یم", "eteraz kawam", "shikayat kawam",
        "waan ka cabanayaa", "cabasho ayaan qabaa", "cabasho ka qabaa", "cabasho gudbin", "waan diidanahay",
        "ma ku qanacsani", "ተቓውሞ ኣለኒ", "ክቃወም", "ኣይተሰማማዕኩን", "ኣይሰማማዕን", "хочу поскаржитись",
        "скаржусь", "не згоден з", "не згодна з", "хочу пожаловаться", "жалуюсь", "хочу оспорить",
        "не согласен с", "не согласна с", "ناڕەزاییم هەیە", "ناڕازیم", "سکاڵام هەیە", "دەمەوێت سکاڵا",
        "gilî dikim", "gili dikim", "îtiraz dikim", "itiraz dikim", "ne razî me", "ne razi me",
    ]
)  # fmt: skip
_PLAN_PARTS = PhraseList(
    [
        "sfi", "سفی", "سفي", "praktik*", "internship", "placement", "course", "class", "kurs*", "praktiken",
        "samhallsorientering", "samhällsorientering", "برکتیک", "پراکتیک", "براکتیک", "کورس", "کلاس", "دوره",
        "ټولګی", "ټولګي", "fasal*", "koorso", "tababar*", "ኮርስ", "ልምምድ", "курс*", "практик*", "занят*",
        "خول", "کۆرس", "ders", "dersa", "dersên",
    ]
)  # fmt: skip
MAX_OBJECTING_WORDS = 30


def objects_to_plan(text: str) -> bool:
    """Return whether a message says the person objects to their plan or one of its parts (see above)."""
    words = normalise_words(text)
    if not words or len(words) > MAX_OBJECTING_WORDS:
        return False
    return _OBJECTING.found_in(words) and (_PLAN_WORDS.found_in(words) or _PLAN_PARTS.found_in(words))


# Asking how an objection already sent is going, without its case number ("I sent a complaint
# three weeks ago, what happened?"): the list of the person's objections answers it. Both the
# objection and a word of its answer or of having sent it must be there, and no wish to object
# now or question of how to ("I want to complain", "how do I object" open the form).
_OBJECTION_NOUNS = PhraseList(
    [
        "complaint", "objection", "invandning", "invändning", "klagomal", "klagomål", "اعتراض*", "شکوی", "شکوه",
        "شکایت*", "تظلم", "cabasho*", "ተቓውሞ*", "ቅሬታ*", "жалоб*", "скарг*", "возражени*", "заперечен*",
        "ناڕەزایی*", "نارەزایی*", "itiraz*", "îtiraz*", "gili*", "gilî*", "شکایت", "گیله", "اعتراض",
    ]
)  # fmt: skip
_STATUS_WORDS = PhraseList(
    [
        "status", "answer", "reply", "response", "heard", "what happened", "how long", "any news", "svar",
        "besked", "hant", "hänt", "جواب", "رد", "ردو", "صار", "شو صار", "شصار", "خبر", "چی شد", "چه شد",
        "چی شده", "ځواب", "څه شو", "maxay ku dhamaatay", "jawaab", "warkeed", "መልሲ", "እንታይ ኮይኑ",
        "ответ*", "відповід*", "что с ней", "що з нею", "шо з нею", "писал*", "написал*",
        "bersiv*", "çi bû", "ci bu", "وەڵام*", "چی بوو",
        "submitted", "sent", "filed", "skickade", "lamnade", "lämnade", "قدمت", "بعتت", "بعثت", "ارسلت",
        "فرستادم", "دادم", "ورکړ*", "لیږلی", "gudbiyay", "diray", "ኣእትየ", "ሰዲደ", "подавал*", "подала",
        "подал", "отправил*", "подав", "подавала", "надіслал*", "надіслав", "ناردم", "min şand", "min sand",
    ]
)  # fmt: skip
_WANTS_TO_OBJECT = PhraseList(
    [
        "want to", "wanna", "would like", "how do i", "how can i", "how to", "vill", "hur gor jag", "hur gör jag",
        "بدی", "ارید", "ابی", "اريد", "کیف", "میخوام", "میخواهم", "چطور", "چگونه", "غواړم", "څنګه", "rabaa",
        "sideen", "ደልየ", "ከመይ", "хочу", "как", "як", "dixwazim", "çawa", "cawa", "دەمەوێت", "چۆن",
    ]
)  # fmt: skip
MAX_STATUS_WORDS = 20


def asks_objection_status(text: str) -> bool:
    """Return whether a message asks how an objection already sent is going (see above)."""
    words = normalise_words(text)
    if not words or len(words) > MAX_STATUS_WORDS:
        return False
    return _OBJECTION_NOUNS.found_in(words) and _STATUS_WORDS.found_in(words) and not _WANTS_TO_OBJECT.found_in(words)
