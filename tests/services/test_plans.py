"""Plan changes: versions, optimistic locking, acknowledgement, validation, transfer."""

from __future__ import annotations

from datetime import date, time

import pytest
from sqlalchemy import select

from portal.models import AuditEvent, PersonTransfer, PlanStatus, Role, SmsMessage
from portal.services import plans
from portal.services.plans import ActivityInput, PlanError
from tests.factories import create_person, create_plan, create_staff


@pytest.fixture
def caseworker(region):
    return create_staff(region["sodertalje"], Role.CASEWORKER)


@pytest.fixture
def person(region):
    return create_person(region["sodertalje"], language="ar")


HANDOVER = "Tolk på arabiska bokad; väntar på besked om SFI-plats i Botkyrka."


def _input(**kw) -> ActivityInput:
    fields = {
        "type_key": "praktik",
        "provider_id": None,
        "place": "Storgatan 2",
        "weekdays": [2, 4],
        "start_time": time(13),
        "duration_minutes": 240,
        "start_date": date(2026, 3, 2),
        "end_date": date(2026, 6, 1),
    }
    fields.update(kw)
    return ActivityInput(**fields)


def test_every_change_makes_a_version_with_what_changed(app, person, caseworker):
    plan = create_plan(person, caseworker)
    kinds = [[c["kind"] for c in v.changes] for v in plan.versions]
    assert kinds == [["plan_created"], ["activity_added"]]
    assert [v.number for v in plan.versions] == [1, 2] and plan.revision == 2


def test_a_stale_form_is_refused_and_changes_nothing(app, person, caseworker):
    plan = create_plan(person, caseworker)
    before = plan.revision
    plans.add_goal(
        plan,
        caseworker,
        template_key="pass_sfi_c",
        target_date=None,
        note=None,
        note_language=None,
        expected_revision=before,
    )
    with pytest.raises(PlanError) as error:
        plans.add_activity(plan, caseworker, _input(), expected_revision=before)  # built before the goal was added
    assert error.value.code == "stale"
    assert len(plan.activities) == 1


@pytest.mark.parametrize(
    ("overrides", "code"),
    [
        ({"end_date": date(2026, 2, 1)}, "end_before_start"),
        ({"duration_minutes": 0}, "bad_duration"),
        ({"start_time": time(23), "duration_minutes": 120}, "past_midnight"),
        ({"weekdays": []}, "no_weekdays"),
        ({"weekdays": [8]}, "no_weekdays"),
        ({"type_key": "astrology"}, "unknown_activity"),
        ({"weekdays": [1], "start_time": time(10)}, "overlap"),  # SFI runs 09:00-12:00 on Mondays
        ({"end_date": date(2031, 1, 1)}, "too_long"),
        # Thursdays between Monday 7 and Monday 7 December: no occurrence at all.
        ({"weekdays": [4], "start_date": date(2026, 12, 7), "end_date": date(2026, 12, 7)}, "no_occurrences"),
        ({"weekdays": [6, 7], "start_date": date(2026, 12, 7), "end_date": date(2026, 12, 11)}, "no_occurrences"),
    ],
)
def test_impossible_schedules_are_refused(app, person, caseworker, overrides, code):
    plan = create_plan(person, caseworker)
    with pytest.raises(PlanError) as error:
        plans.add_activity(plan, caseworker, _input(**overrides), None)
    assert error.value.code == code
    assert len(plan.activities) == 1


def test_proposing_sends_an_sms_and_acknowledging_records_the_version(app, person, caseworker, db):
    plan = create_plan(person, caseworker, status="proposed")
    assert db.session.scalar(select(SmsMessage).where(SmsMessage.purpose == "plan_changed")) is not None
    assert plan.awaiting_acknowledgement
    plans.acknowledge(plan, person, plan.revision)
    assert plan.status == PlanStatus.ACKNOWLEDGED and not plan.awaiting_acknowledgement
    assert plan.acknowledged_at is not None


