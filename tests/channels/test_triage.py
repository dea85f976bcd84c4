"""Emergencies, language requests and interpreter requests read by word lists, in 12 languages."""

from __future__ import annotations

import pytest

from portal.channels.triage import asks_to_stop, find_emergencies, interpreter_request, language_request

# One message per language and kind (fixtures written for these tests, not from an evaluation set).
EMERGENCIES = [
    ("sv", "min dotter har hog feber i natt", "health"),
    ("en", "my son has a fever and its 2am", "health"),
    ("ar", "ابني حرارته عالية بالليل شو اعمل", "health"),
    ("fa", "بچم تب داره نصف شبه", "health"),
    ("prs", "بچیم تب کرده شب است", "health"),
    ("so", "wiilkaygu qandho ayuu qabaa habeenkii", "health"),
    ("ti", "ወደይ ረስኒ ሒዝዎ ለይቲ", "health"),
    ("uk", "у дитини висока температура вночі", "health"),
    ("ru", "у ребенка температура ночью что делать", "health"),
    ("ckb", "منداڵەکەم تایە شەو", "health"),
    ("ku", "zaroka min ta heye sev", "health"),
    ("ps", "زما ماشوم تبه لری شپه ده", "health"),
    # vomiting and diarrhoea, also with ر for ڕ
    ("ckb", "کچەکەم لە ئێوارەوە رشانەوە و سکچوونی هەیە", "health"),
    ("ar", "بنتي عندها اسهال من الصبح", "health"),
    ("ru", "у ребенка понос всю ночь", "health"),
    ("so", "ilmaha shuban ayaa haya", "health"),
    # blood sugar gone high at night
    ("fa", "خانمم قندش خیلی بالا رفته ساعت ۱۱ شبه", "health"),
    ("en", "my dads blood sugar is very high tonight", "health"),
    ("ru", "у мамы высокий сахар что делать ночью", "health"),
    ("en", "my husband hits me", "violence"),
    ("sv", "han slar mig hemma", "violence"),
    ("ar", "جوزي بيضربني", "violence"),
    ("ru", "муж бьет меня", "violence"),
    ("en", "i want to kill myself", "suicide"),
    ("sv", "jag vill inte leva längre", "suicide"),
    ("ar", "بدي موت ما بدي عيش", "suicide"),
    ("uk", "я не хочу жити", "suicide"),
    ("en", "someone is following me with a knife", "danger"),
    ("ar", "في حريق بالبناية", "danger"),
    # violence told as what happens (pushing, control of money), and typed without Cyrillic
    ("ru", "он толкнул меня и забирает деньги", "violence"),
    ("uk", "cholovik ii bje koly p'janyj", "violence"),
    ("ru", "muzh b'et menja kazhdyj den", "violence"),
    ("en", "he pushed me and checks my phone", "violence"),
    ("prs", "yak nafar ba chaqu pesh darwaza ast", "danger"),
]


@pytest.mark.parametrize(("language", "text", "kind"), EMERGENCIES)
def test_an_emergency_is_recognised_in_every_language(language, text, kind):
    assert kind in [e.kind for e in find_emergencies(text)]


@pytest.mark.parametrize(
    "text",
    [
        "when is my next sfi class",
        "jag har ont i ryggen och vill till en läkare",
        "var finns tandläkaren",
        "مرحبا",
        "ok bye",
        "мой сын ударился головой, куда идти",
        "nasil bikim ji bo personnummer",
        "my mother has diabetes, where does she get her medicine",
        "where can I buy sugar and rice",
    ],
)
def test_an_ordinary_message_is_no_emergency(text):
    assert find_emergencies(text) == []


# A life in danger is 112 first, never only the advice line (the content says so).
LIFE_IN_DANGER = [
    "my dad collapsed and is not breathing",
    "min son kan inte andas",
    "ابوي ما عم يتنفس",
    "مادرم بیهوش شده",
    "زما ورور ساه نشي اخیستی",
    "باوکم بێهۆش بووە",
    "bavê min nikare nefes bigire",
    "aabahay ma neefsan karo",
    "ኣቦይ ኣይተንፍስን",
    "бабуся не дихає",
    "муж без сознания",
    "she swallowed a battery",
]


@pytest.mark.parametrize("text", LIFE_IN_DANGER)
def test_signs_of_a_life_in_danger_give_112_first(text):
    assert [e.number for e in find_emergencies(text)][0] == "112"


