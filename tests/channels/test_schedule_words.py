"""Day words in schedule questions, in 12 languages, on the Europe/Stockholm calendar."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import yaml

from portal.channels.schedule_words import WORDS, DayWord, Span, fold, meanings, nlu_day_words, read_question
from portal.languages import CODES

BOT_NLU = Path(__file__).resolve().parents[2] / "bot" / "data" / "nlu"

# Sunday 29 March 2026: Sweden moves to summer time that night, and the ISO week ends.
SPRING_SUNDAY = date(2026, 3, 29)
# Sunday 25 October 2026: back to standard time, and the ISO week ends.
AUTUMN_SUNDAY = date(2026, 10, 25)


def test_every_language_has_every_kind_of_day_word():
    assert set(WORDS) == set(CODES)
    for code, table in WORDS.items():
        missing = {"today", "tomorrow", "day_after_tomorrow", "this_week", "next_week", "next", "sfi", "praktik"}
        missing |= {"mon", "tue", "wed", "thu", "fri", "sat", "sun"}
        assert missing <= set(table), f"{code}: {missing - set(table)}"


def test_no_word_means_two_different_things():
    seen: dict[str, tuple[str, str]] = {}
    for code, table in WORDS.items():
        for meaning, words in table.items():
            for word in words:
                key = fold(word).replace(" ", "")
                if key in seen:
                    assert seen[key][1] == meaning, f"{word!r} ({code}) is also {seen[key]}"
                seen[key] = (code, meaning)


# (language, what people text, the day it means when said on Sunday 29 March 2026)
TOMORROW_AND_WEEKDAYS = [
    ("sv", "vad har jag imorgon", date(2026, 3, 30)),
    ("sv", "i morn?", date(2026, 3, 30)),
    ("sv", "har jag sfi på fredag", date(2026, 4, 3)),
    ("sv", "torsdg", date(2026, 4, 2)),
    ("sv", "sondag?", date(2026, 3, 29)),
    ("en", "what do i have tomorow", date(2026, 3, 30)),
    ("en", "friday?", date(2026, 4, 3)),
    ("en", "wensday class", date(2026, 4, 1)),
    ("en", "day after tomorrow", date(2026, 3, 31)),
    ("ar", "شو عندي بكرة", date(2026, 3, 30)),
    ("ar", "bukra 3andi sfi?", date(2026, 3, 30)),
    ("ar", "ba3d bokra", date(2026, 3, 31)),
    ("ar", "يوم الخميس", date(2026, 4, 2)),
    ("ar", "el jum3a", date(2026, 4, 3)),
    ("ar", "شنو عندي باچر", date(2026, 3, 30)),  # Iraqi
    ("fa", "فردا کلاس دارم؟", date(2026, 3, 30)),
    ("fa", "سه‌شنبه", date(2026, 3, 31)),
    ("fa", "سه شنبه", date(2026, 3, 31)),
    ("fa", "شنبه", date(2026, 4, 4)),
    ("prs", "صبا چی دارم", date(2026, 3, 30)),
    ("prs", "پنج شنبه", date(2026, 4, 2)),
    ("so", "berri maxaan leeyahay", date(2026, 3, 30)),
    ("so", "jimcaha", date(2026, 4, 3)),
    ("ti", "ጽባሕ እንታይ ኣለኒ", date(2026, 3, 30)),
    ("ti", "ሰኑይ", date(2026, 3, 30)),
    ("uk", "що в мене завтра", date(2026, 3, 30)),
    ("uk", "у пятницю", date(2026, 4, 3)),
    ("uk", "в середу", date(2026, 4, 1)),
    ("ru", "что у меня завтра", date(2026, 3, 30)),
    ("ru", "в четверг", date(2026, 4, 2)),
    ("ckb", "سبەی چیم هەیە", date(2026, 3, 30)),
    ("ckb", "سبەی", date(2026, 3, 30)),
    ("ckb", "هەینی", date(2026, 4, 3)),
    ("ku", "sibe çi heye", date(2026, 3, 30)),
    ("ku", "duşem", date(2026, 3, 30)),
    ("ku", "pencsem", date(2026, 4, 2)),
    ("ps", "سبا څه لرم", date(2026, 3, 30)),
    ("ps", "جمعه", date(2026, 4, 3)),
]


@pytest.mark.parametrize(("language", "text", "day"), TOMORROW_AND_WEEKDAYS)
def test_a_day_word_on_the_last_sunday_of_march_means_the_right_day(language, text, day):
    question = read_question(text, language, SPRING_SUNDAY)
    assert question.span == Span.DAY
    assert (question.first_day, question.last_day) == (day, day)


# (language, "next week", "this week")
WEEKS = [
    ("sv", "nästa vecka", "vad har jag i veckan"),
    ("en", "next week?", "this week"),
    ("ar", "الاسبوع الجاي", "هذا الأسبوع"),
    ("fa", "هفته بعد", "این هفته"),
    ("prs", "هفته آینده", "این هفته"),
    ("so", "toddobaadka soo socda", "toddobaadkan"),
    ("ti", "ዝመጽእ ሰሙን", "እዚ ሰሙን"),
    ("uk", "наступного тижня", "цього тижня"),
    ("ru", "на следующей неделе", "на этой неделе"),
    ("ckb", "هەفتەی داهاتوو", "ئەم هەفتەیە"),
    ("ku", "hefteya bê", "vê hefteyê"),
    ("ps", "راتلونکې اونۍ", "دا اونۍ"),
]


@pytest.mark.parametrize(("language", "next_week", "this_week"), WEEKS)
def test_next_week_said_on_a_sunday_is_the_following_iso_week(language, next_week, this_week):
    question = read_question(next_week, language, AUTUMN_SUNDAY)
    assert question.day_word == DayWord.NEXT_WEEK
    assert (question.first_day, question.last_day) == (date(2026, 10, 26), date(2026, 11, 1))


@pytest.mark.parametrize(("language", "next_week", "this_week"), WEEKS)
def test_this_week_said_on_a_sunday_is_only_what_is_left_of_it(language, next_week, this_week):
    question = read_question(this_week, language, AUTUMN_SUNDAY)
    assert question.day_word == DayWord.THIS_WEEK
    assert (question.first_day, question.last_day) == (AUTUMN_SUNDAY, AUTUMN_SUNDAY)
    midweek = read_question(this_week, language, date(2026, 10, 21))
    assert (midweek.first_day, midweek.last_day) == (date(2026, 10, 21), date(2026, 10, 25))


def test_levantine_this_jumaa_is_this_week_and_the_jumaa_is_friday():
    # In Levantine Arabic "الجمعة" is also the week: "هالجمعة" (this jum3a) means this week.
    assert read_question("شو عندي هالجمعة كلها", "ar", AUTUMN_SUNDAY).day_word == DayWord.THIS_WEEK
    assert read_question("شو عندي يوم الجمعة", "ar", AUTUMN_SUNDAY).first_day == date(2026, 10, 30)


def test_tomorrow_on_the_autumn_dst_sunday_is_monday_of_the_next_week():
    question = read_question("imorgon", "sv", AUTUMN_SUNDAY)
    assert (question.first_day, question.day_word) == (date(2026, 10, 26), DayWord.TOMORROW)


@pytest.mark.parametrize(
    ("text", "today", "day"),
    [
        ("sunday", SPRING_SUNDAY, SPRING_SUNDAY),  # today when today is that day
        ("next sunday", SPRING_SUNDAY, date(2026, 4, 5)),
        ("monday", SPRING_SUNDAY, date(2026, 3, 30)),
        ("saturday", SPRING_SUNDAY, date(2026, 4, 4)),
        ("friday", date(2026, 10, 31), date(2026, 11, 6)),  # across a month end
        ("tomorrow", date(2026, 12, 31), date(2027, 1, 1)),  # and a year end
    ],
)
def test_a_weekday_is_the_next_such_day(text, today, day):
    assert read_question(text, "en", today).first_day == day


@pytest.mark.parametrize(
    ("language", "text", "kind"),
    [
        ("en", "when is my next internship", "praktik"),
        ("sv", "när är nästa praktik", "praktik"),
        ("ar", "متى التدريب القادم", "praktik"),
        ("uk", "коли наступна практика", "praktik"),
        ("so", "goorma ayuu yahay fasalka xiga", "class"),
        ("fa", "کلاس بعدی کی است", "class"),
        ("en", "next sfi", "sfi"),
    ],
)
def test_next_with_an_activity_kind_asks_for_that_kinds_next_occurrence(language, text, kind):
    question = read_question(text, language, SPRING_SUNDAY, default=Span.COMING)
    assert question.span == Span.NEXT and question.kind == kind
    assert question.first_day is None


def test_a_kind_and_a_day_together_filter_that_day():
    question = read_question("sfi imorgon?", "sv", SPRING_SUNDAY)
    assert question.span == Span.DAY and question.activity_types == ("sfi",)
    assert question.first_day == date(2026, 3, 30)


@pytest.mark.parametrize(("default", "span"), [(Span.NEXT, Span.NEXT), (Span.COMING, Span.COMING)])
def test_a_question_without_a_day_word_gets_the_default(default, span):
    question = read_question("what is my schedule", "en", SPRING_SUNDAY, default=default, days=7)
    assert question.span == span
    if span == Span.COMING:
        assert (question.first_day, question.last_day) == (SPRING_SUNDAY, date(2026, 4, 4))


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("sv", "när ska man gå dit"),  # "man" is not "mån(dag)"
        ("en", "my son is sick"),  # Swedish "sön" folds to "son": short words stay in their language
        ("en", "i want to learn swedish in"),  # Kurmanji "în" (Friday) is English "in"
        ("ru", "какая неделю"),  # Russian week, not the Ukrainian Sunday "неділю"
        ("ar", "هل يوجد أحد"),  # "anyone", not "الأحد"
        ("so", "xagee aadaa"),  # "where do I go", not a typo of "axada" (Sunday)
        ("so", "maalinta"),  # "the day", not "maanta" (today)
        ("ar", "امتى اول يوم"),  # "the first day": a phrase never matches by a near spelling
        ("ku", "hefteya min"),  # "my week", not "hefteya bê" (next week)
    ],
)
def test_words_that_only_look_like_day_words_are_not_read_as_days(language, text):
    assert not [m for m in meanings(text, language) if m not in ("sfi", "class", "praktik", "next")]


@pytest.mark.parametrize(
    ("language", "text", "meaning"),
    [
        ("en", "thrusday", "thu"),
        ("en", "wenesday", "wed"),
        ("en", "sundy", "sun"),
        ("sv", "fredg", "fri"),
        ("sv", "torsdg", "thu"),
        ("uk", "пятниця", "fri"),
        ("ar", "بالبراكتيك", "praktik"),  # "at the internship": the proclitic is written on
        ("ar", "وبكرة؟", "tomorrow"),
        ("ar", "للجمعة", "fri"),
    ],
)
def test_typos_and_written_on_prefixes_still_read(language, text, meaning):
    assert meanings(text, language) == [meaning]


@pytest.mark.parametrize(
    ("language", "text"),
    [("ru", "все мои занятия на этой неделе"), ("uk", "мої заняття наступного тижня")],
)
def test_a_generic_word_for_activities_filters_nothing(language, text):
    # Russian and Ukrainian "занятия"/"заняття" is any activity: a class filter would hide praktik.
    assert read_question(text, language, SPRING_SUNDAY).kind is None


@pytest.mark.parametrize("language", CODES)
def test_the_bots_lookup_of_day_words_is_a_copy_of_these(language):
    # The NLU learns "a day word is here" from a lookup table in its plan.yml; it must know
    # the same words the portal reads, or a weekday it never saw in an example is missed.
    nlu = yaml.safe_load((BOT_NLU / language / "plan.yml").read_text(encoding="utf-8"))["nlu"]
    (table,) = [block for block in nlu if block.get("lookup") == "schedule_day"]
    words = [line.removeprefix("- ").strip() for line in table["examples"].splitlines() if line.strip()]
    assert words == nlu_day_words(language)


@pytest.mark.parametrize(
    ("language", "text", "kind"),
    [
        ("ru", "когда следующий урок SFI", "sfi"),  # a lesson of SFI: the narrower kind
        ("ti", "arbi entay aloni? praktik diyu wey SFI", None),  # "praktik or SFI?": both, so no filter
        ("en", "internship or class on friday?", None),
        ("so", "PRAKTIKKA XIGA GOORMA", "praktik"),
    ],
)
def test_the_kind_asked_about_never_hides_another_kind_the_person_named(language, text, kind):
    assert read_question(text, language, SPRING_SUNDAY).kind == kind


def test_the_coming_monday_said_on_a_monday_is_next_week():
    # Somali "isniinta soo socota": the coming Monday.
    monday = date(2026, 12, 7)
    assert read_question("isniinta soo socota maxaa ii qorsheysan", "so", monday).first_day == date(2026, 12, 14)