def test_a_changed_plan_asks_for_acknowledgement_again(app, person, caseworker):
    plan = create_plan(person, caseworker, status="active")
    assert not plan.awaiting_acknowledgement
    plans.change_occurrence(
        plan,
        caseworker,
        plan.activities[0],
        original_date=date(2026, 3, 4),
        cancel=True,
        new_date=None,
        new_time=None,
        expected_revision=plan.revision,
    )
    assert plan.awaiting_acknowledgement
    assert plan.versions[-1].changes == [{"kind": "occurrence_cancelled", "activity": "sfi", "date": "2026-03-04"}]


def test_acknowledging_an_old_revision_is_refused(app, person, caseworker):
    plan = create_plan(person, caseworker, status="proposed")
    with pytest.raises(PlanError):
        plans.acknowledge(plan, person, plan.revision - 1)
    assert plan.status == PlanStatus.PROPOSED


@pytest.mark.parametrize(("current", "target"), [("draft", "active"), ("proposed", "active"), ("draft", "draft")])
def test_only_allowed_status_changes_happen(app, person, caseworker, current, target):
    plan = create_plan(person, caseworker, status=current)
    with pytest.raises(PlanError):
        plans.set_status(plan, caseworker, PlanStatus(target), None)
    assert plan.status == PlanStatus(current)


def test_an_occurrence_that_does_not_exist_cannot_be_moved(app, person, caseworker):
    plan = create_plan(person, caseworker)
    with pytest.raises(PlanError) as error:  # 2026-03-03 is a Tuesday; SFI is Monday and Wednesday
        plans.change_occurrence(
            plan,
            caseworker,
            plan.activities[0],
            original_date=date(2026, 3, 3),
            cancel=True,
            new_date=None,
            new_time=None,
            expected_revision=None,
        )
    assert error.value.code == "no_such_occurrence"


def test_a_transfer_moves_the_person_and_plan_and_is_audited(app, region, person, caseworker, db):
    plan = create_plan(person, caseworker, status="acknowledged")
    revision = plan.revision
    plans.transfer_person(person, caseworker, region["botkyrka"], HANDOVER)
    assert person.responsible_org_id == region["botkyrka"].id
    assert person.home_municipality_id == region["botkyrka"].id
    assert plan.person_id == person.id
    transfer = db.session.scalar(select(PersonTransfer))
    assert transfer.from_org_id == region["sodertalje"].id and transfer.note == HANDOVER
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "person.transfer"))
    assert event.details == {"from_org": region["sodertalje"].id, "to_org": region["botkyrka"].id}
    # In the plan's history, and no new approval needed for a move.
    assert plan.revision == revision + 1 and not plan.awaiting_acknowledgement
    assert plan.versions[-1].changes == [
        {"kind": "transferred", "from": region["sodertalje"].name, "to": region["botkyrka"].name}
    ]
    # The newcomer is told, in their language (Arabic), with the new organisation named.
    sms = db.session.scalar(select(SmsMessage).where(SmsMessage.purpose == "transfer"))
    assert sms is not None and region["botkyrka"].name in sms.body
    assert any("\u0600" <= ch <= "\u06ff" for ch in sms.body)


@pytest.mark.parametrize("note", ["", ".", "Se journalen."])
def test_a_transfer_without_a_real_handover_note_is_refused(app, region, person, caseworker, db, note):
    create_plan(person, caseworker)
    with pytest.raises(PlanError) as error:
        plans.transfer_person(person, caseworker, region["botkyrka"], note)
    assert error.value.code == "transfer_note"
    assert person.responsible_org_id == region["sodertalje"].id


def test_a_provider_in_another_municipality_can_run_an_activity(app, region, person, caseworker):
    from portal.models import OrganisationKind
    from tests.factories import create_organisation

    sfi_botkyrka = create_organisation("sfi-botkyrka", OrganisationKind.PROVIDER, region["botkyrka"])
    plan = create_plan(person, caseworker)
    plans.add_activity(plan, caseworker, _input(provider_id=sfi_botkyrka.id), None)
    assert plan.activities[-1].provider.municipality.slug == "botkyrka"
