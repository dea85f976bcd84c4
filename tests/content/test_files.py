"""The real content files in content/samhallsinfo follow docs/content-format.md."""

from __future__ import annotations

from pathlib import Path

import pytest

from portal.content.catalogue import SLUGS
from portal.content.files import ContentFormatError, parse_document, validate_body
from portal.languages import CODES, SOURCE_LANGUAGE
from portal.services.content import DEFAULT_CONTENT_DIR

ROOT = DEFAULT_CONTENT_DIR

PRESENT = sorted(ROOT.glob("*/*.md"))


def _id(path: Path) -> str:
    return f"{path.parent.name}/{path.name}"


def _document(path: Path):
    return parse_document(path.read_text(encoding="utf-8"), path=_id(path))


@pytest.mark.parametrize("language", CODES)
def test_every_module_has_a_file_in_the_language(language):
    missing = [f"{slug}/{language}.md" for slug in SLUGS if not (ROOT / slug / f"{language}.md").exists()]
    assert not missing, f"missing content files: {', '.join(missing)}"


def test_there_are_no_files_for_unknown_modules_or_languages():
    strays = [_id(p) for p in PRESENT if p.parent.name not in SLUGS or p.stem not in CODES]
    assert not strays, strays


@pytest.mark.parametrize("path", PRESENT, ids=_id)
def test_front_matter_and_body_follow_the_format(path):
    try:
        _document(path)
    except ContentFormatError as error:
        pytest.fail("\n".join(str(p) for p in error.problems))


@pytest.mark.parametrize("slug", SLUGS)
def test_the_swedish_source_revision_is_the_bodys_own(slug):
    document = _document(ROOT / slug / "sv.md")
    assert document.source_revision == document.revision, (
        f"{slug}/sv.md: source_revision should be {document.revision} (flask content revision {slug})"
    )


TRANSLATIONS = [p for p in PRESENT if p.stem != SOURCE_LANGUAGE and p.parent.name in SLUGS]


@pytest.mark.parametrize("path", TRANSLATIONS, ids=_id)
def test_a_translation_has_the_same_sections_in_the_same_order_as_the_swedish(path):
    source = [s.anchor for s in _document(path.parent / "sv.md").sections]
    translation = [s.anchor for s in _document(path).sections]
    assert translation == source


@pytest.mark.parametrize("path", TRANSLATIONS, ids=_id)
def test_a_translation_cites_a_swedish_revision(path):
    assert _document(path).source_revision == _document(path.parent / "sv.md").revision, (
        "the translation was made from another Swedish text than the current one (it is stale)"
    )


@pytest.mark.parametrize("path", PRESENT, ids=_id)
def test_no_section_is_empty(path):
    empty = [s.anchor for s in _document(path).sections if s.anchor and not s.markdown.strip()]
    assert not empty


UNCLOSED = [
    # (what, the line, the problem or None)
    ("an unclosed link", "Se [1177](https://www.1177.se.", "link_unclosed"),
    ("a stray **", "Barn får **gratis tandvård.", "emphasis_unclosed"),
    ("a closed link and bold text", "Se **[1177](https://www.1177.se)**.", None),
    ("stars in code", "Skriv `**` för fet stil.", None),
]


@pytest.mark.parametrize(("line", "kind"), [u[1:] for u in UNCLOSED], ids=[u[0] for u in UNCLOSED])
def test_a_link_or_bold_text_left_open_is_a_problem_on_its_line(line, kind):
    body = f"Intro.\n\n## Del {{#del}}\n\n{line}\n"
    problems = [(p.kind, p.line) for p in validate_body(body)]
    assert problems == ([(kind, 5)] if kind else [])


@pytest.mark.parametrize(
    ("href", "allowed"),
    [("tel:112", True), ("tel:+46771141400", True), ("tel:javascript:1", False), ("http://polisen.se", False)],
)
def test_a_tel_link_with_digits_is_allowed_next_to_https(href, allowed):
    body = f"Intro.\n\n## Del {{#del}}\n\nRing [numret]({href}).\n"
    assert (validate_body(body) == []) is allowed
