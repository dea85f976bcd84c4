"""Left-to-right runs inside right-to-left text: the one home for the rule (issue 14, item 1).

In an Arabic, Persian, Dari, Pashto or Sorani sentence the Unicode bidi algorithm reorders
anything made of digits and neutral separators: the police number "114 14" is drawn as
"14 114", "020-50 50 50" as "50 50 50-020", "13:00–16:00" as "16:00–13:00", "1177.se" as
"se.1177". The fix is to isolate each such run as left to right, so it is drawn in its own
order whatever surrounds it:

- in HTML, `<span dir="ltr">` (the `dir` attribute isolates, as `<bdi>` does) and, for a
  phone number, `<a href="tel:…" dir="ltr">` so it can also be tapped;
- in plain text for a right-to-left language (SMS, chat), the Unicode isolates
  U+2066 LEFT-TO-RIGHT ISOLATE … U+2069 POP DIRECTIONAL ISOLATE.

`find_runs` decides what a run is; everything else (the Jinja filter, the Markdown rule, the
SMS and chat texts) only decides how to mark it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

from markupsafe import Markup, escape

LRI = "\u2066"
PDI = "\u2069"

# Numbers people phone in Sweden that look like any other number; only these short ones become
# links when they stand alone (a year or a sum must not). Longer numbers are recognised by shape.
SERVICE_NUMBERS = frozenset(
    {
        "112",  # emergency
        "1177",  # health care advice
        "11414",  # police, non-emergency ("114 14")
        "11313",  # information on accidents and crises ("113 13")
        "90101",  # Mind's suicide line
        "116111",  # BRIS, children's helpline
        "116006",  # victim support
        "116123",  # emotional support
    }
)

_DOMAINS = r"(?:se|nu|com|org|net|eu|info|gov|io)"
# Not inside a Latin word or a code ("D8S3"); after an Arabic-script letter it is a run all the
# same, as in "و8:00" (Arabic writes "and" joined to the word after it).
_NOT_IN_WORD = r"(?<![0-9A-Za-z_\u00c0-\u024f])"
_END = r"""[^\s<>"'().,;:!?؟،]"""  # a link does not end in the sentence's punctuation
_PARTS = {
    "url": rf"""https?://[^\s<>"'()]+{_END}""",
    "email": r"[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}",
    "domain": rf"""(?<![\w@/.])(?:www\.)?[\w-]+(?:\.[\w-]+)*\.{_DOMAINS}(?:/[^\s<>"'()]*{_END})?(?![\w.]*\w)""",
    # A case number as the portal shows it: D8S3-542N.
    "case": r"(?<![\w-])(?-i:[0-9A-Z]{4}-[0-9A-Z]{4})(?![\w-])",
    # A machine timestamp, as in the person's data export: 2026-12-07T05:20:46.778145+00:00.
    "timestamp": r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})?",
    # A bare portal path ("/signin"), not a fraction or "and/or".
    "path": r"(?<!\S)/[a-z][\w\-/#?=&.%]*[\w/]",
    "phone": (
        rf"{_NOT_IN_WORD}(?<!\+)(?:\+\d{{2}}[ -]?(?:\(0\))?[ \d-]{{6,14}}\d"  # +46 8 123 456 78
        r"|0\d{1,3}-\d{2,3}(?:[ \u00a0]\d{2,3})+"  # 020-50 50 50
        r"|0\d{1,3}-\d{5,8}"  # 08-1234567
        r"|07\d[ \u00a0]\d{3}[ \u00a0]\d{2}[ \u00a0]\d{2})(?!\w)"  # 070 123 45 67
    ),
    # Digits joined by separators: 114 14, 13:00–16:00, 2026-12-21, 1 250 kr, 23,5.
    "number": (
        rf"{_NOT_IN_WORD}\d+(?:[ \u00a0]\d{{2,3}}(?!\d)|\s?[–—-]\s?\d+|[.,:/]\d+)*"
        r"(?:[ \u00a0]?(?:kr|SEK|%))?(?!\w)"
    ),
}
_RUN = re.compile("|".join(f"(?P<{name}>{pattern})" for name, pattern in _PARTS.items()), re.IGNORECASE)


