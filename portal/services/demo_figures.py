"""Synthetic plans for the demo, so the coordinator's follow-up figures show numbers, not "fewer than 5".

Issue 17: the plan figures (portal.survey.plan_figures) and the objection figures count plans of
real Person rows, and the twelve demo newcomers are far too few for any cell to be shown. This
module adds `COUNT` synthetic newcomers with one plan each, made by a seeded random generator
(`random.Random(SEED)`), so the same demo comes out every time. Nothing here is real data.

Kept away from everyone but the coordinator:

- They belong to an organisation of their own (`DEMO_ORG_SLUG`, a district directly under the
  region) in which no demo staff account works, and which takes no transfers. Caseworkers' lists show only their own
  organisation's people, so the synthetic people are in none of them; the coordinator's
  region-wide figures count them, by their home municipality (Stockholm, Södertälje, Botkyrka,
  the same groups as the survey answers).
- No phone number and no sign-in: `phone` holds "demo-0001" and so on, which is not a number
  (sign-in and incoming SMS look people up by an E.164 number, which always starts with "+"),
  and they are marked as having sent STOP, which every reminder, notice and survey sweep honours.
- Labelled: named "Demo person 0001" and so on, and their objections' texts say they are demo.
- Their objections never reach the independent reviewer (none is escalated), and the decisions
  are signed by a synthetic caseworker (`DEMO_DECIDER_EMAIL`) who has no organisation, no
  password (its hash is not one) and no TOTP, so no one can sign in as them.

The differences built in, from the seed documents:

- Hours (seed 002: most newcomers had under 20 hours a week): men average about 24 hours a week
  and women about 18, because women are offered fewer and shorter job-focused activities
  (internship, job coaching, job search, vocational course) and more parent groups (seed 003).
- A summer gap (seed 002): about 40% of the plans that span a summer have weeks without
  activities between mid-June and mid-August; more in Botkyrka, fewer in Stockholm.
- Days from arrival to the plan (seed 001: the goal is 5): skewed, a median of about 5, with
  Södertälje slower.
- Objections: about one plan in three, a few with two, women a little more often; outcomes about
  20% upheld, 25% partly upheld, 45% rejected and the rest not yet decided. About one decision
  in five comes after its deadline (more in Södertälje), and some undecided cases are overdue.

Called only from `flask seed-demo` (portal.services.demo.seed), never twice: it does nothing
when the synthetic organisation already has people. It writes rows directly rather than going
through the plan and objection services, so nothing is notified, audited or sent.
"""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import func, select

from portal.extensions import db
from portal.models import (
    Activity,
    Decision,
    DecisionStage,
    Gender,
    Goal,
    Horizon,
    Objection,
    ObjectionEvent,
    ObjectionStatus,
    Organisation,
    OrganisationKind,
    Outcome,
    Person,
    Plan,
    PlanStatus,
    StaffUser,
)
from portal.models.objection import LanguageSource, ReasonCode, TargetKind
from portal.services.objections.rules import CASE_ALPHABET

COUNT = 320
SEED = 17
DEMO_ORG_SLUG = "demo-syntetiska"
DEMO_ORG_NAME = "Demo: syntetiska nyanlända (ingen personal, bara för uppföljningens siffror)"
DEMO_DECIDER_EMAIL = "syntetisk.handlaggare@demo.ankomst.se"
NO_PASSWORD = "!"  # noqa: S105 - deliberately not a hash, so no password signs in as the decider
PHONE_PREFIX = "demo-"  # not a phone number: no sign-in code or message can reach it

# Home municipality (slug) -> weight, summer-gap probability, extra days to the plan, late share.
MUNICIPALITIES = {
    "stockholm": (45, 0.25, 0, 0.12),
    "sodertalje": (30, 0.40, 4, 0.35),
    "botkyrka": (25, 0.60, 1, 0.18),
}
LANGUAGES = ("ar", "ti", "fa", "prs", "so", "uk", "ru", "ckb", "ku", "ps", "en")
LANGUAGE_WEIGHTS = (30, 15, 10, 10, 10, 9, 5, 4, 3, 3, 1)

# Activity type -> (probability for a woman, for a man), weekdays (min, max), minutes a day.
ACTIVITIES = {
    "praktik": ((0.20, 0.50), (2, 4), 240),
    "job_coaching": ((0.20, 0.40), (1, 1), 120),
    "job_search": ((0.15, 0.35), (1, 2), 150),
    "vocational_course": ((0.05, 0.20), (2, 3), 210),
    "civic_orientation": ((0.70, 0.70), (1, 1), 180),
    "parent_group": ((0.35, 0.05), (1, 1), 150),
    "literacy": ((0.15, 0.08), (2, 2), 120),
    "health_support": ((0.10, 0.08), (1, 1), 90),
}
OUTCOME_WEIGHTS = ((Outcome.UPHELD, 20), (Outcome.PARTLY_UPHELD, 25), (Outcome.REJECTED, 45), (None, 10))
OBJECTION_TEXT = "Demoinvändning (syntetisk): ingen verklig person har skrivit den."
DECISION_TEXT = "Demobeslut (syntetiskt): skapat av demodatans generator, ingen verklig handläggare."


