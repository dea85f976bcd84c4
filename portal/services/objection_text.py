"""Objections in words: reason categories, statuses, outcomes and timeline steps.

Reason categories are a catalogue like portal.catalogues: lazy_gettext entries, so they are
translated through the same workflow as the rest of the UI and read in the newcomer's
language on the web, by SMS and in the chat. The other labels use the active locale (the
request's, or one set with flask_babel.force_locale for SMS and the assistant).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from babel import Locale, UnknownLocaleError
from flask_babel import LazyString, get_locale, gettext
from flask_babel import lazy_gettext as _l

from portal.languages import get_language
from portal.models import Objection, ObjectionStatus, Outcome, ReasonCode


@dataclass(frozen=True)
class ReasonCategory:
    code: ReasonCode
    label: LazyString
    hint: LazyString


REASON_CATEGORIES: tuple[ReasonCategory, ...] = (
    ReasonCategory(
        ReasonCode.CHILDCARE_CLASH,
        _l("The time clashes with childcare"),
        _l("For example, the activity starts before the preschool opens."),
    ),
    ReasonCategory(
        ReasonCode.HEALTH,
        _l("My health"),
        _l("An illness, an injury or something else about my health makes it hard for me."),
    ),
    ReasonCategory(
        ReasonCode.ALREADY_HAVE_SKILL,
        _l("I already have this education or skill"),
        _l("For example, I already speak Swedish at this level, or I already have this profession."),
    ),
    ReasonCategory(
        ReasonCode.WRONG_LEVEL,
        _l("The level is wrong for me"),
        _l("It is too easy or too hard for me."),
    ),
    ReasonCategory(
        ReasonCode.TOO_FAR,
        _l("It is too far to travel"),
        _l("The journey takes too long or costs too much."),
    ),
    ReasonCategory(
        ReasonCode.WANT_OTHER_PLACEMENT,
        _l("I want another internship or profession"),
        _l("I want to work with something else, or I want another workplace."),
    ),
    ReasonCategory(
        ReasonCode.TREATMENT_DISCRIMINATION,
        _l("How I was treated, or discrimination"),
        _l("For example, I was treated worse because of my sex, my religion or where I come from."),
    ),
    ReasonCategory(
        ReasonCode.OTHER,
        _l("Something else"),
        _l("Tell us in your own words below."),
    ),
)

REASON_CATEGORIES_BY_CODE = {c.code: c for c in REASON_CATEGORIES}


def reason_label(code: str) -> str:
    """The reason category's name in the current locale."""
    try:
        return str(REASON_CATEGORIES_BY_CODE[ReasonCode(code)].label)
    except (ValueError, KeyError):
        return code


@dataclass(frozen=True)
class DecisionGround:
    key: str
    text: LazyString


# Decision grounds: the catalogued part of a decision's reasons (issue 14, item 3). The newcomer
# reads them in their own language on the case page and in the decision SMS; the caseworker's
# own words come beside them, labelled with their language. Each is a whole sentence written
# to the newcomer, so a list of them reads without joining fragments; none holds a personal
# detail, which is why the SMS may carry them. Keys are stored on the decision: never rename
# one, add a new key instead.
DECISION_GROUNDS: tuple[DecisionGround, ...] = (
    DecisionGround("rules_followed", _l("The plan follows the rules for the introduction programme.")),
    DecisionGround("leads_to_goals", _l("The activity is needed to reach the goals in your plan.")),
    DecisionGround("full_time", _l("The introduction is meant to be full time, so the plan fills your week.")),
    DecisionGround("health_considered", _l("Your health has been taken into account.")),
    DecisionGround("family_considered", _l("Your family and the care of your children have been taken into account.")),
    DecisionGround("travel_considered", _l("The travel time and the cost of travel have been taken into account.")),
    DecisionGround("level_matched", _l("The level has been matched to your Swedish and your education.")),
    DecisionGround("time_or_place_changed", _l("The time or the place of the activity is changed.")),
    DecisionGround("activity_replaced", _l("The activity is replaced by another one that suits your goals.")),
    DecisionGround(
        "no_alternative_now",
        _l("There is no other place or time now. Your caseworker will look at it again at the next follow-up."),
    ),
    DecisionGround(
        "equal_treatment", _l("Your plan has been compared with what others in your situation are offered.")
    ),
)

DECISION_GROUNDS_BY_KEY = {g.key: g for g in DECISION_GROUNDS}


def ground_text(key: str) -> str:
    """A decision ground as a sentence in the current locale (an unknown key is shown as it is)."""
    entry = DECISION_GROUNDS_BY_KEY.get(key)
    return str(entry.text) if entry else key


