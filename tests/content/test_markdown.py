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


@pytest.mark.parametrize(
    ("markdown", "expected"),
    [
        ("اتصل بـ 114 14 الآن", '<a href="tel:11414" dir="ltr">114 14</a>'),
        ("خط 020-50 50 50", '<a href="tel:020505050" dir="ltr">020-50 50 50</a>'),
        ("اقرأ 1177.se.", '<span dir="ltr">1177.se</span>'),
        ("من 13:00–16:00", '<span dir="ltr">13:00–16:00</span>'),
        ("**112**", '<strong><a href="tel:112" dir="ltr">112</a></strong>'),
    ],
)
def test_ltr_runs_in_content_are_isolated_and_phone_numbers_linked(markdown, expected):
    html = str(render_markdown(markdown)).replace(' rel="noopener noreferrer"', "")
    assert expected in html


def test_a_run_inside_a_link_is_isolated_without_a_second_link():
    html = str(render_markdown("[1177.se, 114 14](https://www.1177.se)"))
    soup = BeautifulSoup(html, "html.parser")
    assert len(soup.find_all("a")) == 1
    assert [s.get_text() for s in soup.find_all("span", dir="ltr")] == ["1177.se", "114 14"]


def test_the_isolating_markup_does_not_open_a_door_for_editor_html():
    html = str(render_markdown('<span dir="ltr" onclick="x()">114 14</span>'))
    assert "&lt;span" in html  # shown as text, never parsed as a tag
    assert_harmless(html)


def test_inline_code_is_left_as_written():
    assert str(render_markdown("`114 14`")) == "<p><code>114 14</code></p>\n"


@pytest.mark.parametrize(
    ("markdown", "expected"),
    [
        # A Swedish word first in an Arabic paragraph, list item or heading is its own LTR run.
        ("SFI هي مدرسة للغة السويدية.", '<p><span dir="ltr">SFI</span> هي مدرسة'),
        ("- SFI، أي اللغة السويدية.", '<li><span dir="ltr">SFI</span>، أي'),
        ("1. BankID مهم.", '<li><span dir="ltr">BankID</span> مهم.'),
        # The number after it stays out of the Latin run, so it is read after "SFI", not before.
        ("SFI 3 أيام في الأسبوع.", '<span dir="ltr">SFI</span> 3 أيام'),
        ("مكتب العمل (Arbetsförmedlingen) يساعدك.", '(<span dir="ltr">Arbetsförmedlingen</span>)'),
        ("**Swish** تطبيق.", '<strong><span dir="ltr">Swish</span></strong>'),
        ("[Försäkringskassan](https://www.forsakringskassan.se) تدفع.", '<span dir="ltr">Försäkringskassan</span></a>'),
    ],
)
def test_latin_words_in_right_to_left_text_are_isolated(markdown, expected):
    html = str(render_markdown(markdown)).replace(' rel="noopener noreferrer"', "")
    assert expected in html


def test_latin_words_in_a_right_to_left_heading_are_isolated_and_left_to_right_text_is_untouched():
    assert str(render_inline("SFI – اللغة السويدية")) == '<span dir="ltr">SFI</span> – اللغة السويدية'
    assert str(render_markdown("SFI 3 dagar i veckan.")) == "<p>SFI 3 dagar i veckan.</p>\n"


def test_isolating_latin_words_escapes_them():
    html = str(render_markdown("AT&T و R&amp;D هنا"))
    assert '<span dir="ltr">AT&amp;T</span>' in html and '<span dir="ltr">R&amp;D</span>' in html
