"""Stop words per language: the words of a question that say nothing about its topic.

"How do I", "var kan jag", "عند", "как мне" appear in nearly every question and in nearly
every section, so they would match everything. These lists are short on purpose: function
words, pronouns, question words and the light verbs people put around a topic ("can", "get",
"need"). A word that names a topic ("work", "doctor", "year") is never here.

The lists are written in plain spelling and folded with portal.content.normalise when they
are loaded, so a word typed with or without diacritics, or on another Arabic-script
keyboard, is the same stop word. No library covers Somali, Tigrinya, Kurmanji, Sorani,
Pashto or Dari; the lists for the other languages follow the Snowball project's lists,
shortened to what questions use.

Many people write Arabic, Persian, Dari and Pashto in Latin letters ("kif bsajjel el
zghire", "chetor mitonam kar konam", "pa swedan ke kar"). Their function words are listed in
_ROMANIZED in the common spellings (Levantine, Egyptian, Gulf and Iraqi Arabizi with its
digits for letters; Finglish for Persian and Dari; the usual Pashto romanisation), for the
same reason as the lists in the script: "el", "ana", "ke", "pa" otherwise match every Latin
word the index holds and pull the answer towards whichever section has them.
"""

from __future__ import annotations

import functools

from portal.content.normalise import normalise

