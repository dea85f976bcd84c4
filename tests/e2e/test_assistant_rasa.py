"""End to end through the real Rasa and action server, by signed SMS webhooks to the live portal.

In six languages, two of them right-to-left (Arabic, Persian) and Tigrinya: the next activity
is the right one, a civic question lands on the right module, an objection filed by SMS is in
the caseworker's queue, and its status comes back by case number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, time, timedelta

import pytest
from flask_babel import force_locale, gettext

from portal.catalogues import activity_label
from portal.data.objections import list_objections_for_caseworker
from portal.languages import get_language
from portal.services.schedule import STOCKHOLM
from testkit.stack import text_live_portal
from tests.factories import create_conversation, create_person, create_plan, create_staff
from tests.helpers import sign_in_staff

pytestmark = pytest.mark.rasa

TWILIO_TOKEN = "test-twilio-auth-token"
CASE_NUMBER = re.compile(r"\b[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}\b")


@dataclass(frozen=True)
class Script:
    """What a newcomer writing in one language texts, as people really text it.

    The questions are not in the bot's training data (bench/nlu_eval measures understanding);
    the objection's opening line is, so that these tests follow the whole chain (form, portal,
    caseworker queue, status) even while the bot's model is being retuned.
    """

    language: str
    next_activity: str
    civic: str
    civic_module: str
    objection: str
    reason: str  # the answer to the numbered reasons: 5 (too far away) and their own words
    wanted: str
    yes: str
    status: str  # "{case}" is replaced by the case number


SCRIPTS = [
    Script(
        "sv",
        "när är nästa lektion",
        "jag behöver en tandläkare vart ska jag gå",
        "halsa-och-vard",
        "jag vill klaga på min plan",
        "5 det tar två timmar att åka dit",
        "sfi närmare hemma",
        "ja",
        "status för ärende {case}",
    ),
    Script(
        "ar",
        "امتى الصف الجاي",
        "وين بلاقي طبيب اسنان",
        "halsa-och-vard",
        "بدي اعترض على خطتي",
        "5 المدرسة بعيدة ساعتين بالباص",
        "مدرسة اقرب لبيتي",
        "نعم",
        "حالة الطلب {case}",
    ),
    Script(
        "fa",
        "فعالیت بعدی کجاست",
        "دندانپزشکی کجا برم",
        "halsa-och-vard",
        "میخوام به برنامه‌م اعتراض کنم",
        "5 کلاس خیلی دوره دو ساعت راهه",
        "کلاس نزدیک خونه",
        "بله",
        "پرونده {case} وضعیتش چیه",
    ),
    Script(
        "so",
        "goorma ayuu yahay casharka sfi ee xiga",
        "dhakhtarka ilkaha sidee loo helaa",
        "halsa-och-vard",
        "waxaan rabaa inaan ka cabto qorshaha",
        "5 meel aad u fog ayuu ku yaal",
        "dugsi guriga u dhow",
        "haa",
        "{case} status",
    ),
    Script(
        "ti",
        "ዝቕጽል ናይ sfi ክላስ",
        "ናይ ስኒ ሓኪም ኣበይ ይርከብ",
        "halsa-och-vard",
        "ብዛዕባ መደበይ ቅሬታ",
        "5 ቤት ትምህርቲ ኣዝዩ ርሑቕ እዩ",
        "ቀረባ ቤት ትምህርቲ",
        "እወ",
        "{case} ኩነታት",
    ),
    Script(
        "uk",
        "коли наступний урок",
        "де знайти сімейного лікаря",
        "halsa-och-vard",
        "хочу поскаржитися на мій план",
        "5 школа дуже далеко, дві години автобусом",
        "школа ближче до дому",
        "так",
        "статус справи {case}",
    ),
]


def _in(language: str):
    return force_locale(get_language(language).babel_locale)


@pytest.fixture
def newcomer_with_plan(region):
    """A registered newcomer whose next activity is tomorrow's SFI; an internship comes later."""

    def make(language: str):
        caseworker = create_staff(region["sodertalje"])
        person = create_person(region["sodertalje"], language=language)
        tomorrow = datetime.now(STOCKHOLM).date() + timedelta(days=1)
        create_plan(
            person,
            caseworker,
            start=tomorrow - timedelta(days=20),
            status="active",
            activities=[
                {
                    "type_key": "sfi",
                    "place": "Folkets hus, Hallunda",
                    "weekdays": [tomorrow.isoweekday()],
                    "start_time": time(10, 0),
                    "start_date": tomorrow,
                    "end_date": tomorrow + timedelta(weeks=8),
                },
                {
                    "type_key": "praktik",
                    "place": "Stadsbiblioteket",
                    "weekdays": [(tomorrow + timedelta(days=3)).isoweekday()],
                    "start_time": time(8, 0),
                    "start_date": tomorrow + timedelta(days=3),
                    "end_date": tomorrow + timedelta(weeks=8),
                },
            ],
        )
        from portal.services import plans

        plan = person_plan(person)
        plans.add_goal(
            plan,
            caseworker,
            template_key="pass_sfi_c",
            target_date=None,
            note=None,
            note_language=None,
            expected_revision=None,
        )
        return person, caseworker

    return make


