"""Planning keeps reminder rows in step with the plan: moved, cancelled, closed, turned off."""

from __future__ import annotations

from datetime import date, time

from sqlalchemy import select

from portal.models import ActivityReminder, PlanStatus, ReminderKind, ReminderStatus, SmsMessage
from portal.reminders.planning import plan_reminders
from portal.reminders.preferences import save_setting
from portal.reminders.sending import send_due
from portal.reminders.timing import ReminderSetting
from portal.services import plans
from tests.reminders.conftest import local

WEDNESDAY = date(2026, 12, 9)


def reminders(db) -> list[ActivityReminder]:
    db.session.expire_all()
    return list(db.session.scalars(select(ActivityReminder).order_by(ActivityReminder.id)))


def reminder_sms(db) -> list[SmsMessage]:
    return list(db.session.scalars(select(SmsMessage).where(SmsMessage.purpose == "reminder").order_by(SmsMessage.id)))


def test_an_active_plan_gets_a_reminder_the_evening_before_at_six(db, newcomer):
    person, plan, _ = newcomer
    [row] = reminders(db)
    assert (row.person_id, row.original_date, row.kind) == (person.id, WEDNESDAY, ReminderKind.EVENING_BEFORE)
    assert row.status == ReminderStatus.SCHEDULED
    assert row.due_at == local(2026, 12, 8, 18, 0)
    assert row.starts_at == local(2026, 12, 9, 9, 0)


def test_planning_again_changes_nothing(db, newcomer):
    before = [(r.id, r.revision, r.due_at) for r in reminders(db)]
    result = plan_reminders()
    assert result.planned == 0 and result.moved == 0 and result.cancelled == 0 and result.unchanged == 1
    assert [(r.id, r.revision, r.due_at) for r in reminders(db)] == before


def test_a_moved_occurrence_moves_its_reminder(db, newcomer, at):
    person, plan, caseworker = newcomer
    [before] = [(r.id, r.revision) for r in reminders(db)]
    plans.change_occurrence(
        plan,
        caseworker,
        plan.activities[0],
        original_date=WEDNESDAY,
        cancel=False,
        new_date=date(2026, 12, 10),
        new_time=time(8, 30),
        expected_revision=None,
    )
    [after] = reminders(db)
    assert (after.id, after.revision) == (before[0], before[1] + 1)
    assert after.status == ReminderStatus.SCHEDULED
    assert after.starts_at == local(2026, 12, 10, 8, 30)
    assert after.due_at == local(2026, 12, 9, 18, 0)
    # At the old time nothing goes out; at the new time one reminder, naming the new day.
    at(local(2026, 12, 8, 18, 5))
    assert send_due() == {}
    at(local(2026, 12, 9, 18, 5))
    assert send_due() == {"sent": 1}
    [sms] = reminder_sms(db)
    assert "10 december" in sms.body and "08:30" in sms.body


def test_a_cancelled_occurrence_is_not_sent(db, newcomer, at):
    person, plan, caseworker = newcomer
    plans.change_occurrence(
        plan,
        caseworker,
        plan.activities[0],
        original_date=WEDNESDAY,
        cancel=True,
        new_date=None,
        new_time=None,
        expected_revision=None,
    )
    assert [r.status for r in reminders(db)] == [ReminderStatus.CANCELLED]
    at(local(2026, 12, 8, 18, 5))
    assert send_due() == {}
    assert reminder_sms(db) == []


def test_a_cancellation_the_planner_missed_is_caught_when_the_reminder_is_due(db, newcomer, at):
    person, plan, caseworker = newcomer
    from portal.models import OccurrenceChange, OccurrenceChangeKind

    # Written straight to the database, so no planning ran: the send-time check still holds.
    db.session.add(
        OccurrenceChange(
            activity_id=plan.activities[0].id, original_date=WEDNESDAY, kind=OccurrenceChangeKind.CANCELLED
        )
    )
    db.session.commit()
    at(local(2026, 12, 8, 18, 5))
    assert send_due() == {"cancelled": 1}
    assert reminder_sms(db) == []


def test_turning_reminders_off_cancels_them_and_choosing_hours_before_plans_those(db, newcomer):
    person, *_ = newcomer
    save_setting(person, ReminderSetting(evening_before=False, evening_hour=18, hours_before=None))
    plan_reminders([person.id])
    assert [r.status for r in reminders(db)] == [ReminderStatus.CANCELLED]
    save_setting(person, ReminderSetting(evening_before=False, evening_hour=18, hours_before=3))
    plan_reminders([person.id])
    rows = {r.kind: r for r in reminders(db)}
    assert rows[ReminderKind.EVENING_BEFORE].status == ReminderStatus.CANCELLED
    assert rows[ReminderKind.HOURS_BEFORE].status == ReminderStatus.SCHEDULED
    assert rows[ReminderKind.HOURS_BEFORE].due_at == local(2026, 12, 9, 8, 0)  # 06:00 is quiet: waits for 08:00


def test_a_closed_plan_gets_no_reminders(db, newcomer):
    person, plan, caseworker = newcomer
    plans.set_status(plan, caseworker, PlanStatus.CLOSED, None)
    assert [r.status for r in reminders(db)] == [ReminderStatus.CANCELLED]


def test_a_draft_plan_gets_no_reminders(db, region, at):
    from tests.factories import create_person, create_plan, create_staff

    at(local(2026, 12, 8, 10, 0))
    person = create_person(region["sodertalje"])
    create_plan(
        person,
        create_staff(region["sodertalje"]),
        start=date(2026, 12, 7),
        status="draft",
        activities=[{"weekdays": [3]}],
    )
    assert reminders(db) == []


def test_an_occurrence_moved_beyond_the_horizon_gets_its_reminder_when_it_comes_near(db, newcomer, at):
    person, plan, caseworker = newcomer
    plans.change_occurrence(
        plan,
        caseworker,
        plan.activities[0],
        original_date=WEDNESDAY,
        cancel=False,
        new_date=date(2026, 12, 11),
        new_time=time(13, 0),
        expected_revision=None,
    )
    assert [r.status for r in reminders(db)] == [ReminderStatus.CANCELLED]
    at(local(2026, 12, 9, 14, 0))  # the hourly planner, a day later
    plan_reminders()
    [row] = [r for r in reminders(db) if r.original_date == WEDNESDAY]
    assert row.status == ReminderStatus.SCHEDULED
    assert (row.starts_at, row.due_at) == (local(2026, 12, 11, 13, 0), local(2026, 12, 10, 18, 0))