@pytest.mark.parametrize("text", ["my gums are bleeding, which dentist", "min dotter svimmade men mår bra nu"])
def test_an_ordinary_bleeding_or_fainting_is_the_advice_line(text):
    assert [e.kind for e in find_emergencies(text)] == ["health"]


def test_each_kind_is_named_once():
    kinds = [e.kind for e in find_emergencies("fire in the kitchen and my son is not breathing")]
    assert kinds == ["danger"]


@pytest.mark.parametrize(
    "text",
    [
        "i dont want to wake up tomorrow",
        "jag orkar inte leva mer",
        "کاش نبودم دیگه",
        "мне лучше бы меня не было",
        "краще б мене не було на світі",
    ],
)
def test_thoughts_of_suicide_said_indirectly_are_recognised(text):
    assert [e.kind for e in find_emergencies(text)][0] == "suicide"


def test_the_gravest_emergency_comes_first():
    kinds = [e.kind for e in find_emergencies("he hits me and i want to die")]
    assert kinds[:2] == ["suicide", "violence"]


# "Learn Swedish" and its like, in all 12 languages: a language named, but no request.
NOT_A_SWITCH = [
    "how can i learn swedish for free",
    "svenska kurs gratis?",
    "jag vill lara mig svenska",
    "كيف اتعلم سويدي ببلاش",
    "چطوری سوئدی یاد بگیرم",
    "کورس سویدی کجاست",
    "sidee baran karaa af iswiidhish",
    "ሽወደንኛ ክመሃር እደሊ",
    "як вивчити шведську безкоштовно",
    "курсы шведского языка бесплатно",
    "چۆن فێری سویدی ببم",
    "ez dixwazim swedi fer bibim",
    "سویډنی ژبه څنګه زده کړم",
    "i dont speak swedish",
    "I need a somali interpreter",
]


@pytest.mark.parametrize("text", NOT_A_SWITCH)
def test_naming_a_language_for_another_reason_is_not_a_request(text):
    assert language_request(text) is None


@pytest.mark.parametrize(
    ("text", "code"),
    [
        # the language asked for wins over the one the person says they cannot read
        ("please write bi erebi, ez kurdi nizanim bixwinim", "ar"),
        ("ji kerema xwe bi ingilizi binivise, erebi nizanim", "en"),
        ("можна англійською? російську я погано розумію", "en"),
        ("لطفا انگلیسی بنویسید، فارسی خوب نمیخونم", "en"),
        ("በጃኻ ብእንግሊዝኛ ክትጽሕፈለይ ትኽእል ዶ", "en"),
        ("in english please", "en"),
        ("English?", "en"),
        ("kan du skriva på engelska", "en"),
        ("بالعربي لو سمحت", "ar"),
        ("українською будь ласка", "uk"),
        ("по-русски пожалуйста", "ru"),
        ("fadlan ii qor af ingiriisi", "en"),
        ("به فارسی بنویس", "fa"),
        ("دری", "prs"),
        ("bi kurmanci binivise", "ku"),
        ("په پښتو ولیکه", "ps"),
        ("prata svenska", "sv"),
        # typed in Latin letters: Arabizi "bel", Finglish "be"
        ("mumkin trod 3alay bel english law sama7t", "en"),
        ("lotfan javab ro be english befrestid", "en"),
        # answered in a language in order to learn it: still a request
        ("please answer me in swedish, i want to learn it", "sv"),
        ("bi swedi bersiv bide, ez dixwazim fer bibim", "sv"),
    ],
)
def test_an_explicit_request_names_its_language(text, code):
    assert language_request(text) == code


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("turjumaan soomaali ah ma heli karaa", "so"),
        ("ترجمان دری کار دارم", "prs"),
        ("I need an interpreter", None),
        ("мне нужен переводчик на русский", "ru"),
    ],
)
def test_an_interpreter_request_is_read_with_its_language(text, code):
    assert interpreter_request(text) == (True, code)


def test_a_message_without_interpreter_words_is_no_interpreter_request():
    assert interpreter_request("can you speak english") == (False, None)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("is there someone who speaks arabic at the office", "ar"),
        ("finns det någon som pratar dari där", "prs"),
        ("ma jiraa qof af soomaali ku hadla", "so"),
        ("هل في حدا يحكي كردي", "ckb"),
        ("есть кто-нибудь кто говорит по-русски", "ru"),
    ],
)
def test_someone_who_speaks_a_language_is_an_interpreter_request(text, code):
    assert interpreter_request(text) == (True, code)


@pytest.mark.parametrize("text", ["can someone write to me in arabic", "i want to talk to someone"])
def test_someone_without_a_language_spoken_is_no_interpreter_request(text):
    assert interpreter_request(text) == (False, None)