_WORDS: dict[str, str] = {
    "sv": """
        och i att det som en ett på är av för med till den har de inte om han hon men var
        vart jag sig från vi så kan man när säga under också efter eller nu sin sitt sina där
        vid mot ska skall skulle kommer ut får fick finns fanns vad vem vems vilken vilket vilka
        hur varför mig mitt min mina din ditt dina du dig ni er era oss vår vårt våra hans
        hennes deras dem detta denna dessa här måste vill ville behöver göra gör gjorde bli
        blir blev hitta hittar ha hade varit vara något några någon inga ingen inget bara än även då sedan
        hos utan alla allt jo nej ja hej tack snälla mycket mer mest kunna kunde vet veta
        """,
    "en": """
        a an the and or but if of at by for with about to from in on into out up down over
        under again then than so too very i me my mine myself we us our you your yours he him
        his she her it its they them their this that these those what which who whom whose
        when where why how am is are was were be been being have has had having do does did
        doing can could should would will shall may might must need needs get gets got getting
        want wants find some any all no not only own same such there here just also please hello
        hi thanks thank yes ok okay im ive dont cant
        """,
    "ru": """
        и в во не что он на я с со как а то все она так его но да ты к у же вы за бы по только
        ее её мне было вот от меня еще ещё нет о из ему теперь когда даже ну вдруг ли если уже
        или ни быть был него до вас нибудь опять уж вам ведь там потом себя ничего ей может
        они тут где есть надо ней для мы тебя их чем была сам чтоб без будто чего раз тоже
        себе под будет ж тогда кто этот того потому этого какой совсем ним здесь этом один
        почти мой тем чтобы нее кажется сейчас были куда зачем всех никогда можно при наконец
        два об другой хоть после над больше тот через эти нас про всего них какая много разве
        три эту моя впрочем хорошо свою этой перед иногда лучше чуть том нельзя такой им
        более всегда конечно всю между мой моя мое моё мои нужно нужен нужна хочу хотим могу
        можно ли делать сделать получить мне найти найду пожалуйста здравствуйте привет спасибо
        """,
    "uk": """
        і й та в у на з із зі до від по за для про при без над під через що як але а або чи
        не ні так я ти він вона воно ми ви вони мене мені мною тебе тобі його йому її їй нас
        нам вас вам їх їм мій моя моє мої твій твоя наш наша ваш ваша свій своя цей ця це ці
        той та те ті який яка яке які хто де куди коли чому навіщо скільки чи є був була було
        були буде бути можна треба потрібно мені маю має мають можу може хочу хоче робити
        зробити знайти отримати будь ласка привіт дякую вже ще теж також тільки лише дуже там тут
        """,
    "ar": """
        يعمل نعمل تعمل بدي بدو شو ايش
        في من على إلى الى عن مع عند لدى هذا هذه ذلك تلك هؤلاء الذي التي الذين ما ماذا متى أين
        اين كيف لماذا هل كم أي اي و أو او ثم لكن بل إن ان أن كان كانت يكون تكون أنا انا نحن
        أنت انت أنتم هو هي هم هن لي لنا لك لكم له لها لهم بي بك به بها فيه فيها منه منها عليه
        عليها إليه قد لا لم لن ليس ليست كل بعض غير أيضا ايضا فقط جدا يمكن يمكنني أستطيع استطيع
        أريد اريد نريد يجب علي عليّ أحتاج احتاج أفعل افعل اعمل أعمل ماذا افعل شكرا مرحبا السلام
        عليكم من فضلك لو إذا اذا حتى بين بعد قبل الآن الان هناك هنا كذلك
        شكد شقد قديش كديش شنو شلون وين ليش هسه هسا هلق هلأ هلا كلش هواية هوايه اعرف أعرف بعرف
        ابغى أبغى ابي أبي عايز عاوز بدنا بدك منو مين شي اشي يعني كمان
        """,
    "fa": """
        کنیم میکنه میکنم بکنم بکنیم شده
        و در به از که این آن را با برای تا یا اما اگر هم نیز چه چی چرا کجا کی چطور چگونه چند
        کجاست چیست آیا است هست نیست بود بودن باشد شد شود می من تو او ما شما آنها ایشان مرا ترا مال خود
        خودم من را ام ای یک هر همه بعضی دیگر فقط خیلی بسیار باید میخواهم میخواهیم خواهم
        میتوانم میتوان توانم کنم میکنم کند میکند کرد کردن چیکار چکار بگیرم گرفتن دارم دارد
        داریم ندارم سلام ممنون لطفا مرسی روی زیر پیش پس بین هنوز الان اینجا آنجا
        """,
    "prs": """
        کنیم میکنه میکنم بکنم بکنیم کده شده
        و در به از که این آن را با برای تا یا اما اگر هم نیز چه چی چرا کجا کی چطور چگونه چند
        آیا است هست نیست بود بودن باشد شد شود می من تو او ما شما آنها ایشان مرا خود خودم
        یک هر همه بعضی دیگر فقط خیلی بسیار باید میخواهم خواهم میتوانم توانم کنم میکنم کند
        میکند کرد کردن چیکار چطو چی رقم بگیرم گرفتن دارم دارد داریم ندارم سلام تشکر لطفا
        روی زیر پیش پس بین هنوز حالا اینجا آنجا اس استم هستم
        """,
    "ps": """
        کوي کوم کوو وکړم وکړو وکړي کړو شي شم
        او د په کې کي له لە ته څخه سره پر تر دا هغه دې دغه دغه چې که یا خو هم نو څه ولې چیرته
        چېرته کله څنګه څومره آیا ایا زه ته هغه موږ مونږ تاسو دوی زما ستا د هغه زموږ ستاسو
        یو هر ټول ځینې نور یوازې ډیر ډېر باید غواړم غواړو کولای کولی شم کوم وکړم کړم ترلاسه
        لرم لري لرو نه ده دی دي وو و سلام مننه مهرباني وکړئ اوس دلته هلته
        """,
    "ckb": """
        دەکات دەکەن بکات بکەین دەبێت
        و لە لە بە بۆ لەگەڵ لەسەر لەناو تا یان بەڵام ئەگەر هەروەها ئەم ئەو ئەمە ئەوە کە چی
        چۆن بۆچی لەکوێ کوێ کەی چەند ئایا من تۆ ئەو ئێمە ئێوە ئەوان م ت ی مان تان یان هەموو
        هەر هەندێ تر تەنها زۆر دەبێت پێویستە دەمەوێت دەتوانم بکەم دەکەم چیبکەم وەربگرم هەیە
        نییە بوو بێت دەبێ سڵاو سوپاس تکایە ئێستا ئێرە لێرە ئەوێ لەوێ
        """,
    "ku": """
        dike dikin dikî dikim bike bikin bikî kir kirin dibe bibe
        û ji bi di de da li ku ka ji bo bo re ra heta an yan lê belê eger heke jî ev ew vê wê
        vî wî çi çima kengî kengê çawa çend gelo ez tu ew em hûn min te me we wan xwe hemû her
        hin din tenê pir gelek divê dixwazim dikarim bikim dikim çibikim bigirim heye tune
        nîne bû be e ye silav spas ji kerema xwe niha vir wir li vir
        """,
    "so": """
        sameeyaa sameeyo samayn sameeya samaynaa samaysaa yahay tahay yihiin
        iyo ama oo ka ku u la ayaa waa wax in aan ma mise haddii laakiin sidoo kale kan kani
        kaas taas tan tani kuwan kuwaas maxay maxaa xagee halkee goorma sidee sideen sidaan immisa
        ma miyaa aniga adiga isaga iyada anaga annaga idinka iyaga i ku na idin kala waxaan
        waxaad waxuu waxay waan baan baad buu bay inaan inaad doonayaa rabaa karaa karo sameeyo
        sameeyaa helo helaa jiraa jira leeyahay hadda halkan halkaas salaan mahadsanid fadlan
        """,
    "ti": """
        ይገብር ትገብር ንገብር ክንገብር ይኸውን ክኸውን
        እና ን ኣብ ካብ ምስ ናብ ናይ ብ ከም እንታይ ስለምንታይ ኣበይ መዓስ ከመይ ክንደይ ዲዩ ድዩ ድየ
        ኣነ ንስኻ ንስኺ ንሱ ንሳ ንሕና ንስኻትኩም ንሳቶም እዚ እዚኣ እቲ እታ እዞም እቶም ኩሉ ኩሎም ገለ
        ካልእ ጥራይ ብዙሕ ኣዝዩ ይኽእል ክገብር እገብር ክረክብ እደሊ ኣሎ ኣሎኒ የለን የብለይን እዩ እያ ኢዩ
        ነይሩ ሰላም የቐንየለይ በጃኻ ሕጂ ኣብዚ ኣብኡ እንተ እሞ ግን ወይ ውን
        """,
}


