"""Emergencies: a sick child at night, danger, violence at home, thoughts of suicide.

The right number is part of the answer whatever the NLU thinks, and such a message always
leaves a half-filled form (a "yes" must never file "my daughter has a high fever" as an
objection). The lists are a documented rule set: extend them with general words, never with
sentences copied from an evaluation set.
"""

from __future__ import annotations

from dataclasses import dataclass

from portal.channels.triage.matching import PhraseList, normalise_words


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
        "fever", "feaver", "fevr", "high temp*", "temprature", "vomit*", "throwing up",
        "fainted", "passed out", "bleeding",
        "very sick", "very ill", "sick at night", "ill at night",
        # sv
        "feber", "fber", "hog temp*", "kräk*", "krak*", "spyr",
        "kramp*", "jattesjuk*", "mycket sjuk", "svimmade", "blöder", "bloder",
        # ar (Levantine and Iraqi forms, Arabizi)
        "حراره", "حرارته", "حرارتها", "حمی", "حمه", "سخونه", "سخن", "مسخن", "مسخنه", "سخنان", "استفراغ",
        "یستفرغ", "تستفرغ", "عم یستفرغ", "یتقیا", "تقیو",
        "7arara", "7ara", "har*ara", "s5oneh",
        "skhoneh", "skhone", "mso5an", "msakhan",
        # fa, prs
        "تب", "تبش", "تبم", "تب داره", "تب کرده", "درجه حرارت", "بالا میاره", "بالا اورد",
        "tab dare", "tab dareh", "tab kardeh", "خونریزی", "از حال رفت*", "غش کرد*",
        # ps
        "تبه", "تبه لری", "کانګی", "قی کوی", "وینه بهیږي", "وینه ورځي",
        # ckb
        "تایه", "تای هەیه", "تای هه یه", "پلەی گەرمی", "ڕشانەوه", "دەرشێتەوه", "خوێن دێت",
        # ku
        "ta heye", "tay heye", "germi", "germa*", "vereşin", "veresin", "diverese", "xwin te", "xwîn tê",
        # so
        "qandho", "qandhadh", "xummad", "matag*", "dhiig bax*",
        # ti
        "ረስኒ", "ረስኒ ሒዝዎ", "ረስኒ ሒዙዋ", "ይተፍእ", "ትፋእ", "ደም ይፈስስ",
        # uk
        "температур*", "жар", "блю*", "рвот*", "кровотеч*",
        # ru
        "тошн*", "рвет", "рвёт",
        "temperatura", "temperatur*", "скорая", "скорую", "швидку", "швидка допомога",
        # vomiting typed without ڕ, and diarrhoea, in every language (a small child's is what
        # the advice line is for at night)
        "رشانەوه", "رشانەوە", "diarr*", "diarré", "diarre", "اسهال", "إسهال", "سکچوون*", "zikçûn", "zikcun",
        "shuban", "ውጽኣት", "пронос", "діаре*", "понос", "диаре*",
        # blood sugar gone high or low (diabetes at night): the advice line first. "Diabetes" or
        # "sugar" alone belong to an ordinary question (medicine, the shop).
        "blood sugar", "blodsocker*", "sugar is high", "sugar is low", "سكر الدم", "السكر عالي",
        "السكر نازل", "السكر مرتفع", "قند خون*", "قندش", "قندم", "قند بالا", "شکر د وینې", "د وینې شکر",
        "شەکری خوێن", "şekirê xwînê", "sekire xwine", "sonkorta dhiigga", "sonkorta oo kacday",
        "ሽኮር ደም", "сахар в крови", "высокий сахар", "сахар высокий", "цукор у крові", "високий цукор",
        # the emergency room, in every language: the advice line 1177 comes first
        "akuten", "akutmottagning*", "emergency room", "طوارئ", "الطوارئ", "اورژانس", "بیړنی", "فریاکەوتن",
        "acil", "acîl", "degdeg", "ህጹጽ", "невідклад*", "неотложк*", "تای زۆر", "تای بەرز", "تا هەیه",
    ]
)  # fmt: skip

