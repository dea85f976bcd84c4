"""PO files for translators (issue 16): a module's content or the UI catalogue, out to Poedit or
Weblate and back in, with the termbase as a glossary and every entry checked on the way in.

A content module becomes one PO entry per sentence (portal/services/content/sentences.py):
`msgctxt` names the place ("arbete" module, "hitta-jobb/2.1" = section, line, sentence),
`msgid` is the Swedish and `msgstr` the translation. A sentence whose Swedish changed since the
translation was made is `fuzzy`, with the old Swedish as the previous msgid (`#| msgid`), which
is how PO tools show a translator exactly what changed; the other sentences are reused as they
are. The termbase's terms found in a sentence are the entry's notes for translators (`#.`),
and `po_checks.glossary_csv` writes the whole termbase as a glossary Weblate imports; the checks
of an entry coming back live in po_checks.py.

Coming back, the file is rebuilt on the current Swedish: its lines, list markers, fences and
anchors come from the Swedish, the sentences from the PO. A file is refused, and nothing is
written, when it was made from another Swedish text, or when an entry changed a placeholder, a
URL or a number, broke the Markdown, or uses a variant the termbase forbids.

PO reading and writing is Babel's (babel.messages.pofile), already a dependency for the UI
catalogues; Markdown is read with markdown-it-py, as everywhere else in the content code.
"""

from __future__ import annotations

import io
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import read_po, write_po

from portal.content.files import (
    ContentDocument,
    ContentFormatError,
    parse_document,
    split_sections,
    write_document,
)
from portal.languages import BY_CODE, SOURCE_LANGUAGE
from portal.local_time import stockholm_today
from portal.services.content.po_checks import (
    PLACEHOLDER,
    EntryProblem,
    PoImportError,
    check_translation,
    forbidden_variants,
    glossary_notes,
    language_terms,
    urls,
)
from portal.services.content.sentences import (
    INTRO,
    MemoryUnit,
    Place,
    Unit,
    body_units,
    carry_over,
    join_sections,
    section_from_units,
    swedish_places,
)
from portal.termbase import LOCALES_DIR

PROJECT = "Ankomst"
MODULE_KEYS = ("title", "summary")


# -- content modules ---------------------------------------------------------------------------


def _entries(
    source: ContentDocument, translation: ContentDocument | None, made_from: ContentDocument | None
) -> list[MemoryUnit]:
    """The units of a module with their translations: lined up with the Swedish the translation
    was made from when that is given (so only the changed sentences are fuzzy), else with the
    current Swedish."""
    head = []
    for key in MODULE_KEYS:
        now, before = getattr(source, key), getattr(made_from, key) if made_from else None
        changed = made_from is not None and before != now
        unit = Unit(key, now, getattr(translation, key) if translation else None)
        head.append(MemoryUnit(unit, changed, before if changed else None))
    if translation is not None and made_from is not None:
        return head + carry_over(source.body, translation.body, made_from.body)
    body = body_units(source.body, translation.body if translation else None)
    return head + [MemoryUnit(unit, False, None) for unit in body]


