"""Staff reads of objections, audited and committed here so the staff views stay thin.

Every list, case read, figures page and refusal a staff member meets is one audit event
(BRIEF: staff access audited). A refusal is committed before the view aborts, so the record
survives the error response.
"""

from __future__ import annotations

from portal.models import Objection
from portal.services import audit


def record_denied(case: str) -> None:
    """A case the staff member may not see (or that does not exist): whether a number was given, not which."""
    audit.record_and_commit("objection.read_denied", object_type="objection", case_given=bool(case))


def record_not_independent(objection: Objection) -> None:
    audit.record_and_commit(
        "objection.read_denied",
        person=objection.person,
        object_type="objection",
        object_id=objection.id,
        reason="not_independent",
    )


def record_read(objection: Objection) -> None:
    audit.record_and_commit("objection.read", person=objection.person, object_type="objection", object_id=objection.id)


def record_queue(count: int, *, filtered: bool) -> None:
    audit.record_and_commit("objection.list", object_type="objection", count=count, filtered=filtered)


def record_escalated_list(count: int) -> None:
    audit.record_and_commit("objection.list_escalated", object_type="objection", count=count)


def record_figures(period: str) -> None:
    audit.record_and_commit("objection.figures", object_type="objection", period=period)
