"""The access log and every other log of a real server, driven through each route family, holds no
phone number (in any spelling), sign-in code, calendar token, conversation id or search text.

The portal is served by Werkzeug's own server on a free port (as `flask run` serves it), so the
access log lines are the real ones, made by the server, not by the test client.
"""

from __future__ import annotations

import logging
import os
import stat

import pytest
import requests

from portal.services import calendar_feed
from testkit.stack import serve_app
from tests.factories import create_conversation, create_person
from tests.servers import sign, sms_params

PHONE = "+46701740003"
SPELLINGS = [
    PHONE,
    "%2B46701740003",
    "46701740003",
    "0701740003",
    "070-174%2000%2003",
    "070-174 00 03",
    "070+174+00+03",
    "0046701740003",
    "+46 70 174 00 03",
]
# What a log may not contain, whatever the spelling above it came in.
FRAGMENTS = ["701740003", "70174", "174 00 03", "174%2000", "174+00", "174-00"]
QUESTION = "Hur ansöker jag om bostadsbidrag hos Försäkringskassan"
# Record attributes that are clock readings and ids of the process, never request data: a run that
# reached a log line 70.174 s after start had "70174" in relativeCreated, and failed on it.
CLOCK_AND_PROCESS = {"created", "msecs", "relativeCreated", "thread", "threadName", "process", "processName"}


class _Client(requests.Session):
    """A requests session whose calls time out (nothing here should take long)."""

    def request(self, *args, **kwargs):
        kwargs.setdefault("timeout", 30)
        return super().request(*args, **kwargs)


@pytest.fixture
def served(app):
    server = serve_app(app)
    yield server.url
    server.stop()


@pytest.fixture
def newcomer(region):
    return create_person(region["sodertalje"], phone=PHONE, language="sv")


def _drive_every_route_family(app, base: str, newcomer, token: str, cid: str) -> None:
    web, bot, twilio = _Client(), _Client(), _Client()
    bot.headers["Authorization"] = f"Bearer {app.config['INTERNAL_API_TOKEN']}"
    for spelling in SPELLINGS:
        web.get(f"{base}/info/search?q={spelling}")
        web.get(f"{base}/info/boende?q={spelling}&lang=sv")
        web.get(f"{base}/signin?next=/plan%3Fphone%3D{spelling}")
        web.get(f"{base}/people/{spelling}")  # a 404 with a number in the path
        web.get(f"{base}/api/v1/modules?q={spelling}")
        bot.get(f"{base}/internal/v1/search?q={spelling}&lang=sv")
        web.get(f"{base}/dev/sms?phone={spelling}")
    web.get(f"{base}/info/search", params={"q": QUESTION})
    bot.get(f"{base}/internal/v1/search", params={"q": QUESTION, "lang": "sv"})
    web.get(f"{base}/language/ru?next=/search%3Fq%3D{PHONE}")
    # Sign-in: the number and the code travel in form bodies, which are never logged.
    web.get(f"{base}/signin")
    web.post(f"{base}/signin", data={"phone": "070-174 00 03"})
    web.post(f"{base}/signin/code", data={"code": "123456"})
    # Secret paths.
    web.get(f"{base}/calendar/{token}.ics")
    web.get(f"{base}/calendar/{token}.ics?download=1")
    for path in ("", "/plan", "/schedule?days=7", "/next-activity", "/objections", "/objections/K7QX-3M2A"):
        bot.get(f"{base}/internal/v1/conversations/{cid}{path}")
    bot.post(f"{base}/internal/v1/conversations/{cid}/handoff", json={"note": QUESTION})
    # Twilio's webhooks, signed for the server's own URL.
    params = sms_params(PHONE, QUESTION)
    url = f"{base}/webhooks/twilio/sms"
    twilio.post(url, data=params, headers={"X-Twilio-Signature": sign(url, params)})
    twilio.post(url, data=params, headers={"X-Twilio-Signature": "forged"})
    status = {"MessageSid": params["MessageSid"], "MessageStatus": "delivered", "To": PHONE}
    status_url = f"{base}/webhooks/twilio/status?sms=1&to={PHONE}"
    twilio.post(status_url, data=status, headers={"X-Twilio-Signature": sign(status_url, status)})


@pytest.mark.usefixtures("fake_rasa")
def test_no_route_family_leaves_personal_data_in_the_logs(app, served, newcomer, caplog):
    token = calendar_feed.create_feed(newcomer)
    cid = create_conversation(channel="sms", person=newcomer).public_id
    caplog.set_level(logging.DEBUG)
    _drive_every_route_family(app, served, newcomer, token, cid)

    text = caplog.text + "\n".join(
        str({key: value for key, value in record.__dict__.items() if key not in CLOCK_AND_PROCESS})
        for record in caplog.records
    )
    access = [r.getMessage() for r in caplog.records if r.name == "werkzeug"]
    assert len(access) > 60, "the server's access log should have a line per request"
    assert any("/calendar/[token].ics" in line for line in access)
    assert any("/internal/v1/conversations/[id]/plan" in line for line in access)
    assert any('"GET /info/search?… HTTP/1.1" 200' in line for line in access)
    leaks = [s for s in [*SPELLINGS, *FRAGMENTS, token, cid, "123456"] if s in text]
    assert not leaks, f"found in the logs: {leaks}"
    for word in ("ansöker", "bostadsbidrag", "Försäkringskassan", "ans%C3%B6ker"):
        assert word not in text, word


def test_the_sqlite_database_file_is_readable_by_its_owner_only(tmp_path):
    from portal import create_app
    from tests.conftest import _config_dict

    path = tmp_path / "ankomst.sqlite"
    path.touch(mode=0o644)
    os.chmod(path, 0o644)  # an older file, made before this rule
    create_app({**_config_dict(), "SQLALCHEMY_DATABASE_URI": f"sqlite:///{path}"})
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    fresh = tmp_path / "new.sqlite"
    create_app({**_config_dict(), "SQLALCHEMY_DATABASE_URI": f"sqlite:///{fresh}"})
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o600