def export_module(
    slug: str,
    language: str,
    source: ContentDocument,
    translation: ContentDocument | None,
    *,
    made_from: ContentDocument | None = None,
    memory: Mapping[str, str] | None = None,
    terms_dir: Path | None = None,
) -> Catalog:
    """One module in one language as a PO catalogue.

    `made_from` is the Swedish the translation was made from, when it is not the current one and
    is known: the sentences changed since are fuzzy, with the old Swedish as previous msgid. A
    stale translation whose old Swedish is unknown has every entry fuzzy. `memory` holds reviewed
    translations of Swedish sentences (Swedish -> translation), reused where a sentence has none.
    """
    terms = language_terms(language, terms_dir)
    catalog = Catalog(
        locale=BY_CODE[language].babel_locale,
        project=PROJECT,
        version=slug,
        header_comment=(
            f"# {PROJECT}: the civic-information module {slug!r} in {BY_CODE[language].english_name}.\n"
            "# Translate each Swedish sentence. Entries marked fuzzy changed in Swedish since the\n"
            "# translation was made: the previous Swedish is shown. Keep links, numbers and Markdown.\n"
            "# Notes for translators list the approved terms (locales/terms)."
        ),
        fuzzy=False,
    )
    stale = translation is not None and translation.source_revision != source.revision
    for entry in _entries(source, translation, made_from if stale else None):
        unit, string = entry.unit, entry.unit.translation
        notes = glossary_notes(unit.source, terms) if not unit.questions else []
        if unit.questions:
            notes.insert(0, "The questions this section answers, one a line, as people ask them (for search).")
        # A stale translation whose old Swedish is unknown: nothing says which sentences still hold.
        fuzzy = string is not None and (entry.fuzzy or (stale and made_from is None))
        if string is None and memory and unit.source in memory:
            string = memory[unit.source]
            notes.append("From the translation memory: a reviewed translation of the same Swedish.")
        catalog.add(
            unit.source,
            string or "",
            context=unit.key,
            auto_comments=notes,
            flags=("fuzzy",) if fuzzy else (),
            previous_id=entry.previous if fuzzy else None,
        )
    if translation is not None:
        # A section the Swedish no longer has: kept (obsolete) so the round trip loses nothing.
        anchors = {s.anchor for s in split_sections(source.body)}
        for section in split_sections(translation.body):
            if section.anchor not in anchors:
                key = section.anchor or INTRO
                text = f"{section.title}\n\n{section.markdown}"
                catalog.obsolete[(key, key)] = Message(key, text, context=key)
    return catalog


def read_module_files(content_dir: Path, slug: str, language: str) -> tuple[ContentDocument, ContentDocument | None]:
    """The Swedish file of a module and its translation file (None if there is none yet)."""
    source = parse_document((content_dir / slug / f"{SOURCE_LANGUAGE}.md").read_text(encoding="utf-8"))
    path = content_dir / slug / f"{language}.md"
    return source, parse_document(path.read_text(encoding="utf-8")) if path.exists() else None


@dataclass
class ImportResult:
    """A translation rebuilt from a PO file, and what the file held."""

    document: ContentDocument
    changed: list[str] = field(default_factory=list)  # the keys whose translation is new or different
    untranslated: list[str] = field(default_factory=list)
    fuzzy: list[str] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        """Every entry is translated and none is fuzzy: the translation matches the current Swedish."""
        return not self.untranslated and not self.fuzzy