def seed_synthetic_plans(today: date, *, count: int = COUNT, seed: int = SEED) -> int:
    """Create `count` labelled synthetic newcomers with plans (see the module). Returns how many.

    Needs the demo organisations (portal.services.demo.seed makes them first). Commits.
    """
    region = db.session.scalar(select(Organisation).where(Organisation.slug == "stockholms-lan"))
    homes = {o.slug: o for o in db.session.scalars(select(Organisation).where(Organisation.slug.in_(MUNICIPALITIES)))}
    if region is None or len(homes) != len(MUNICIPALITIES):
        return 0
    org = db.session.scalar(select(Organisation).where(Organisation.slug == DEMO_ORG_SLUG))
    if org is None:
        org = Organisation(
            slug=DEMO_ORG_SLUG,
            name=DEMO_ORG_NAME,
            kind=OrganisationKind.DISTRICT,
            parent=region,
            accepts_transfers=False,  # nobody works there: no caseworker may move a person in
        )
        db.session.add(org)
        db.session.flush()
    elif db.session.scalar(select(func.count()).select_from(Person).where(Person.responsible_org_id == org.id)):
        return 0  # made once already
    decider = _decider()
    rng = random.Random(seed)
    now = datetime.now(UTC)
    people = [_person(rng, i, org, homes, today, now) for i in range(1, count + 1)]
    db.session.add_all(person for person, _slug in people)
    db.session.flush()
    plans = [(_plan(rng, person, slug, today), person, slug) for person, slug in people]
    db.session.add_all(plan for plan, _person, _slug in plans)
    db.session.flush()
    # Case numbers already taken by demo cases, read once (a query per case would flush each time).
    numbers = set(db.session.scalars(select(Objection.case_number).where(Objection.case_number.like("D3M0%"))))
    for plan, person, slug in plans:
        _objections(rng, plan, person, slug, decider, today, numbers)
    db.session.commit()
    return count


def _decider() -> StaffUser:
    """The synthetic caseworker who signs the synthetic decisions: no organisation, no way to sign in."""
    decider = db.session.scalar(select(StaffUser).where(StaffUser.email == DEMO_DECIDER_EMAIL))
    if decider is None:
        # "!" is not an Argon2 hash: no password ever verifies against it (verify_secret says no).
        decider = StaffUser(email=DEMO_DECIDER_EMAIL, name="Demo: syntetisk handläggare", password_hash=NO_PASSWORD)
        db.session.add(decider)
        db.session.flush()
    return decider


def _person(
    rng: random.Random, i: int, org: Organisation, homes: dict[str, Organisation], today: date, now: datetime
) -> tuple[Person, str]:
    slugs = list(MUNICIPALITIES)
    home = rng.choices(slugs, [MUNICIPALITIES[s][0] for s in slugs])[0]
    gender = rng.choices(list(Gender), (47, 47, 2, 4))[0]
    person = Person(
        phone=f"{PHONE_PREFIX}{i:04d}",
        name=f"Demo person {i:04d}",
        preferred_language=rng.choices(LANGUAGES, LANGUAGE_WEIGHTS)[0],
        gender=gender,
        home_municipality=homes[home],
        responsible_org=org,
        arrival_date=today - timedelta(days=rng.randrange(40, 720)),
        sms_opted_out_at=now,  # as if they had sent STOP: every sender skips them
        message_channel="sms",
    )
    return person, home


