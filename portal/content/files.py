"""The civic-information file format (docs/content-format.md): parse, validate, write.

Everything here is pure: text in, dataclasses or problems out. A problem names the file and
the line, so `flask content sync` can say exactly what to fix.
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import yaml
from markdown_it import MarkdownIt

from portal.content.catalogue import BY_SLUG
from portal.languages import BY_CODE, SOURCE_LANGUAGE

FRONT_MATTER_KEYS = ("title", "summary", "source_revision", "review_status", "last_updated")
REVIEW_STATUSES = ("unreviewed-draft", "reviewed")
SUMMARY_MAX = 160
TITLE_MAX = 200
BODY_MAX = 60_000

_REVISION_RE = re.compile(r"^[0-9a-f]{12}$")
_ANCHOR_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_HEADING_ANCHOR_RE = re.compile(r"^(?P<title>.*?)\s*\{#(?P<anchor>[^}\s]*)\}\s*$")

# html=True only so raw HTML shows up as tokens we can reject; rendering never enables it.
_checker = MarkdownIt("commonmark", {"html": True})
# Accept every link target here, so a javascript: link is seen (and rejected) instead of
# silently staying text.
_checker.validateLink = lambda url: True


@functools.lru_cache(maxsize=1024)
def _tokens(body: str) -> tuple:
    # Parsing is the slow part of a sync; validation and splitting share one parse per text.
    return tuple(_checker.parse(body))


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a content file, with a stable `kind` the editor can translate."""

    path: str
    line: int | None
    kind: str
    message: str
    params: dict[str, Any] = field(default_factory=dict, compare=False)

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.message}"


class ContentFormatError(Exception):
    """One or more content files are broken; nothing may be loaded."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


@dataclass(frozen=True)
class Section:
    """A `## ` section of a module body. The introduction before the first heading has anchor ""."""

    anchor: str
    title: str
    markdown: str
    line: int  # 1-based line in the body where the heading (or the introduction) starts

    @property
    def revision(self) -> str:
        """A 12-hex hash of the heading and text, used for section-level staleness."""
        return short_hash(f"{self.title}\n{self.markdown.strip()}")


@dataclass(frozen=True)
class ContentDocument:
    title: str
    summary: str
    source_revision: str
    review_status: str
    last_updated: date
    body: str

    @property
    def revision(self) -> str:
        """This body's own revision (for sv.md it is also its source_revision)."""
        return body_revision(self.body)

    @property
    def sections(self) -> list[Section]:
        return split_sections(self.body)


def short_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def body_revision(body: str) -> str:
    """The first 12 hex digits of the SHA-256 of the stripped body (docs/content-format.md)."""
    return short_hash(body.strip())


# -- parsing -------------------------------------------------------------------------------


def parse_document(text: str, *, path: str = "<text>") -> ContentDocument:
    """Parse and validate one file; raise ContentFormatError listing every problem found."""
    problems: list[Problem] = []
    text = text.replace("\r\n", "\n").lstrip("\ufeff")
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        raise ContentFormatError([Problem(path, 1, "front_matter_missing", "the file must start with a '---' line")])
    try:
        end = next(i for i in range(1, len(lines)) if lines[i].strip() == "---")
    except StopIteration:
        raise ContentFormatError(
            [Problem(path, 1, "front_matter_unclosed", "the front matter has no closing '---' line")]
        ) from None
    raw_front = "\n".join(lines[1:end])
    raw_body = "\n".join(lines[end + 1 :])
    body = raw_body.strip() + "\n"
    # Line numbers in problems are file lines: count the blank lines stripped above the body.
    body_first_line = end + 2 + raw_body[: len(raw_body) - len(raw_body.lstrip())].count("\n")

    meta: dict[str, Any] = {}
    try:
        # BaseLoader keeps every value a string: a revision like 012345678901 must not become a number.
        loaded = yaml.load(raw_front, Loader=yaml.BaseLoader)  # noqa: S506 - BaseLoader builds only str/list/dict
    except yaml.YAMLError as error:
        mark = getattr(error, "context_mark", None) or getattr(error, "problem_mark", None)
        line = 2 + mark.line if mark is not None else 2
        raise ContentFormatError(
            [Problem(path, line, "front_matter_yaml", f"the front matter is not valid YAML: {error}")]
        ) from None
    if not isinstance(loaded, dict):
        raise ContentFormatError([Problem(path, 2, "front_matter_yaml", "the front matter must be 'key: value' lines")])
    meta = loaded
    key_line = {ln.split(":", 1)[0].strip(): i + 2 for i, ln in enumerate(lines[1:end]) if ":" in ln}

    missing = [k for k in FRONT_MATTER_KEYS if k not in meta]
    unknown = [k for k in meta if k not in FRONT_MATTER_KEYS]
    if missing:
        problems.append(
            Problem(path, 1, "front_matter_keys", f"missing front matter keys: {', '.join(missing)}", {"keys": missing})
        )
    for key in unknown:
        problems.append(Problem(path, key_line.get(key, 2), "front_matter_keys", f"unknown front matter key {key!r}"))
    problems += validate_metadata(meta, path=path, key_line=key_line)
    problems += validate_body(body, path=path, first_line=body_first_line)
    if problems:
        raise ContentFormatError(problems)
    return ContentDocument(
        title=meta["title"].strip(),
        summary=meta["summary"].strip(),
        source_revision=meta["source_revision"].strip(),
        review_status=meta["review_status"].strip(),
        last_updated=date.fromisoformat(meta["last_updated"].strip()),
        body=body,
    )


