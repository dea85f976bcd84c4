"""'Was this page helpful?': anonymous, without JavaScript, counted per module and language, seen by editors."""

from __future__ import annotations

import pytest
from sqlalchemy import func, inspect, select

from portal.data.feedback import feedback_counts
from portal.extensions import db
from portal.models import PageFeedback, Role
from portal.services.content import sync_from_files
from tests.content_fixtures import small_tree
from tests.factories import create_staff
from tests.helpers import check_page, sign_in_staff


@pytest.fixture
def synced(app, tmp_path):
    sync_from_files(small_tree(tmp_path))


def _count() -> int:
    return db.session.scalar(select(func.count()).select_from(PageFeedback))


@pytest.mark.parametrize("lang", ["sv", "ar", "ti"])
def test_the_module_page_asks_with_two_buttons_in_a_form_with_csrf(client, synced, lang):
    soup = check_page(client.get(f"/info/halsa-och-vard?lang={lang}"), lang=lang)
    form = soup.select_one("form.page-feedback")
    assert form["action"] == "/info/halsa-och-vard/feedback"
    assert sorted(b["value"] for b in form.select("button[name=helpful]")) == ["no", "yes"]


def test_answers_are_counted_per_module_and_language_and_nothing_about_the_reader_is_kept(client, synced):
    client.get("/info/halsa-och-vard?lang=ar")
    for answer in ("yes", "no", "no"):
        response = client.post("/info/halsa-och-vard/feedback", data={"helpful": answer})
        assert response.status_code == 303 and response.location.endswith("/info/halsa-och-vard")
    client.get("/language/en")
    client.post("/info/halsa-och-vard/feedback", data={"helpful": "yes"})
    counts = {(c.module_slug, c.language): (c.helpful, c.not_helpful) for c in feedback_counts()}
    assert counts == {("halsa-och-vard", "ar"): (1, 2), ("halsa-och-vard", "en"): (1, 0)}
    # The table holds the module, the language, the answer and the day: nothing that points to a reader.
    columns = {c["name"] for c in inspect(db.engine).get_columns("page_feedback")}
    assert columns == {"id", "module_slug", "language", "helpful", "answered_on"}
    soup = check_page(client.get("/info/halsa-och-vard"))
    assert soup.select_one(".flash") is not None


@pytest.mark.parametrize(
    ("path", "data", "csrf", "status"),
    [
        ("/info/no-such-module/feedback", {"helpful": "yes"}, True, 404),
        ("/info/halsa-och-vard/feedback", {"helpful": "maybe"}, True, 400),
        ("/info/halsa-och-vard/feedback", {}, True, 400),
        ("/info/halsa-och-vard/feedback", {"helpful": "yes"}, False, 400),
    ],
)
def test_a_bad_answer_is_refused_and_not_counted(client, synced, path, data, csrf, status):
    assert client.post(path, data=data, csrf=csrf).status_code == status
    assert _count() == 0


def test_editors_see_the_counts_with_the_most_unhelpful_first(client, synced, region):
    db.session.add_all(
        [PageFeedback(module_slug="boende", language="so", helpful=False, answered_on=d) for d in _days(3)]
        + [PageFeedback(module_slug="halsa-och-vard", language="ar", helpful=True, answered_on=d) for d in _days(2)]
    )
    db.session.commit()
    sign_in_staff(client, create_staff(region["region"], Role.EDITOR))
    client.get("/language/en")
    soup = check_page(client.get("/editor/feedback"))
    rows = [[td.get_text(" ", strip=True) for td in tr.select("td")] for tr in soup.select("tbody tr")]
    assert [r[2:] for r in rows] == [["0", "3"], ["2", "0"]]
    assert [tr.select_one("td span")["lang"] for tr in soup.select("tbody tr")] == ["so", "ar"]


def _days(n: int):
    from datetime import date, timedelta

    return [date(2026, 12, 1) + timedelta(days=i) for i in range(n)]
