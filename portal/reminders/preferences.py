"""Each newcomer's reminder choice: read with the configured default, and changed on their own page."""

from __future__ import annotations

from collections.abc import Iterable

from flask import current_app
from sqlalchemy import select

from portal.extensions import db
from portal.models import Person, ReminderPreference
from portal.reminders.timing import ReminderSetting


def default_setting() -> ReminderSetting:
    """What a person gets until they choose (REMINDER_DEFAULT_* in the config)."""
    config = current_app.config
    return ReminderSetting(
        evening_before=config["REMINDER_DEFAULT_EVENING"],
        evening_hour=config["REMINDER_EVENING_HOUR"],
        hours_before=config["REMINDER_DEFAULT_HOURS_BEFORE"],
    )


def _setting(row: ReminderPreference | None, default: ReminderSetting) -> ReminderSetting:
    if row is None:
        return default
    return ReminderSetting(
        evening_before=row.evening_before,
        evening_hour=row.evening_hour if row.evening_hour is not None else default.evening_hour,
        hours_before=row.hours_before,
    )


def setting_for(person: Person) -> ReminderSetting:
    """The person's reminder setting (their own choice, or the default)."""
    return _setting(db.session.get(ReminderPreference, person.id), default_setting())


def settings_for(person_ids: Iterable[int]) -> dict[int, ReminderSetting]:
    """Settings of many people in one query (the planner's batch)."""
    ids = list(person_ids)
    default = default_setting()
    rows = {
        r.person_id: r
        for r in db.session.scalars(select(ReminderPreference).where(ReminderPreference.person_id.in_(ids)))
    }
    return {pid: _setting(rows.get(pid), default) for pid in ids}


def save_setting(person: Person, setting: ReminderSetting) -> None:
    """Store the person's choice and commit (the caller plans their reminders again)."""
    row = db.session.get(ReminderPreference, person.id) or ReminderPreference(person_id=person.id)
    row.evening_before = setting.evening_before
    row.evening_hour = setting.evening_hour if setting.evening_before else None
    row.hours_before = setting.hours_before
    db.session.add(row)
    db.session.commit()


def change_setting(person: Person, setting: ReminderSetting) -> None:
    """The newcomer changes their reminders: save, record it, and plan their reminders again."""
    from portal.reminders.planning import plan_for_person
    from portal.services import audit

    save_setting(person, setting)
    audit.record(
        "reminders.setting",
        person=person,
        object_type="person",
        object_id=person.id,
        actor_kind="newcomer",
        evening_before=setting.evening_before,
        evening_hour=setting.evening_hour,
        hours_before=setting.hours_before,
    )
    db.session.commit()
    plan_for_person(person.id)
