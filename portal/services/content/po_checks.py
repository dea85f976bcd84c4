"""The checks a translator's PO file passes on its way in, and the termbase as their glossary.

Split from po_files.py (issue 18's 500-line limit): po_files.py turns content and the UI
catalogue into PO files and back; this module says what a translated entry may not change
(placeholders, URLs, numbers, the Markdown around it) and which termbase variants are
forbidden, and writes the termbase as notes and as a glossary file.
"""

from __future__ import annotations

import csv
import functools
import io
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from portal.content.files import split_questions
from portal.termbase import TERMS_DIR, load_terms

PLACEHOLDER = re.compile(r"%\([A-Za-z_]\w*\)[sdif]|%[sdif]|\{[A-Za-z_]\w*\}")
_URL = re.compile(r"(?:https?://|mailto:|tel:)[^\s)\]>\"'»«]*")
# Punctuation that ends the sentence after a bare address is not part of it.
_URL_END = ".,;:!?؟،。"
_NUMBER = re.compile(r"\d+")
_HTML = re.compile(r"</?[A-Za-z][^>]*>")
_BLOCK_START = re.compile(r"^\s*(?:[-*+]\s|\d{1,3}[.)]\s|#|>|```)")

# -- checks ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class EntryProblem:
    """One thing wrong with one entry of an imported PO file."""

    context: str  # the entry's msgctxt (or msgid for the UI catalogue)
    # "placeholders", "urls", "numbers", "markdown", "forbidden", "outdated", "unknown", "untranslated", "file"
    kind: str
    message: str

    def __str__(self) -> str:
        return f"{self.context}: {self.message}"


class PoImportError(Exception):
    """The PO file is refused: nothing was written."""

    def __init__(self, problems: list[EntryProblem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


def _digits(text: str) -> str:
    # Arabic-Indic and Persian digits are the same numbers as 0-9.
    if text.isascii():
        return text
    return "".join(str(unicodedata.digit(ch)) if ch.isdigit() else ch for ch in text)


def urls(text: str) -> list[str]:
    return [url.rstrip(_URL_END) for url in _URL.findall(text)]


def _without_urls(text: str) -> str:
    return _URL.sub(" ", text)


def check_translation(
    context: str,
    source: str,
    translation: str,
    *,
    forbidden: list[tuple[str, str]] = (),
    questions: bool = False,
    whole_section: bool = False,
) -> list[EntryProblem]:
    """What is wrong with one translated entry, measured against its Swedish.

    A whole section is compared without its questions blocks, which each language writes for itself.
    """
    problems: list[EntryProblem] = []
    if whole_section:
        source, translation = split_questions(source)[0], split_questions(translation)[0]

    def differ(kind: str, found: Callable[[str], list[str]], a: str, b: str, what: str) -> None:
        ours, theirs = Counter(found(a)), Counter(found(b))
        if ours != theirs:
            missing, extra = sorted((ours - theirs).elements()), sorted((theirs - ours).elements())
            detail = "; ".join(
                part
                for part in (
                    f"missing {', '.join(missing)}" if missing else "",
                    f"new {', '.join(extra)}" if extra else "",
                )
                if part
            )
            problems.append(EntryProblem(context, kind, f"the {what} differ from the Swedish ({detail})"))

    differ("placeholders", PLACEHOLDER.findall, source, translation, "placeholders")
    differ("urls", urls, source, translation, "links")
    if not questions:
        # Each language writes its own search questions; their numbers need not match.
        differ(
            "numbers", _NUMBER.findall, _digits(_without_urls(source)), _digits(_without_urls(translation)), "numbers"
        )
        problems += _markdown_problems(context, source, translation, lines=not whole_section)
        for term, variant in forbidden:
            if variant.casefold() in translation.casefold():
                problems.append(EntryProblem(context, "forbidden", f"the termbase forbids {variant!r} for {term!r}"))
    elif "```" in translation:
        problems.append(EntryProblem(context, "markdown", "a question may not contain ```"))
    return problems


def _markdown_problems(context: str, source: str, translation: str, *, lines: bool = True) -> list[EntryProblem]:
    found: list[str] = []
    if lines and translation.count("\n") != source.count("\n"):
        found.append("the number of lines differs from the Swedish")
    if bool(_BLOCK_START.match(translation)) != bool(_BLOCK_START.match(source)):
        found.append("it starts a list, heading, quote or fence that the Swedish does not (or the other way)")
    for mark, name in (("**", "bold"), ("`", "code")):
        if translation.count(mark) % 2:
            found.append(f"{name} ({mark}) is opened and not closed")
    if translation.count("](") != source.count("]("):
        found.append("the number of links differs from the Swedish")
    if translation.count("[") != translation.count("]"):
        found.append("a link's brackets are not closed")
    if _HTML.search(translation):
        found.append("raw HTML is not allowed")
    if "{#" in translation and "{#" not in source:
        found.append("an anchor ({#…}) may not be added")
    return [EntryProblem(context, "markdown", text) for text in found]


# -- the termbase as a glossary -------------------------------------------------------------


def forbidden_variants(terms: Mapping[str, dict]) -> list[tuple[str, str]]:
    return [(term, variant) for term, entry in terms.items() for variant in entry.get("forbidden") or []]


@functools.lru_cache(maxsize=64)
def _any_term(terms: tuple[str, ...]) -> re.Pattern[str]:
    # A term matches at the start of a word, so "handläggare" also finds "handläggaren". Longer
    # terms first, so "Min plan" is not found as a shorter term that starts it.
    alternatives = "|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})", re.IGNORECASE)


def glossary_notes(swedish: str, terms: Mapping[str, dict]) -> list[str]:
    """The termbase entries for the terms in one Swedish text, as notes for the translator."""
    notes = []
    found = {m.casefold() for m in _any_term(tuple(terms)).findall(swedish)} if terms else set()
    for term, entry in terms.items():
        if entry.get("approved") and term.casefold() in found:
            note = f"Term: {term} = {entry['approved']}"
            if entry.get("forbidden"):
                note += f" (not: {', '.join(entry['forbidden'])})"
            notes.append(note)
    return notes


def glossary_csv(language: str, terms_dir: Path = TERMS_DIR) -> str:
    """The termbase of one language as a glossary CSV (source, target, explanation, forbidden)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["source", "target", "explanation", "forbidden"])
    for term, entry in load_terms(language, terms_dir).items():
        definition = " ".join(str(entry.get("definition") or "").split())
        writer.writerow([term, entry.get("approved") or "", definition, "; ".join(entry.get("forbidden") or [])])
    return out.getvalue()


def language_terms(language: str, terms_dir: Path | None) -> dict[str, dict]:
    path = (terms_dir or TERMS_DIR) / f"{language}.yml"
    return _load_terms(language, terms_dir or TERMS_DIR, path.stat().st_mtime_ns) if path.exists() else {}


@functools.lru_cache(maxsize=32)
def _load_terms(language: str, terms_dir: Path, _mtime: int) -> dict[str, dict]:
    # Parsing the YAML is most of an export's time; the file's mtime is in the key, so an edit is read.
    return load_terms(language, terms_dir)
