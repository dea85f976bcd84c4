"""The termbase (locales/terms/<lang>.yml) and its checks (issue 16): forbidden variants, and pages
named in the content by the label the UI gives them.

One file per language holds, for each Swedish key term, the approved rendering and the variants
that must not appear. The same terms bind the UI catalogue, the content modules and the
assistant's replies (which live in the UI catalogue), so one scan covers all three.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[1]
TERMS_DIR = ROOT / "locales" / "terms"
LOCALES_DIR = ROOT / "locales"
CONTENT_DIR = ROOT / "content" / "samhallsinfo"
_FENCE = re.compile(r"^\s*```")
_WHITESPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Hit:
    path: Path
    line: int
    term: str
    variant: str
    problem: str = "forbidden variant"

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: term {self.term!r}: {self.problem}: {self.variant!r}"


def load_terms(lang: str, terms_dir: Path = TERMS_DIR) -> dict[str, dict]:
    data = yaml.safe_load((terms_dir / f"{lang}.yml").read_text(encoding="utf-8"))
    return data["terms"]


def _forbidden(terms: dict[str, dict]) -> list[tuple[str, str]]:
    return [(term, variant) for term, entry in terms.items() for variant in entry.get("forbidden") or []]


def _scan_lines(path: Path, lines: list[tuple[int, str]], forbidden) -> list[Hit]:
    # Substring match, case-insensitive: a stem such as "diidmo" also catches "diidmooyinka".
    return [
        Hit(path, number, term, variant)
        for number, text in lines
        for term, variant in forbidden
        if variant.casefold() in text.casefold()
    ]


def msgstr_entries(path: Path) -> list[tuple[int, str]]:
    """The translations of a PO file, one per entry (each plural form apart), with the line of the
    entry's msgid.

    Read as entries, not as lines: the PO format wraps a long msgstr over several lines, often at
    the space inside a term, so a line-by-line scan misses exactly the multi-word variants. Runs of
    whitespace are folded to one space, so a term broken by a newline in the translation is caught
    too. The header and obsolete (#~) entries are not shown to anyone and are not checked.
    """
    with open(path, "rb") as fh:
        catalogue = read_po(fh)
    out = []
    for message in catalogue:
        if not message.id:
            continue
        forms = message.string if isinstance(message.string, (list, tuple)) else [message.string]
        out += [(message.lineno, _WHITESPACE.sub(" ", form)) for form in forms if form]
    return out


def content_lines(path: Path) -> list[tuple[int, str]]:
    """Lines of a content module a reader sees: the ```questions blocks are excluded, because
    they record how people actually ask (including wrong words) for the search to match."""
    out, fenced = [], False
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if _FENCE.match(line):
            fenced = not fenced
            continue
        if not fenced:
            out.append((number, line))
    return out


def check_language(
    lang: str,
    babel_locale: str,
    *,
    terms_dir: Path = TERMS_DIR,
    locales_dir: Path = LOCALES_DIR,
    content_dir: Path = CONTENT_DIR,
) -> list[Hit]:
    forbidden = _forbidden(load_terms(lang, terms_dir))
    hits: list[Hit] = []
    po = locales_dir / babel_locale / "LC_MESSAGES" / "messages.po"
    if po.exists():
        hits += _scan_lines(po, msgstr_entries(po), forbidden)
    for module in sorted(content_dir.glob(f"*/{lang}.md")):
        hits += _scan_lines(module, content_lines(module), forbidden)
    return hits


def _label(catalogue: Path, msgid: str) -> str | None:
    with open(catalogue, "rb") as fh:
        message = read_po(fh).get(msgid)
    return message.string if message is not None and isinstance(message.string, str) else None


_QUOTES = "«»\"“”„'"


def check_page_labels(
    lang: str,
    babel_locale: str,
    *,
    terms_dir: Path = TERMS_DIR,
    locales_dir: Path = LOCALES_DIR,
    content_dir: Path = CONTENT_DIR,
) -> list[Hit]:
    """Content that names a page must call it what the menu calls it.

    In a translation the Swedish page name (for example "Min plan") may appear only in brackets,
    right after the label the UI catalogue of that language gives the page: «Мій план» (Min plan).
    A bare Swedish name, or another label before the brackets, is reported.
    """
    if lang == "sv":
        return []
    sv_po = locales_dir / "sv" / "LC_MESSAGES" / "messages.po"
    po = locales_dir / babel_locale / "LC_MESSAGES" / "messages.po"
    hits: list[Hit] = []
    for term, entry in load_terms(lang, terms_dir).items():
        if not entry.get("ui_label"):
            continue
        swedish, local = _label(sv_po, entry["ui_label"]), _label(po, entry["ui_label"])
        if not swedish or not local:
            continue
        bracketed = f"({swedish})"
        for module in sorted(content_dir.glob(f"*/{lang}.md")):
            for number, text in content_lines(module):
                start = 0
                while (at := text.find(swedish, start)) != -1:
                    start = at + len(swedish)
                    if text[at - 1 : at] == "(" and text[at : at + len(bracketed) - 1] == bracketed[1:]:
                        before = text[: at - 1].rstrip().rstrip(_QUOTES).rstrip()
                        if before.casefold().endswith(local.casefold()):
                            continue
                        found = f"{before[-len(local) - 2 :].lstrip()} {bracketed}"
                    else:
                        found = swedish
                    problem = f"page named otherwise than its UI label {local!r} (Swedish only in brackets)"
                    hits.append(Hit(module, number, term, found, problem))
    return hits
