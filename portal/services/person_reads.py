"""Staff reads of a person's page, data export and plan, audited and committed here so the views
stay thin. A refusal is committed before the view answers 404, so the record survives the error;
the id asked for is kept, the person (who may be in another organisation) is not named.
"""

from __future__ import annotations

from portal.models import Person, Plan
from portal.services import audit


def record_person_read(person: Person) -> None:
    audit.record_and_commit("person.read", person=person, object_type="person", object_id=person.id)


def record_person_read_denied(person_id: int) -> None:
    audit.record_and_commit("person.read_denied", object_type="person", object_id=person_id)


def record_export_denied(person_id: int) -> None:
    audit.record_and_commit("person.export_denied", object_type="person", object_id=person_id)


def record_plan_read(person: Person) -> None:
    audit.record_and_commit("plan.read", person=person, object_type="person", object_id=person.id)


def record_plan_read_denied(person_id: int) -> None:
    audit.record_and_commit("plan.read_denied", object_type="person", object_id=person_id)


def record_plan_week_read(person: Person) -> None:
    audit.record_and_commit("plan.read", person=person, object_type="person", object_id=person.id, view="week")


def record_plan_print(person: Person, plan: Plan) -> None:
    audit.record_and_commit("plan.print", person=person, object_type="plan", object_id=plan.id, version=plan.revision)
