"""Markdown to safe HTML for civic-information text (markdown-it-py, then nh3).

Editors are trusted to write text, not markup: raw HTML is never enabled, and whatever
markdown-it produces is still cleaned by nh3, so no script, no event handler and no
`javascript:` link reaches a reader.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import nh3
from markdown_it import MarkdownIt
from markupsafe import Markup

from portal.content.files import Section, split_questions, split_sections

ALLOWED_TAGS = {
    "p", "br", "strong", "em", "code", "pre", "blockquote", "ul", "ol", "li", "a", "h3", "h4", "h5", "h6", "hr",
    "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}, "th": {"align"}, "td": {"align"}}
URL_SCHEMES = {"https", "http", "mailto", "tel"}

_md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}).enable("table")


def sanitise(html: str) -> str:
    """Keep only harmless tags, attributes and URL schemes."""
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        clean_content_tags={"script", "style"},
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )


def render_markdown(text: str) -> Markup:
    """Block Markdown to sanitised HTML."""
    return Markup(sanitise(_md.render(text or "")))  # noqa: S704 - sanitised by nh3 just above


def render_inline(text: str) -> Markup:
    """One line of Markdown (a heading) to sanitised inline HTML."""
    return Markup(sanitise(_md.renderInline(text or "")))  # noqa: S704 - sanitised by nh3 just above


def plain_text(markdown: str) -> str:
    """The readable text of some Markdown, without markup or URLs (for search and snippets)."""
    parts: list[str] = []
    for token in _md.parse(markdown or ""):
        if token.type == "inline":
            words = [c.content for c in token.children or () if c.type in ("text", "code_inline")]
            parts.append("".join(words))
        elif token.type in ("code_block", "fence"):
            parts.append(token.content)
    return "\n".join(p.strip() for p in parts if p.strip())


@dataclass(frozen=True)
class RenderedSection:
    anchor: str
    title: str
    title_html: Markup
    html: Markup


def render_sections(body: str) -> list[RenderedSection]:
    """The body as sections ready for a template: the introduction first (anchor "")."""
    return list(_render_sections_cached(body))


@functools.lru_cache(maxsize=512)
def _render_sections_cached(body: str) -> tuple[RenderedSection, ...]:
    # Rendering and sanitising is most of a module page's cost, and a body's HTML depends on the
    # body alone: 144 published texts (plus drafts being edited) fit comfortably in the cache.
    return tuple(_render_section(s) for s in split_sections(body))


def _render_section(section: Section) -> RenderedSection:
    # The questions a section answers are for search, not shown as text.
    text, _questions = split_questions(section.markdown)
    return RenderedSection(section.anchor, section.title, render_inline(section.title), render_markdown(text))
