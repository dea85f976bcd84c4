"""Rendering Markdown never lets script through, whatever an editor writes."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from portal.content.markdown import plain_text, render_inline, render_markdown, render_sections

PAYLOADS = [
    ("script tag", "<script>alert(1)</script>"),
    ("event handler", '<img src=x onerror="alert(1)">'),
    ("javascript link", "[click](javascript:alert(1))"),
    ("encoded javascript link", "[click](jav&#x61;script:alert(1))"),
    ("data link", "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)"),
    ("svg onload", "<svg onload=alert(1)></svg>"),
    ("iframe", '<iframe src="https://evil.example"></iframe>'),
    ("style tag", "<style>body{display:none}</style>"),
    ("autolink", "<javascript:alert(1)>"),
]


def assert_harmless(html: str) -> None:
    """No dangerous element, no event handler, no script or data URL in any attribute."""
    soup = BeautifulSoup(html, "html.parser")
    assert not soup.find_all(["script", "style", "iframe", "svg", "object", "embed", "img"]), html
    for element in soup.find_all(True):
        for name, value in element.attrs.items():
            assert not name.lower().startswith("on"), html
            text = " ".join(value) if isinstance(value, list) else str(value)
            assert not text.strip().lower().startswith(("javascript:", "data:", "vbscript:")), html


@pytest.mark.parametrize("payload", [p[1] for p in PAYLOADS], ids=[p[0] for p in PAYLOADS])
def test_payloads_are_neutralised(payload):
    assert_harmless(str(render_markdown(f"Text.\n\n{payload}\n")))
    assert_harmless(str(render_inline(payload)))


def test_ordinary_markdown_survives():
    html = str(render_markdown("**Ring** [1177](https://www.1177.se).\n\n- en\n- två\n"))
    assert "<strong>Ring</strong>" in html
    assert 'href="https://www.1177.se"' in html and 'rel="noopener noreferrer"' in html
    assert "<li>en</li>" in html


def test_sections_render_with_their_anchors_and_titles():
    sections = render_sections("Intro.\n\n## Tandvård {#tandvard}\n\nText.\n")
    assert [(s.anchor, s.title) for s in sections] == [("", ""), ("tandvard", "Tandvård")]
    assert "<p>Text.</p>" in str(sections[1].html)


def test_plain_text_drops_markup_and_urls():
    assert plain_text("Ring **1177** eller läs [1177.se](https://www.1177.se).") == "Ring 1177 eller läs 1177.se."
