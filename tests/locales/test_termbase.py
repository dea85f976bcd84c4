"""The termbase: every language has one, and no forbidden variant appears in the UI catalogue,
the bot replies (in the same catalogue) or the content (issue 16)."""

from __future__ import annotations

import pytest
from babel.messages.pofile import read_po

from portal.languages import LANGUAGES
from portal.termbase import LOCALES_DIR, TERMS_DIR, check_language, check_page_labels, load_terms

KEY_TERMS = {
    "etableringsprogrammet", "etableringsersättning", "handläggare", "invändning", "granskare",
    "personnummer", "folkbokföring", "SFI", "praktik", "validering", "kurator", "Min plan",
}  # fmt: skip


@pytest.mark.parametrize("lang", LANGUAGES, ids=lambda lang: lang.code)
def test_termbase_has_the_key_terms_each_complete(lang):
    terms = load_terms(lang.code)
    assert len(terms) >= 40
    assert set(terms) >= KEY_TERMS
    for term, entry in terms.items():
        assert entry["definition"] and entry["approved"], term
        assert isinstance(entry["forbidden"], list), term
        assert entry["approved"] not in entry["forbidden"], term


def test_every_ui_label_is_a_message_of_the_ui():
    with open(LOCALES_DIR / "messages.pot", "rb") as fh:
        ids = {message.id for message in read_po(fh) if message.id}
    labels = {entry["ui_label"] for entry in load_terms("sv").values() if entry["ui_label"]}
    assert labels and labels <= ids, labels - ids


@pytest.mark.parametrize("lang", LANGUAGES, ids=lambda lang: lang.code)
def test_no_forbidden_variant_in_catalogue_or_content(lang):
    hits = check_language(lang.code, lang.babel_locale)
    assert not hits, "\n".join(map(str, hits))


@pytest.mark.parametrize("lang", LANGUAGES, ids=lambda lang: lang.code)
def test_content_names_each_page_by_its_ui_label(lang):
    hits = check_page_labels(lang.code, lang.babel_locale)
    assert not hits, "\n".join(map(str, hits))


def _plant(tmp_path, catalogue: str, content: str, lang: str = "so"):
    terms = tmp_path / "terms"
    terms.mkdir()
    (terms / f"{lang}.yml").write_text((TERMS_DIR / f"{lang}.yml").read_text(encoding="utf-8"), encoding="utf-8")
    po = tmp_path / "locales" / lang / "LC_MESSAGES"
    po.mkdir(parents=True)
    (po / "messages.po").write_text(catalogue, encoding="utf-8")
    module = tmp_path / "content" / "din-introduktion"
    module.mkdir(parents=True)
    (module / f"{lang}.md").write_text(content, encoding="utf-8")
    return dict(terms_dir=terms, locales_dir=tmp_path / "locales", content_dir=tmp_path / "content")


def test_planted_variants_are_reported_with_file_line_and_term(tmp_path):
    catalogue = 'msgid "My objections"\nmsgstr ""\n"Diidmooyinkayga"\n\nmsgid "Plan"\nmsgstr "Qorshe"\n'
    content = "---\ntitle: x\n---\n\nWaxaad samayn kartaa diidmo (invändning).\n"
    hits = check_language("so", "so", **_plant(tmp_path, catalogue, content))
    found = {(hit.path.name, hit.line, hit.term) for hit in hits}
    # A catalogue hit is reported at the line of its entry (the msgid), a content hit at its line.
    assert found == {("messages.po", 1, "invändning"), ("so.md", 5, "invändning")}
    assert "messages.po:1" in str(hits[0]) and "invändning" in str(hits[0])


def test_a_variant_the_po_file_wraps_over_two_lines_is_reported(tmp_path):
    # PO files wrap a long msgstr at a space, which may fall inside a multi-word term: here
    # "الموظف المسؤول" (forbidden for handläggare) is split over lines 7 and 8, and the plural
    # form of the next entry splits "خطة التأسيس" (forbidden for Min plan) over lines 14 and 15.
    catalogue = (
        'msgid ""\n'
        'msgstr "Content-Type: text/plain; charset=UTF-8\\n"\n'
        "\n"
        "#, fuzzy\n"
        'msgid "Ask your caseworker about your plan."\n'
        'msgstr ""\n'
        '"اسأل الموظف "\n'
        '"المسؤول عن خطتك."\n'
        "\n"
        'msgid "One step"\n'
        'msgid_plural "%(num)s steps"\n'
        'msgstr[0] "خطوة واحدة"\n'
        'msgstr[1] ""\n'
        '"%(num)s خطوات في خطة "\n'
        '"التأسيس"\n'
    )
    hits = check_language("ar", "ar", **_plant(tmp_path, catalogue, "نص.\n", lang="ar"))
    assert sorted((hit.line, hit.term, hit.variant) for hit in hits) == [
        (5, "handläggare", "الموظف المسؤول"),
        (10, "Min plan", "خطة التأسيس"),
    ]
    assert "messages.po:5" in str(hits[0]) and "handläggare" in str(hits[0])


def test_msgids_and_questions_blocks_are_not_checked(tmp_path):
    # The English source and what people type (questions) are not our renderings.
    catalogue = 'msgid "diidmo"\nmsgstr "cabasho"\n'
    content = "Cabasho.\n\n```questions\nsidee diidmo loo sameeyaa\n```\n"
    assert check_language("so", "so", **_plant(tmp_path, catalogue, content)) == []


@pytest.mark.parametrize("lang", LANGUAGES, ids=lambda lang: lang.code)
def test_every_forbidden_variant_is_caught_when_planted(lang, tmp_path):
    terms = load_terms(lang.code)
    variants = [(t, v) for t, e in terms.items() for v in e["forbidden"]]
    (tmp_path / "terms").mkdir()
    (tmp_path / "terms" / f"{lang.code}.yml").write_text(
        (TERMS_DIR / f"{lang.code}.yml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    module = tmp_path / "content" / "m"
    module.mkdir(parents=True)
    (module / f"{lang.code}.md").write_text(
        "".join(f"text {variant} text\n" for _, variant in variants), encoding="utf-8"
    )
    hits = check_language(
        lang.code, "none", terms_dir=tmp_path / "terms", locales_dir=tmp_path, content_dir=tmp_path / "content"
    )
    caught = {(hit.line, hit.variant) for hit in hits}
    assert {(i, v) for i, (_, v) in enumerate(variants, start=1)} <= caught


def test_a_page_named_otherwise_than_the_ui_label_is_reported(tmp_path):
    catalogue = 'msgid "My plan"\nmsgstr "Qorshahayga"\n'
    content = (
        "Fiiri bogga Qorshahayga (Min plan).\n"  # right: the UI label, then the Swedish
        "Tag bogga Min plan.\n"  # a bare Swedish page name
        "Tag bogga Qorshaha (Min plan).\n"  # a label the UI does not use
        "```questions\nxagee ku yaal Min plan\n```\n"  # people's words are not checked
    )
    dirs = _plant(tmp_path, catalogue, content)
    sv = tmp_path / "locales" / "sv" / "LC_MESSAGES"
    sv.mkdir(parents=True)
    (sv / "messages.po").write_text('msgid "My plan"\nmsgstr "Min plan"\n', encoding="utf-8")
    hits = check_page_labels("so", "so", **dirs)
    assert [(hit.line, hit.term) for hit in hits] == [(2, "Min plan"), (3, "Min plan")]
    assert "Qorshahayga" in str(hits[0]) and "so.md:2" in str(hits[0])