@pytest.mark.parametrize(
    "text",
    [
        "dont send me messages anymore",
        "sluta skicka sms till mig",
        "وقفوا الرسائل لو سمحتو",
        "دیگه پیام نفرستید",
        "больше не присылайте сообщения",
        "fariimo ha ii soo dirin",
        "please turn off the sms",
        "plz wa2ef el rasa2el sms",
        "لطفا دیگه مسیج روان نکنید",
        "پیغامونه بند کړئ",
        "отключите смс рассылку",
        "вимкніть повідомлення будь ласка",
        "መልእኽቲ ኣቋርጹለይ",
        # a reason around the request
        "i found a job and dont need the plan anymore so please dont send me messages every day",
        # the keyword in capitals with a few words more
        "STOP. no more now",
        "STOP please",
    ],
)
def test_asking_in_ones_own_words_for_no_more_messages_is_read(text):
    assert asks_to_stop(text)


@pytest.mark.parametrize(
    "text", ["stop the objection", "when does sfi stop", "STOP", "i got your message, thanks", "STOPPED at the bus"]
)
def test_stop_in_another_sense_is_not_a_request_for_no_more_messages(text):
    assert not asks_to_stop(text)


@pytest.mark.parametrize("text", ["sluta skriva till mig", "ሕጂ ይኣክል፡ ደጊም ኣይትጽሓፉለይ", "больше не пишите мне пожалуйста"])
def test_dont_write_to_me_is_enough_on_its_own(text):
    assert asks_to_stop(text)


def test_danger_now_comes_before_the_violence_help_line():
    """Someone breaking the door: 112 first, the help line for violence at home after it."""
    kinds = [e.kind for e in find_emergencies("he hit me and now he is breaking the door, kill us")]
    assert kinds == ["danger", "violence"]


@pytest.mark.parametrize(
    "text",
    [
        "чоловік знову кричить а вчора вдарив",  # "hit", told without "me"
        "شوهرم دست بزن داره، دیشب دوباره زد",  # "he has a hitting hand"
        "یه جای امن هست که با بچه هام برم؟",  # a safe place to go with the children
    ],
)
def test_violence_told_without_the_usual_words_gives_the_help_line(text):
    assert [e.kind for e in find_emergencies(text)] == ["violence"]


@pytest.mark.parametrize(
    "text",
    ["HOOYADAY HABEENKAN CALOOSHA AYAA XANUUNAYSA", "у мамы болит живот сегодня ночью", "بچم امشب گوشش درد میکنه"],
)
def test_pain_tonight_gives_the_advice_line(text):
    assert [e.kind for e in find_emergencies(text)] == ["health"]


@pytest.mark.parametrize(
    "text", ["my back hurts at night so I cannot do early internship", "tooth pain, which dentist"]
)
def test_pain_without_tonight_stays_an_ordinary_message(text):
    """An objection's reason ("my back hurts at night") must not be pulled out of its form."""
    assert find_emergencies(text) == []


@pytest.mark.parametrize(
    "text", ["الان اومده پشت در داد میزنه میگه میکشمت", "he says ill kill you", "он кричит убью тебя"]
)
def test_a_threat_to_kill_quoted_as_said_gives_112(text):
    assert [e.number for e in find_emergencies(text)][0] == "112"


def test_of_two_languages_named_the_one_asked_to_write_in_wins_over_the_one_not_read():
    assert language_request("salam, pa pashto lik na shum lwastalay, pa dari rata wlika") == "prs"


def test_speak_to_me_in_a_language_to_learn_it_is_a_request_to_be_answered_in_it():
    assert language_request("hej, mumken t7kule bel swedi? bde et3allam") == "sv"
    assert language_request("how can i learn swedish for free") is None


@pytest.mark.parametrize(
    ("text", "language"),
    [
        # the language not understood is named in its own clause, after the request
        ("kan du skriva pa persiska? jag forstar inte allt pa svenska", "fa"),
        ("I dont understand english, write in arabic", "ar"),
        # a name beside "please" is asked for, also after a longer complaint
        ("too hard, i understand nothing, dari please", "prs"),
        ("ok, fadlan af soomaali", "so"),
    ],
)
def test_the_language_asked_for_wins_over_one_said_to_be_hard(text, language):
    assert language_request(text) == language


@pytest.mark.parametrize("text", ["english teacher please help", "please, is there an arabic course?"])
def test_please_beside_a_language_of_a_course_or_teacher_is_no_request(text):
    assert language_request(text) is None
