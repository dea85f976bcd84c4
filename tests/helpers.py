"""Shared test helpers: the page checker and sign-in shortcuts."""

from __future__ import annotations

from collections import Counter

import pyotp
from bs4 import BeautifulSoup
from sqlalchemy import select

from portal.extensions import db
from portal.languages import get_language
from portal.models import Person, SmsMessage, StaffUser
from tests.factories import PASSWORD


def check_page(response, *, lang: str | None = None) -> BeautifulSoup:
    """Parse HTML and check what every page must have; return the soup for further checks."""
    assert response.mimetype == "text/html", response.mimetype
    soup = BeautifulSoup(response.get_data(as_text=True), "html.parser")
    html = soup.find("html")
    assert html is not None
    code = html.get("lang")
    language = get_language(code)
    assert language is not None, f"unknown lang attribute {code!r}"
    if lang is not None:
        assert code == lang, f"page is in {code}, expected {lang}"
    assert html.get("dir") == language.direction
    title = soup.find("title")
    assert title is not None and title.get_text(strip=True), "page has no title"
    h1 = soup.find_all("h1")
    assert len(h1) == 1, f"expected one h1, found {len(h1)}"
    ids = [el["id"] for el in soup.find_all(id=True)]
    duplicates = [i for i, n in Counter(ids).items() if n > 1]
    assert not duplicates, f"duplicate ids: {duplicates}"
    for form in soup.find_all("form"):
        if (form.get("method") or "get").lower() == "post":
            assert form.find("input", attrs={"name": "csrf_token"}), f"form without CSRF token: {form.get('action')}"
    for field in soup.find_all(["input", "select", "textarea"]):
        if field.get("type") in ("hidden", "submit", "button"):
            continue
        fid = field.get("id")
        labelled = (
            (fid and soup.find("label", attrs={"for": fid})) or field.get("aria-label") or field.find_parent("label")
        )
        assert labelled, f"field without label: {field}"
    for table in soup.find_all("table"):
        # A table wider than a phone must scroll inside a region a keyboard can reach (WCAG 2.1.1),
        # named by something on the page; the table itself keeps its table semantics.
        region = table.find_parent("div", class_="table-scroll")
        assert region is not None and region.get("tabindex") == "0" and region.get("role") == "region", (
            f"table outside a focusable scroll region: {table.caption}"
        )
        names = (region.get("aria-labelledby") or "").split()
        assert names and all(soup.find(id=name) for name in names), f"scroll region without a name: {names}"
    return soup


def last_sms_to(phone: str) -> SmsMessage | None:
    return db.session.scalar(
        select(SmsMessage).where(SmsMessage.to_number == phone).order_by(SmsMessage.id.desc()).limit(1)
    )


def code_from_outbox(phone: str) -> str:
    message = last_sms_to(phone)
    assert message is not None, "no SMS in the outbox"
    return "".join(ch for ch in message.body if ch.isdigit())[:6]


def sign_in_newcomer(client, person: Person) -> None:
    response = client.post("/signin", data={"phone": person.phone})
    assert response.status_code == 302, response.status_code
    response = client.post("/signin/code", data={"code": code_from_outbox(person.phone)})
    assert response.status_code == 302 and "/signin" not in response.location


def sign_in_staff(client, staff: StaffUser, password: str = PASSWORD) -> None:
    response = client.post("/staff/signin", data={"email": staff.email, "password": password})
    assert response.status_code == 302 and response.location.endswith("/staff/signin/totp"), response.location
    response = client.post("/staff/signin/totp", data={"code": pyotp.TOTP(staff.totp_secret).now()})
    assert response.status_code == 302 and "/signin" not in response.location, response.location


class AppConfig:
    """The shared app's config for one test: `config["KEY"] = value` or `config.update(KEY=value)`.

    Every test in a worker shares one app, so a value assigned straight into app.config stays for
    the tests after it (and random order makes that a flaky failure somewhere else). Each value set
    here goes through monkeypatch, which puts the old value back, or removes a new key, after the test.
    """

    def __init__(self, app, monkeypatch) -> None:
        self._app = app
        self._monkeypatch = monkeypatch

    def __getitem__(self, key: str):
        return self._app.config[key]

    def __setitem__(self, key: str, value) -> None:
        self._monkeypatch.setitem(self._app.config, key, value)

    def update(self, **values) -> None:
        for key, value in values.items():
            self[key] = value
