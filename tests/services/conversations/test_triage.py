"""What the portal sends the assistant: the person's words, or an intent its triage set."""

from __future__ import annotations

import pytest

from portal.models import Channel, Conversation
from portal.services.conversations.triage import assistant_message


def conversation(language: str = "sv") -> Conversation:
    return Conversation(channel=Channel.SMS, language=language)


def test_an_ordinary_message_goes_as_it_is():
    message = assistant_message(conversation(), "när är sfi imorgon")
    assert message.text == "när är sfi imorgon" and message.metadata == {}


@pytest.mark.parametrize("text", ["/affirm", "  /talk_to_human", '//file_objection{"x": 1}'])
def test_a_message_never_reaches_the_assistant_as_an_intent_of_its_own(text):
    assert not assistant_message(conversation(), text).text.startswith("/")


def test_an_emergency_is_sent_as_the_emergency_intent_with_the_persons_words():
    message = assistant_message(conversation("ar"), "بنتي حرارتها عالية بالليل")
    assert message.text == "/emergency"
    assert message.metadata == {"text": "بنتي حرارتها عالية بالليل", "triage": {"emergencies": ["health"]}}


def test_an_explicit_request_for_another_language_is_sent_as_choose_language():
    message = assistant_message(conversation("so"), "fadlan ii qor af ingiriisi")
    assert message.text == "/choose_language" and message.metadata["triage"] == {"language": "en"}


def test_asking_for_the_language_already_in_use_is_an_ordinary_message():
    assert assistant_message(conversation("en"), "english please").text == "english please"


def test_learning_swedish_is_an_ordinary_message():
    assert assistant_message(conversation("en"), "how can i learn swedish for free").text.startswith("how")


def test_an_interpreter_request_keeps_the_conversation_language_when_none_is_named():
    message = assistant_message(conversation("ps"), "زه ژباړونکی غواړم")
    assert message.text == "/ask_interpreter" and message.metadata["triage"] == {"interpreter": "ps"}


def test_a_quoted_case_number_asks_for_that_case_even_inside_a_form():
    message = assistant_message(conversation("ps"), "هغه شکایت چې کوډ یې 6wlb-3jra و څه شو")
    assert message.text == '/objection_status{"case_number": "6WLB-3JRA"}'
    assert message.metadata["triage"] == {"case_number": "6WLB-3JRA"}


def test_a_case_number_of_letters_only_is_read_as_the_sms_printed_it():
    message = assistant_message(conversation("en"), "what happened to YGFE-BRMP?")
    assert message.text == '/objection_status{"case_number": "YGFE-BRMP"}'


@pytest.mark.parametrize(
    "text", ["ring 020-50 50 50", "my number is 0701-2345", "a self-help group", "I NEED SELF-HELP NOW"]
)
def test_numbers_and_words_with_a_hyphen_are_no_case_number(text):
    assert not assistant_message(conversation(), text).text.startswith("/objection_status")


@pytest.mark.parametrize(
    "text",
    ["review 3HX9-K2PQ", "omprövning 3hx9-k2pq tack", "مراجعة 3HX9-K2PQ المسافة بعيدة", "пересмотр 3HX9-K2PQ"],
)
def test_the_review_word_and_a_case_number_ask_for_an_independent_review(text):
    message = assistant_message(conversation("ar"), text)
    assert message.text == '/request_review{"case_number": "3HX9-K2PQ"}'
    assert message.metadata == {"text": text, "triage": {"case_number": "3HX9-K2PQ"}}


def test_appealing_without_a_case_number_asks_for_a_review_of_the_case_the_assistant_finds():
    message = assistant_message(conversation("sv"), "jag vill överklaga beslutet")
    assert message.text == "/request_review" and message.metadata["triage"] == {"case_number": None}


