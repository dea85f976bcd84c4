"""The editors' page of searches without a good answer, and adding one as a section question."""

from __future__ import annotations

import pytest

from portal.data.content import get_module, get_pending_draft
from portal.languages import LANGUAGES
from portal.models import Role
from portal.services.search.unanswered import record_unanswered, unanswered_report
from tests.factories import create_staff
from tests.helpers import check_page, sign_in_staff


@pytest.fixture
def regional_editor(client, region, synced):
    staff = create_staff(region["region"], Role.EDITOR)
    sign_in_staff(client, staff)
    return staff


def test_a_search_without_a_good_answer_is_counted_for_editors(client, synced):
    for _ in range(3):
        assert client.get("/info/search?q=zzqq+bostad+ringa+070-1234567&lang=sv").status_code == 200

    (row,) = unanswered_report("sv")
    assert row.count == 3 and "070" not in row.text


def test_editors_see_frequent_queries_and_add_one_as_a_question_in_a_draft(client, regional_editor):
    for _ in range(3):
        record_unanswered("var lagar jag tänderna billigt", "sv")
    record_unanswered("bara en gång", "sv")
    soup = check_page(client.get("/editor/unanswered?lang=sv"))
    assert "var lagar jag tänderna billigt" in soup.get_text() and "bara en gång" not in soup.get_text()
    form = soup.select_one("table form")
    options = [o["value"] for o in form.select("option")]
    assert "halsa-och-vard#tandvard" in options
    response = client.post(form["action"], data={"target": "halsa-och-vard#tandvard"})
    assert response.status_code == 302 and response.location.endswith("/editor/halsa-och-vard/sv")
    draft = get_pending_draft(get_module("halsa-och-vard"), "sv")
    assert "```questions\nVar lagar jag tänderna billigt\n```" in draft.body


def test_only_editors_see_the_page(client, region, synced):
    caseworker = create_staff(region["sodertalje"], Role.CASEWORKER)
    sign_in_staff(client, caseworker)
    assert client.get("/editor/unanswered").status_code == 403


@pytest.mark.parametrize("lang", LANGUAGES, ids=lambda lang: lang.code)
def test_the_page_passes_the_page_checks_in_every_language(client, regional_editor, lang):
    for _ in range(3):
        record_unanswered("var lagar jag tänderna billigt", "sv")
    client.get(f"/language/{lang.code}")
    soup = check_page(client.get("/editor/unanswered"), lang=lang.code)
    assert soup.select_one("table form button")
