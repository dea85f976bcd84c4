"""What the reader sees: the module index, and one module with its municipality's local sections."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from markupsafe import Markup

from portal.content import catalogue
from portal.content.markdown import RenderedSection, render_markdown, render_sections
from portal.data import content as data
from portal.languages import SOURCE_LANGUAGE
from portal.models import ContentModule, ContentRevision, LocalSection, Organisation
from portal.services.content.states import TranslationState, module_state


@dataclass(frozen=True)
class ModuleCard:
    slug: str
    icon: str
    title: str
    summary: str
    language: str  # the language of title and summary
    fallback: bool


def module_cards(language: str) -> list[ModuleCard]:
    """The module index in `language`, with Swedish for modules not yet translated."""
    wanted = {r.module_id: r for r in data.list_current_revisions(language)}
    swedish = {r.module_id: r for r in data.list_current_revisions(SOURCE_LANGUAGE)}
    cards = []
    for module in data.list_modules():
        revision = wanted.get(module.id) or swedish.get(module.id)
        if revision is None:
            continue
        cards.append(
            ModuleCard(
                module.slug,
                module.icon,
                revision.title,
                revision.summary,
                revision.language,
                revision.language != language,
            )
        )
    return cards


@dataclass(frozen=True)
class LocalBlock:
    municipality: Organisation
    language: str
    fallback: bool  # shown in Swedish because none exist in the reader's language
    sections: list[tuple[LocalSection, Markup]]


@dataclass(frozen=True)
class ReaderModule:
    module: ContentModule
    revision: ContentRevision
    requested_language: str
    fallback: bool  # no translation: the Swedish text is shown
    showing_source: bool  # the reader asked for the Swedish text
    state: TranslationState  # of the reader's language
    intro: RenderedSection | None
    sections: list[RenderedSection]
    local: LocalBlock | None
    related: list[ModuleCard]

    @property
    def language(self) -> str:
        return self.revision.language

    @property
    def checked_on(self) -> datetime | None:
        """When a named translator finished checking the translation shown; None unless that is true.

        A review recorded only in a content file names nobody, so it gives no date to the reader.
        """
        revision = self.revision
        if self.fallback or self.showing_source or revision.language == SOURCE_LANGUAGE:
            return None
        if self.state.is_stale or not self.state.is_reviewed or revision.reviewed_by_staff_id is None:
            return None
        return revision.reviewed_at


def module_for_reader(
    slug: str, language: str, *, municipality: Organisation | None = None, show_source: bool = False
) -> ReaderModule | None:
    """Everything the module page shows, or None if the module has no published text at all."""
    module = data.get_module(slug)
    if module is None:
        return None
    state = module_state(module, language)
    revision = None if show_source else state.revision
    fallback = revision is None and not show_source
    if revision is None:
        revision = data.get_published_revision(module, SOURCE_LANGUAGE)
    if revision is None:
        return None
    rendered = render_sections(revision.body)
    intro = rendered[0] if rendered and not rendered[0].anchor else None
    sections = [s for s in rendered if s.anchor]
    cards = {c.slug: c for c in module_cards(language)}
    related = [cards[s] for s in catalogue.BY_SLUG[slug].related if s in cards] if slug in catalogue.BY_SLUG else []
    return ReaderModule(
        module=module,
        revision=revision,
        requested_language=language,
        fallback=fallback,
        showing_source=show_source and language != SOURCE_LANGUAGE,
        state=state,
        intro=intro,
        sections=sections,
        local=_local_block(module, municipality, language) if municipality else None,
        related=related,
    )


def _local_block(module: ContentModule, municipality: Organisation, language: str) -> LocalBlock | None:
    sections = data.list_local_sections(module, municipality, language)
    used = language
    if not sections and language != SOURCE_LANGUAGE:
        sections = data.list_local_sections(module, municipality, SOURCE_LANGUAGE)
        used = SOURCE_LANGUAGE
    if not sections:
        return None
    rendered = [(section, render_markdown(section.body)) for section in sections]
    return LocalBlock(municipality, used, used != language, rendered)


def municipality_for_reader(slug: str | None, home: Organisation | None) -> Organisation | None:
    """The municipality whose local sections to show: the chosen one, else the reader's home."""
    if slug:
        chosen = data.get_municipality(slug)
        if chosen is not None:
            return chosen
    return home