def outcome_label(outcome: str) -> str:
    """A decision's outcome in the current locale."""
    labels = {
        Outcome.UPHELD: gettext("Upheld: you get what you asked for"),
        Outcome.PARTLY_UPHELD: gettext("Partly upheld: you get some of what you asked for"),
        Outcome.REJECTED: gettext("Rejected: the plan stays as it is"),
    }
    return labels.get(Outcome(outcome), str(outcome))


def staff_outcome_label(outcome: str) -> str:
    """A decision's outcome as staff read it in queues and forms."""
    labels = {
        Outcome.UPHELD: gettext("Upheld"),
        Outcome.PARTLY_UPHELD: gettext("Partly upheld"),
        Outcome.REJECTED: gettext("Rejected"),
    }
    return labels.get(Outcome(outcome), str(outcome))


def status_label(status: str) -> str:
    """Where the case is, in the current locale, as the newcomer reads it."""
    labels = {
        ObjectionStatus.SUBMITTED: gettext("Received"),
        ObjectionStatus.ACKNOWLEDGED: gettext("Seen by a caseworker"),
        ObjectionStatus.UNDER_REVIEW: gettext("Being reviewed"),
        ObjectionStatus.DECIDED: gettext("Decided"),
        ObjectionStatus.ESCALATED: gettext("Sent to an independent reviewer"),
        ObjectionStatus.UNDER_INDEPENDENT_REVIEW: gettext("Being reviewed by an independent reviewer"),
        ObjectionStatus.FINAL_DECISION: gettext("Final decision"),
    }
    return labels.get(ObjectionStatus(status), str(status))


def event_label(action: str, outcome: str | None = None, *, staff: bool = False) -> str:
    """One step on the timeline as a sentence in the current locale.

    The newcomer's timeline speaks to them ("Your objection was received."); staff read the
    same steps in the third person, with the staff outcome labels (issue 14, item 5).
    """
    label = staff_outcome_label if staff else outcome_label
    if action == "decide" and outcome:
        return gettext("Decision: %(outcome)s.", outcome=label(outcome))
    if action == "final_decide" and outcome:
        return gettext("Final decision by the independent reviewer: %(outcome)s.", outcome=label(outcome))
    if staff:
        labels = {
            "submit": gettext("The newcomer filed the objection."),
            "acknowledge": gettext("A caseworker confirmed that they have seen the objection."),
            "start_review": gettext("A caseworker started the review."),
            "decide": gettext("The caseworker made a decision."),
            "escalate": gettext("The newcomer asked for an independent review."),
            "start_independent_review": gettext("An independent reviewer started the review."),
            "final_decide": gettext("The independent reviewer made the final decision."),
        }
        return labels.get(action, action)
    labels = {
        "submit": gettext("Your objection was received."),
        "acknowledge": gettext("A caseworker has seen your objection."),
        "start_review": gettext("A caseworker started to review your objection."),
        "decide": gettext("There is a decision on your objection."),
        "escalate": gettext("You asked for an independent review."),
        "start_independent_review": gettext("An independent reviewer started to review your objection."),
        "final_decide": gettext("The independent reviewer made the final decision."),
    }
    return labels.get(action, action)


def text_language_name(code: str | None) -> str:
    """The name of the language a text was written in: ours by native name, others by CLDR in the current locale."""
    if not code:
        return gettext("Unknown language")
    lang = get_language(code)
    if lang is not None:
        return lang.native_name
    try:
        name = Locale.parse(code).get_display_name(get_locale())
    except (UnknownLocaleError, ValueError, TypeError):
        name = None
    return name or code


def case_status_label(objection: Objection) -> str:
    """Where the case is, with the outcome once decided, in the current locale."""
    decision = objection.latest_decision
    if objection.status == ObjectionStatus.DECIDED and decision is not None:
        return {
            Outcome.UPHELD: gettext("Decided: upheld"),
            Outcome.PARTLY_UPHELD: gettext("Decided: partly upheld"),
            Outcome.REJECTED: gettext("Decided: rejected"),
        }[decision.outcome]
    if objection.status == ObjectionStatus.FINAL_DECISION and decision is not None:
        return {
            Outcome.UPHELD: gettext("Final decision: upheld"),
            Outcome.PARTLY_UPHELD: gettext("Final decision: partly upheld"),
            Outcome.REJECTED: gettext("Final decision: rejected"),
        }[decision.outcome]
    return status_label(objection.status)


@dataclass(frozen=True)
class TimelineEntry:
    at: datetime
    action: str
    status: ObjectionStatus
    label: str


def timeline(objection: Objection, staff: bool = False) -> list[TimelineEntry]:
    """The case's steps, oldest first, each as a sentence in the current locale (staff: third person)."""
    outcomes = {
        "decide": objection.first_decision.outcome if objection.first_decision else None,
        "final_decide": objection.final_decision.outcome if objection.final_decision else None,
    }
    return [
        TimelineEntry(e.at, e.action, e.status, event_label(e.action, outcomes.get(e.action), staff=staff))
        for e in objection.events
    ]
