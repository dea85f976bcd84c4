"""The rules of an objection: its state table, refusals, case numbers and deadlines."""

from __future__ import annotations

import enum
import secrets
from datetime import date, datetime, timedelta

from flask import current_app
from flask_babel import gettext

from portal.data.objections import case_number_exists
from portal.local_time import STOCKHOLM
from portal.models import Objection, ObjectionStatus, Outcome, utcnow
from portal.models.objection import (
    FIRST_DECISION_PENDING,
    REASONS_MAX_LENGTH,
    REASONS_MIN_LENGTH,
    REVIEW_PENDING,
    TEXT_MAX_LENGTH,
    WANTED_MAX_LENGTH,
)


class Action(enum.StrEnum):
    ACKNOWLEDGE = "acknowledge"
    START_REVIEW = "start_review"
    DECIDE = "decide"
    ESCALATE = "escalate"
    START_INDEPENDENT_REVIEW = "start_independent_review"
    FINAL_DECIDE = "final_decide"


_S = ObjectionStatus
TRANSITIONS: dict[tuple[ObjectionStatus, Action], ObjectionStatus] = {
    (_S.SUBMITTED, Action.ACKNOWLEDGE): _S.ACKNOWLEDGED,
    (_S.ACKNOWLEDGED, Action.START_REVIEW): _S.UNDER_REVIEW,
    (_S.UNDER_REVIEW, Action.DECIDE): _S.DECIDED,
    (_S.DECIDED, Action.ESCALATE): _S.ESCALATED,
    # Only when the first decision is overdue (guarded in escalate()).
    (_S.SUBMITTED, Action.ESCALATE): _S.ESCALATED,
    (_S.ACKNOWLEDGED, Action.ESCALATE): _S.ESCALATED,
    (_S.UNDER_REVIEW, Action.ESCALATE): _S.ESCALATED,
    (_S.ESCALATED, Action.START_INDEPENDENT_REVIEW): _S.UNDER_INDEPENDENT_REVIEW,
    (_S.UNDER_INDEPENDENT_REVIEW, Action.FINAL_DECIDE): _S.FINAL_DECISION,
}

# Crockford base32: no I, L, O or U, so a case number read aloud or typed on a phone survives.
CASE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CASE_LENGTH = 8
_CASE_READ_AS = str.maketrans({"O": "0", "I": "1", "L": "1"})


class ObjectionError(Exception):
    """A request the service refuses. `code` picks the translated message; `field` the form field."""

    def __init__(self, code: str, field: str | None = None) -> None:
        super().__init__(code)
        self.code = code
        self.field = field

    @property
    def message(self) -> str:
        return error_message(self.code)


def error_message(code: str) -> str:
    """The message for an ObjectionError code, in the current locale."""
    messages = {
        "idempotency_key": gettext("The form had expired. Please go back, reload the page and try again."),
        "no_plan": gettext("You do not have a plan to object to yet."),
        "target": gettext("Choose something that is in your plan."),
        "reason": gettext("Choose the reason that fits best."),
        "text_empty": gettext("Please write why you object. You can write in any language."),
        "text_too_long": gettext("Please write at most %(max)d characters.", max=TEXT_MAX_LENGTH),
        "text_no_words": gettext(
            "Please write in words why you object, or choose the reason that fits best. "
            "Signs and emoji alone are not enough. You can write in any language."
        ),
        "wanted_too_long": gettext("Please write at most %(max)d characters.", max=WANTED_MAX_LENGTH),
        "escalation_text_too_long": gettext("Please write at most %(max)d characters.", max=WANTED_MAX_LENGTH),
        "language": gettext("Choose a language from the list."),
        "not_allowed": gettext("That step is not possible for this case now. The page shows where the case is."),
        "escalation_closed": gettext("The time to ask for an independent review has passed."),
        "upheld": gettext("Your objection was upheld, so there is nothing to review."),
        "not_overdue": gettext("You can ask for an independent review when there is a decision, or if it is late."),
        "outcome": gettext("Choose a decision."),
        "grounds_empty": gettext("Choose at least one ground. The newcomer reads the grounds in their own language."),
        "grounds_unknown": gettext("Choose the grounds from the list."),
        "reasons_empty": gettext("Write the reasons for the decision. The newcomer will read them."),
        "reasons_too_long": gettext("Please write at most %(max)d characters.", max=REASONS_MAX_LENGTH),
        "reasons_too_short": gettext(
            "Write the reasons in at least %(min)d characters: what was decided and why. The newcomer will read them.",
            min=REASONS_MIN_LENGTH,
        ),
        "plan_version_needed": gettext(
            "An upheld objection needs the plan version that carries it out. "
            "Change the plan first, then choose the new version."
        ),
        "plan_version": gettext("Choose a version of this plan made after the objection was filed."),
        "no_access": gettext("You do not have access to this case."),
        "not_independent": gettext("You had a part in this plan, so another reviewer must handle this case."),
        "not_assigned": gettext("Another reviewer is handling this case."),
    }
    return messages.get(code, gettext("Something went wrong on our side"))