# Signs that a life is in danger: 112 first, as the content says ("difficulty breathing, strong
# pain in the chest, a person who does not wake up or heavy bleeding"), never the advice line.
_LIFE_SIGNS = PhraseList(
    [
        # en
        "cant breath*", "can't breath*", "cannot breath*", "not breathing", "stopped breathing",
        "hard to breathe", "choking", "choked", "swallowed", "unconscious", "wont wake up", "won't wake up",
        "doesnt wake up", "not waking up", "collapsed", "poison*", "seizure", "convuls*", "bleeding a lot",
        "heavy bleeding", "chest pain", "lips blue", "turning blue", "overdose", "not wake up", "wont wake",
        "unresponsive", "not responding", "blood from head", "blood from her head", "blood from his head",
        "bleeding from head", "bleeding from her head", "bleeding from his head",
        # sv
        "andas inte", "kan inte andas", "svart att andas", "andnöd", "satt i halsen", "svalde", "kvävs",
        "kvavs", "medvetslos*", "vaknar inte", "kollaps*", "förgift*", "forgift*", "blöder mycket",
        "bloder mycket", "kraftig blödning", "ont i brostet", "blå läppar", "bla lappar",
        "överdos*", "overdos*", "blöder från huvudet",
        "bloder fran huvudet", "reagerar inte",
        # ar
        "ضيق نفس", "ما عم يتنفس", "ما يتنفس", "ما تتنفس", "ما بيتنفس", "مو قادر يتنفس", "مش قادر يتنفس",
        "ما يقدر يتنفس", "اختنق*", "بيختنق", "يختنق", "بلع", "ما عم يصحى", "ما يصحى", "ما بيصحى", "اغماء",
        "مغمى", "اغمي عليه", "فاقد الوعي", "تسمم", "نزيف", "تشنج", "ma 3am yetnafas",
        "ما عم يرد", "ما عم ترد", "دم من راسه", "دم من راسها", "ma 3am tsha",
        "ma 3am yse7a",
        # fa, prs
        "نفس نمیکشه", "نفس نمیکشد", "نمیتونه نفس", "نمیتواند نفس", "نفسش بند", "نفسش بالا نمیاد",
        "تنگی نفس", "خفه شد*", "خفگی", "قورت داد*", "بیدار نمیشه", "بیهوش",
        "مسموم*", "کبود شد*", "nafas nemikeshe", "nafas nemikesha", "از سرش خون",
        "جواب نمیده بیهوش",
        # ps
        "ساه نشي", "ساه نه شي", "ساه نه اخلي", "ساه نشي اخیستی", "بې هوښه", "بیهوښه", "بې هوشه",
        "نه راویښیږي", "sa na akhli",
        # ckb
        "هەناسە نادات", "ناتوانێت هەناسە", "ناتوانێ هەناسە", "هەناسەی پێ نادرێت", "بێهۆش", "خنکا",
        "دەخنکێت", "قووتی دا", "بێدار نابێتەوە", "خوێنبەربوون",         # ku
        "nefes nastine", "nikare nefes", "nefes nagire", "behna wi nace", "bêhna wî naçe", "behis", "bêhiş",
        "xeniqi", "xeniqî", "daqurtand", "hisyar nabe", "hişyar nabe", "xwîn ji serê", "xwin ji sere",
        "serê wê xwîn", "serê wî xwîn",         # so
        "ma neefsan*", "neefsan kari", "neefta", "miyir*", "wuu ceeshay", "way ceeshay", "liqay", "ma toosayo",
        "dhiig badan",         # ti
        "ትንፋስ", "ምስትንፋስ", "ኣይተንፍስን", "ኣይትንፍስን", "ኣይስተንፍስን", "ዓቕሉ ጠፊኡ",
        # uk
        "не дихає", "не може дихати", "важко дихати", "задиха*", "непритом*", "знепритом*",
        "не прокидається", "отру*", "судом*", "проковтну*", "вдавив*", "кров з голови", "не реагує",
        "посинів", "посиніл*",
        # ru
        "не дышит", "не может дышать", "трудно дышать", "без сознания", "потерял* сознан*",
        "не просыпается", "отрав*", "судорог*", "проглотил*", "подавил*", "посинел*",
        "разбил* голову", "кровь из головы", "не реагирует",
        "ne dyshit",
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
        # a knife or a gun, in Latin-script Dari, Persian and Pashto
        "chaqu", "chaqoo", "chaku", "chaaqu", "tofang", "tufang", "topak",
        # someone breaking in or fighting right now
        "breaking the door", "kicking the door", "banging on the door", "bryter sig in", "sparkar pa dorren",
        "bankar pa dorren", "doda oss", "kill us", "یدق الباب", "یدک الباب", "دیدک الباب", "یدگ الباب",
        "عم یدق عالباب", "بیدق عالباب", "یکسر", "ویکسر", "بیکسر", "عم یکسر", "ломает", "ломает дверь",
        "выбивает дверь", "ламає двері", "вибиває двері", "ломится в дверь", "یکسر الباب", "بیکسر الباب",
        "یکسر باب", "کسر الباب",
        "یقتلنا", "درو میشکنه", "ломится", "ломают дверь", "драка", "ножом", "ударил* ножом", "убить нас",
        "бійка", "вбити нас",
        # something on fire, in the words people use
        "اور اخیست*", "اور لګیدلی", "اور لګېدلی", "آتیش گرفت*", "اتیش گرفت*", "آتش گرفت*", "آتش سوزی",
        "احترق*", "عم تحترق", "بيحترق", "سوتا", "دەسووتێت", "disewite", "dişewite", "wuu gubanayaa",
        "горит", "горить", "brinner upp",
        # a threat to kill, as the threatener says it ("he says: I'll kill you")
        "kill you", "ill kill", "i will kill", "dodar dig", "dödar dig", "میکشمت", "بکشمت", "میکشمتون",
        "میکشمش", "ميقتلك", "راح اقتلك", "رح اقتلك", "بقتلك", "باقتلك", "اقتلك", "دې وژنم", "وژنم دې",
        "دەتکوژم", "ez te bikujim", "te dikujim", "waan ku dilayaa", "ku dili", "ክቐትለካ", "ክቐትለኪ",
        "убью тебя", "уб'ю тебе", "вб'ю тебе", "вбю тебе", "убью вас",
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
        "yudrubni", "darabni", "drabni", "darbni", "edrabni", "bedrabni", "bi2dorbni", "byedrobni",
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
        # pushing, slapping, choking, control over money and phone: violence too, and often how it
        # is told; transliterated Russian and Ukrainian as people type them without Cyrillic
        "pushed me", "pushes me", "slapped me", "slaps me", "kicked me", "choked me", "locks me in",
        "takes my money", "checks my phone", "knuffade mig", "knuffar mig", "orfil*", "sparkade mig",
        "stryper mig", "lasar in mig", "tar mina pengar", "دفشنی", "زقنی", "کفخنی", "لطمنی", "صفعنی",
        "یحبسنی", "یقفل علی", "سیلی زد", "هلم داد", "حبسم کرده", "څپیړه", "i riixay", "i dharbaaxay",
        "ደፊኡኒ", "ጸፊዑኒ", "sille li min", "min dehf da", "زللەی لێدام",
        "толкнул меня", "толкает меня", "ударил меня", "ударила меня", "душил", "запирает меня",
        "забирает деньги", "проверяет телефон", "штовхнув мене", "штовхає мене", "вдарив мене", "душив",
        "замикає мене", "забирає гроші", "перевіряє телефон", "b'et menja", "bjet menja", "byet menya",
        "b'et menya", "izbiva*", "udaril menja", "udaril menya", "tolknul*", "b'je mene", "bje mene",
        "b'ye mene", "b'je", "bje", "ii bje", "ii b'je", "vdaryv mene", "shtovhnuv*",
        "nasylja", "nasyllja", "nasylstv*", "nasilie", "nasilstv*",
        # a friend's or sister's husband: people ask for someone else
        "hits her", "beats her", "slar henne", "slår henne", "بیضربها", "یضربها", "ضربها", "میزندش",
        "میزنتش", "کتکش", "وهی یی", "لێی دەدات", "li we dixe", "li wê dixe", "wuu garaacaa", "ይወቕዓ",
        "бьет ее", "бьёт её", "б'є її", "бє її", "لێی بدات", "لێی دەدا", "لێمان دەدات",
        # "he hit (me) again", told without "me", and "he is violent" in its idioms
        "hit me again", "he hit me", "slog mig igen", "вдарив", "вдарила", "ударил", "побил", "побив",
        "دست بزن داره", "دست بزن دارد", "دست بزن", "منو زد", "مرا زد", "دوباره زد", "ضربنی مره ثانیه",
        "یمد ایده", "بیمد ایده", "i garaacay", "wuu i garaacay", "ይወቕዓኒ እዩ", "lê da min", "le da min",
        # a safe place to go: a shelter is what is asked for
        "safe place to go", "safe place to stay", "safe place for me", "safe place for us", "somewhere safe",
        "sakert stalle", "säkert ställe", "skyddat boende", "جای امن", "یه جای امن", "مکان امن",
        "مكان امن", "مکان آمن", "محل امن", "خوندي ځای", "ځای امن", "شوێنی سەلامەت", "شوێنێکی سەلامەت",
        "cihek ewle", "cihê ewle", "meel ammaan", "meel aamin", "ውሑስ ቦታ", "безпечне місце", "безопасное место",
        "притулок", "убежище", "шелтер",
        # the money taken: control told in other words
        "takes all my money", "controls my money", "tar alla mina pengar", "kontrollerar mina pengar",
        "ياخذ فلوسي", "ياخذ مصاريي", "بياخد مصرياتي", "پولمو میگیره", "پولم را میگیرد", "پیسه ام ره میگیره",
        "پیسه مه میگیره", "پیسې مې اخلي", "پارەکانم دەبات", "pereyen min digire", "pereyên min digire",
        "lacagtayda qaata", "lacagta iga qaada", "ገንዘበይ ይወስድ", "забирает все мои деньги",
        "забирает мои деньги", "отбирает деньги", "забирає всі гроші", "забирає мої гроші", "відбирає гроші",
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
        # not wanting to wake up, to be gone, to go on; tired of living
        "dont want to wake up", "don't want to wake up", "ending everything", "ending it all", "ending my life",
        "better off dead", "better if i was gone", "better if i were gone", "take my own life",
        "vill inte vakna", "ta mitt liv", "battre om jag var borta", "orkar inte leva", "ما بدي اصحى",
        "اخلص من حياتي", "احسن لو ما كنت", "تعبت من الحياه", "نمیخوام بیدار شم", "کاش نبودم", "کاش بمیرم",
        "از زندگی خسته", "خودمو خلاص کنم", "کاش زه نه وای", "له ژوند ستړی", "نه غواړم ژوندی",
        "خۆزگە نەبوومایە", "لە ژیان بێزارم", "xwezi ez tune bama", "ji jiyane westiyam", "ji jiyanê westiyam",
        "naxwazim hisyar bibim", "nolosha ka daalay", "ma rabo inaan noolaado", "ክሞት እደሊ",
        "ምሞትኩ ይሓይሽ", "краще б мене не було", "мене вже не було", "не хочу прокидатися", "нема сил жити",
        "немає сил жити", "втомив* жити", "лучше бы меня не было", "меня бы не было", "не хочу просыпаться",
        "нет сил жить", "устал* жить",
    ]
)  # fmt: skip

