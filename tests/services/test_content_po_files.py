"""PO files for translators (issue 16): export, the lossless round trip, and the checks on import."""

from __future__ import annotations

import io
import shutil
from dataclasses import replace
from datetime import date

import pytest
import yaml
from babel.messages.pofile import read_po

from portal.content.catalogue import MODULES
from portal.content.files import parse_document, write_document
from portal.languages import LANGUAGES, SOURCE_LANGUAGE
from portal.services.content import po_checks, po_files
from portal.services.content.po_files import PoImportError
from portal.termbase import CONTENT_DIR, LOCALES_DIR, TERMS_DIR
from tests.content_fixtures import EN_HEALTH, SV_HEALTH

SV = parse_document(
    "---\ntitle: Hälsa och vård\nsummary: Så får du vård.\nsource_revision: 000000000000\n"
    "review_status: unreviewed-draft\nlast_updated: 2026-11-22\n---\n\n"
    + SV_HEALTH.replace("Ring 1177 för råd.", "Ring 1177 för råd. Läs mer på [1177.se](https://www.1177.se).")
)
SV = replace(SV, source_revision=SV.revision)
EN = replace(
    SV,
    title="Health and care",
    summary="How to get care.",
    review_status="reviewed",
    body=EN_HEALTH.replace(
        "Call 1177 for advice.", "Call 1177 for advice. Read more at [1177.se](https://www.1177.se)."
    ),
)


def _po(catalog) -> bytes:
    return po_files.catalog_bytes(catalog)


def _edited(catalog, context: str, string: str):
    """The catalogue as a translator's tool writes it back, with one entry changed."""
    back = po_files.read_catalog(_po(catalog), "en")
    message = next(m for m in back if m.context == context)
    message.string = string
    message.flags.discard("fuzzy")
    return po_files.read_catalog(_po(back), "en")


def test_every_one_of_the_144_content_files_survives_a_po_round_trip_unchanged():
    checked = 0
    for module in MODULES:
        folder = CONTENT_DIR / module.slug
        source = parse_document((folder / "sv.md").read_text(encoding="utf-8"))
        for language in LANGUAGES:
            text = (folder / f"{language.code}.md").read_text(encoding="utf-8")
            document = parse_document(text)
            catalog = po_files.read_catalog(
                _po(po_files.export_module(module.slug, language.code, source, document)), language.code
            )
            if language.code == SOURCE_LANGUAGE:
                # The Swedish is never imported; its segmentation must still give back every byte.
                strings = {m.context: m.string for m in catalog if m.id}
                assert all(m.string == m.id for m in catalog if m.id)
                assert po_files.rebuild_body(source.body, strings) == document.body
            else:
                result = po_files.import_module(catalog, module.slug, language.code, source, document)
                assert write_document(result.document) == text, f"{module.slug}/{language.code}.md"
                assert result.changed == []
            checked += 1
    assert checked == 144


def test_an_entry_is_a_sentence_with_its_place_and_the_termbase_as_notes():
    catalog = read_po(io.BytesIO(_po(po_files.export_module("halsa-och-vard", "en", SV, EN))))
    message = catalog.get("Ring 1177 för råd.", context="vardcentral/0.1")
    assert message is not None and message.string == "Call 1177 for advice."
    central = catalog.get("En vårdcentral är en mottagning för vanlig vård nära där du bor.", context="vardcentral/0.0")
    assert any(note.startswith("Term: vårdcentral = ") for note in central.auto_comments)
    assert catalog.version == "halsa-och-vard" and str(catalog.locale) == "en"


def test_sentences_changed_in_swedish_since_the_translation_are_fuzzy_with_the_old_swedish():
    new_body = SV.body.replace("Barn får tandvård utan kostnad.", "Barn får tandvård gratis till 23 år.")
    new = replace(SV, body=new_body)
    new = replace(new, source_revision=new.revision)
    exported = _po(po_files.export_module("halsa-och-vard", "en", new, EN, made_from=SV))
    assert '#| msgid "Barn får tandvård utan kostnad."\nmsgctxt "tandvard/0.1"' in exported.decode()
    catalog = po_files.read_catalog(exported, "en")
    fuzzy = [m for m in catalog if m.id and m.fuzzy]
    assert [m.context for m in fuzzy] == ["tandvard/0.1"]
    assert fuzzy[0].string == "Children get dental care free of charge."

    # Imported untouched, the translation stays as it was, still made from the older Swedish.
    result = po_files.import_module(catalog, "halsa-och-vard", "en", new, EN)
    assert result.document == EN and result.fuzzy == ["tandvard/0.1"] and not result.complete

    # Translated, the translation cites the new Swedish and waits for a review again.
    done = _edited(catalog, "tandvard/0.1", "Children get dental care free of charge until they are 23.")
    result = po_files.import_module(done, "halsa-och-vard", "en", new, EN, today=date(2026, 12, 7))
    assert result.complete and result.changed == ["tandvard/0.1"]
    assert result.document.source_revision == new.revision
    assert result.document.review_status == "unreviewed-draft"
    assert "free of charge until they are 23." in result.document.body
    assert result.document.body.count("Call 1177 for advice.") == 1  # the reviewed sentences are reused