@pytest.mark.parametrize("text", ["I want to review my plan", "granskning av min plan", "перегляд плану"])
def test_a_review_word_without_a_case_number_is_an_ordinary_message(text):
    assert assistant_message(conversation("en"), text).text == text


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("ru", "ок я согласна с планом, всё подходит"),
        ("en", "ok i agree with the plan"),
        ("ar", "أنا موافقة على الخطة"),
        ("fa", "برنامه رو قبول دارم"),
        ("so", "waan ku raacsanahay qorshaha"),
        ("uk", "я згодна з планом"),
        ("ckb", "پلانەکەم ڕازیم"),
        ("sv", "jag håller med om planen"),
    ],
)
def test_agreeing_with_the_plan_asks_how_to_confirm_it_and_never_opens_an_objection(language, text):
    assert assistant_message(conversation(language), text).text == "/ask_acknowledge"


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "do i have to sign the plan?"),
        ("sv", "maste jag skriva under planen"),
        ("ar", "لازم وقع على الخطة؟"),
        ("fa", "باید برنامه رو امضا کنم؟"),
        ("ps", "پلان باید لاسلیک کړم؟"),
        ("so", "qorshaha ma saxiixaa?"),
        ("ti", "ፕላን ክፍርም ኣለኒ ድየ"),
        ("uk", "чи треба підписувати план"),
        ("ru", "нужно подписать план?"),
        ("ckb", "پێویستە پلانەکە ئیمزا بکەم؟"),
        ("ku", "divê ez plana xwe îmze bikim?"),
        # a negation away from the signing does not make it a refusal
        ("ps", "مور ته پلان راغلی، باید امضا یې کړي؟ هغه بانک ایډي نه لري"),
    ],
)
def test_asking_about_signing_the_plan_asks_how_to_confirm_it(language, text):
    assert assistant_message(conversation(language), text).text == "/ask_acknowledge"


@pytest.mark.parametrize(
    "text",
    ["I will not sign this plan", "I dont want to sign the plan", "how do i sign up for sfi", "I signed the lease"],
)
def test_refusing_to_sign_or_signing_something_else_is_left_to_the_assistant(text):
    assert assistant_message(conversation("en"), text).text == text


@pytest.mark.parametrize(
    "text",
    [
        "Я не согласна с планом",  # an objection
        "I dont agree with the plan",
        "مو موافق على الخطة",
        "با برنامه موافق نیستم",
        "I agree",  # answers whatever was asked, e.g. the form's "shall I send it?"
        "I agree with most of the plan but not the internship",
    ],
)
def test_disagreeing_or_agreeing_without_the_plan_is_never_read_as_agreeing(text):
    # the assistant decides, or (disagreeing with the plan) the objection opens
    assert assistant_message(conversation(), text).text in (text, "/file_objection")


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("so", "salaan. waxaan gudbiyay cabasho 3 todobaad ka hor qorshaha ku saabsan, maxay ku dhamaatay"),
        ("ti", "ቅድሚ ሓደ ወርሒ ኣብ ፕላነይ ተቓውሞ ኣእትየ ነይረ፡ ክሳብ ሕጂ መልሲ የለን። እንታይ ኮይኑ"),
        ("en", "I sent an objection last week, any answer?"),
        ("fa", "اعتراض دادم هنوز جواب نگرفتم"),
        ("uk", "Я писала скаргу на план місяць назад. Шо з нею??"),
    ],
)
def test_asking_how_an_objection_sent_is_going_lists_the_objections(language, text):
    assert assistant_message(conversation(language), text).text == "/objection_status"


@pytest.mark.parametrize(
    "text",
    [
        "how do I object to my plan",
        "I want to complain about the internship",
        "my objection is that the internship is too far",
        "i have a complaint about my neighbour, who do i call",
    ],
)
def test_wanting_to_object_or_asking_how_is_not_a_status_question(text):
    # the assistant decides, or the objection opens: never the list of objections
    assert assistant_message(conversation(), text).text in (text, "/file_objection")


def test_a_greeting_that_opens_a_question_sends_the_question_and_keeps_the_whole_message():
    message = assistant_message(conversation("ar"), "marhaba, emta el sfi el jai?")
    assert message.text == "emta el sfi el jai?"
    assert message.metadata == {"text": "marhaba, emta el sfi el jai?"}


def test_a_greeting_alone_goes_as_it_is():
    message = assistant_message(conversation("fa"), "سلام وقت بخیر")
    assert message.text == "سلام وقت بخیر" and message.metadata == {}


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("ps", "اعتراض کوم پر SFI ټولګي"),
        ("prs", "salam, man praktik ra qabol nadarom"),
        ("en", "i want to complain about the internship, it is too far"),
        ("ru", "хочу пожаловаться на курсы, они вечером"),
        ("ar", "بدي اشتكي على الخطة"),
        ("sv", "jag vill klaga på praktiken, den är för långt bort"),
    ],
)
def test_objecting_to_the_plan_or_an_activity_opens_the_objection(language, text):
    message = assistant_message(conversation(language), text)
    assert message.text == "/file_objection" and message.metadata == {"text": text}


@pytest.mark.parametrize(
    "text",
    [
        "I want to complain about my landlord",  # a civic question
        "I sent a complaint about sfi, any answer?",  # how it is going
        "لازم اروح البراكتيك وانا ظهري وجعان",  # a question about the duty, no objection said
    ],
)
def test_a_complaint_about_something_else_or_its_status_is_no_new_objection(text):
    assert assistant_message(conversation("en"), text).text != "/file_objection"
