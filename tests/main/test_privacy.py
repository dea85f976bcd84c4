"""The privacy notice: what is kept, why and for how long, in every language, linked from every page."""

from __future__ import annotations

from datetime import timedelta

import pytest

from portal.languages import LANGUAGES
from tests.factories import create_person
from tests.helpers import check_page, sign_in_newcomer


@pytest.fixture
def periods(config):
    """RETENTION_PERIODS for one test (restored afterwards)."""
    config["RETENTION_PERIODS"] = dict(config["RETENTION_PERIODS"])  # a copy: the class attribute stays as it is
    return config["RETENTION_PERIODS"]


def _period_text(soup, item_id: str) -> str:
    return soup.find(id=item_id).find("bdi").get_text()


@pytest.mark.parametrize("lang", LANGUAGES, ids=lambda lang: lang.code)
def test_the_privacy_notice_renders_in_every_language(client, lang):
    soup = check_page(client.get(f"/privacy?lang={lang.code}"), lang=lang.code)
    links = {a["href"] for a in soup.find("main").find_all("a")}
    assert {"/my-data", "/my-data.json", "https://www.imy.se/"} <= links
    assert "730" in _period_text(soup, "retain-audit") and "90" in _period_text(soup, "retain-message-bodies")


def test_the_notice_shows_the_periods_the_retention_job_uses(client, periods):
    periods["message_bodies"] = timedelta(days=45)
    periods["audit"] = timedelta(days=400)
    soup = check_page(client.get("/privacy?lang=en"))
    assert _period_text(soup, "retain-message-bodies") == "45 days"
    assert _period_text(soup, "retain-audit") == "400 days"
    assert _period_text(soup, "retain-signin-codes") == "1 day"


def test_a_period_in_a_right_to_left_language_is_isolated_from_the_sentence(client, periods):
    periods["audit"] = timedelta(days=400)
    soup = check_page(client.get("/privacy?lang=ar"), lang="ar")
    assert "400" in _period_text(soup, "retain-audit")


@pytest.mark.parametrize("path", ["/", "/language", "/signin", "/info/", "/does-not-exist"])
def test_every_page_links_to_the_privacy_notice(client, path):
    soup = check_page(client.get(path))
    assert soup.find("footer").find("a", href="/privacy"), path


def test_a_signed_in_newcomer_sees_the_link_on_their_plan(client, region):
    sign_in_newcomer(client, create_person(region["botkyrka"]))
    soup = check_page(client.get("/plan"))
    assert soup.find("footer").find("a", href="/privacy")