def test_a_stale_translation_whose_old_swedish_is_unknown_is_fuzzy_everywhere():
    stale = replace(EN, source_revision="0123456789ab")
    catalog = po_files.export_module("halsa-och-vard", "en", SV, stale)
    assert all(m.fuzzy for m in catalog if m.id and m.string)


@pytest.mark.parametrize(
    ("context", "string", "kind"),
    [
        ("vardcentral/0.2", "Read more at [1177.se](https://www.evil.example).", "urls"),
        ("vardcentral/0.2", "Read more at 1177.se.", "urls"),
        ("vardcentral/0.1", "Call 112 for advice.", "numbers"),
        ("vardcentral/0.1", "Call **1177 for advice.", "markdown"),
        ("vardcentral/0.1", "Call 1177 <b>for</b> advice.", "markdown"),
        ("vardcentral/0.1", "- Call 1177 for advice.", "markdown"),
        ("vardcentral/title", "Health centre {#other}", "markdown"),
    ],
)
def test_the_import_refuses_a_changed_link_number_or_broken_markdown_and_writes_nothing(
    tmp_path, context, string, kind
):
    folder = tmp_path / "halsa-och-vard"
    folder.mkdir()
    (folder / "sv.md").write_text(write_document(SV), encoding="utf-8")
    (folder / "en.md").write_text(write_document(EN), encoding="utf-8")
    catalog = _edited(po_files.export_module("halsa-och-vard", "en", SV, EN), context, string)
    with pytest.raises(PoImportError) as refused:
        po_files.import_module_file(catalog, tmp_path, "halsa-och-vard", "en")
    assert kind in {p.kind for p in refused.value.problems}
    assert (folder / "en.md").read_text(encoding="utf-8") == write_document(EN)


def test_the_import_refuses_a_variant_the_termbase_forbids(tmp_path):
    terms = yaml.safe_load((TERMS_DIR / "en.yml").read_text(encoding="utf-8"))
    terms["terms"]["vårdcentral"]["forbidden"] = ["health clinic"]
    (tmp_path / "en.yml").write_text(yaml.safe_dump(terms, allow_unicode=True), encoding="utf-8")
    catalog = _edited(
        po_files.export_module("halsa-och-vard", "en", SV, EN),
        "vardcentral/0.1",
        "Call 1177 at the health clinic for advice.",
    )
    with pytest.raises(PoImportError) as refused:
        po_files.import_module(catalog, "halsa-och-vard", "en", SV, EN, terms_dir=tmp_path)
    assert [p.kind for p in refused.value.problems] == ["forbidden"]


def test_the_import_refuses_a_file_made_from_another_swedish_text():
    catalog = po_files.export_module("halsa-och-vard", "en", SV, EN)
    newer = replace(SV, body=SV.body.replace("Ring 1177 för råd.", "Ring 1177 om du behöver råd."))
    with pytest.raises(PoImportError) as refused:
        po_files.import_module(catalog, "halsa-och-vard", "en", newer, EN)
    assert {p.kind for p in refused.value.problems} == {"outdated"}


def test_the_import_refuses_a_file_for_another_module_or_language():
    catalog = po_files.export_module("halsa-och-vard", "en", SV, EN)
    with pytest.raises(PoImportError):
        po_files.import_module(catalog, "boende", "en", SV, EN)
    with pytest.raises(PoImportError):
        po_files.import_module(po_files.read_catalog(_po(catalog), "ar"), "halsa-och-vard", "ar", SV, EN)


def test_a_new_translation_must_translate_every_entry():
    catalog = po_files.export_module("halsa-och-vard", "en", SV, None)
    with pytest.raises(PoImportError) as refused:
        po_files.import_module(catalog, "halsa-och-vard", "en", SV, None)
    assert {p.kind for p in refused.value.problems} == {"untranslated"}


