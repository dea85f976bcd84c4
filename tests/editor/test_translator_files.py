"""Files for translators in the editor (issue 16): the PO download, the glossary, and the Swedish
sentences changed since a translation was made, in the side-by-side view."""

from __future__ import annotations

import io

import pytest
from babel.messages.pofile import read_po

from portal.data.content import get_module, get_published_revision
from portal.extensions import db
from portal.models import Role
from portal.services.content import sync_from_files
from portal.services.content.translation_memory import changed_sentences_by_section, reviewed_memory
from tests.content_fixtures import SV_HEALTH, small_tree
from tests.factories import create_staff
from tests.helpers import check_page, sign_in_staff

HEALTH = "halsa-och-vard"
CHANGED = SV_HEALTH.replace("Barn får tandvård utan kostnad.", "Barn och unga får tandvård utan kostnad.")


@pytest.fixture
def editor(client, region, app, tmp_path):
    sync_from_files(small_tree(tmp_path))
    region["region"].source_approval_required = False
    db.session.commit()
    staff = create_staff(region["region"], Role.EDITOR)
    sign_in_staff(client, staff)
    return staff


def _publish_swedish(client, body: str) -> None:
    response = client.post(
        f"/editor/{HEALTH}/sv",
        data={
            "title": "Hälsa och vård",
            "summary": "Så får du vård.",
            "body": body,
            "review_status": "unreviewed-draft",
            "publish": "1",
        },
    )
    assert response.status_code == 302


def test_the_side_by_side_view_marks_exactly_the_changed_swedish_sentence(client, editor):
    _publish_swedish(client, CHANGED)
    soup = check_page(client.get(f"/editor/{HEALTH}/en"))
    marked = soup.select(".sentence-changes li")
    assert len(marked) == 1
    assert marked[0].find("del").get_text() == "Barn får tandvård utan kostnad."
    assert marked[0].find("ins").get_text() == "Barn och unga får tandvård utan kostnad."
    assert "Children get dental care free of charge." in marked[0].get_text()


def test_a_current_translation_has_no_sentence_to_translate_again(client, editor):
    soup = check_page(client.get(f"/editor/{HEALTH}/en"))
    assert soup.select(".sentence-changes") == []
    assert soup.select_one(f'a[href="/editor/{HEALTH}/en/translation.po"]') is not None


def test_the_po_download_has_the_changed_sentence_fuzzy_with_the_old_swedish(client, editor):
    _publish_swedish(client, CHANGED)
    response = client.get(f"/editor/{HEALTH}/en/translation.po")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"] == f'attachment; filename="{HEALTH}.en.po"'
    text = response.get_data(as_text=True)
    assert '#| msgid "Barn får tandvård utan kostnad."' in text
    catalog = read_po(io.BytesIO(response.data))
    assert [m.context for m in catalog if m.id and m.fuzzy] == ["tandvard/0.1"]


def test_a_reviewed_translation_of_a_sentence_is_offered_again_where_the_swedish_repeats_it(editor, client):
    module = get_module(HEALTH)
    assert reviewed_memory(module, "en")["Ring 1177 för råd."] == "Call 1177 for advice."
    assert "Ring 1177 för råd." not in reviewed_memory(module, "ar")  # the Arabic is not reviewed
    _publish_swedish(client, SV_HEALTH + "\n## Akut {#akut}\n\nRing 1177 för råd.\n")
    catalog = read_po(io.BytesIO(client.get(f"/editor/{HEALTH}/en/translation.po").data))
    reused = catalog.get("Ring 1177 för råd.", context="akut/0.0")
    assert reused.string == "Call 1177 for advice." and not reused.fuzzy


def test_the_changed_sentences_are_grouped_by_section(client, editor):
    _publish_swedish(client, CHANGED)
    module = get_module(HEALTH)
    marks = changed_sentences_by_section(module, get_published_revision(module, "ar"))
    assert list(marks) == ["tandvard"] and [c.status for c in marks["tandvard"]] == ["changed"]


def test_the_glossary_download_is_a_csv_of_the_termbase(client, editor):
    response = client.get("/editor/terms/ar.csv")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert response.get_data(as_text=True).startswith("source,target,explanation,forbidden")
    assert client.get("/editor/terms/xx.csv").status_code == 404


def test_only_editors_download_translator_files(client, region, app, tmp_path):
    sync_from_files(small_tree(tmp_path))
    sign_in_staff(client, create_staff(region["region"], Role.CASEWORKER))
    assert client.get(f"/editor/{HEALTH}/en/translation.po").status_code == 403
    assert client.get("/editor/terms/ar.csv").status_code == 403
