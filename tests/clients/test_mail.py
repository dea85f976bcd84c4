"""The mail client: the local outbox by default, SMTP behind the same call, a refusal recorded."""

from __future__ import annotations

import smtplib

import pytest

from portal.clients.mail import send_mail
from portal.clients.mail.smtp import SmtpMailClient
from portal.models import Role
from tests.factories import create_staff


class FakeSmtp:
    """Stands in for smtplib.SMTP: records what would go over the wire, or refuses."""

    sent: list = []
    refuse = False

    def __init__(self, host, port, timeout):
        self.host, self.port = host, port
        self.tls = False

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def starttls(self, context):
        self.tls = True

    def login(self, user, password):
        self.user = user

    def send_message(self, email):
        if FakeSmtp.refuse:
            raise smtplib.SMTPRecipientsRefused({email["To"]: (550, b"no such user")})
        FakeSmtp.sent.append((self, email))


@pytest.fixture
def smtp(config, monkeypatch):
    monkeypatch.setattr(smtplib, "SMTP", FakeSmtp)
    FakeSmtp.sent, FakeSmtp.refuse = [], False
    config.update(MAIL_BACKEND="smtp", MAIL_SMTP_HOST="mail.example.se", MAIL_SMTP_USERNAME="ankomst")
    return FakeSmtp


def test_mail_stays_in_the_local_outbox_by_default(app, region):
    staff = create_staff(region["sodertalje"], Role.CASEWORKER)
    message = send_mail(staff, "Ankomst: test", "Hello")
    assert message.backend == "outbox" and message.status == "delivered" and message.to_address == staff.email


def test_smtp_sends_over_starttls_with_the_configured_sender(app, region, smtp):
    staff = create_staff(region["sodertalje"], Role.CASEWORKER)
    message = send_mail(staff, "Ankomst: test", "Hello")
    ((server, email),) = smtp.sent
    assert server.host == "mail.example.se" and server.port == 587 and server.tls and server.user == "ankomst"
    assert email["To"] == staff.email and email["From"] == app.config["MAIL_FROM"]
    assert email.get_content().strip() == "Hello"
    assert message.backend == "smtp" and message.status == "sent"


def test_a_refused_mail_is_recorded_as_failed_not_raised(app, region, smtp):
    smtp.refuse = True
    staff = create_staff(region["sodertalje"], Role.CASEWORKER)
    message = send_mail(staff, "Ankomst: test", "Hello")
    assert message.status == "failed" and message.error_code == "SMTPRecipientsRefused"


def test_smtp_needs_a_host():
    with pytest.raises(ValueError, match="MAIL_SMTP_HOST"):
        SmtpMailClient.from_config({"MAIL_SMTP_HOST": None})