def validate_metadata(meta: dict[str, Any], *, path: str, key_line: dict[str, int] | None = None) -> list[Problem]:
    """Check the values of the front matter keys that are present."""
    key_line = key_line or {}
    problems: list[Problem] = []

    def bad(key: str, kind: str, message: str, **params: Any) -> None:
        problems.append(Problem(path, key_line.get(key), kind, message, params))

    for key in FRONT_MATTER_KEYS:
        if key in meta and not isinstance(meta[key], str):
            bad(key, "front_matter_type", f"{key} must be a single line of text")
    if problems:
        return problems
    if "title" in meta and not meta["title"].strip():
        bad("title", "title_empty", "the title is empty")
    elif "title" in meta and len(meta["title"]) > TITLE_MAX:
        bad("title", "title_too_long", f"the title is longer than {TITLE_MAX} characters", max=TITLE_MAX)
    if "summary" in meta:
        summary = meta["summary"].strip()
        if not summary:
            bad("summary", "summary_empty", "the summary is empty")
        elif len(summary) > SUMMARY_MAX:
            bad(
                "summary",
                "summary_too_long",
                f"the summary has {len(summary)} characters; at most {SUMMARY_MAX} fit in an SMS",
                count=len(summary),
                max=SUMMARY_MAX,
            )
        elif "\n" in summary or re.search(r"[<>\[\]*_`]", summary):
            bad("summary", "summary_not_plain", "the summary must be one line of plain text (it is sent by SMS)")
    if "source_revision" in meta and not _REVISION_RE.match(meta["source_revision"].strip()):
        bad("source_revision", "source_revision_invalid", "source_revision must be 12 lowercase hex digits")
    if "review_status" in meta and meta["review_status"].strip() not in REVIEW_STATUSES:
        bad(
            "review_status",
            "review_status_invalid",
            f"review_status must be one of {', '.join(REVIEW_STATUSES)}",
        )
    if "last_updated" in meta:
        try:
            date.fromisoformat(meta["last_updated"].strip())
        except ValueError:
            bad("last_updated", "last_updated_invalid", "last_updated must be an ISO date such as 2026-11-22")
    return problems


# A phone number to tap: "tel:" and digits, with an optional "+" (no letters, no other scheme).
_TEL_LINK = re.compile(r"tel:\+?[0-9]{2,15}")
_LINK_NOT_CLOSED = re.compile(r"\]\([^)]*$")
_CODE_SPAN = re.compile(r"`[^`]*`")


