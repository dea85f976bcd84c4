"""Plain keyword factories, as in Notify: create_person(language="ar")."""

from __future__ import annotations

import itertools
import secrets
from datetime import date, time, timedelta

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


def create_plan(
    person: Person,
    staff: StaffUser,
    *,
    start: date | None = None,
    status: str = "draft",
    activities: list[dict] | None = None,
):
    """A plan with activities; `activities` items are keyword overrides of one weekly SFI slot."""
    from portal.models import PlanStatus
    from portal.services import plans
    from portal.services.plans import ActivityInput

    start = start or date(2026, 3, 2)
    plan = plans.create_plan(person, staff, start)
    for spec in activities if activities is not None else [{}]:
        fields = {
            "type_key": "sfi",
            "provider_id": None,
            "place": "Storgatan 1, Södertälje",
            "weekdays": [1, 3],
            "start_time": time(9, 0),
            "duration_minutes": 180,
            "start_date": start,
            "end_date": start + timedelta(weeks=12),
            **spec,
        }
        plans.add_activity(plan, staff, ActivityInput(**fields), None)
    if status in ("proposed", "acknowledged", "active"):
        plans.set_status(plan, staff, PlanStatus.PROPOSED, None)
    if status in ("acknowledged", "active"):
        plans.acknowledge(plan, person, plan.revision)
    if status == "active":
        plans.set_status(plan, staff, PlanStatus.ACTIVE, None)
    return plan


# --- objections ---------------------------------------------------------------------------------


def create_objectionable_plan(person: Person, staff: StaffUser, *, status: str = "active"):
    """A plan shown to the newcomer with one activity (SFI) and one goal, made by `staff`."""
    from portal.services import plans

    plan = create_plan(person, staff, status=status)
    plans.add_goal(
        plan, staff, template_key="pass_sfi_c", target_date=None, note=None, note_language=None, expected_revision=None
    )
    return plan


def create_objection(
    person: Person,
    *,
    target: str = "plan",
    reason: str = "too_far",
    text: str = "The school is too far from my home, it takes two hours each way.",
    wanted: str = "",
    text_language: str | None = None,
    interpreter: bool = False,
    phone_call: bool = False,
    now=None,
):
    """File an objection through the service, as the newcomer would (the person needs a shown plan)."""
    import secrets

    from portal.services import objections

    objection, _created = objections.file_objection(
        person,
        objections.ObjectionInput(
            target=target,
            reason=reason,
            text=text,
            wanted=wanted,
            text_language=text_language,
            interpreter=interpreter,
            phone_call=phone_call,
            idempotency_key=secrets.token_urlsafe(16),
        ),
        now=now,
    )
    return objection


def create_decided_objection(person: Person, caseworker: StaffUser, *, outcome: str = "rejected", now=None, **kwargs):
    """An objection taken through acknowledge → review → decision by `caseworker`."""
    from portal.services import objections

    objection = create_objection(person, now=now, **kwargs)
    objections.acknowledge(objection, caseworker, now=now)
    objections.start_review(objection, caseworker, now=now)
    version_id = None
    if outcome == "upheld":
        from portal.services import plans

        plans.add_goal(
            objection.plan,
            caseworker,
            template_key="any_job",
            target_date=None,
            note=None,
            note_language=None,
            expected_revision=None,
        )
        version_id = objection.plan.versions[-1].id
    objections.decide(
        objection,
        caseworker,
        outcome=outcome,
        grounds=["rules_followed"],
        reasons="The plan follows the rules.",
        plan_version_id=version_id,
        now=now,
    )
    return objection


def create_conversation(
    *,
    channel: str = "sms",
    person: Person | None = None,
    phone: str | None = None,
    language: str | None = None,
):
    """An assistant conversation; an SMS one has the person's number (or `phone`).

    A web chat with a person is bound to a sign-in session of theirs, as the chat page makes it.
    """
    from portal.models import Channel, Conversation, SignInSession

    signin_session = None
    if channel == "chat" and person is not None:
        signin_session = SignInSession(token_hash=secrets.token_hex(32), person_id=person.id)
        db.session.add(signin_session)
    conversation = Conversation(
        channel=Channel(channel),
        person_id=person.id if person else None,
        phone=(phone or (person.phone if person else None)) if channel == "sms" else None,
        language=language or (person.preferred_language if person else None),
        signin_session=signin_session,
    )
    db.session.add(conversation)
    db.session.commit()
    return conversation


def create_handoff(person: Person, *, note: str | None = None, language: str | None = None):
    """A request to talk to a person, as the assistant makes it."""
    from portal.services.handoffs import create_handoff as create

    conversation = create_conversation(channel="chat", person=person, language=language)
    return create(person, conversation, note)
