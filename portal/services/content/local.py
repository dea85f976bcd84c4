"""Local sections: a municipality's own text under a regional module, written by its editors."""

from __future__ import annotations

from dataclasses import dataclass

from portal.content.files import ContentFormatError, validate_body
from portal.data import content as data
from portal.extensions import db
from portal.languages import CODES
from portal.models import LocalSection, Organisation, StaffUser, utcnow
from portal.services import audit, search
from portal.services.content.permissions import NotAllowed, can_edit_local, local_municipalities


@dataclass
class LocalInput:
    module_slug: str
    municipality_id: int
    language: str
    title: str
    body: str
    published: bool


def save_local_section(section: LocalSection | None, values: LocalInput, *, staff: StaffUser) -> LocalSection:
    """Create or change a local section; only editors of that municipality may."""
    municipality = db.session.get(Organisation, values.municipality_id)
    module = data.get_module(values.module_slug)
    if municipality is None or module is None or values.language not in CODES:
        raise ValueError("unknown module, municipality or language")
    if not can_edit_local(staff, municipality) or (section and not can_edit_local(staff, section.municipality)):
        raise NotAllowed
    problems = validate_body(values.body, path="editor")
    problems = [p for p in problems if p.kind != "no_sections"]
    if problems:
        raise ContentFormatError(problems)
    before = (section.module, section.language) if section else None
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