@pytest.fixture
def locales(tmp_path):
    """A copy of the English UI catalogue to import into."""
    target = tmp_path / "en" / "LC_MESSAGES"
    target.mkdir(parents=True)
    shutil.copy(LOCALES_DIR / "en" / "LC_MESSAGES" / "messages.po", target / "messages.po")
    return tmp_path


def _ui_message(catalog, placeholder: str):
    return next(m for m in catalog if m.id and isinstance(m.id, str) and placeholder in m.id)


def test_the_ui_catalogue_import_refuses_a_changed_placeholder(locales):
    catalog = po_files.export_ui("en", locales_dir=locales)
    message = _ui_message(catalog, "%(name)s")
    message.string = message.id.replace("%(name)s", "%(nom)s")
    before = (locales / "en" / "LC_MESSAGES" / "messages.po").read_bytes()
    with pytest.raises(PoImportError) as refused:
        po_files.import_ui(po_files.read_catalog(_po(catalog), "en"), "en", locales_dir=locales)
    assert {p.kind for p in refused.value.problems} == {"placeholders"}
    assert (locales / "en" / "LC_MESSAGES" / "messages.po").read_bytes() == before


def test_the_ui_catalogue_import_takes_a_changed_translation(locales):
    catalog = po_files.export_ui("en", locales_dir=locales)
    message = _ui_message(catalog, "%(name)s")
    message.string = "NEW " + message.id
    assert po_files.import_ui(po_files.read_catalog(_po(catalog), "en"), "en", locales_dir=locales) == 1
    with (locales / "en" / "LC_MESSAGES" / "messages.po").open("rb") as fh:
        assert read_po(fh).get(message.id, context=message.context).string == "NEW " + message.id


def test_the_glossary_lists_every_term_with_its_approved_rendering():
    rows = po_checks.glossary_csv("ar").splitlines()
    assert rows[0] == "source,target,explanation,forbidden"
    assert any(row.startswith("handläggare,موظف الحالة,") for row in rows)
    assert len(rows) - 1 == len(yaml.safe_load((TERMS_DIR / "ar.yml").read_text(encoding="utf-8"))["terms"])


# -- the commands ----------------------------------------------------------------------------


def test_the_commands_export_and_import_a_module_and_refuse_a_changed_link(app, tmp_path):
    folder = tmp_path / "content" / "halsa-och-vard"
    folder.mkdir(parents=True)
    (folder / "sv.md").write_text(write_document(SV), encoding="utf-8")
    (folder / "en.md").write_text(write_document(EN), encoding="utf-8")
    content, out = str(tmp_path / "content"), tmp_path / "en.po"
    runner = app.test_cli_runner()
    result = runner.invoke(args=["content", "export-po", "en", "halsa-och-vard", "--path", content, "--out", str(out)])
    assert result.exit_code == 0, result.output
    result = runner.invoke(args=["content", "import-po", "en", "halsa-och-vard", str(out), "--path", content])
    assert result.exit_code == 0, result.output
    assert "0 entr(ies) changed; matches the current Swedish" in result.output

    lines = out.read_text(encoding="utf-8").split("\n")
    out.write_text(
        "\n".join(line.replace("www.1177.se", "1177.example") if line.startswith("msgstr") else line for line in lines)
    )
    result = runner.invoke(args=["content", "import-po", "en", "halsa-och-vard", str(out), "--path", content])
    assert result.exit_code == 1
    assert "vardcentral/0.2: the links differ" in result.output
    assert (folder / "en.md").read_text(encoding="utf-8") == write_document(EN)


def test_the_command_exports_the_ui_catalogue_and_the_glossary(app, tmp_path):
    runner = app.test_cli_runner()
    result = runner.invoke(args=["content", "export-po", "ar", "ui", "--out", str(tmp_path / "ui.po")])
    assert result.exit_code == 0, result.output
    assert "Term: My plan = خطتي" in (tmp_path / "ui.po").read_text(encoding="utf-8")
    result = runner.invoke(args=["content", "glossary", "so"])
    assert result.exit_code == 0 and result.output.startswith("source,target,explanation,forbidden")
    assert runner.invoke(args=["content", "export-po", "xx", "arbete"]).exit_code == 1


def _with_body(document, body: str):
    changed = replace(document, body=body)
    return replace(changed, source_revision=changed.revision)


