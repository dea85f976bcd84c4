"""Demo data: Stockholms län with three municipalities, staff of every role, newcomers.

The demo secrets are fixed so `make run` can print them; they are for a laptop only.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta

import pyotp
from sqlalchemy import func, select

from portal.content.files import body_revision
from portal.extensions import db
from portal.languages import SOURCE_LANGUAGE
from portal.local_time import stockholm_today
from portal.models import (
    ContentModule,
    Gender,
    LocalSection,
    Membership,
    MunicipalityContact,
    Organisation,
    OrganisationKind,
    Person,
    Plan,
    Role,
    StaffUser,
    TranslatorLanguage,
)
from portal.services.demo_figures import seed_synthetic_plans
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
    # A second regional editor: a Swedish change waits for another editor's approval (issue 20).
    ("redaktor2.region", "Johan Lund", Role.EDITOR, "stockholms-lan"),
    # A translator into Arabic: a Swedish change gives her a task (issue 20).
    ("oversattare.arabiska", "Rania Saleh", Role.EDITOR, "stockholms-lan"),
    ("redaktor.stockholm", "Ali Karimi", Role.EDITOR, "stockholm"),
    ("redaktor.sodertalje", "Anna Nyström", Role.EDITOR, "sodertalje"),
    ("redaktor.botkyrka", "Leila Ahmadi", Role.EDITOR, "botkyrka"),
    ("granskare.region", "Per Sjöberg", Role.REVIEWER, "stockholms-lan"),
    ("samordnare.region", "Karin Wallin", Role.COORDINATOR, "stockholms-lan"),
    ("admin.region", "Admin Ankomst", Role.ADMIN, "stockholms-lan"),
]

# email local part -> the languages they translate into (portal.models.TranslatorLanguage)
TRANSLATORS = {"oversattare.arabiska": ["ar"]}

# The receptions on the contact page (issue 14, item 4). The numbers are from the range PTS keeps
# for fiction (08-46 500 400 to 499), so nobody real is called from a demo.
_WEEKDAY_MORNINGS = [[d, "09:00", "12:00"] for d in range(5)]
CONTACTS = [
    ("sodertalje", "08-46 500 410", "mottagning@sodertalje.example", "Storgatan 12\n151 89 Södertälje",
     [*_WEEKDAY_MORNINGS[:3], [3, "13:00", "18:00"], _WEEKDAY_MORNINGS[4]]),
    ("botkyrka", "08-46 500 420", "mottagning@botkyrka.example", "Tumba torg 3\n147 80 Tumba", _WEEKDAY_MORNINGS),
    ("stockholm", "08-46 500 430", None, "", [[0, "10:00", "15:00"], [2, "10:00", "15:00"]]),
    ("stockholms-lan", "08-46 500 400", "tillganglighet@region.example", "", []),
]  # fmt: skip

# Local sections under the regional SFI text (issue 14: the municipality picker shows real local
# text in Södertälje and Botkyrka). Demo text: the numbers are the demo receptions' fictional ones
# above; the Arabic and Persian are machine drafts, as the rest of the demo content.
# municipality, module, language, title, body
LOCAL_SECTIONS = [
    ("sodertalje", "utbildning", "sv", "SFI i Södertälje",
     "I Södertälje anmäler du dig till SFI hos kommunens vuxenutbildning (komvux). Din handläggare "
     "hjälper dig med anmälan. Har du frågor, ring mottagningen på 08-46 500 410 (måndag–fredag "
     "9:00–12:00, torsdag 13:00–18:00)."),
    ("sodertalje", "utbildning", "ar", "SFI في سودرتاليا (Södertälje)",
     "في سودرتاليا تسجّل نفسك في SFI لدى تعليم الكبار (komvux) في البلدية. موظف الحالة يساعدك في "
     "التسجيل. إذا كانت لديك أسئلة، اتصل بالاستقبال على 08-46 500 410 (من الاثنين إلى الجمعة "
     "9:00–12:00، والخميس 13:00–18:00)."),
    ("botkyrka", "utbildning", "sv", "SFI i Botkyrka",
     "I Botkyrka anmäler du dig till SFI hos kommunens vuxenutbildning (komvux). Din handläggare "
     "hjälper dig med anmälan. Har du frågor, ring mottagningen på 08-46 500 420 (måndag–fredag "
     "9:00–12:00)."),
    ("botkyrka", "utbildning", "fa", "SFI در بوتشیرکا (Botkyrka)",
     "در بوتشیرکا برای SFI نزد آموزش بزرگسالان (komvux) شهرداری ثبت‌نام می‌کنید. کارشناس پرونده "
     "شما در ثبت‌نام به شما کمک می‌کند. اگر سؤالی دارید، با پذیرش به شماره 08-46 500 420 تماس "
     "بگیرید (دوشنبه تا جمعه 9:00–12:00)."),
]  # fmt: skip

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
    # Arrived last week, still on a Ukrainian SIM, no plan yet: sign-in from a foreign number.
    ("+380671740012", "Mykola Bondarenko", "uk", Gender.MAN, "sodertalje", "sodertalje", date(2026, 11, 30)),
]
# Chose WhatsApp for reminders and notices (portal.whatsapp): in development her reminders show in
# /dev/outbox as WhatsApp, as the Arabic template outside the 24-hour window.
WHATSAPP_NEWCOMERS = {"+46701740003"}


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
        for code in TRANSLATORS.get(local, []):
            db.session.add(TranslatorLanguage(staff=staff, language=code))

    for slug, phone, email, address, hours in CONTACTS:
        if db.session.scalar(select(MunicipalityContact).where(MunicipalityContact.organisation == orgs[slug])):
            continue
        db.session.add(
            MunicipalityContact(organisation=orgs[slug], phone=phone, email=email, address=address, opening_hours=hours)
        )

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
                message_channel="whatsapp" if phone in WHATSAPP_NEWCOMERS else "sms",
            )
        )
    db.session.commit()
    seed_local_sections(orgs)
    seed_plans()
    seed_survey(orgs)
    # Several hundred labelled synthetic plans, so the coordinator's plan figures show numbers.
    seed_synthetic_plans(stockholm_today())
    return True


def seed_local_sections(orgs: dict[str, Organisation]) -> None:
    """The demo municipalities' own SFI sections, each translation linked to its Swedish source.

    Only where the content has been synced (`flask content sync` runs first in `make run`), and
    never twice.
    """
    sources: dict[tuple[str, str], LocalSection] = {}
    for slug, module_slug, language, title, body in LOCAL_SECTIONS:
        module = db.session.scalar(select(ContentModule).where(ContentModule.slug == module_slug))
        if module is None:
            continue
        exists = select(LocalSection).where(
            LocalSection.module == module,
            LocalSection.municipality == orgs[slug],
            LocalSection.language == language,
        )
        section = db.session.scalar(exists)
        if section is None:
            source = sources.get((slug, module_slug))
            section = LocalSection(
                module=module,
                municipality=orgs[slug],
                language=language,
                title=title,
                body=body,
                published=True,
                source_section=source,
                source_hash=body_revision(source.body) if source else None,
            )
            db.session.add(section)
            db.session.flush()
        if language == SOURCE_LANGUAGE:
            sources[(slug, module_slug)] = section
    db.session.commit()


def seed_survey(orgs: dict[str, Organisation]) -> None:
    """Several hundred synthetic, labelled survey answers (issue 17), see portal.survey.demo."""
    from portal.survey.demo import seed_demo_responses  # the survey package imports the web layer

    municipalities = [orgs[slug].id for slug in ("stockholm", "sodertalje", "botkyrka")]
    seed_demo_responses(municipalities, today=datetime.now(UTC).date())
    db.session.commit()


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
        echo(f"    {phone}  {name} ({lang}{', WhatsApp' if phone in WHATSAPP_NEWCOMERS else ''})")
    echo("")


def _monday_on_or_before(day: date) -> date:
    return day - timedelta(days=day.weekday())


def seed_plans(today: date | None = None) -> None:
    """Realistic demo plans, dated around today so the "coming two weeks" page has content."""
    from portal.models import PlanStatus
    from portal.services import plans
    from portal.services.plans import ActivityInput

    today = today or stockholm_today()
    start = _monday_on_or_before(today) - timedelta(weeks=2)
    until = start + timedelta(weeks=40)
    staff = {s.email: s for s in db.session.scalars(select(StaffUser))}
    orgs = {o.slug: o for o in db.session.scalars(select(Organisation))}
    people = {p.phone: p for p in db.session.scalars(select(Person))}

    def act(kind, days, at, minutes, first=start, last=until, provider=None, place="", note=None, note_lang=None):
        return ActivityInput(
            kind,
            orgs[provider].id if provider else None,
            place,
            days,
            time.fromisoformat(at),
            minutes,
            first,
            last,
            note,
            note_lang,
        )

    def build(phone, caseworker, activities, goals, status):
        person = people.get(phone)
        if person is None or db.session.scalar(select(Plan).where(Plan.person_id == person.id)):
            return None
        sw = staff[staff_email(caseworker)]
        plan = plans.create_plan(person, sw, start)
        for key, target in goals:
            plans.add_goal(
                plan, sw, template_key=key, target_date=target, note=None, note_language=None, expected_revision=None
            )
        for data in activities:
            plans.add_activity(plan, sw, data, None)
        # The demo pretends the activity plan was written on the second day after arrival, as the
        # rule asks; the people without a plan (Fatima, Dmitri, Berivan, Gul, John, Mykola) show
        # on the caseworkers' start pages as overdue.
        written = (person.arrival_date or start) + timedelta(days=1)
        plan.first_activity_at = datetime.combine(written, time(10), tzinfo=UTC)
        db.session.commit()
        if status != PlanStatus.DRAFT:
            plans.set_status(plan, sw, PlanStatus.PROPOSED, None)
        if status in (PlanStatus.ACKNOWLEDGED, PlanStatus.ACTIVE):
            plans.acknowledge(plan, person, plan.revision)
        if status == PlanStatus.ACTIVE:
            plans.set_status(plan, sw, PlanStatus.ACTIVE, None)
        return plan

    sfi_rinkeby = "Kista torg 7, Kista"
    # Amina: full time (SFI, internship, civic orientation, coaching).
    build(
        "+46701740001",
        "handlaggare.rinkeby",
        [
            act("sfi", [1, 2, 3, 4, 5], "08:30", 210, place=sfi_rinkeby),
            act(
                "praktik",
                [1, 2, 3, 4],
                "13:00",
                270,
                provider="jobbtorg-stockholm",
                place="Kista Galleria, Kista",
                note="Praktik i butik, handledare Lena.",
                note_lang="sv",
            ),
            act("civic_orientation", [5], "13:00", 180, place="Rinkeby allé 10, Rinkeby"),
            act("job_coaching", [5], "16:15", 90, provider="jobbtorg-stockholm", place="Kista torg 7, Kista"),
        ],
        [("pass_sfi_c", start + timedelta(weeks=26)), ("any_job", None)],
        PlanStatus.ACTIVE,
    )
    # Layla: 15 hours a week (the seed documents' typical problem), waiting for her to confirm.
    build(
        "+46701740003",
        "handlaggare.sodertalje",
        [
            act("sfi", [1, 3, 5], "09:00", 180, provider="sfi-sodertalje", place="Storgatan 12, Södertälje"),
            act("civic_orientation", [2], "13:00", 180, place="Stadshuset, Södertälje"),
            act("parent_group", [4], "09:00", 180, place="Familjecentralen Ronna, Södertälje"),
        ],
        [("pass_sfi_b", start + timedelta(weeks=20)), ("work_in_profession", None)],
        PlanStatus.PROPOSED,
    )
    # Yonas: SFI and internship with a summer gap.
    summer = date(start.year + (1 if start.month > 6 else 0), 6, 12)
    build(
        "+46701740002",
        "handlaggare.stockholm",
        [
            act("sfi", [1, 2, 3, 4], "09:00", 210, last=summer, place="Tensta allé 2, Tensta"),
            act(
                "sfi",
                [1, 2, 3, 4],
                "09:00",
                210,
                first=summer + timedelta(weeks=9),
                last=summer + timedelta(weeks=40),
                place="Tensta allé 2, Tensta",
            ),
            act("validation", [5], "10:00", 120, first=start, last=summer, place="Hälsingegatan 38, Stockholm"),
        ],
        [("validate_education", summer), ("study_university", None)],
        PlanStatus.ACKNOWLEDGED,
    )
    # Olena: a confirmed plan that has since changed (an internship day moved).
    plan = build(
        "+46701740006",
        "handlaggare.sodertalje",
        [
            act("sfi", [1, 2, 3, 4, 5], "08:30", 180, provider="sfi-sodertalje", place="Storgatan 12, Södertälje"),
            act("praktik", [2, 4], "12:30", 240, place="Södertälje sjukhus, Rosenborgsgatan 6-10"),
        ],
        [("get_internship", start + timedelta(weeks=12))],
        PlanStatus.ACTIVE,
    )
    if plan is not None:
        internship = plan.activities[-1]
        moved = _monday_on_or_before(today) + timedelta(days=8)  # next week's Tuesday
        plans.change_occurrence(
            plan,
            staff[staff_email("handlaggare.sodertalje")],
            internship,
            original_date=moved,
            cancel=False,
            new_date=moved + timedelta(days=1),
            new_time=None,
            expected_revision=None,
        )
    # Reza: planned in Stockholm, then moved to Botkyrka (a secondary mover); the plan follows him.
    reza = people.get("+46701740004")
    if reza is not None and not db.session.scalar(select(Plan).where(Plan.person_id == reza.id)):
        reza.responsible_org_id = orgs["spanga-tensta"].id
        reza.home_municipality_id = orgs["stockholm"].id
        db.session.commit()
        build(
            "+46701740004",
            "handlaggare.stockholm",
            [
                act("sfi", [1, 2, 3, 4], "13:00", 180, provider="sfi-botkyrka", place="Tumba torg 3, Tumba"),
                act("voluntary", [5], "10:00", 120, provider="rodakorset-botkyrka", place="Alby centrum, Alby"),
            ],
            [("pass_sfi_c", None)],
            PlanStatus.ACKNOWLEDGED,
        )
        plans.transfer_person(
            reza,
            staff[staff_email("handlaggare.stockholm")],
            orgs["botkyrka"],
            "Flyttar till Tumba. SFI i Botkyrka och Röda korset är bokade; planen är godkänd.",
        )
