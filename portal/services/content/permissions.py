"""Who may edit what: regional text belongs to the region's editors, local sections to the municipality's."""

from __future__ import annotations

from portal.models import Organisation, OrganisationKind, Role, StaffUser


class NotAllowed(Exception):
    """The staff member may not change this text."""


def can_edit_regional(staff: StaffUser) -> bool:
    """Regional text belongs to editors of the region."""
    return any(m.role == Role.EDITOR and m.organisation.kind == OrganisationKind.REGION for m in staff.memberships)


def local_municipalities(staff: StaffUser) -> list[Organisation]:
    """The municipalities whose local sections this editor may write (their own only)."""
    found: dict[int, Organisation] = {}
    for membership in staff.memberships:
        if membership.role != Role.EDITOR:
            continue
        municipality = membership.organisation.municipality
        if municipality is not None:
            found[municipality.id] = municipality
    return sorted(found.values(), key=lambda o: o.name)


def can_edit_local(staff: StaffUser, municipality: Organisation) -> bool:
    return any(m.id == municipality.id for m in local_municipalities(staff))
