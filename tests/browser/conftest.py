"""Real-browser fixtures: the app served on a free port, and Debian's Chromium via Playwright.

Chromium comes from Debian (`make system-deps`); Playwright never downloads a browser here.
"""

from __future__ import annotations

import os
import shutil
import threading
from pathlib import Path

import pytest
from werkzeug.serving import make_server

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
PHONE = {"width": 360, "height": 640}
# Chromium as root, headless, with no background traffic to hosts this machine cannot reach.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def live_server(_app_session):
    server = make_server("127.0.0.1", 0, _app_session, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}; run `make system-deps`")
    with sync_playwright() as pw:
        instance = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture(params=[True, False], ids=["js", "nojs"])
def page(request, browser, live_server, app):
    """A phone-sized page; every browser test runs with JavaScript on and off."""
    context = browser.new_context(
        viewport=PHONE, java_script_enabled=request.param, base_url=live_server, locale="sv-SE"
    )
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def phone_page(browser, live_server, app):
    """A phone-sized page with JavaScript on (for axe, which runs as a script)."""
    context = browser.new_context(viewport=PHONE, base_url=live_server)
    page = context.new_page()
    yield page
    context.close()


def screenshot(page, name: str) -> Path:
    """Keep a screenshot as a test artefact (test-artifacts/screenshots/)."""
    folder = ARTIFACTS / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def sign_in_newcomer_in_browser(page, person) -> None:
    """Sign in through the real form, reading the code from the outbox."""
    from tests.helpers import code_from_outbox

    page.goto("/signin")
    page.locator("#phone").fill(person.phone)
    page.locator("main button[type=submit]").click()
    page.locator("#code").fill(code_from_outbox(person.phone))
    page.locator("main button[type=submit]").click()
    page.wait_for_url(lambda url: "/signin" not in url)


def sign_in_staff_in_browser(page, staff, password: str | None = None) -> None:
    """Sign in with password and the current TOTP code."""
    import pyotp

    from tests.factories import PASSWORD

    page.goto("/staff/signin")
    page.locator("#email").fill(staff.email)
    page.locator("#password").fill(password or PASSWORD)
    page.locator("main button[type=submit]").click()
    page.locator("#code").fill(pyotp.TOTP(staff.totp_secret).now())
    page.locator("main button[type=submit]").click()
    page.wait_for_url(lambda url: "/signin" not in url)
