"""Plain keyword factories, as in Notify: create_person(language="ar")."""

from __future__ import annotations

import itertools
from datetime import date

import pyotp

from portal.extensions import db
from portal.models import Gender, Membership, Organisation, OrganisationKind, Person, Role, StaffUser
from portal.services.hashing import hash_secret

PASSWORD = "correct horse battery staple"
_counter = itertools.count(1)


def create_organisation(
    slug: str,
    kind: OrganisationKind = OrganisationKind.MUNICIPALITY,
    parent: Organisation | None = None,
    name: str | None = None,
) -> Organisation:
    org = Organisation(slug=slug, name=name or slug.title(), kind=kind, parent=parent)
    db.session.add(org)
    db.session.commit()
    return org


def create_region() -> dict[str, Organisation]:
    region = create_organisation("stockholms-lan", OrganisationKind.REGION)
    stockholm = create_organisation("stockholm", parent=region)
    return {
        "region": region,
        "stockholm": stockholm,
        "rinkeby-kista": create_organisation("rinkeby-kista", OrganisationKind.DISTRICT, stockholm),
        "spanga-tensta": create_organisation("spanga-tensta", OrganisationKind.DISTRICT, stockholm),
        "sodertalje": create_organisation("sodertalje", parent=region),
        "botkyrka": create_organisation("botkyrka", parent=region),
    }


def create_staff(
    org: Organisation,
    role: Role = Role.CASEWORKER,
    *,
    email: str | None = None,
    password: str = PASSWORD,
    totp: bool = True,
    name: str = "Staff Member",
) -> StaffUser:
    staff = StaffUser(
        email=email or f"staff{next(_counter)}@example.se",
        name=name,
        password_hash=hash_secret(password),
        totp_secret=pyotp.random_base32() if totp else None,
        totp_confirmed=totp,
    )
    staff.memberships.append(Membership(organisation=org, role=role))
    db.session.add(staff)
    db.session.commit()
    return staff


def create_person(
    org: Organisation,
    *,
    language: str = "sv",
    phone: str | None = None,
    name: str | None = None,
    gender: Gender = Gender.UNSPECIFIED,
    home: Organisation | None = None,
    arrival_date: date | None = None,
) -> Person:
    n = next(_counter)
    person = Person(
        phone=phone or f"+4670{n:07d}",
        name=name or f"Person {n}",
        preferred_language=language,
        gender=gender,
        home_municipality=home or (org.municipality or org),
        responsible_org=org,
        arrival_date=arrival_date,
    )
    db.session.add(person)
    db.session.commit()
    return person