def import_module(
    catalog: Catalog,
    slug: str,
    language: str,
    source: ContentDocument,
    translation: ContentDocument | None,
    *,
    today: date | None = None,
    terms_dir: Path | None = None,
) -> ImportResult:
    """A module's translation rebuilt from a PO catalogue; raise PoImportError if it is refused."""
    if language == SOURCE_LANGUAGE:
        raise PoImportError([EntryProblem(slug, "file", "the Swedish text is the source: it is not imported")])
    problems: list[EntryProblem] = []
    if catalog.version != slug or str(catalog.locale or "") != BY_CODE[language].babel_locale:
        problems.append(
            EntryProblem(
                slug,
                "file",
                f"the file is for {catalog.version!r} in {catalog.locale}, not {slug!r} in "
                f"{BY_CODE[language].babel_locale}",
            )
        )
        raise PoImportError(problems)
    forbidden = forbidden_variants(language_terms(language, terms_dir))
    places = swedish_places(source.body)
    places.update((key, Place(getattr(source, key), (key,))) for key in MODULE_KEYS)
    by_key = {str(m.context): m for m in catalog if m.id and m.context}
    covered: set[str] = set()
    for key, message in by_key.items():
        place = places.get(key)
        if place is None:
            problems.append(EntryProblem(key, "unknown", "no such place in the current Swedish: export it again"))
        elif message.id != place.text:
            problems.append(
                EntryProblem(key, "outdated", "the Swedish has changed since the file was made: export it again")
            )
        else:
            covered.update(place.covers)
    sentences = {k for place in places.values() for k in place.covers}
    for key in sorted(sentences - covered):
        problems.append(
            EntryProblem(key, "outdated", "the Swedish has changed since the file was made: export it again")
        )
    if problems:
        raise PoImportError(problems[:20])

    result = ImportResult(document=source)
    strings: dict[str, str] = {}
    for key, message in by_key.items():
        place = places[key]
        string = message.string if isinstance(message.string, str) else ""
        if not string:
            result.untranslated.append(key)
            continue
        if message.fuzzy:
            result.fuzzy.append(key)
        if translation is None:
            kept = False
        elif key in MODULE_KEYS:
            kept = string == getattr(translation, key)
        else:
            kept = string in translation.body
        if not kept:
            result.changed.append(key)
        if not (message.fuzzy and kept):
            # A fuzzy entry left as it was is text the translation has now (made from the older
            # Swedish, so its links and numbers may differ); anything else is checked against the Swedish.
            problems += check_translation(
                key,
                place.text,
                string,
                forbidden=forbidden,
                questions=place.questions,
                whole_section=place.whole_section,
            )
        strings[key] = string
    if translation is None and result.untranslated:
        # A new translation has no older Swedish to cite: it must be whole, or it would claim to be current.
        problems += [
            EntryProblem(key, "untranslated", "a new translation must translate every entry")
            for key in result.untranslated
        ]
    if problems:
        raise PoImportError(problems)

    stays_stale = translation is not None and not result.complete
    body = rebuild_body(source.body, strings, catalog.obsolete.values() if stays_stale else ())
    unchanged = translation is not None and not result.changed and body == translation.body
    document = ContentDocument(
        title=strings.get("title", translation.title if translation else source.title),
        summary=strings.get("summary", translation.summary if translation else source.summary),
        source_revision=source.revision if translation is None or result.complete else translation.source_revision,
        review_status=translation.review_status if unchanged else "unreviewed-draft",
        last_updated=translation.last_updated if unchanged else (today or stockholm_today()),
        body=body,
    )
    try:
        # The same checks `flask content sync` makes, so a refused file is refused here, not later.
        parse_document(write_document(document), path=f"{slug}/{language}.po")
    except ContentFormatError as error:
        raise PoImportError([EntryProblem(slug, "markdown", str(p)) for p in error.problems]) from None
    result.document = document
    return result


def rebuild_body(source_body: str, strings: Mapping[str, str], obsolete: Iterable[Message] = ()) -> str:
    """A translated body: the Swedish sections with the translated units in place (a section with
    none is left out), then the sections the Swedish no longer has (obsolete entries)."""
    sections = []
    for section in split_sections(source_body):
        markdown = section_from_units(section.markdown, strings, section.anchor)
        if markdown is None:
            continue
        title = strings.get(f"{section.anchor}/title", section.title) if section.anchor else ""
        sections.append((section.anchor, title, markdown))
    for message in obsolete:
        title, _, markdown = str(message.string).partition("\n\n")
        sections.append(("" if message.context == INTRO else str(message.context), title, markdown))
    return join_sections(sections)


def import_module_file(
    catalog: Catalog, content_dir: Path, slug: str, language: str, *, today: date | None = None
) -> ImportResult:
    """Import a PO catalogue into content/samhallsinfo/<slug>/<language>.md (written only if accepted)."""
    source, translation = read_module_files(content_dir, slug, language)
    result = import_module(catalog, slug, language, source, translation, today=today)
    if translation is None or result.document != translation:
        (content_dir / slug / f"{language}.md").write_text(write_document(result.document), encoding="utf-8")
    return result


# -- the UI catalogue --------------------------------------------------------------------------


def ui_catalogue_path(language: str, locales_dir: Path = LOCALES_DIR) -> Path:
    return locales_dir / BY_CODE[language].babel_locale / "LC_MESSAGES" / "messages.po"


def export_ui(language: str, *, locales_dir: Path = LOCALES_DIR, terms_dir: Path | None = None) -> Catalog:
    """The UI catalogue of one language, with the termbase's terms as notes for translators."""
    with ui_catalogue_path(language, locales_dir).open("rb") as fh:
        catalog = read_po(fh, locale=BY_CODE[language].babel_locale)
    terms = language_terms(language, terms_dir)
    for message in catalog:
        if message.id:
            source = message.id if isinstance(message.id, str) else " ".join(message.id)
            notes = [n for n in glossary_notes(source, _english_terms(terms)) if n not in message.auto_comments]
            message.auto_comments = [*message.auto_comments, *notes]
    return catalog


