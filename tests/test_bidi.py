"""Which runs are drawn left to right, and how they are marked in HTML and plain text."""

from __future__ import annotations

import pytest
from markupsafe import Markup

from portal.bidi import (
    LRI,
    PDI,
    find_runs,
    isolate_filter,
    isolate_plain_text,
    isolate_text,
    latin_runs,
    text_direction,
)


@pytest.mark.parametrize(
    ("text", "run", "tel"),
    [
        ("ring 112", "112", "112"),
        ("ring 1177", "1177", "1177"),
        ("polisen 114 14.", "114 14", "11414"),
        ("Kvinnofridslinjen 020-50 50 50", "020-50 50 50", "020505050"),
        ("Mind 90101", "90101", "90101"),
        ("+46 8 123 456 78", "+46 8 123 456 78", "+46812345678"),
        ("08-123 456 78", "08-123 456 78", "0812345678"),
        ("١١٢", "١١٢", "112"),
        ("se 1177.se.", "1177.se", None),
        ("https://www.1177.se/hitta-vard, then", "https://www.1177.se/hitta-vard", None),
        ("go to /signin.", "/signin", None),
        ("mejla info@sodertalje.se", "info@sodertalje.se", None),
        ("13:00–16:00", "13:00–16:00", None),
        ("9:00 – 12:00", "9:00 – 12:00", None),
        ("1 250 kr", "1 250 kr", None),
        ("ärende 2026-0042", "2026-0042", None),
        ("23,5 timmar", "23,5", None),
        ("ärende D8S3-542N", "D8S3-542N", None),
        ("t.ex. 070 123 45 67.", "070 123 45 67", "0701234567"),
        ("at 2026-12-07T05:20:46.778+00:00", "2026-12-07T05:20:46.778+00:00", None),
    ],
)
def test_a_run_is_found_whole_and_only_phone_numbers_get_a_tel_address(text, run, tel):
    runs = list(find_runs(text))
    assert [r.text for r in runs] == [run]
    assert runs[0].tel == tel


@pytest.mark.parametrize("text", ["år 2026", "21 ديسمبر 2026", "and/or", "t.ex. detta", "SFI 3 dagar"])
def test_a_lone_number_or_a_word_is_not_a_run(text):
    assert list(find_runs(text)) == []


def test_plain_text_gets_unicode_isolates_only_when_it_is_right_to_left():
    text = "اتصل بـ 114 14 أو 1177.se"
    isolated = f"اتصل بـ {LRI}114 14{PDI} أو {LRI}1177.se{PDI}"
    assert isolate_plain_text(text) == isolated
    assert isolate_plain_text(isolated) == isolated  # twice is once
    assert isolate_plain_text("Ring 114 14") == "Ring 114 14"  # would cost a GSM-7 SMS its alphabet
    assert isolate_text("no runs here") == "no runs here"


def test_the_filter_escapes_plain_text_and_links_phone_numbers():
    assert str(isolate_filter("<b>114 14</b>")) == '&lt;b&gt;<a href="tel:11414" dir="ltr">114 14</a>&lt;/b&gt;'


def test_the_filter_leaves_tags_alone_and_never_nests_links():
    html = str(isolate_filter(Markup('<a href="/x">ring 112</a> &amp; 114 14')))
    assert html == '<a href="/x">ring <span dir="ltr">112</span></a> &amp; <a href="tel:11414" dir="ltr">114 14</a>'


def test_a_number_joined_to_an_arabic_letter_is_a_run_but_one_inside_a_latin_code_is_not():
    assert [r.text for r in find_runs("من 9:00 م و8:00 ص")] == ["9:00", "8:00"]
    assert list(find_runs("kod AB12:34")) == []


@pytest.mark.parametrize(
    ("text", "direction"),
    [
        ("SFI متى يبدأ الدرس؟", "rtl"),  # dir="auto" would say ltr from the first letter
        ("BankID لا يعمل", "rtl"),
        ("Jag vill ha SFI på eftermiddagen, شكرا", "ltr"),
        ("Läkarintyget kom 2026-12-01.", "ltr"),
        ("070 123 45 67", "auto"),
        ("", "auto"),
    ],
)
def test_the_direction_of_someones_own_words_goes_by_most_of_their_letters(text, direction):
    assert text_direction(text) == direction


@pytest.mark.parametrize(
    ("text", "runs"),
    [
        ("SFI، أي اللغة السويدية", ["SFI"]),
        ("SFI 3 أيام", ["SFI"]),  # never the number after it
        ("Svenska för invandrare (SFI) هي", ["Svenska för invandrare", "SFI"]),
        ("e-legitimation و Covid-19 و t.ex. هذا", ["e-legitimation", "Covid-19", "t.ex"]),
        ("BankID وSwish", ["BankID", "Swish"]),
        ("مكتب العمل فقط", []),
    ],
)
def test_latin_runs_are_whole_words_joined_by_spaces(text, runs):
    assert [text[start:end] for start, end in latin_runs(text)] == runs


def test_a_right_to_left_sms_line_that_starts_with_a_latin_word_has_that_word_isolated():
    # A phone takes a line's direction from its first letter: "Ankomst" would make it left to right.
    text = "Ankomst: استلمنا اعتراضك D8S3-542N.\nSFI 3 أيام\nJag vill ha SFI, شكرا"
    isolated = isolate_plain_text(text)
    assert isolated == (
        f"{LRI}Ankomst{PDI}: استلمنا اعتراضك {LRI}D8S3-542N{PDI}.\n{LRI}SFI{PDI} 3 أيام\nJag vill ha SFI, شكرا"
    )
    assert isolate_plain_text(isolated) == isolated  # twice is once
    assert isolate_plain_text("Ankomst: ring 114 14") == "Ankomst: ring 114 14"  # Latin text stays GSM-7