def _unclosed_markup(body: str, path: str, first_line: int) -> list[Problem]:
    """Lines with a link or bold text that is opened and not closed: Markdown would show the
    brackets and stars to the reader as they are (issue 20)."""
    problems: list[Problem] = []
    fenced = False
    for number, raw in enumerate(body.split("\n")):
        if raw.lstrip().startswith("```"):
            fenced = not fenced
            continue
        line = _CODE_SPAN.sub("", raw)
        if fenced:
            continue
        if _LINK_NOT_CLOSED.search(line):
            problems.append(Problem(path, first_line + number, "link_unclosed", "a link is not closed with ')'"))
        if line.count("**") % 2:
            problems.append(Problem(path, first_line + number, "emphasis_unclosed", "'**' is opened and not closed"))
    return problems


def validate_body(body: str, *, path: str = "<text>", first_line: int = 1) -> list[Problem]:
    """Check the Markdown body: anchored `## ` sections, no empty section, no raw HTML, https links."""
    problems: list[Problem] = []
    if len(body) > BODY_MAX:
        return [Problem(path, first_line, "body_too_long", f"the text is longer than {BODY_MAX} characters")]
    tokens = _tokens(body)
    seen: dict[str, int] = {}
    block_line = first_line
    for token in tokens:
        if token.map:
            block_line = first_line + token.map[0]
        if token.type == "heading_open" and token.tag == "h1":
            problems.append(Problem(path, block_line, "heading_level", "use '## ' for sections; '# ' is not allowed"))
        if token.type == "heading_open" and token.tag == "h2":
            continue
        if token.type in ("html_block", "html_inline"):
            problems.append(Problem(path, block_line, "raw_html", "raw HTML is not allowed"))
        for child in token.children or ():
            if child.type == "html_inline":
                problems.append(Problem(path, block_line, "raw_html", "raw HTML is not allowed"))
            if child.type in ("link_open", "image"):
                href = str(child.attrs.get("href") or child.attrs.get("src") or "")
                if child.type == "image":
                    problems.append(Problem(path, block_line, "image", "images are not allowed"))
                elif not (href.startswith("https://") or _TEL_LINK.fullmatch(href)):
                    problems.append(
                        Problem(path, block_line, "link_not_https", f"links must go to https:// sites: {href!r}")
                    )
    problems += _unclosed_markup(body, path, first_line)
    for heading in _headings(tokens):
        line = first_line + heading.line
        match = _HEADING_ANCHOR_RE.match(heading.text)
        if not match:
            problems.append(
                Problem(path, line, "anchor_missing", "a '## ' heading must end in an anchor such as {#my-section}")
            )
            continue
        anchor = match["anchor"]
        if not match["title"].strip():
            problems.append(Problem(path, line, "heading_empty", "the heading has no text"))
        if not _ANCHOR_RE.match(anchor):
            problems.append(
                Problem(path, line, "anchor_invalid", f"the anchor {anchor!r} may only use a-z, 0-9 and hyphens")
            )
        elif anchor in seen:
            problems.append(
                Problem(path, line, "anchor_duplicate", f"the anchor {anchor!r} is already used on line {seen[anchor]}")
            )
        else:
            seen[anchor] = line
    problems = list(dict.fromkeys(problems))  # one problem per line and kind is enough
    if not seen and not problems:
        problems.append(Problem(path, first_line, "no_sections", "the text needs at least one '## ' section"))
    if not problems:
        for section in split_sections(body):
            if section.anchor and not section.markdown.strip():
                problems.append(
                    Problem(
                        path,
                        first_line + section.line - 1,
                        "section_empty",
                        f"the section {section.anchor!r} is empty",
                        {"anchor": section.anchor},
                    )
                )
    return problems


@dataclass(frozen=True)
class _Heading:
    line: int  # 0-based line in the body
    end: int  # 0-based line after the heading
    text: str


def _headings(tokens) -> list[_Heading]:
    found = []
    for i, token in enumerate(tokens):
        if token.type == "heading_open" and token.tag == "h2" and token.map:
            found.append(_Heading(token.map[0], token.map[1], tokens[i + 1].content.strip()))
    return found