def _english_terms(terms: Mapping[str, dict]) -> dict[str, dict]:
    # UI msgids are English: a term is found by the English label of the page it names.
    return {entry["ui_label"]: entry for entry in terms.values() if entry.get("ui_label")}


def import_ui(
    catalog: Catalog, language: str, *, locales_dir: Path = LOCALES_DIR, terms_dir: Path | None = None
) -> int:
    """Take the translations of a UI catalogue into locales/<locale>/LC_MESSAGES/messages.po.

    Only msgids the catalogue already has are taken; the file is refused, and nothing written,
    when a translation changed a placeholder or a link, or uses a forbidden variant. Returns the
    number of messages whose translation changed.
    """
    path = ui_catalogue_path(language, locales_dir)
    with path.open("rb") as fh:
        current = read_po(fh, locale=BY_CODE[language].babel_locale)
    forbidden = forbidden_variants(language_terms(language, terms_dir))
    problems: list[EntryProblem] = []
    updates: list[tuple[Message, Message]] = []
    for message in catalog:
        if not message.id:
            continue
        ours = current.get(message.id, context=message.context)
        if ours is None:
            problems.append(EntryProblem(_shown_id(message.id), "unknown", "not a message of the UI catalogue"))
            continue
        problems += [replace(problem, context=_shown_id(message.id)) for problem in _ui_problems(message, forbidden)]
        if message.string != ours.string or message.fuzzy != ours.fuzzy:
            updates.append((ours, message))
    if problems:
        raise PoImportError(problems)
    for ours, theirs in updates:
        ours.string = theirs.string
        ours.flags = set(theirs.flags) | ({"python-format"} & ours.flags)
    with path.open("wb") as fh:
        write_po(fh, current, width=100)
    return len(updates)


def _ui_problems(message: Message, forbidden: list[tuple[str, str]]) -> list[EntryProblem]:
    problems: list[EntryProblem] = []
    sources = [message.id] if isinstance(message.id, str) else list(message.id)
    strings = [s for s in ([message.string] if isinstance(message.string, str) else list(message.string)) if s]
    if not strings:
        return []
    for kind, found, what in (("placeholders", PLACEHOLDER.findall, "placeholders"), ("urls", urls, "links")):
        expected = set().union(*(found(source) for source in sources))
        if len(sources) == 1:
            # One form: the same placeholders and links, as many times.
            differs = any(Counter(found(string)) != Counter(found(sources[0])) for string in strings)
        else:
            # Plural forms may leave out the number ("one day"), but never bring a new placeholder,
            # and together they keep every one.
            seen = [set(found(string)) for string in strings]
            differs = any(not s <= expected for s in seen) or set().union(*seen) != expected
        if differs:
            problems.append(EntryProblem("", kind, f"the {what} differ from the English"))
    for term, variant in forbidden:
        if any(variant.casefold() in string.casefold() for string in strings):
            problems.append(EntryProblem("", "forbidden", f"the termbase forbids {variant!r} for {term!r}"))
    return problems


def _shown_id(msgid: str | tuple) -> str:
    text = msgid if isinstance(msgid, str) else msgid[0]
    return text if len(text) <= 60 else text[:57] + "..."


# -- bytes ------------------------------------------------------------------------------------


def catalog_bytes(catalog: Catalog) -> bytes:
    """The PO file of a catalogue (previous msgids included, lines wrapped at 100)."""
    out = io.BytesIO()
    write_po(out, catalog, width=100, include_previous=True, sort_output=False)
    return out.getvalue()


def read_catalog(data: bytes, language: str) -> Catalog:
    """A PO file read back (ValueError-free: a broken file raises PoImportError)."""
    try:
        return read_po(io.BytesIO(data), locale=BY_CODE[language].babel_locale, abort_invalid=True)
    except Exception as error:  # babel raises PoFileError or a UnicodeDecodeError
        raise PoImportError([EntryProblem("file", "file", f"not a readable PO file: {error}")]) from None
