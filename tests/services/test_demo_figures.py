"""`flask seed-demo` gives the coordinator plan figures with numbers (issue 17, item 5), and the
synthetic newcomers behind them stay out of every staff list and can never be messaged."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from portal.data.people import visible_org_ids
from portal.extensions import db
from portal.models import Objection, Organisation, Person, Plan, Role, SmsMessage, StaffUser, SurveyInvitation
from portal.services.demo import DEMO_PASSWORD, STAFF, seed, staff_email
from portal.services.demo_figures import COUNT, DEMO_DECIDER_EMAIL, DEMO_ORG_SLUG
from portal.survey.plan_figures import activity_types_by_gender, plan_facts, plan_figures
from tests.helpers import check_page, sign_in_staff


@pytest.fixture
def seeded(app):
    assert seed(if_empty=True)
    synthetic = db.session.scalar(select(Organisation).where(Organisation.slug == DEMO_ORG_SLUG))
    people = db.session.scalars(select(Person).where(Person.responsible_org_id == synthetic.id)).all()
    return synthetic, people


def _staff(local: str) -> StaffUser:
    return db.session.scalar(select(StaffUser).where(StaffUser.email == staff_email(local)))


def test_the_demo_plan_figures_show_numbers_and_the_gaps_seed_003_reports(seeded):
    synthetic, people = seeded
    assert len(people) == COUNT
    coordinator = _staff("samordnare.region")
    org_ids = visible_org_ids(coordinator, Role.COORDINATOR)
    assert synthetic.id in org_ids  # the region-wide figures count them
    facts = plan_facts(org_ids)
    rows = plan_figures(facts)
    genders = {row.key: row for row in rows["gender"]}
    women, men = genders["woman"], genders["man"]
    for row in (women, men, *rows["municipality"]):
        assert not row.suppressed and row.plans >= 50
        assert None not in (row.share_of_full_time, row.share_summer_gap, row.median_days_to_plan)
        assert row.share_within_goal is not None
    assert len(rows["municipality"]) == 3
    assert women.share_of_full_time < men.share_of_full_time - 0.1  # fewer hours for women
    everyone = rows["all"][0]
    assert everyone.objections["objections"] >= 50 and everyone.objections_per_100 is not None
    assert 0 < everyone.share_on_time < 1  # some decided late
    assert all(everyone.objections[o] for o in ("upheld", "partly_upheld", "rejected", "open"))
    # Fewer job-focused activities for women: internships, shown for both.
    internship = next(r for r in activity_types_by_gender(facts, rows) if r.type_key == "praktik")
    assert None not in (internship.shares["woman"], internship.shares["man"])
    assert internship.shares["woman"] < internship.shares["man"]


def test_the_coordinator_page_shows_the_plan_figures_for_women_and_men(client, seeded):
    sign_in_staff(client, _staff("samordnare.region"), DEMO_PASSWORD)
    client.get("/language/en")
    soup = check_page(client.get("/staff/follow-up/satisfaction"))
    table = soup.find("caption", id="plans-gender").find_parent("table")
    cells = {
        row.find("th").get_text(strip=True): [td.get_text(strip=True) for td in row.find_all("td")]
        for row in table.select("tbody tr")
    }
    for gender in ("Women", "Men"):
        plans, full_time, summer_gap, median_days, *_ = cells[gender]
        assert int(plans) >= 50 and "%" in full_time and "%" in summer_gap and median_days != "–"
    assert "fewer than 5" not in " ".join(cells["Women"] + cells["Men"])


def test_the_synthetic_people_are_in_no_staff_list_and_cannot_be_reached(client, seeded):
    from portal.reminders.planning import plan_reminders
    from portal.services.caseload import build_caseload
    from portal.services.objections import stockholm_date
    from portal.survey.sms import start_due

    synthetic, people = seeded
    ids = {p.id for p in people}
    # No demo account works in their organisation; only the coordinator's figures reach it.
    for local, *_rest in STAFF:
        staff = _staff(local)
        assert all(m.organisation_id != synthetic.id for m in staff.memberships)
        # People lists go by the caseworker role; the reviewer's list is checked below.
        assert synthetic.id not in visible_org_ids(staff, Role.CASEWORKER)
    for local in ("handlaggare.stockholm", "handlaggare.rinkeby", "handlaggare.sodertalje", "handlaggare.botkyrka"):
        rows = build_caseload(_staff(local), stockholm_date()).rows
        assert rows and not {row.person.id for row in rows} & ids
    # The reviewer covers the whole region, so none of their objections is ever escalated.
    objections = db.session.scalars(select(Objection).where(Objection.person_id.in_(ids))).all()
    assert objections and all(o.escalated_at is None for o in objections)
    sign_in_staff(client, _staff("granskare.region"), DEMO_PASSWORD)
    assert "Demo person" not in client.get("/staff/reviews").get_data(as_text=True)
    # No phone number, no sign-in, nothing sent.
    assert all(not p.phone.startswith("+") and p.sms_opted_out and p.name.startswith("Demo person") for p in people)
    client.post("/signin", data={"phone": people[0].phone})
    plan_reminders()
    start_due()
    assert not db.session.scalar(select(func.count()).select_from(SmsMessage).where(SmsMessage.person_id.in_(ids)))
    assert not db.session.scalar(
        select(func.count()).select_from(SurveyInvitation).where(SurveyInvitation.person_id.in_(ids))
    )
    # The decisions' synthetic signer cannot sign in either.
    decider = db.session.scalar(select(StaffUser).where(StaffUser.email == DEMO_DECIDER_EMAIL))
    assert not decider.memberships and decider.totp_secret is None
    response = client.post("/staff/signin", data={"email": DEMO_DECIDER_EMAIL, "password": "!"})
    assert not response.location or not response.location.endswith("/totp")


def test_seeding_again_makes_no_second_set(seeded):
    synthetic, people = seeded
    plans = db.session.scalar(select(func.count()).select_from(Plan))
    seed()
    assert db.session.scalar(select(func.count()).select_from(Person).where(Person.responsible_org_id == synthetic.id))
    assert db.session.scalar(select(func.count()).select_from(Plan)) == plans
    assert not seed(if_empty=True)


def test_the_plan_facts_of_hundreds_of_plans_take_a_fixed_number_of_queries(seeded):
    from sqlalchemy import event

    coordinator = _staff("samordnare.region")
    org_ids = visible_org_ids(coordinator, Role.COORDINATOR)
    statements = []

    def count(*_args):
        statements.append(1)

    db.session.expire_all()
    event.listen(db.engine, "before_cursor_execute", count)
    try:
        facts = plan_facts(org_ids)
    finally:
        event.remove(db.engine, "before_cursor_execute", count)
    assert len(facts) >= COUNT
    # plans, people, activities, their changes, objections, decisions: not one per activity
    assert len(statements) <= 8


def test_the_synthetic_district_is_no_transfer_target(seeded):
    from portal.data.plans import list_municipal_organisations

    synthetic, _people = seeded
    targets = list_municipal_organisations()
    assert synthetic not in targets and synthetic.accepts_transfers is False
    assert any(o.slug == "botkyrka" for o in targets)
