"""Demo data: Stockholms län with three municipalities, staff of every role, newcomers.

The demo secrets are fixed so `make run` can print them; they are for a laptop only.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Callable
from datetime import date

import pyotp
from sqlalchemy import func, select

from portal.extensions import db
from portal.models import Gender, Membership, Organisation, OrganisationKind, Person, Role, StaffUser
from portal.services.hashing import hash_secret

DEMO_PASSWORD = "ankomst-demo-2026"  # noqa: S105 - demo data for a laptop, printed by make run

ORGANISATIONS = [
    # slug, name, kind, parent slug
    ("stockholms-lan", "Stockholms län", OrganisationKind.REGION, None),
    ("stockholm", "Stockholms stad", OrganisationKind.MUNICIPALITY, "stockholms-lan"),
    ("rinkeby-kista", "Rinkeby-Kista stadsdelsnämnd", OrganisationKind.DISTRICT, "stockholm"),
    ("spanga-tensta", "Spånga-Tensta stadsdelsnämnd", OrganisationKind.DISTRICT, "stockholm"),
    ("sodertalje", "Södertälje kommun", OrganisationKind.MUNICIPALITY, "stockholms-lan"),
    ("botkyrka", "Botkyrka kommun", OrganisationKind.MUNICIPALITY, "stockholms-lan"),
    ("jobbtorg-stockholm", "Jobbtorg Stockholm", OrganisationKind.PROVIDER, "stockholm"),
    ("sfi-sodertalje", "SFI Södertälje", OrganisationKind.PROVIDER, "sodertalje"),
    ("sfi-botkyrka", "SFI Botkyrka", OrganisationKind.PROVIDER, "botkyrka"),
    ("rodakorset-botkyrka", "Röda Korset Botkyrka", OrganisationKind.PROVIDER, "botkyrka"),
]

# email local part, name, role, organisation slug
STAFF = [
    ("handlaggare.stockholm", "Sara Lind", Role.CASEWORKER, "stockholm"),
    ("handlaggare.rinkeby", "Omar Hassan", Role.CASEWORKER, "rinkeby-kista"),
    ("handlaggare.sodertalje", "Elin Berg", Role.CASEWORKER, "sodertalje"),
    ("handlaggare.botkyrka", "Jonas Ek", Role.CASEWORKER, "botkyrka"),
    ("redaktor.region", "Maria Holm", Role.EDITOR, "stockholms-lan"),
    ("redaktor.stockholm", "Ali Karimi", Role.EDITOR, "stockholm"),
    ("redaktor.sodertalje", "Anna Nyström", Role.EDITOR, "sodertalje"),
    ("redaktor.botkyrka", "Leila Ahmadi", Role.EDITOR, "botkyrka"),
    ("granskare.region", "Per Sjöberg", Role.REVIEWER, "stockholms-lan"),
    ("samordnare.region", "Karin Wallin", Role.COORDINATOR, "stockholms-lan"),
    ("admin.region", "Admin Ankomst", Role.ADMIN, "stockholms-lan"),
]

# phone, name, language, gender, home municipality, responsible organisation, arrival
NEWCOMERS = [
    ("+46701740001", "Amina Yusuf", "so", Gender.WOMAN, "stockholm", "rinkeby-kista", date(2026, 9, 1)),
    ("+46701740002", "Yonas Tesfaye", "ti", Gender.MAN, "stockholm", "spanga-tensta", date(2026, 8, 15)),
    ("+46701740003", "Layla Haddad", "ar", Gender.WOMAN, "sodertalje", "sodertalje", date(2026, 10, 1)),
    ("+46701740004", "Reza Ahmadi", "fa", Gender.MAN, "botkyrka", "botkyrka", date(2026, 7, 20)),
    ("+46701740005", "Fatima Noori", "prs", Gender.WOMAN, "stockholm", "rinkeby-kista", date(2026, 9, 10)),
    ("+46701740006", "Olena Kovalenko", "uk", Gender.WOMAN, "sodertalje", "sodertalje", date(2026, 6, 1)),
    ("+46701740007", "Dmitri Petrov", "ru", Gender.MAN, "botkyrka", "botkyrka", date(2026, 10, 15)),
    ("+46701740008", "Shilan Aziz", "ckb", Gender.WOMAN, "stockholm", "stockholm", date(2026, 8, 1)),
    ("+46701740009", "Berivan Demir", "ku", Gender.WOMAN, "botkyrka", "botkyrka", date(2026, 9, 20)),
    ("+46701740010", "Gul Khan", "ps", Gender.MAN, "sodertalje", "sodertalje", date(2026, 10, 20)),
    ("+46701740011", "John Okafor", "en", Gender.MAN, "stockholm", "spanga-tensta", date(2026, 11, 2)),
]


def staff_email(local: str) -> str:
    return f"{local}@demo.ankomst.se"


def demo_totp_secret(email: str) -> str:
    """A fixed, derivable TOTP secret per demo user, so the README and `make run` can show it."""
    digest = hashlib.sha256(f"ankomst-demo-totp:{email}".encode()).digest()[:20]
    return base64.b32encode(digest).decode().rstrip("=")


def seed(*, if_empty: bool = False) -> bool:
    """Create the demo data. Returns False when skipped because data already exists."""
    if if_empty and db.session.scalar(select(func.count()).select_from(Organisation)):
        return False
    orgs: dict[str, Organisation] = {}
    for slug, name, kind, parent in ORGANISATIONS:
        org = db.session.scalar(select(Organisation).where(Organisation.slug == slug))
        if org is None:
            org = Organisation(slug=slug, name=name, kind=kind, parent=orgs.get(parent) if parent else None)
            db.session.add(org)
        orgs[slug] = org
    db.session.flush()

    password_hash = hash_secret(DEMO_PASSWORD)
    for local, name, role, org_slug in STAFF:
        email = staff_email(local)
        if db.session.scalar(select(StaffUser).where(StaffUser.email == email)):
            continue
        staff = StaffUser(
            email=email,
            name=name,
            password_hash=password_hash,
            totp_secret=demo_totp_secret(email),
            totp_confirmed=True,
            language="sv",
        )
        staff.memberships.append(Membership(organisation=orgs[org_slug], role=role))
        db.session.add(staff)

    for phone, name, lang, gender, home, responsible, arrived in NEWCOMERS:
        if db.session.scalar(select(Person).where(Person.phone == phone)):
            continue
        db.session.add(
            Person(
                phone=phone,
                name=name,
                preferred_language=lang,
                gender=gender,
                home_municipality=orgs[home],
                responsible_org=orgs[responsible],
                arrival_date=arrived,
            )
        )
    db.session.commit()
    return True


def current_totp(email: str) -> str:
    return pyotp.TOTP(demo_totp_secret(email)).now()


def print_credentials(echo: Callable[[str], None]) -> None:
    """Print how to sign in to the demo as each role."""
    echo("")
    echo("Demo sign-in (development only)")
    echo(f"  Staff: http://127.0.0.1:5000/staff/signin   password for all: {DEMO_PASSWORD}")
    for local, _name, role, org in STAFF:
        email = staff_email(local)
        echo(f"    {role.value:<11} {org:<15} {email:<42} TOTP secret {demo_totp_secret(email)}")
    echo("    Current TOTP code:  flask --app portal demo-totp <email>   (or add the secret to an authenticator app)")
    echo("  Newcomers: http://127.0.0.1:5000/signin with one of these numbers; read the code at /dev/outbox")
    for phone, name, lang, *_ in NEWCOMERS:
        echo(f"    {phone}  {name} ({lang})")
    echo("")