# Pain now, tonight, when the health centre is closed: the advice line first. Pain alone, or "at
# night" in general, is an ordinary question or an objection's reason ("my back hurts at night,
# so no early internship"), which must stay in its form; "tonight" with pain is a call for advice.
_PAIN_WORDS = PhraseList(
    [
        "pain", "hurts", "hurting", "ache*", "ont", "värk*", "vark*", "وجع*", "یوجع*", "بیوجع*", "توجع*", "بتوجع*",
        "الم", "درد", "دردش", "دردم", "درد میکنه", "خوږ*", "ژان", "ئازار", "ئێش*", "êş*", "es dike", "êş dike",
        "xanuun*", "ቃንዛ", "የሕመ*", "болит", "болить", "боль", "біль", "wajaa", "waja3", "dard",
    ]
)  # fmt: skip
_TONIGHT_WORDS = PhraseList(
    [
        "tonight", "right now", "i natt", "inatt", "nu i natt", "الليله", "هالليله", "اللیله", "هاللیله", "امشب",
        "همین حالا", "نن شپه", "اوس شپه", "ئەمشەو", "emşev", "emsev", "habeenkan", "caawa", "ሎሚ ለይቲ",
        "этой ночью", "сегодня ночью", "сейчас ночью", "цієї ночі", "сьогодні вночі", "зараз вночі",
        "el leleh", "al layla", "emshab", "imshab",
    ]
)  # fmt: skip

_EMERGENCIES: tuple[tuple[Emergency, PhraseList], ...] = (
    # The order is the order of the answer: the gravest first. Danger now (someone breaking the
    # door, a knife, a life at stake) comes before violence at home: 112 before the help line.
    (SUICIDE, _SUICIDE_WORDS),
    (DANGER, _DANGER_WORDS),
    (DANGER, _LIFE_SIGNS),
    (VIOLENCE, _VIOLENCE_WORDS),
    (HEALTH, _HEALTH_WORDS),
)


def find_emergencies(text: str) -> list[Emergency]:
    """Return the kinds of emergency a message speaks of, gravest first (usually none)."""
    words = normalise_words(text)
    found = [emergency for emergency, phrases in _EMERGENCIES if phrases.found_in(words)]
    if _PAIN_WORDS.found_in(words) and _TONIGHT_WORDS.found_in(words):
        found.append(HEALTH)
    return list(dict.fromkeys(found))