_ROMANIZED: dict[str, str] = {
    "ar": """
        ana enta inta enti inti howa huwe huwa hiye hiya ahna e7na ni7na nehna intu entu
        homma hum el al il w wa fi fee men min mn 3ala 3a 3l ala ma mesh mish msh la shu shou
        sho shoo eh eish esh ish wesh shno shnu sheno kif keef kaif kayf ezay izzay leh lesh
        laysh leish wen wein wain fen fein feen meen mino manu emta imta eza iza law lw ya
        ya3ni bs bas bass kaman kman kamen hal hek hayk keda kda hada hadi hatha hathi di dol
        hay hon hone hena hina lazem lazim bade baddi bedi biddi bdi abgha abi areed 3ayz 3ayez
        3ayza 3awez momken mumkin mumken mmkn a2dar a2der aqdar b2dar fiye fiyi fini fine
        salam marhaba shukran shokran merci plz 3andi 3ndi 3andy 3ande 3indi ma3 ma3i kel kol
        kul shi shy ashi halla2 hala lissa lsa yalla akid mazbut
        """,
    "fa": """
        man mn to u oo ma shoma unha ona inha ina in un an va o dar tu too be az ke ki ro ra
        ba baraye bara barai baray ta ya ama vali age agar ham chi che chera chra koja kuja
        kojast kei key chetor chetori chetory chtor chand aya ast as hast hastam astam estam
        nist bood bud bashe bashad shod shode shodeh mi mikham mikhaham mikhay mitonam mitunam
        mitoonam mitavanam bayad bayd baid konam konim mikonam mikone kone kard kardan daram
        dare darim darad nadaram salam mamnun mamnoon merci lotfan yek ye hame hameh faghat
        kheili khaili khyli alan inja onja unja anja mese mesle
        """,
    "prs": """
        man mn to u ma shoma unha ona inha ina in an wa va o dar da tu be az ke ki ra ba
        baraye bara barai baray ta ya ama wali vali age agar ham chi che chera koja kuja kai
        chetor chitor chitori chand aya ast as hast hastam astam estam nist bud bashe shod
        shud shode mi mikham mekhaham mekhayam mitanam metanam metanem mitanem mitonam bayad
        kunam kunim mekunam mekunim mikunam kune kard kardan kadan daram darim darad nadaram
        salam tashakor tashakur lotfan mehrabani yak ye hama faqat fagat kheli khaili hala
        alan inja unja anja mesle
        """,
    "ps": """
        za zai ma me mi ta te zma sta mung mong munga tase tasu dai dewi da de di pa ke kay
        ki la sara tar che chi ka ya aw au ham no sa tsa sanga tsanga tsenga chiri cherta kala
        wale waley walay tso tsomra aya shta shte nishta na ne yem yam yu yaw yo dalta halta
        os oss kom kawam kawal kawi kawai kram shi sham shwam ghwarum ghwaram ghwaro salam
        manana lutfan mehrabani
        """,
}


@functools.cache
def stop_words(language: str) -> frozenset[str]:
    """The stop words of a language, folded as the index folds words (Latin spellings too)."""
    listed = _WORDS.get(language, "").split() + _ROMANIZED.get(language, "").split()
    return frozenset(normalise(word) for word in listed)