@dataclass(frozen=True)
class Run:
    start: int
    end: int
    text: str
    kind: str  # "url", "email", "domain", "case", "timestamp", "path", "phone" or "number"

    @property
    def tel(self) -> str | None:
        """The `tel:` address when this run is a phone number, else None."""
        # ASCII digits in the address: a phone dials "١١٢" no better than a person can read it reversed.
        digits = "".join(str(unicodedata.digit(c)) for c in self.text.replace("(0)", "") if c.isdigit())
        if self.kind == "phone":
            return ("+" if self.text.startswith("+") else "") + digits
        if self.kind == "number" and digits in SERVICE_NUMBERS and re.fullmatch(r"[\d  ]+", self.text):
            return digits
        return None

    @property
    def needs_isolation(self) -> bool:
        """A lone number ("2026") is drawn correctly without help; anything with a separator is not."""
        return self.kind != "number" or self.tel is not None or not self.text.isdigit()


def find_runs(text: str) -> Iterator[Run]:
    """The runs in `text` that must be drawn left to right, in order."""
    for match in _RUN.finditer(text):
        run = Run(match.start(), match.end(), match.group(), match.lastgroup or "number")
        if run.needs_isolation:
            yield run


def isolate_text(text: str) -> str:
    """Plain text with each left-to-right run between Unicode isolates (for SMS and chat in RTL).

    Isolating twice gives the same text: the isolates already there are taken out first.
    """
    text = text.replace(LRI, "").replace(PDI, "")
    pieces: list[str] = []
    last = 0
    for run in find_runs(text):
        pieces += [text[last : run.start], LRI, run.text, PDI]
        last = run.end
    pieces.append(text[last:])
    return "".join(pieces)


def is_rtl_text(text: str) -> bool:
    """Tell whether `text` holds right-to-left letters (Arabic script, Hebrew, ...)."""
    return any(unicodedata.bidirectional(ch) in ("R", "AL") for ch in text)


def text_direction(text: str) -> str:
    """ "rtl" or "ltr" for a text someone wrote, by most of its letters; "auto" when it has none.

    `dir="auto"` goes by the first letter only, so an Arabic message that starts with "SFI" or
    "BankID" would be laid out left to right, its words in the wrong order.
    """
    rtl = ltr = 0
    for ch in str(text or ""):
        kind = unicodedata.bidirectional(ch)
        if kind in ("R", "AL"):
            rtl += 1
        elif kind == "L" and ch.isalpha():
            ltr += 1
    if not rtl and not ltr:
        return "auto"
    return "rtl" if rtl >= ltr else "ltr"


# A run of Latin-script words in right-to-left text: "SFI", "Svenska för invandrare",
# "e-legitimation", "Covid-19". Words join across spaces, never across a number on its own.
_LATIN = "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u1e00-\u1eff"
_LATIN_WORD = rf"[{_LATIN}][{_LATIN}0-9]*(?:['’.&/-][{_LATIN}0-9]+)*"
_LATIN_RUN = re.compile(rf"(?<![{_LATIN}0-9_'’.&/-]){_LATIN_WORD}(?:[ \u00a0]+{_LATIN_WORD})*(?![{_LATIN}0-9_'’&/-])")


def latin_runs(text: str) -> Iterator[tuple[int, int]]:
    """Where each run of Latin-script words is in `text`, as (start, end)."""
    for match in _LATIN_RUN.finditer(text):
        yield match.start(), match.end()


def isolate_plain_text(text: str) -> str:
    """`isolate_text` for a text with right-to-left letters; any other text is returned as it is.

    The text decides, not the person's language: a Swedish SMS to someone who reads Arabic
    needs no isolates. Isolates are not in GSM-7, and an Arabic-script SMS is UCS-2 anyway, so
    they cost two units each there; in a Latin text they would turn a GSM-7 SMS into UCS-2 and
    more than double its price, for nothing.
    """
    return _isolate_leading_latin(isolate_text(text)) if is_rtl_text(text) else text


