"""Plan templates and copies (issue 21): a plan built in one step, as one version, nothing of a person kept."""

from __future__ import annotations

from datetime import date, time, timedelta

import pytest
from sqlalchemy import select

from portal.models import AuditEvent, Role, SmsMessage
from portal.services import plan_templates, plans
from portal.services.plan_templates import REGION_TEMPLATES_BY_KEY
from portal.services.plans import PlanError
from portal.services.schedule import hours_periods
from tests.factories import create_person, create_plan, create_staff


@pytest.fixture
def caseworker(region):
    return create_staff(region["sodertalje"], Role.CASEWORKER)


def _empty_plan(region, caseworker, start=date(2027, 1, 13)):  # a Wednesday
    person = create_person(region["sodertalje"], language="fa")
    return create_plan(person, caseworker, start=start, activities=[])


def test_the_full_time_template_makes_a_full_time_plan_in_one_version(app, region, caseworker):
    plan = _empty_plan(region, caseworker)
    before = plan.revision
    applied = plan_templates.apply_template(plan, caseworker, "region:sfi_praktik_full_time", before)
    assert applied.activities == 4 and applied.goals == 3
    assert plan.revision == before + 1  # one version for the whole template
    assert sorted(a.type_key for a in plan.activities) == ["civic_orientation", "job_search", "praktik", "sfi"]
    # The plan starts on a Wednesday: the activities start that day and keep their weekdays.
    assert {a.start_date for a in plan.activities} == {date(2027, 1, 13)}
    assert all(a.weekdays == {"sfi": "1234", "praktik": "1234"}.get(a.type_key, a.weekdays) for a in plan.activities)
    full_weeks = [p for p in hours_periods(plan) if p.hours == 40]
    assert full_weeks, hours_periods(plan)
    assert app.extensions["sqlalchemy"].session.scalar(
        select(AuditEvent).where(AuditEvent.action == "plan.template_apply")
    )


def test_a_template_that_clashes_with_the_plan_is_refused_whole(app, region, caseworker):
    person = create_person(region["sodertalje"])
    plan = create_plan(
        person, caseworker, start=date(2027, 1, 11), activities=[{"weekdays": [1], "start_time": time(9)}]
    )
    count, revision = len(plan.activities), plan.revision
    with pytest.raises(PlanError) as error:
        plan_templates.apply_template(plan, caseworker, "region:sfi_health", revision)
    assert error.value.code == "overlap"
    assert (len(plan.activities), plan.revision) == (count, revision)
    assert not plan.goals


@pytest.mark.parametrize("choice", ["region:astrology", "org:999", "", "sfi_health"])
def test_an_unknown_template_is_refused(app, region, caseworker, choice):
    plan = _empty_plan(region, caseworker)
    with pytest.raises(PlanError) as error:
        plan_templates.apply_template(plan, caseworker, choice, plan.revision)
    assert error.value.code == "unknown_template"


def test_a_saved_template_keeps_no_notes_and_only_its_municipality_uses_it(app, region, caseworker):
    person = create_person(region["sodertalje"], name="Secret Name")
    source = create_plan(person, caseworker, start=date(2027, 1, 11), activities=[{"note": "Har ont i ryggen"}])
    template = plan_templates.save_template(source, caseworker, "  SFI   morgon ")
    assert template.name == "SFI morgon" and template.organisation_id == region["sodertalje"].id
    assert "Har ont" not in str(template.body) and "Secret" not in str(template.body)
    choice = f"org:{template.id}"
    other = create_staff(region["botkyrka"], Role.CASEWORKER)
    with app.test_request_context("/"):  # the region's template names are translated
        assert choice in dict(plan_templates.template_choices(caseworker))
        assert choice not in dict(plan_templates.template_choices(other))
    assert plan_templates.resolve_template(other, choice) is None
    with pytest.raises(PlanError) as error:
        plan_templates.save_template(source, caseworker, "SFI morgon")
    assert error.value.code == "template_exists"

    target = _empty_plan(region, caseworker, start=date(2027, 2, 3))  # a Wednesday, three weeks later
    applied = plan_templates.apply_template(target, caseworker, choice, target.revision)
    assert applied.activities == 1
    copied = target.activities[0]
    assert copied.note is None and copied.weekdays == "13"
    assert copied.start_date == date(2027, 2, 3)  # Monday of the week, clipped to the plan's start
    assert copied.end_date == date(2027, 2, 1) + (source.activities[0].end_date - source.activities[0].start_date)


def test_activities_copied_from_another_plan_keep_their_weeks(app, region, caseworker):
    source_person = create_person(region["sodertalje"])
    create_plan(
        source_person,
        caseworker,
        start=date(2027, 1, 11),
        activities=[{}, {"type_key": "praktik", "weekdays": [2], "start_date": date(2027, 1, 25)}],
    )
    plan = _empty_plan(region, caseworker, start=date(2027, 3, 1))
    applied = plan_templates.copy_from_person(plan, caseworker, source_person.id, plan.revision)
    assert applied.activities == 2
    praktik = next(a for a in plan.activities if a.type_key == "praktik")
    assert praktik.start_date == date(2027, 3, 1) + timedelta(weeks=2)
    assert praktik.start_date.isoweekday() == 1 and praktik.weekdays == "2"


def test_a_plan_of_another_organisation_cannot_be_copied(app, region, caseworker):
    other = create_staff(region["botkyrka"], Role.CASEWORKER)
    foreign_person = create_person(region["botkyrka"])
    create_plan(foreign_person, other)
    plan = _empty_plan(region, caseworker)
    with pytest.raises(PlanError) as error:
        plan_templates.copy_from_person(plan, caseworker, foreign_person.id, plan.revision)
    assert error.value.code == "unknown_source_plan"
    assert not plan.activities


def test_activities_over_before_the_plan_starts_are_left_out_and_counted(app, region, caseworker):
    body = REGION_TEMPLATES_BY_KEY["sfi_health"].body
    plan = _empty_plan(region, caseworker, start=date(2027, 1, 15))  # a Friday: the one-week check is over
    applied = plan_templates.apply_body(plan, caseworker, body, plan.revision, action="plan.template_apply")
    assert applied.skipped == 1 and "health_assessment" not in {a.type_key for a in plan.activities}


def test_edits_to_a_proposed_plan_send_one_sms_when_sent(app, db, region, caseworker):
    person = create_person(region["sodertalje"], language="ar")
    evening = {"start_time": time(17), "duration_minutes": 120}
    plan = create_plan(person, caseworker, start=date(2027, 1, 11), status="proposed", activities=[evening])

    def count():
        return len(db.session.scalars(select(SmsMessage).where(SmsMessage.purpose == "plan_changed")).all())

    assert count() == 1  # proposing is one SMS
    assert not plans.has_unsent_changes(plan)
    plan_templates.apply_template(plan, caseworker, "region:literacy_sfi", plan.revision)
    plans.add_goal(
        plan, caseworker, template_key="pass_sfi_c", target_date=None, note=None, note_language=None,
        expected_revision=plan.revision,
    )  # fmt: skip
    assert count() == 1  # no SMS per edit
    assert plans.has_unsent_changes(plan)
    assert plans.send_changes(plan, caseworker) is True
    assert count() == 2
    assert not plans.has_unsent_changes(plan)
    assert plans.send_changes(plan, caseworker) is False
    assert count() == 2
