"""`flask content sync` and `export`: all or nothing, idempotent, and round-tripping."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from portal.content.files import ContentFormatError
from portal.models import ContentModule, ContentRevision, SearchSection
from portal.services.content import export_to_files, sync_from_files
from tests.content_fixtures import EN_HEALTH, SV_HEALTH, small_tree, write_file


def _count(db, model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def test_sync_loads_every_file_as_a_published_revision_and_indexes_it(db, tmp_path):
    report = sync_from_files(small_tree(tmp_path))
    assert sorted(report.created) == sorted(
        [
            ("halsa-och-vard", "sv"),
            ("halsa-och-vard", "en"),
            ("halsa-och-vard", "ar"),
            ("boende", "sv"),
            ("boende", "en"),
        ]
    )
    assert _count(db, ContentModule) == 12  # the whole catalogue, even modules without files yet
    assert _count(db, ContentRevision) == 5
    assert _count(db, SearchSection) > 0


def test_sync_twice_changes_nothing(db, tmp_path):
    small_tree(tmp_path)
    sync_from_files(tmp_path)
    revisions = db.session.execute(select(ContentRevision.id, ContentRevision.body_revision)).all()
    report = sync_from_files(tmp_path)
    assert report.created == [] and report.unchanged == 5
    assert db.session.execute(select(ContentRevision.id, ContentRevision.body_revision)).all() == revisions


def test_a_changed_file_becomes_a_new_revision(db, tmp_path):
    small_tree(tmp_path)
    sync_from_files(tmp_path)
    write_file(
        tmp_path, "boende", "en", "Changed.\n\n## Queue {#bostadsko}\n\nText.\n\n## Waste {#sopor}\n\nSort it.\n"
    )
    report = sync_from_files(tmp_path)
    assert report.created == [("boende", "en")]
    assert _count(db, ContentRevision) == 6


BROKEN = [
    # (what is wrong, relative path, file text, expected "file:line" in the message)
    ("bad front matter", "boende/en.md", "---\ntitle: x\nsummary: [\n---\n\n## A {#a}\n\nB\n", "boende/en.md:3"),
    ("a heading without anchor", "boende/en.md", None, "boende/en.md:11"),
    ("an unknown module", "okand-modul/sv.md", None, "okand-modul/sv.md"),
    ("an unknown language", "boende/xx.md", None, "boende/xx.md"),
]


@pytest.mark.parametrize(("relative", "text", "where"), [b[1:] for b in BROKEN], ids=[b[0] for b in BROKEN])
def test_a_broken_file_aborts_the_sync_naming_file_and_line_and_loads_nothing(db, tmp_path, relative, text, where):
    small_tree(tmp_path)
    path = tmp_path / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    if text is None:
        source = (tmp_path / "boende" / "en.md").read_text(encoding="utf-8")
        text = source.replace("## Housing queue {#bostadsko}", "## Housing queue")
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ContentFormatError) as caught:
        sync_from_files(tmp_path)
    assert where in str(caught.value)
    assert _count(db, ContentRevision) == 0
    assert _count(db, ContentModule) == 0


def test_a_broken_file_leaves_an_earlier_sync_untouched(db, tmp_path):
    small_tree(tmp_path)
    sync_from_files(tmp_path)
    write_file(tmp_path, "boende", "sv", "Nytt.\n\n## Kö {#bostadsko}\n\nText.\n\n## Sopor {#sopor}\n\nSortera.\n")
    (tmp_path / "boende" / "en.md").write_text("no front matter", encoding="utf-8")
    with pytest.raises(ContentFormatError):
        sync_from_files(tmp_path)
    assert _count(db, ContentRevision) == 5


def test_export_writes_files_that_sync_back_to_nothing_new(db, tmp_path):
    sync_from_files(small_tree(tmp_path / "in"))
    out = tmp_path / "out"
    written = export_to_files(out)
    assert len(written) == 5
    assert (out / "halsa-och-vard" / "ar.md").read_text(encoding="utf-8").startswith("---\ntitle: الصحة")
    assert sync_from_files(out).created == []
    assert export_to_files(out) == []  # unchanged files are not rewritten


def test_a_file_older_than_the_database_is_not_loaded_again(db, tmp_path, region):
    from portal.data.content import get_module
    from portal.models import Role
    from portal.services.content import RevisionInput, save_revision
    from tests.factories import create_staff

    small_tree(tmp_path)
    sync_from_files(tmp_path)
    editor = create_staff(region["region"], Role.EDITOR)
    newer = EN_HEALTH.replace("free of charge", "for free")
    save_revision(
        get_module("halsa-och-vard"),
        "en",
        RevisionInput(title="Health and care", summary="How to get care.", body=newer, review_status="reviewed"),
        staff=editor,
        publish=True,
    )
    report = sync_from_files(tmp_path)
    assert report.created == [] and report.database_ahead == [("halsa-och-vard", "en")]


def test_the_swedish_file_with_a_wrong_own_revision_is_loaded_with_a_warning(db, tmp_path):
    write_file(tmp_path, "halsa-och-vard", "sv", SV_HEALTH, source_revision="0" * 12)
    report = sync_from_files(tmp_path)
    assert report.warnings and "source_revision should be" in report.warnings[0]
    revision = db.session.scalar(select(ContentRevision))
    assert revision.source_revision == revision.body_revision


def test_the_cli_reports_a_broken_file_and_exits_with_an_error(app, tmp_path):
    small_tree(tmp_path)
    (tmp_path / "boende" / "sv.md").write_text("---\ntitle: x\n", encoding="utf-8")
    result = app.test_cli_runner().invoke(args=["content", "sync", "--path", str(tmp_path)])
    assert result.exit_code == 1
    assert "boende/sv.md:1" in result.output and "nothing was loaded" in result.output


def test_the_cli_syncs_and_prints_the_revision_of_a_module(app, tmp_path):
    small_tree(tmp_path)
    runner = app.test_cli_runner()
    result = runner.invoke(args=["content", "sync", "--path", str(tmp_path)])
    assert result.exit_code == 0 and "5 new revision(s)" in result.output
    result = runner.invoke(args=["content", "revision", "halsa-och-vard", "--path", str(tmp_path)])
    from portal.content.files import body_revision

    assert result.output.strip() == body_revision(SV_HEALTH)
    assert runner.invoke(args=["content", "revision", "nope", "--path", str(tmp_path)]).exit_code == 1


def test_the_cli_exports_the_database_to_files(app, tmp_path):
    sync_from_files(small_tree(tmp_path / "in"))
    result = app.test_cli_runner().invoke(args=["content", "export", "--path", str(tmp_path / "out")])
    assert result.exit_code == 0 and "5 file(s) changed" in result.output
    assert (tmp_path / "out" / "boende" / "en.md").exists()
