"""Queries about newcomers, always scoped to what the asking staff member may see."""

from __future__ import annotations

from sqlalchemy import func, or_, select

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


def can_see_person(staff: StaffUser, person: Person, role: Role = Role.CASEWORKER) -> bool:
    """Staff see only people their own organisation (or one below it) is responsible for."""
    return person.responsible_org_id in visible_org_ids(staff, role)


def get_person_for_staff(staff: StaffUser, person_id: int) -> Person | None:
    """The person, or None when they do not exist or belong to another organisation."""
    person = db.session.get(Person, person_id)
    if person is None or not can_see_person(staff, person):
        return None
    return person


def list_people_for_staff(staff: StaffUser, query: str = "", limit: int = 200) -> list[Person]:
    """People the staff member is responsible for, optionally filtered by name or number end."""
    org_ids = visible_org_ids(staff)
    if not org_ids:
        return []
    stmt = select(Person).where(Person.responsible_org_id.in_(org_ids))
    q = query.strip()
    if q:
        like = f"%{q.lower()}%"
        stmt = stmt.where(or_(func.lower(Person.name).like(like), Person.phone.like(f"%{q}")))
    return list(db.session.scalars(stmt.order_by(Person.name).limit(limit)))
