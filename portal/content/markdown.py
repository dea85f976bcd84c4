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
from markdown_it.rules_core import StateCore
from markdown_it.token import Token
from markupsafe import Markup, escape

from portal.bidi import find_runs, is_rtl_text, latin_runs, run_html
from portal.content.files import Section, split_questions, split_sections

ALLOWED_TAGS = {
    "p", "br", "strong", "em", "code", "pre", "blockquote", "ul", "ol", "li", "a", "h3", "h4", "h5", "h6", "hr",
    "table", "thead", "tbody", "tr", "th", "td",
    "span",
}  # fmt: skip
# `dir` on a and span only: it is how phone numbers, times and addresses stay left to right.
ALLOWED_ATTRIBUTES = {"a": {"href", "title", "dir"}, "span": {"dir"}, "ol": {"start"}, "th": {"align"}, "td": {"align"}}
URL_SCHEMES = {"https", "http", "mailto", "tel"}


def _isolate_ltr_runs(state: StateCore) -> None:
    """Core rule: wrap phone numbers, times, sums and addresses in text as LTR runs (portal.bidi).

    In right-to-left text, runs of Latin-script words ("SFI", "Svenska för invandrare") are
    isolated too. Left alone, a Swedish word takes the digits and signs after it into its own
    left-to-right run ("SFI 3 أيام" reads "3" before "SFI"), and where a text's direction is
    taken from its first letter (dir="auto", a snippet pasted elsewhere) a paragraph or list
    item that starts with one is laid out left to right.

    It runs after text_join, so "13:00" is one text token again. Inside a link the run gets a
    span, not a second link. The HTML tokens it adds are built from escaped text only; the
    editor's own HTML stays disabled.
    """
    for block in state.tokens:
        if block.type != "inline" or not block.children:
            continue
        rtl = is_rtl_text(block.content)
        children: list[Token] = []
        in_link = 0
        for token in block.children:
            in_link += 1 if token.type == "link_open" else -1 if token.type == "link_close" else 0
            if token.type != "text" or not (rtl or any(ch.isdigit() or ch in "./@" for ch in token.content)):
                children.append(token)
                continue
            last = 0
            for run in find_runs(token.content):
                children += _latin_isolated(token, token.content[last : run.start], rtl)
                children.append(_html(token, run_html(run, link=not in_link)))
                last = run.end
            children += _latin_isolated(token, token.content[last:], rtl)
        block.children = [t for t in children if t.type != "text" or t.content]


def _latin_isolated(like: Token, content: str, rtl: bool) -> list[Token]:
    """Text tokens, with each run of Latin-script words an LTR span when the block is RTL."""
    if not rtl:
        return [_text(like, content)]
    tokens: list[Token] = []
    last = 0
    for start, end in latin_runs(content):
        span = f'<span dir="ltr">{escape(content[start:end])}</span>'
        tokens += [_text(like, content[last:start]), _html(like, span)]
        last = end
    tokens.append(_text(like, content[last:]))
    return tokens


def _text(like: Token, content: str) -> Token:
    token = Token("text", "", 0, level=like.level)
    token.content = content
    return token


def _html(like: Token, html: str) -> Token:
    token = Token("html_inline", "", 0, level=like.level)
    token.content = html
    return token


_md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}).enable("table")
_md.core.ruler.after("text_join", "isolate_ltr_runs", _isolate_ltr_runs)
# Search and snippets read the text itself, without the runs' markup.
_plain_md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}).enable("table")


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
    for token in _plain_md.parse(markdown or ""):
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
