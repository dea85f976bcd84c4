"""SMS segments (GSM-7 or UCS-2) and replies made fit for SMS."""

from __future__ import annotations

import pytest

from portal.channels.sms_text import fit_sms, plain_punctuation, short_links
from portal.clients.sms.segments import count_segments


@pytest.mark.parametrize(
    ("text", "encoding", "units", "segments"),
    [
        ("Hej! Välkommen till SFI på måndag.", "GSM-7", 34, 1),
        ("Åsa, Örjan och Ärlig", "GSM-7", 20, 1),
        ("a" * 160, "GSM-7", 160, 1),
        ("a" * 161, "GSM-7", 161, 2),
        ("å" * 306, "GSM-7", 306, 2),
        ("å" * 307, "GSM-7", 307, 3),
        ("Pris: 100 €", "GSM-7", 12, 1),  # the euro sign is an escape: two septets
        ("[" * 80, "GSM-7", 160, 1),
        ("[" * 81, "GSM-7", 162, 2),
        ("مرحبا بك في السويد", "UCS-2", 18, 1),
        ("م" * 70, "UCS-2", 70, 1),
        ("م" * 71, "UCS-2", 71, 2),
        ("م" * 134, "UCS-2", 134, 2),
        ("م" * 135, "UCS-2", 135, 3),
        ("Don’t forget SFI on Monday", "UCS-2", 26, 1),  # one curly quote switches the text
        ("Don't forget SFI on Monday", "GSM-7", 26, 1),
        ("ሰላም", "UCS-2", 3, 1),
        ("Привет", "UCS-2", 6, 1),
        ("👍", "UCS-2", 2, 1),  # outside the BMP: two UTF-16 units
    ],
)
def test_segments_are_counted_as_the_network_counts_them(text, encoding, units, segments):
    info = count_segments(text)
    assert (info.encoding, info.units, info.segments) == (encoding, units, segments)


def test_one_curly_quote_more_than_doubles_the_cost_of_a_long_swedish_text():
    text = "Kom ihåg att ta med ditt id-kort och ditt beslut från Migrationsverket till SFI-skolan på måndag. " * 3
    assert count_segments(text).segments == 2
    assert count_segments(text.replace("id-kort", "”id-kort”")).segments == 5


def test_typographic_punctuation_becomes_plain_when_that_keeps_gsm7():
    assert plain_punctuation("Don’t – really…") == "Don't - really..."
    # In an Arabic text it changes nothing: the text is UCS-2 anyway.
    assert plain_punctuation("لا تنسى “SFI”") == "لا تنسى “SFI”"


def test_replies_are_joined_into_one_text():
    assert fit_sms(["Hej!", "  ", "Vad vill du veta?"]) == "Hej!\nVad vill du veta?"


def test_portal_links_become_short_and_other_links_stay():
    base = "https://www.ankomst.example.se"
    text = "Läs /info/boende#hyra eller https://ankomst.example.se/plan?x=1 och https://1177.se/akut."
    assert short_links(text, base) == (
        "Läs ankomst.example.se/info/boende#hyra eller ankomst.example.se/plan?x=1 och https://1177.se/akut."
    )
    assert short_links("Läs /plan", None) == "Läs /plan"


@pytest.mark.parametrize("segments", [1, 2, 3])
def test_a_long_reply_is_cut_at_sentence_ends_to_the_segment_cap(segments):
    sentences = [f"Mening nummer {n} handlar om boende i Södertälje." for n in range(1, 30)]
    text = fit_sms([" ".join(sentences)], max_segments=segments)
    info = count_segments(text)
    assert info.segments <= segments and info.encoding == "GSM-7"
    assert text.endswith("Södertälje.")
    assert text.startswith("Mening nummer 1 ")
    # As many whole sentences as fit: one more would not.
    kept = text.count("Mening")
    assert count_segments(" ".join(sentences[: kept + 1])).segments > segments


def test_a_cut_arabic_reply_stays_within_three_ucs2_segments_and_keeps_its_link():
    body = "هذه جملة طويلة عن الخدمات الصحية في السويد. " * 8
    text = fit_sms([body, "اقرأ المزيد: /info/halsa-och-vard"], public_base_url="https://ankomst.se")
    info = count_segments(text)
    assert info.encoding == "UCS-2" and info.segments == 3
    assert text.endswith("اقرأ المزيد: \u2066ankomst.se/info/halsa-och-vard\u2069")
    assert text.startswith("هذه جملة طويلة")


def test_a_single_sentence_too_long_is_cut_at_a_word_with_an_ellipsis():
    text = fit_sms(["ord " * 200], max_segments=1)
    assert text.endswith("...") and count_segments(text).segments == 1 and count_segments(text).encoding == "GSM-7"
    arabic = fit_sms(["كلمة " * 200], max_segments=2)
    assert arabic.endswith("…") and count_segments(arabic).segments == 2


def test_cldr_thin_and_narrow_spaces_become_plain_when_that_keeps_gsm7():
    # English CLDR time range: narrow no-break spaces before AM/PM, thin spaces round the dash.
    text = "Friday: 9:00\u202fAM\u2009–\u200912:00\u202fPM SFI"
    assert plain_punctuation(text) == "Friday: 9:00 AM - 12:00 PM SFI"
    assert count_segments(fit_sms([text])).encoding == "GSM-7"


@pytest.mark.parametrize(
    "abbreviated",
    [
        "ዓርቢ 9:00 ቅ.ቀ. – 12:00 ድ.ቀ.: SFI, Komvux Södertälje",  # Tigrinya a.m. and p.m.
        "Ta med t.ex. ditt id-kort och beslutet från Migrationsverket till SFI-skolan på måndag",
        "Kom kl. 9 till Storgatan 1 i Södertälje och fråga efter din handläggare på jobbtorget",
    ],
)
def test_a_dot_in_an_abbreviation_does_not_end_a_sentence(abbreviated):
    # A long text is cut at sentence ends; an abbreviation must never be one.
    text = "\n".join([abbreviated] * 12)
    fitted = fit_sms([text], max_segments=3)
    assert all(line == abbreviated for line in fitted.splitlines()), fitted


def test_an_arabic_reply_gets_unicode_isolates_inside_its_budget():
    text = fit_sms(["اتصل بالشرطة على 114 14 أو اقرأ 1177.se"])
    assert text == "اتصل بالشرطة على \u2066114 14\u2069 أو اقرأ \u20661177.se\u2069"
    long_reply = "م" * 190 + " 114 14"  # 197 characters: three segments once isolated, not two
    assert count_segments(fit_sms([long_reply], max_segments=3)).segments == 3
    two = fit_sms([long_reply], max_segments=2)
    assert count_segments(two).segments == 2 and two.count("\u2066") == two.count("\u2069")


def test_a_swedish_reply_stays_gsm7_without_isolates():
    text = fit_sms(["Ring polisen på 114 14."])
    assert text == "Ring polisen på 114 14." and count_segments(text).encoding == "GSM-7"
