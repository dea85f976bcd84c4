"""Local sections: a municipality's own text under a regional module, written by its editors.

A local section in another language can be the translation of the municipality's Swedish one
(`source_section_id`). It records the hash of the Swedish body it was made from, so, as for
regional text, it is stale when the Swedish changes, until it is saved again marked as matching
the current Swedish. A new translation is taken to be made from the Swedish as it is now.
"""

from __future__ import annotations

from dataclasses import dataclass

from portal.content.files import ContentFormatError, body_revision, validate_body
from portal.data import content as data
from portal.extensions import db
from portal.languages import CODES, SOURCE_LANGUAGE
from portal.models import LocalSection, Organisation, StaffUser, utcnow
from portal.services import audit, search
from portal.services.content.link_domains import domain_problems
from portal.services.content.permissions import NotAllowed, can_edit_local, local_municipalities


class WrongSource(ValueError):
    """A translation's source must be a Swedish local section of the same municipality and topic."""


@dataclass
class LocalInput:
    module_slug: str
    municipality_id: int
    language: str
    title: str
    body: str
    published: bool
    source_section_id: int | None = None  # the Swedish local section this translates
    matches_source: bool = False  # made from the Swedish section as it is now


def save_local_section(section: LocalSection | None, values: LocalInput, *, staff: StaffUser) -> LocalSection:
    """Create or change a local section; only editors of that municipality may."""
    municipality = db.session.get(Organisation, values.municipality_id)
    module = data.get_module(values.module_slug)
    if municipality is None or module is None or values.language not in CODES:
        raise ValueError("unknown module, municipality or language")
    if not can_edit_local(staff, municipality) or (section and not can_edit_local(staff, section.municipality)):
        raise NotAllowed
    problems = validate_body(values.body, path="editor")
    problems = [p for p in problems if p.kind != "no_sections"] + domain_problems(values.body)
    if problems:
        raise ContentFormatError(problems)
    source = None
    if values.language != SOURCE_LANGUAGE and values.source_section_id:
        source = data.get_local_section(values.source_section_id)
        if (
            source is None
            or source.language != SOURCE_LANGUAGE
            or source.municipality_id != municipality.id
            or source.module_id != module.id
        ):
            raise WrongSource
    before = (section.module, section.language) if section else None
    was_source = section.source_section_id if section else None
    if section is None:
        section = LocalSection()
        db.session.add(section)
    section.module = module
    section.municipality = municipality
    section.language = values.language
    section.title = values.title.strip()
    section.body = values.body.replace("\r\n", "\n").strip() + "\n"
    section.published = values.published
    section.author_staff_id = staff.id
    section.updated_at = utcnow()
    section.source_section = source
    if source is None:
        section.source_hash = None
    elif values.matches_source or was_source != source.id or section.source_hash is None:
        section.source_hash = body_revision(source.body)
    db.session.flush()
    audit.record(
        "content.local_section.save",
        actor=staff,
        object_type="local_section",
        object_id=section.id,
        module=module.slug,
        language=values.language,
        municipality=municipality.slug,
        published=values.published,
    )
    search.index_module(module, values.language)
    if before and before != (module, values.language):
        search.index_module(*before)
    db.session.commit()
    return section


def get_local_section_for_editor(section_id: int, staff: StaffUser) -> LocalSection | None:
    """A local section the editor may change, or None (not found, or another municipality's)."""
    section = data.get_local_section(section_id)
    if section is None or not can_edit_local(staff, section.municipality):
        return None
    return section


def list_local_sections_for_editor(staff: StaffUser) -> list[LocalSection]:
    return data.list_local_sections_of({m.id for m in local_municipalities(staff)})


def local_state(section: LocalSection) -> str | None:
    """ "stale" or "current" for a translation of a Swedish local section; None otherwise."""
    source = section.source_section
    if section.language == SOURCE_LANGUAGE or source is None:
        return None
    return "current" if section.source_hash == body_revision(source.body) else "stale"


def swedish_local_sections(staff: StaffUser) -> list[LocalSection]:
    """The Swedish local sections of the editor's municipalities: what a translation can be of."""
    return [s for s in list_local_sections_for_editor(staff) if s.language == SOURCE_LANGUAGE]