def split_sections(body: str) -> list[Section]:
    """Split a body into its introduction (if any) and its `## ` sections, in order."""
    lines = body.split("\n")
    headings = _headings(_tokens(body))
    sections: list[Section] = []
    intro_end = headings[0].line if headings else len(lines)
    intro = "\n".join(lines[:intro_end]).strip()
    if intro:
        sections.append(Section("", "", intro, 1))
    for i, heading in enumerate(headings):
        stop = headings[i + 1].line if i + 1 < len(headings) else len(lines)
        match = _HEADING_ANCHOR_RE.match(heading.text)
        title, anchor = (match["title"].strip(), match["anchor"]) if match else (heading.text, "")
        text = "\n".join(lines[heading.end : stop]).strip()
        sections.append(Section(anchor, title, text, heading.line + 1))
    return sections


# A section may end with the questions it answers, one a line, in a fenced block:
#
#     ```questions
#     Where do I find a dentist?
#     ```
#
# They are part of the section's text, so they are versioned, reviewed and go stale with it;
# readers do not see them, search weighs them (docs/content-format.md).
QUESTIONS_FENCE = "questions"


def split_questions(markdown: str) -> tuple[str, list[str]]:
    """A section's Markdown without its question blocks, and the questions they hold."""
    cuts: list[tuple[int, int]] = []
    questions: list[str] = []
    for token in _tokens(markdown):
        if token.type == "fence" and token.info.strip() == QUESTIONS_FENCE and token.map:
            cuts.append((token.map[0], token.map[1]))
            questions += [line.strip() for line in token.content.split("\n") if line.strip()]
    if not cuts:
        return markdown, []
    lines = markdown.split("\n")
    kept = [line for i, line in enumerate(lines) if not any(start <= i < end for start, end in cuts)]
    return "\n".join(kept).strip(), questions


# -- files on disk -------------------------------------------------------------------------


@dataclass(frozen=True)
class ContentFile:
    path: Path
    slug: str
    language: str
    document: ContentDocument


def load_tree(root: Path) -> list[ContentFile]:
    """Parse and validate every file under `root` (<slug>/<lang>.md); raise with all problems."""
    problems: list[Problem] = []
    found: list[ContentFile] = []
    if not root.is_dir():
        raise ContentFormatError([Problem(str(root), None, "no_content", "the content folder does not exist")])
    for path in sorted(root.rglob("*.md")):
        rel = path.relative_to(root)
        shown = _shown(path)
        if len(rel.parts) != 2:
            problems.append(Problem(shown, None, "unknown_path", "content files live in <slug>/<language>.md"))
            continue
        slug, language = rel.parts[0], path.stem
        if slug not in BY_SLUG:
            problems.append(Problem(shown, None, "unknown_slug", f"unknown module slug {slug!r}"))
            continue
        if language not in BY_CODE:
            problems.append(Problem(shown, None, "unknown_language", f"unknown language {language!r}"))
            continue
        try:
            document = parse_document(path.read_text(encoding="utf-8"), path=shown)
        except UnicodeDecodeError:
            problems.append(Problem(shown, None, "encoding", "the file is not UTF-8"))
            continue
        except ContentFormatError as error:
            problems += error.problems
            continue
        found.append(ContentFile(path, slug, language, document))
    by_module = {f.slug for f in found if f.language == SOURCE_LANGUAGE}
    for f in found:
        if (
            f.language != SOURCE_LANGUAGE
            and f.slug not in by_module
            and not any(p.path.endswith(f"{f.slug}/{SOURCE_LANGUAGE}.md") for p in problems)
        ):
            problems.append(Problem(_shown(f.path), None, "no_source", f"{f.slug} has no {SOURCE_LANGUAGE}.md"))
    if problems:
        raise ContentFormatError(problems)
    return found


def _shown(path: Path) -> str:
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def write_document(document: ContentDocument) -> str:
    """The file text for a document, in the canonical key order; parse_document reads it back."""
    values = {
        "title": document.title,
        "summary": document.summary,
        "source_revision": document.source_revision,
        "review_status": document.review_status,
    }
    lines = ["---"]
    for key, value in values.items():
        lines.append(yaml.safe_dump({key: value}, allow_unicode=True, width=10_000, sort_keys=False).strip())
    lines.append(f"last_updated: {document.last_updated.isoformat()}")
    lines.append("---")
    return "\n".join(lines) + "\n\n" + document.body.strip() + "\n"
