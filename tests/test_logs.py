"""No phone number, code or message body ever reaches the logs."""

from __future__ import annotations

import logging

from portal.logs import redact
from tests.factories import create_person
from tests.helpers import code_from_outbox


def test_a_whole_sign_in_leaves_no_number_or_code_in_the_logs(client, region, caplog):
    person = create_person(region["botkyrka"], phone="+46701234567", language="so")
    caplog.set_level(logging.DEBUG)
    client.post("/signin", data={"phone": "070-123 45 67"})
    code = code_from_outbox(person.phone)
    client.post("/signin/code", data={"code": "999999" if code != "999999" else "111111"})
    client.post("/signin/code", data={"code": code})
    client.post("/signin", data={"phone": "0709998877"})
    text = caplog.text + " ".join(str(r.__dict__) for r in caplog.records)
    assert caplog.records, "the sign-in should log something"
    for secret in ("+46701234567", "0701234567", "070-123 45 67", "701234567", code, "0709998877"):
        assert secret not in text


def test_logging_an_sms_body_or_number_by_mistake_is_redacted(caplog):
    caplog.set_level(logging.INFO)
    log = logging.getLogger("ankomst.test")
    log.info("sending to %s: %s", "+46 70 123 45 67", "Your code is 482913")
    log.info("reply", extra={"body": "Salaam, waxaan rabaa", "to": "+46701234567"})
    text = caplog.text + " ".join(str(r.__dict__) for r in caplog.records)
    assert "482913" not in text and "123 45 67" not in text
    assert "Salaam" not in text and "+46701234567" not in text


def test_redact_leaves_ordinary_text_alone():
    assert redact("plan 12 updated in 2026") == "plan 12 updated in 2026"