# --- case numbers ------------------------------------------------------------------------------


# People type case numbers back in an SMS, often without the hyphen. A number with two digits
# and two letters is never an ordinary word, a year or a phone number's tail, nor an Arabizi word
# with one digit for a letter ("yet3arad"): the assistant and the triage read it in any form.
MIN_CASE_DIGITS = 2
MIN_CASE_LETTERS = 2


def new_case_number() -> str:
    """A fresh random case number: 8 Crockford base32 characters (about 39 bits with the rule above)."""
    while True:
        number = "".join(secrets.choice(CASE_ALPHABET) for _ in range(CASE_LENGTH))
        digits = sum(ch.isdigit() for ch in number)
        if digits < MIN_CASE_DIGITS or CASE_LENGTH - digits < MIN_CASE_LETTERS:
            continue
        if not case_number_exists(number):
            return number


def normalise_case_number(raw: str | None) -> str | None:
    """Case-insensitive, hyphen and spaces optional, O→0 and I/L→1; None if it cannot be a case number."""
    if not raw:
        return None
    cleaned = "".join(raw.split()).replace("-", "").upper().translate(_CASE_READ_AS)
    if len(cleaned) != CASE_LENGTH or any(ch not in CASE_ALPHABET for ch in cleaned):
        return None
    return cleaned


# --- deadlines ----------------------------------------------------------------------------------


def stockholm_date(moment: datetime | None = None) -> date:
    """The calendar day in Sweden at `moment` (now by default)."""
    return (moment or utcnow()).astimezone(STOCKHOLM).date()


def decision_days() -> int:
    return int(current_app.config["OBJECTION_DECISION_DAYS"])


def escalation_days() -> int:
    return int(current_app.config["OBJECTION_ESCALATION_DAYS"])


def is_overdue(objection: Objection, today: date | None = None) -> bool:
    """A decision is pending and its due date has passed."""
    today = today or stockholm_date()
    if objection.status in FIRST_DECISION_PENDING:
        return today > objection.due_date
    if objection.status in REVIEW_PENDING:
        return objection.review_due_date is not None and today > objection.review_due_date
    return False


def escalation_deadline(objection: Objection) -> date | None:
    """The last day the first decision may be escalated (None before there is one)."""
    decision = objection.first_decision
    if decision is None:
        return None
    return stockholm_date(decision.decided_at) + timedelta(days=escalation_days())


def escalation_refusal(objection: Objection, today: date | None = None) -> str | None:
    """Why the newcomer cannot escalate now (an error code), or None when they can."""
    today = today or stockholm_date()
    if (objection.status, Action.ESCALATE) not in TRANSITIONS:
        return "not_allowed"
    if objection.status in FIRST_DECISION_PENDING:
        return None if is_overdue(objection, today) else "not_overdue"
    decision = objection.first_decision
    if decision is None:
        return "not_allowed"
    if decision.outcome == Outcome.UPHELD:
        return "upheld"
    deadline = escalation_deadline(objection)
    return None if deadline is not None and today <= deadline else "escalation_closed"


def can_escalate(objection: Objection, today: date | None = None) -> bool:
    return escalation_refusal(objection, today) is None