def person_plan(person):
    from portal.data.plans import get_plan_for_person

    return get_plan_for_person(person)


def text(stack, phone: str, body: str) -> str:
    status, replies, _seconds = text_live_portal(stack.portal_url, phone, body, TWILIO_TOKEN)
    assert status == 200
    assert len(replies) == 1, f"expected one reply to {body!r}, got {replies!r}"
    return replies[0]


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda s: s.language)
def test_the_next_activity_is_the_right_one(live_assistant, newcomer_with_plan, script):
    person, _caseworker = newcomer_with_plan(script.language)
    reply = text(live_assistant, person.phone, script.next_activity)
    with _in(script.language):
        sfi, internship = str(activity_label("sfi")), str(activity_label("praktik"))
        menu = gettext("My next activity")
    assert menu not in reply, f"the portal's fallback answered, not the assistant: {reply!r}"
    assert sfi in reply and "Folkets hus, Hallunda" in reply, reply
    assert internship not in reply and "Stadsbiblioteket" not in reply


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda s: s.language)
def test_a_civic_question_lands_on_the_right_module(live_assistant, app, script):
    from portal.services.content import sync_from_files

    sync_from_files()
    # A number nobody registered: civic information needs no registration. Its language is
    # known from an earlier exchange, so this test is about the answer, not the detection.
    phone = f"+467055500{SCRIPTS.index(script):02d}"
    create_conversation(channel="sms", phone=phone, language=script.language)
    reply = text(live_assistant, phone, script.civic)
    assert f"/info/{script.civic_module}" in reply, reply


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda s: s.language)
def test_an_objection_filed_by_sms_reaches_the_caseworker_and_its_status_comes_back(
    live_assistant, app, client, newcomer_with_plan, script
):
    person, caseworker = newcomer_with_plan(script.language)
    first = text(live_assistant, person.phone, script.objection)
    # The first question is which part of the plan, from the person's own activities.
    with _in(script.language):
        assert str(activity_label("sfi")) in first, f"the activities were not listed: {first!r}"
    reasons = text(live_assistant, person.phone, "1")
    assert "5" in reasons, f"the reasons were not listed: {reasons!r}"
    text(live_assistant, person.phone, script.reason)
    text(live_assistant, person.phone, script.wanted)
    confirmation = text(live_assistant, person.phone, script.yes)
    found = CASE_NUMBER.search(confirmation)
    assert found, f"no case number in {confirmation!r}"
    case_number = found.group()

    today = datetime.now(STOCKHOLM).date()
    queue = list_objections_for_caseworker(caseworker, today=today)
    assert [o.display_case_number for o in queue] == [case_number]
    assert queue[0].reason.value == "too_far" and queue[0].person_id == person.id
    sign_in_staff(client, caseworker)
    assert case_number in client.get("/staff/objections").get_data(as_text=True)

    status = text(live_assistant, person.phone, script.status.format(case=case_number.replace("-", "").lower()))
    from portal.services.objection_text import case_status_label

    with _in(script.language):
        label = case_status_label(queue[0])
    assert case_number in status and label in status, status


@pytest.mark.parametrize("script", [SCRIPTS[1], SCRIPTS[4]], ids=lambda s: s.language)
def test_an_unknown_number_gets_no_personal_data_from_the_real_bot(live_assistant, newcomer_with_plan, script):
    newcomer_with_plan(script.language)  # someone else's plan exists
    phone = "+46709998877"
    create_conversation(channel="sms", phone=phone, language=script.language)
    reply = text(live_assistant, phone, script.next_activity)
    assert "Folkets hus" not in reply and "Stadsbiblioteket" not in reply
    with _in(script.language):
        assert str(activity_label("sfi")) not in reply
