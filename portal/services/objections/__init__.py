"""Objections: filing, the state machine, deadlines, reviewer independence and notifications.

One module per concern: ``rules`` (the table, refusals, case numbers, deadlines), ``targets``
(what can be objected to), ``filing``, ``handling`` (who may act, each step) and ``notices``
(the SMS). This package re-exports their public names.

The workflow is an explicit table, TRANSITIONS: (status, action) → new status. Nothing else
changes a case's status. Some allowed transitions also have a guard (escalation windows,
independence), checked in the function for that action.

    submitted → acknowledged → under_review → decided ─┐
        │             │              │                  ├→ escalated → under_independent_review → final_decision
        └─────────────┴──────────────┴── (overdue) ─────┘

Decisions taken here (the issue leaves them open):
- Deadlines are Europe/Stockholm calendar days. A decision is due OBJECTION_DECISION_DAYS
  after filing; the due date itself is still on time, the day after is overdue. After an
  escalation, the independent reviewer has the same number of days from the escalation.
- The newcomer may escalate a first decision within OBJECTION_ESCALATION_DAYS of it, unless
  it was upheld in full (then there is nothing left to object to). They may also escalate a
  case whose first decision is overdue: otherwise a caseworker who never decides would leave
  them with no instance to turn to, which is the gap this flow exists to close (seed 000).
- The independent reviewer holds the reviewer role at a region organisation above the
  person's organisation, and had no part in the plan: they created no version of it, wrote
  nothing to it (audit trail), did no first-round work on any objection to it, and are not a
  caseworker for the person's organisation. This is checked on every action, not just by
  hiding buttons. The reviewer who starts the independent review is the one who decides it.
- An upheld first decision must link the plan version that carries it out (made after the
  objection was filed): the caseworker revises the plan first, then decides. A partly
  upheld decision may link one. The independent reviewer cannot edit plans, so their upheld
  decision may link a version but need not; the caseworker then revises the plan.
- Every transition is written to the case's timeline, audited, committed, and then the
  newcomer gets an SMS in their language. The SMS names the case and the next date, never
  the decision or its reasons: those are read after signing in.
"""

from portal.services.objections.filing import ObjectionInput, file_objection, validate_objection
from portal.services.objections.handling import (
    acknowledge,
    caseworker_may_handle,
    decide,
    escalate,
    final_decide,
    is_independent,
    reviewer_covers,
    reviewer_refusal,
    reviewer_regions,
    start_independent_review,
    start_review,
)
from portal.services.objections.notices import notify, review_word, sms_body
from portal.services.objections.rules import (
    CASE_ALPHABET,
    CASE_LENGTH,
    FIRST_DECISION_PENDING,
    REVIEW_PENDING,
    TRANSITIONS,
    Action,
    ObjectionError,
    can_escalate,
    decision_days,
    error_message,
    escalation_days,
    escalation_deadline,
    escalation_refusal,
    is_overdue,
    new_case_number,
    normalise_case_number,
    stockholm_date,
)
from portal.services.objections.targets import (
    MAX_VERSION_TARGETS,
    Target,
    describe_target,
    objectionable_plan,
    plan_targets,
    resolve_target,
)

__all__ = [
    "Action",
    "CASE_ALPHABET",
    "CASE_LENGTH",
    "FIRST_DECISION_PENDING",
    "MAX_VERSION_TARGETS",
    "ObjectionError",
    "ObjectionInput",
    "REVIEW_PENDING",
    "TRANSITIONS",
    "Target",
    "acknowledge",
    "can_escalate",
    "caseworker_may_handle",
    "decide",
    "decision_days",
    "describe_target",
    "error_message",
    "escalate",
    "escalation_days",
    "escalation_deadline",
    "escalation_refusal",
    "file_objection",
    "final_decide",
    "is_independent",
    "is_overdue",
    "new_case_number",
    "normalise_case_number",
    "notify",
    "objectionable_plan",
    "plan_targets",
    "resolve_target",
    "reviewer_covers",
    "reviewer_refusal",
    "reviewer_regions",
    "review_word",
    "sms_body",
    "start_independent_review",
    "start_review",
    "stockholm_date",
    "validate_objection",
]
