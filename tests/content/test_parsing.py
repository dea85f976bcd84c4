"""Parsing and validating one content file: every broken file names its line."""

from __future__ import annotations

import pytest

from portal.content.files import ContentFormatError, parse_document, split_sections, write_document

GOOD = """---
title: Hälsa och vård
summary: Så får du vård.
source_revision: 0123456789ab
review_status: unreviewed-draft
last_updated: 2026-11-22
---

Intro.

## Vårdcentralen {#vardcentral}

Text om vårdcentralen.

### Boka tid

Ring.

## 1177 – råd om vård {#1177}

Ring [1177](https://www.1177.se).
"""


def test_a_good_file_parses_into_its_sections():
    document = parse_document(GOOD)
    assert document.source_revision == "0123456789ab"  # kept as text, leading zero and all
    assert [(s.anchor, s.title) for s in document.sections] == [
        ("", ""),
        ("vardcentral", "Vårdcentralen"),
        ("1177", "1177 – råd om vård"),
    ]
    assert "### Boka tid" in document.sections[1].markdown


def test_writing_a_document_reads_back_the_same():
    document = parse_document(GOOD)
    assert parse_document(write_document(document)) == document


def test_the_revision_is_the_sha256_of_the_stripped_body():
    import hashlib

    body = GOOD.split("---\n", 2)[2]
    assert parse_document(GOOD).revision == hashlib.sha256(body.strip().encode()).hexdigest()[:12]


def test_a_section_hash_changes_only_with_that_section():
    changed = GOOD.replace("Ring [1177]", "Ring gärna [1177]")
    before = {s.anchor: s.revision for s in parse_document(GOOD).sections}
    after = {s.anchor: s.revision for s in parse_document(changed).sections}
    assert [a for a in before if before[a] != after[a]] == ["1177"]


def _replace(old: str, new: str) -> str:
    assert old in GOOD
    return GOOD.replace(old, new)


BROKEN = [
    # (what is wrong, the file text, the problem kind, the line it is on)
    ("no front matter", GOOD.split("---\n", 2)[2], "front_matter_missing", 1),
    ("front matter never closed", GOOD.replace("---\n\nIntro", "\nIntro"), "front_matter_unclosed", 1),
    ("front matter not YAML", _replace("title: Hälsa och vård", "title: [Hälsa"), "front_matter_yaml", 2),
    ("an unknown key", _replace("last_updated:", "author: x\nlast_updated:"), "front_matter_keys", 6),
    ("a missing key", _replace("review_status: unreviewed-draft\n", ""), "front_matter_keys", 1),
    ("an empty title", _replace("title: Hälsa och vård", "title: ''"), "title_empty", 2),
    ("a summary too long for an SMS", _replace("Så får du vård.", "x" * 161), "summary_too_long", 3),
    ("Markdown in the summary", _replace("Så får du vård.", "Så får du **vård**."), "summary_not_plain", 3),
    ("a source revision that is not 12 hex", _replace("0123456789ab", "xyz"), "source_revision_invalid", 4),
    (
        "an unknown review status",
        _replace("review_status: unreviewed-draft", "review_status: ok"),
        "review_status_invalid",
        5,
    ),
    ("a date that is not ISO", _replace("2026-11-22", "22/11/2026"), "last_updated_invalid", 6),
    (
        "a heading without an anchor",
        _replace("## Vårdcentralen {#vardcentral}", "## Vårdcentralen"),
        "anchor_missing",
        11,
    ),
    ("an anchor with capitals", _replace("{#vardcentral}", "{#Vardcentral}"), "anchor_invalid", 11),
    ("an anchor used twice", _replace("{#1177}", "{#vardcentral}"), "anchor_duplicate", 19),
    ("an empty section", _replace("Text om vårdcentralen.\n\n### Boka tid\n\nRing.\n", ""), "section_empty", 11),
    ("a level-1 heading", _replace("Intro.", "# Intro"), "heading_level", 9),
    ("raw HTML", _replace("Text om vårdcentralen.", "<script>alert(1)</script>"), "raw_html", 13),
    ("inline HTML", _replace("Text om vårdcentralen.", 'Text <img src=x onerror="alert(1)">'), "raw_html", 13),
    ("a javascript: link", _replace("(https://www.1177.se)", "(javascript:alert(1))"), "link_not_https", 21),
    ("a plain http link", _replace("(https://www.1177.se)", "(http://www.1177.se)"), "link_not_https", 21),
    ("an image", _replace("Text om vårdcentralen.", "![x](https://example.se/x.png)"), "image", 13),
]


@pytest.mark.parametrize(("text", "kind", "line"), [b[1:] for b in BROKEN], ids=[b[0] for b in BROKEN])
def test_a_broken_file_is_rejected_naming_the_line(text, kind, line):
    with pytest.raises(ContentFormatError) as caught:
        parse_document(text, path="halsa-och-vard/sv.md")
    found = [(p.kind, p.line) for p in caught.value.problems]
    assert (kind, line) in found, found
    assert str(caught.value).startswith("halsa-och-vard/sv.md:")


def test_split_sections_ignores_headings_inside_code():
    body = "## A {#a}\n\n```\n## not a heading\n```\n\n## B {#b}\n\nText.\n"
    assert [s.anchor for s in split_sections(body)] == ["a", "b"]
