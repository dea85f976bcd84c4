"""Reviewing in the editor, section by section beside the Swedish (issue 16, item 3), and the
Swedish text's readability (item 6)."""

from __future__ import annotations

import pytest

from portal.data.content import get_module, get_published_revision
from portal.models import ReviewStatus
from tests.editor.test_editors_at_work import HEALTH, form_of, signed_in
from tests.helpers import check_page, sign_in_staff

EDIT_AR = f"/editor/{HEALTH}/ar"
REVIEW_AR = f"/editor/{HEALTH}/ar/sections/review"


def review_forms(page) -> list[dict[str, str]]:
    return [
        {i["name"]: i.get("value", "") for i in form.select("input[type=hidden]") if i["name"] != "csrf_token"}
        for form in page.select(f"form[action='{REVIEW_AR}']")
    ]


def test_a_regional_editor_who_is_no_translator_cannot_mark_a_section_reviewed(app, omar):
    client = signed_in(app, omar)
    page = check_page(client.get(EDIT_AR))
    assert page.select(".section-review") and not review_forms(page)  # the status, but no button
    arabic = get_published_revision(get_module(HEALTH), "ar")
    sv = get_published_revision(get_module(HEALTH), "sv")
    form = {"anchor": "vardcentral", "revision_id": str(arabic.id), "source_revision": sv.body_revision}
    assert client.post(REVIEW_AR, data=form).status_code == 403
    assert not check_page(client.get(EDIT_AR)).select(".section-review.review-reviewed")


def test_a_translator_reviews_each_section_and_the_reader_sees_the_date(app, rania):
    client = signed_in(app, rania)
    forms = review_forms(check_page(client.get(EDIT_AR)))
    assert [f["anchor"] for f in forms] == ["#head", "", "vardcentral", "tandvard"]
    for form in forms:
        response = client.post(REVIEW_AR, data=form)
        assert response.status_code == 302 and "#review-" in response.location
    page = check_page(client.get(EDIT_AR))
    assert len(page.select(".section-review.review-reviewed")) == 4 and not review_forms(page)
    assert "Rania Översättare" in page.select_one(".section-review").get_text()
    assert get_published_revision(get_module(HEALTH), "ar").review_status == ReviewStatus.REVIEWED

    reader = app.test_client()
    soup = check_page(reader.get(f"/info/{HEALTH}?lang=ar"), lang="ar")
    assert soup.select_one(".checked-notice") is not None and soup.select_one(".notice") is None
    # English is "reviewed" only in its file, by nobody named: no date is claimed.
    assert check_page(reader.get(f"/info/{HEALTH}?lang=en")).select_one(".checked-notice") is None


def test_the_swedish_editor_shows_lix_per_section_and_warns_over_40(app, omar):
    client = signed_in(app, omar)
    page = check_page(client.get(f"/editor/{HEALTH}/sv"))
    rows = page.select(".readability tbody tr")
    assert len(rows) == 3 and not page.select(".readability .notice")
    hard = (
        "Etableringsersättningen utbetalas månadsvis av Försäkringskassan under förutsättning att "
        "deltagandet i etableringsprogrammet fullgörs enligt den fastställda planeringen."
    )
    form = form_of(client.get(f"/editor/{HEALTH}/sv"))
    form["body"] = form["body"].replace("Barn får tandvård utan kostnad.", hard)
    preview = check_page(client.post(f"/editor/{HEALTH}/sv", data={**form, "preview": "1"}))
    assert preview.select_one(".readability .notice") is not None
    assert [r.th.get_text() for r in preview.select(".readability tr.too-hard")] == ["Tandvård"]
    assert not check_page(client.get(EDIT_AR)).select(".readability")  # the Swedish source only


def test_the_demo_translator_reviews_arabic_and_nothing_else(app, synced):
    from sqlalchemy import select

    from portal.extensions import db
    from portal.models import StaffUser
    from portal.services.demo import DEMO_PASSWORD, seed, staff_email

    seed()
    translator = db.session.scalar(select(StaffUser).where(StaffUser.email == staff_email("oversattare.arabiska")))
    client = app.test_client()
    sign_in_staff(client, translator, password=DEMO_PASSWORD)
    for form in review_forms(check_page(client.get(EDIT_AR))):
        assert client.post(REVIEW_AR, data=form).status_code == 302
    assert check_page(app.test_client().get(f"/info/{HEALTH}?lang=ar")).select_one(".checked-notice")
    assert not check_page(client.get(f"/editor/{HEALTH}/en")).select(".section-review form")  # one language only


@pytest.mark.parametrize(
    ("old", "new", "told"),
    [
        ("Ring 1177 för råd.", "Ring 1177 eller 112 för råd.", True),  # a number
        ("laga dina tänder", "laga tänderna", False),  # wording only
    ],
)
def test_a_swedish_editor_is_told_when_a_minor_change_touches_a_number(app, omar, old, new, told):
    client = signed_in(app, omar)
    form = form_of(client.get(f"/editor/{HEALTH}/sv"))
    form.update(body=form["body"].replace(old, new), minor="y", publish="1")
    response = client.post(f"/editor/{HEALTH}/sv", data=form, follow_redirects=True)
    assert get_published_revision(get_module(HEALTH), "sv").minor
    flashes = " ".join(f.get_text() for f in check_page(response).select(".flash"))
    assert ("översättare har kontrollerat" in flashes) == told