def _plan(rng: random.Random, person: Person, slug: str, today: date) -> Plan:
    assert person.arrival_date is not None
    _weight, gap_chance, slower, _late = MUNICIPALITIES[slug]
    days = min(60, int(rng.expovariate(1 / 5)) + rng.randrange(0, 3) + slower)
    made = min(today, person.arrival_date + timedelta(days=days))
    start = made + timedelta(days=(7 - made.weekday()) % 7)  # the Monday after
    end = start + timedelta(weeks=rng.randrange(40, 56))
    closed = end < today
    status = PlanStatus.CLOSED if closed else rng.choices((PlanStatus.ACTIVE, PlanStatus.ACKNOWLEDGED), (85, 15))[0]
    created = datetime.combine(made, time(10), tzinfo=UTC)
    plan = Plan(
        person_id=person.id,
        status=status,
        start_date=start,
        created_at=created,
        revision=1,
        acknowledged_revision=1,
        acknowledged_at=created + timedelta(days=2),
        acknowledged_channel="web",
        first_activity_at=created,
    )
    woman = person.gender == Gender.WOMAN
    plan.goals = [Goal(template_key="pass_sfi_c", horizon=Horizon.SHORT, target_date=start + timedelta(weeks=26))]
    plan.goals.append(Goal(template_key="any_job" if not woman or rng.random() < 0.5 else "work_in_profession",
                           horizon=Horizon.LONG, target_date=None))  # fmt: skip
    gap = _summer(start, end) if rng.random() < gap_chance else None
    # Every plan has SFI; women get fewer days of it in a week on average (seed 003).
    sfi_days = rng.choices((2, 3, 4, 5), (25, 40, 25, 10) if woman else (10, 30, 35, 25))[0]
    kinds = [("sfi", sfi_days, 180)]
    for key, (chances, (low, high), minutes) in ACTIVITIES.items():
        if rng.random() < chances[0 if woman else 1]:
            kinds.append((key, rng.randint(low, high), minutes))
    for key, n_days, minutes in kinds:
        weekdays = "".join(str(d) for d in sorted(rng.sample(range(1, 6), n_days)))
        spans = [(start, end)] if gap is None else [(start, gap[0] - timedelta(days=1)), (gap[1], end)]
        for first, last in spans:
            plan.activities.append(
                Activity(
                    type_key=key,
                    place="Demo",
                    weekdays=weekdays,
                    start_time=time(9 if key == "sfi" else 13),
                    duration_minutes=minutes,
                    start_date=first,
                    end_date=last,
                )
            )
    return plan


def _summer(start: date, end: date) -> tuple[date, date] | None:
    """The first summer break (about 15 June to 15 August, Mondays) inside the plan, if any."""
    for year in (start.year, start.year + 1):
        first = _monday(date(year, 6, 15))
        after = _monday(date(year, 8, 15))
        if start + timedelta(weeks=2) <= first and after + timedelta(weeks=2) <= end:
            return first, after
    return None


def _objections(
    rng: random.Random, plan: Plan, person: Person, slug: str, decider: StaffUser, today: date, numbers: set[str]
) -> None:
    late_share = MUNICIPALITIES[slug][3]
    chance = 0.40 if person.gender == Gender.WOMAN else 0.32
    count = 0 if rng.random() >= chance else rng.choices((1, 2), (85, 15))[0]
    last_day = min(today, plan.start_date + timedelta(weeks=40))
    for n in range(count):
        span = (last_day - plan.start_date).days
        filed = plan.start_date + timedelta(days=rng.randrange(0, max(1, span)))
        filed_at = datetime.combine(filed, time(11), tzinfo=UTC)
        due = filed + timedelta(days=14)
        outcome = rng.choices([o for o, _w in OUTCOME_WEIGHTS], [w for _o, w in OUTCOME_WEIGHTS])[0]
        late = rng.random() < late_share
        decided = filed + timedelta(days=rng.randrange(15, 40) if late else rng.randrange(2, 15))
        if outcome is not None and decided > today:
            outcome = None  # would be decided in the future: still open
        objection = Objection(
            case_number=_case_number(rng, numbers),
            person_id=person.id,
            plan_id=plan.id,
            target_kind=TargetKind.PLAN,
            target_id=plan.id,
            snapshot={"demo": True},
            reason=rng.choice(list(ReasonCode)),
            text=OBJECTION_TEXT,
            text_language="sv",
            text_language_source=LanguageSource.STATED,
            idempotency_key=f"demo-{plan.id}-{n}",
            status=ObjectionStatus.SUBMITTED if outcome is None else ObjectionStatus.DECIDED,
            filed_at=filed_at,
            due_date=due,
            updated_at=filed_at,
        )
        objection.events.append(
            ObjectionEvent(at=filed_at, action="submitted", status=ObjectionStatus.SUBMITTED, actor_kind="newcomer")
        )
        if outcome is not None:
            decided_at = datetime.combine(decided, time(14), tzinfo=UTC)
            objection.updated_at = decided_at
            objection.events.append(
                ObjectionEvent(
                    at=decided_at,
                    action="decided",
                    status=ObjectionStatus.DECIDED,
                    actor_kind="staff",
                    actor_staff_id=decider.id,
                )
            )
            objection.decisions.append(
                Decision(
                    stage=DecisionStage.FIRST,
                    outcome=outcome,
                    grounds=[],
                    reasons=DECISION_TEXT,
                    reasons_language="sv",
                    decided_by_id=decider.id,
                    decided_at=decided_at,
                )
            )
        db.session.add(objection)


def _case_number(rng: random.Random, taken: set[str]) -> str:
    """A case number of the real form, starting "D3M0" so a demo case is recognisable."""
    while True:
        number = "D3M0" + "".join(rng.choice(CASE_ALPHABET) for _ in range(4))
        if number not in taken:
            taken.add(number)
            return number


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())
