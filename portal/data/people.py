"""Queries about newcomers, always scoped to what the asking staff member may see."""

from __future__ import annotations

from sqlalchemy import select

from portal.extensions import db
from portal.models import Organisation, Person, Role, StaffUser


def get_person_by_phone(e164: str) -> Person | None:
    return db.session.scalar(select(Person).where(Person.phone == e164))


def visible_org_ids(staff: StaffUser, role: Role = Role.CASEWORKER) -> set[int]:
    """Ids of the organisations whose people `staff` may see in `role`: theirs and those below."""
    ids: set[int] = set()
    frontier = [o.id for o in staff.organisations_with(role)]
    while frontier:
        ids.update(frontier)
        frontier = list(db.session.scalars(select(Organisation.id).where(Organisation.parent_id.in_(frontier))).all())
        frontier = [i for i in frontier if i not in ids]
    return ids


def org_ids_below(orgs: list[Organisation]) -> set[int]:
    """Ids of `orgs` and every organisation below them, walking the loaded tree."""
    ids: set[int] = set()
    frontier = list(orgs)
    while frontier:
        node = frontier.pop()
        ids.add(node.id)
        frontier.extend(node.children)
    return ids


def organisation_names(ids: list[int]) -> dict[str, str]:
    """Organisation names by id (as a string, the way figures' breakdown keys are)."""
    return {str(o.id): o.name for o in db.session.scalars(select(Organisation).where(Organisation.id.in_(ids)))}


def can_see_person(staff: StaffUser, person: Person, role: Role = Role.CASEWORKER) -> bool:
    """Staff see only people their own organisation (or one below it) is responsible for."""
    return person.responsible_org_id in visible_org_ids(staff, role)


def get_person_for_staff(staff: StaffUser, person_id: int) -> Person | None:
    """The person, or None when they do not exist or belong to another organisation."""
    person = db.session.get(Person, person_id)
    if person is None or not can_see_person(staff, person):
        return None
    return person