def _isolate_leading_latin(text: str) -> str:
    """Each right-to-left line that starts with a Latin word ("Ankomst: ..."), with that word isolated.

    A phone lays out each line of an SMS in the direction of its first letter, so an Arabic SMS
    that starts with "Ankomst:" would be shown left to right, its sentence order scrambled. The
    first letter inside isolates does not count, so the line's first Arabic letter decides.
    """
    lines = []
    for line in text.split("\n"):
        first = _first_strong_outside_isolates(line)
        if first is not None and unicodedata.bidirectional(line[first]) == "L" and text_direction(line) == "rtl":
            for start, end in latin_runs(line):
                if start == first:
                    line = f"{line[:start]}{LRI}{line[start:end]}{PDI}{line[end:]}"
                    break
        lines.append(line)
    return "\n".join(lines)


def _first_strong_outside_isolates(line: str) -> int | None:
    depth = 0
    for index, ch in enumerate(line):
        if ch in "\u2066\u2067\u2068":
            depth += 1
        elif ch == PDI:
            depth = max(depth - 1, 0)
        elif not depth and unicodedata.bidirectional(ch) in ("L", "R", "AL"):
            return index
    return None


def run_html(run: Run, *, link: bool = True) -> str:
    """One run as HTML: a `tel:` link for a phone number, else an LTR span."""
    if link and run.tel:
        return f'<a href="tel:{run.tel}" dir="ltr">{escape(run.text)}</a>'
    return f'<span dir="ltr">{escape(run.text)}</span>'


def isolate_html(text: str, *, link: bool = True) -> str:
    """Escaped HTML of plain `text` with each run isolated (and phone numbers linked)."""
    pieces: list[str] = []
    last = 0
    for run in find_runs(text):
        pieces += [str(escape(text[last : run.start])), run_html(run, link=link)]
        last = run.end
    pieces.append(str(escape(text[last:])))
    return "".join(pieces)


_TAG_OR_TEXT = re.compile(r"(<[^>]*>)")


def isolate_filter(value: object, link: bool = True) -> Markup:
    """Jinja filter `ltr_runs`: isolate the runs in a UI string, escaping plain text.

    Markup (a string a template already built) is processed only between its tags, and not
    inside an existing link, so that a `tel:` link is never put inside another link.
    """
    if value is None:
        return Markup("")
    if not isinstance(value, Markup):
        return Markup(isolate_html(str(value), link=link))  # noqa: S704 - escaped in isolate_html
    out: list[str] = []
    in_link = 0
    for part in _TAG_OR_TEXT.split(str(value)):
        if part.startswith("<"):
            name = part[1:].split(None, 1)[0].rstrip(">").lower() if len(part) > 2 else ""
            in_link += 1 if name == "a" else -1 if name == "/a" else 0
            out.append(part)
        elif part:
            # Already-escaped text: unescape, isolate, escape again.
            text = Markup(part).unescape()  # noqa: S704 - only to read the text back; escaped again below
            out.append(isolate_html(text, link=link and not in_link))
        else:
            continue
    return Markup("".join(out))  # noqa: S704 - tags come from Markup, text is escaped again


# -- the editor's right-to-left textarea --------------------------------------------------------

_ISOLATES = re.compile("[\u2066\u2067\u2068\u2069]")
# A Markdown link or a heading's anchor: syntax that must read left to right as one piece.
_MARKDOWN_LTR = re.compile(r"\[[^\]\n]*\]\([^)\s]*\)|\{#[^}\n]*\}")


def isolate_markdown_source(text: str) -> str:
    """Markdown source for a right-to-left textarea, with links, anchors and number runs isolated.

    A textarea holds plain text, so no markup can isolate `[1177.se](https://www.1177.se)` or
    `{#1177}` in an Arabic line: the bidi algorithm draws them as `(https://www.1177.se)[se.1177]`
    and `{1177#}`. Invisible isolates around them keep their true order; the editor strips them
    again on save (`strip_isolates`), so they never reach the stored text.
    """
    text = strip_isolates(text)
    pieces: list[str] = []
    last = 0
    for match in _MARKDOWN_LTR.finditer(text):
        pieces += [isolate_text(text[last : match.start()]), LRI, match.group(), PDI]
        last = match.end()
    pieces.append(isolate_text(text[last:]))
    return "".join(pieces)


def strip_isolates(text: str) -> str:
    """The text without Unicode isolates (LRI, RLI, FSI, PDI): what the editor's textarea added."""
    return _ISOLATES.sub("", text)
