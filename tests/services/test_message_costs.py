"""What each automatic SMS costs in each language, counted as the SMS client counts it."""

from __future__ import annotations

import pytest

from portal.clients.sms.segments import count_segments
from portal.languages import CODES
from portal.services.message_costs import message_costs, ucs2_factor


@pytest.fixture
def in_request(app):
    """The labels are in the staff member's language: the costs are built inside a request."""
    with app.test_request_context():
        yield


def test_every_message_is_costed_in_every_language(in_request):
    costs = message_costs()
    assert {m.key for m in costs} == {"reminder", "cannot_come", "objection_received", "reminder_choices"}
    for m in costs:
        assert [r.language for r in m.rows] == list(CODES)
        for r in m.rows:
            info = count_segments(r.text)
            assert (r.encoding, r.segments) == (info.encoding, info.segments)


def test_the_reminder_names_the_place_and_latin_scripts_fit_gsm7_while_others_need_ucs2(in_request):
    reminder = next(m for m in message_costs() if m.key == "reminder")
    by_language = {r.language: r for r in reminder.rows}
    assert all("Storgatan 1" in r.text for r in reminder.rows)
    assert by_language["sv"].encoding == "GSM-7" and by_language["sv"].relative == 1
    for code in ("ar", "fa", "ti", "uk", "ru", "ckb", "ps"):
        assert by_language[code].encoding == "UCS-2"
        assert by_language[code].segments >= by_language["sv"].segments


def test_ucs2_languages_cost_more_on_average(in_request):
    factor = ucs2_factor(message_costs())
    assert factor is not None and factor > 1.5


def test_an_english_or_somali_reminder_is_gsm7_although_cldr_writes_9_00_am_with_a_narrow_space(in_request):
    reminder = next(m for m in message_costs() if m.key == "reminder")
    by_language = {r.language: r for r in reminder.rows}
    for code in ("en", "so"):
        assert by_language[code].encoding == "GSM-7", by_language[code].text
        assert "\u202f" not in by_language[code].text


def test_send_sms_sends_plain_spaces_when_that_makes_the_text_gsm7(app, region):
    from portal.clients.sms import send_sms
    from tests.factories import create_person

    message = send_sms(create_person(region["sodertalje"], language="en"), "SFI at 9:00\u202fAM.", purpose="reminder")
    assert message.body == "SFI at 9:00 AM." and message.encoding == "GSM-7"
    arabic = send_sms(create_person(region["sodertalje"], language="ar"), "الساعة 9:00\u202fص", purpose="reminder")
    assert arabic.encoding == "UCS-2"  # nothing to gain: left as written