def test_a_swedish_paragraph_added_leaves_the_other_sentences_translated_and_only_the_new_one_to_do():
    new = _with_body(
        SV,
        SV.body.replace(
            "Barn får tandvård utan kostnad.\n", "Barn får tandvård utan kostnad.\n\nVuxna betalar. Det kostar.\n"
        ),
    )
    catalog = po_files.read_catalog(_po(po_files.export_module("halsa-och-vard", "en", new, EN, made_from=SV)), "en")
    entries = {m.context: m for m in catalog if m.id}
    assert (
        entries["tandvard/0.1"].string == "Children get dental care free of charge."
        and not entries["tandvard/0.1"].fuzzy
    )
    assert [k for k, m in entries.items() if not m.string] == ["tandvard/2.0", "tandvard/2.1"]
    assert not any(m.fuzzy for m in entries.values())

    # Imported untouched: the translation is as it was, still made from the older Swedish.
    result = po_files.import_module(catalog, "halsa-och-vard", "en", new, EN)
    assert result.document == EN and result.untranslated == ["tandvard/2.0", "tandvard/2.1"]

    # With the two new sentences translated, it is current.
    done = _edited(_edited(catalog, "tandvard/2.0", "Adults pay."), "tandvard/2.1", "It costs money.")
    result = po_files.import_module(done, "halsa-och-vard", "en", new, EN)
    assert result.complete and result.changed == ["tandvard/2.0", "tandvard/2.1"]
    assert result.document.body.endswith("Children get dental care free of charge.\n\nAdults pay. It costs money.\n")


def test_a_line_the_translation_says_in_other_sentences_stays_one_entry_and_goes_fuzzy_when_it_changes():
    en = replace(
        EN,
        body=EN.body.replace("You go to a dentist to repair your teeth. Children", "Dentists repair teeth; children"),
    )
    new = _with_body(SV, SV.body.replace("Barn får tandvård utan kostnad.", "Barn får tandvård gratis."))
    catalog = po_files.export_module("halsa-och-vard", "en", new, en, made_from=SV)
    entries = {m.context: m for m in catalog if m.id}
    assert entries["tandvard/0"].fuzzy and entries["tandvard/0"].string.startswith("Dentists repair teeth;")
    assert not entries["vardcentral/0.1"].fuzzy
    assert po_files.import_module(catalog, "halsa-och-vard", "en", new, en).document == en


@pytest.fixture
def arabic_locales(tmp_path):
    target = tmp_path / "ar" / "LC_MESSAGES"
    target.mkdir(parents=True)
    shutil.copy(LOCALES_DIR / "ar" / "LC_MESSAGES" / "messages.po", target / "messages.po")
    return tmp_path


def test_plural_forms_may_leave_out_the_number_but_not_bring_a_new_placeholder(arabic_locales):
    no_terms = arabic_locales  # no ar.yml here: this test is about placeholders only
    catalog = po_files.export_ui("ar", locales_dir=arabic_locales, terms_dir=no_terms)
    plural = next(m for m in catalog if isinstance(m.id, tuple) and "%(num)d" in m.id[1])
    assert any("%(num)d" not in form for form in plural.string)  # Arabic says "one day" without the number
    assert po_files.import_ui(catalog, "ar", locales_dir=arabic_locales, terms_dir=no_terms) == 0
    plural.string = (plural.string[0] + " %(name)s", *plural.string[1:])
    with pytest.raises(PoImportError) as refused:
        po_files.import_ui(catalog, "ar", locales_dir=arabic_locales, terms_dir=no_terms)
    assert [p.kind for p in refused.value.problems] == ["placeholders"]


def test_the_export_command_finds_the_old_swedish_in_the_database_and_marks_only_the_changed_sentence(app, tmp_path):
    from portal.services.content import sync_from_files

    folder = tmp_path / "content" / "halsa-och-vard"
    folder.mkdir(parents=True)
    (folder / "sv.md").write_text(write_document(SV), encoding="utf-8")
    (folder / "en.md").write_text(write_document(EN), encoding="utf-8")
    sync_from_files(tmp_path / "content")
    new = _with_body(SV, SV.body.replace("Barn får tandvård utan kostnad.", "Barn får tandvård gratis."))
    (folder / "sv.md").write_text(write_document(new), encoding="utf-8")
    out = tmp_path / "en.po"
    args = ["content", "export-po", "en", "halsa-och-vard", "--path", str(tmp_path / "content"), "--out", str(out)]
    result = app.test_cli_runner().invoke(args=args)
    assert result.exit_code == 0, result.output
    catalog = po_files.read_catalog(out.read_bytes(), "en")
    assert [m.context for m in catalog if m.id and m.fuzzy] == ["tandvard/0.1"]
    assert '#| msgid "Barn får tandvård utan kostnad."' in out.read_text(encoding="utf-8")
