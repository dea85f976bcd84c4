"""No phone number, code or message body ever reaches the logs."""

from __future__ import annotations

import logging

import pytest

from portal.logs import install_redaction, redact
from tests.factories import create_person
from tests.helpers import code_from_outbox


@pytest.fixture(autouse=True)
def redaction_installed():
    # The app factory installs it once per process; a test that logs without building an app
    # first (random order) must not depend on another test having built one.
    install_redaction()


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


@pytest.mark.parametrize(
    "spelling",
    [
        "+46701740003",
        "%2B46701740003",
        "%2b46701740003",
        "46701740003",
        "0046701740003",
        "0701740003",
        "070-174 00 03",
        "070-174%2000%2003",
        "070+174+00+03",
        "+46 70 174 00 03",
        "701740003",
    ],
)
def test_a_phone_number_is_redacted_in_every_spelling(spelling):
    line = f'127.0.0.1 - - "GET /x HTTP/1.1" 200 - number={spelling} end'
    assert "[phone]" in redact(line)
    assert "74" not in redact(line).replace("[phone]", "")


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ('"GET /search?q=bostadsbidrag+hos+kassan HTTP/1.1" 200 -', '"GET /search?… HTTP/1.1" 200 -'),
        ('"GET /calendar/Zk3-_a9bQ.ics HTTP/1.1" 200 -', '"GET /calendar/[token].ics HTTP/1.1" 200 -'),
        ('"GET /calendar/Zk3-_a9bQ/add?lang=uk HTTP/1.1" 200 -', '"GET /calendar/[token]/add?… HTTP/1.1" 200 -'),
        ("GET /internal/v1/conversations/aB3_x-9Qz/plan", "GET /internal/v1/conversations/[id]/plan"),
        ("https://ankomst.se/signin?next=/plan", "https://ankomst.se/signin?…"),
        ('"POST /signin HTTP/1.1" 302 51200', '"POST /signin HTTP/1.1" 302 51200'),
        ("published 2026-12-07 at 10:00", "published 2026-12-07 at 10:00"),
        ("from 192.168.100.200:5000", "from 192.168.100.200:5000"),
    ],
)
def test_redact_masks_queries_and_secret_path_segments_and_nothing_else(line, expected):
    assert redact(line) == expected


def test_string_extras_are_redacted_for_handlers_added_later(caplog):
    caplog.set_level(logging.INFO)
    logging.getLogger("ankomst.late").info("portal error", extra={"path": "/internal/v1/conversations/aB3x9/plan"})
    assert caplog.records[-1].path == "/internal/v1/conversations/[id]/plan"


def test_gunicorn_style_access_lines_with_dict_arguments_are_redacted(caplog):
    caplog.set_level(logging.INFO)
    atoms = {"h": "10.0.0.1", "r": "GET /search?q=%2B46701740003 HTTP/1.1", "s": "200", "b": "5120"}
    logging.getLogger("gunicorn.access").info('%(h)s "%(r)s" %(s)s %(b)s', atoms)
    assert caplog.records[-1].getMessage() == '10.0.0.1 "GET /search?… HTTP/1.1" 200 5120'
