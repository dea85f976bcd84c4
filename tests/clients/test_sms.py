"""send_sms: numbers in an Arabic-script SMS are isolated, and counted, when it costs nothing more."""

from __future__ import annotations

from portal.clients.sms import send_sms
from tests.factories import create_person


def test_an_arabic_sms_gets_isolated_numbers_and_the_recorded_count_includes_them(app, db, region):
    person = create_person(region["botkyrka"], language="ar")
    sms = send_sms(person, "اتصل بالشرطة على 114 14.")
    assert sms.body == "اتصل بالشرطة على \u2066114 14\u2069." and sms.encoding == "UCS-2"


def test_a_swedish_sms_stays_gsm7(app, db, region):
    person = create_person(region["botkyrka"], language="ar")
    sms = send_sms(person, "Ring polisen på 114 14.")
    assert sms.body == "Ring polisen på 114 14." and sms.encoding == "GSM-7"


def test_isolates_that_would_cost_another_segment_are_left_out(app, db, region):
    person = create_person(region["botkyrka"], language="ar")
    body = "م" * 63 + " 114 14"  # 70 UCS-2 units: one segment, two more would make two
    assert send_sms(person, body).body == body
