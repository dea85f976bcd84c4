"""Catalogues that plans are built from. Each entry is translated in the gettext catalogues.

Why gettext and not database rows: a plan assembled from these keys reads in all 12 languages
through the same translation workflow (and review status) as the rest of the UI. A
municipality that needs a new activity type asks for it here; that keeps every entry
translated before anyone can use it.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import LazyString
from flask_babel import lazy_gettext as _l


@dataclass(frozen=True)
class ActivityType:
    key: str
    label: LazyString
    # Shown to the newcomer as a short explanation of what the activity is.
    description: LazyString


@dataclass(frozen=True)
class GoalTemplate:
    key: str
    horizon: str  # "short" or "long"
    label: LazyString


ACTIVITY_TYPES: tuple[ActivityType, ...] = (
    ActivityType("sfi", _l("Swedish for immigrants (SFI)"), _l("Swedish lessons at an SFI school.")),
    ActivityType(
        "praktik", _l("Internship (praktik)"), _l("Work practice at a workplace, to learn the job and Swedish.")
    ),
    ActivityType(
        "civic_orientation", _l("Civic orientation"), _l("Lessons about life and society in Sweden, in your language.")
    ),
    ActivityType(
        "guidance",
        _l("Study and career guidance"),
        _l("A meeting about your education, your work and your next steps."),
    ),
    ActivityType(
        "validation",
        _l("Validation of foreign education"),
        _l("Getting your education or profession from another country recognised in Sweden."),
    ),
    ActivityType("job_coaching", _l("Job coaching"), _l("A coach helps you find and apply for jobs.")),
    ActivityType("job_search", _l("Job-search activity"), _l("Searching and applying for jobs, alone or in a group.")),
    ActivityType("health_assessment", _l("Health assessment"), _l("A free health check for people new in Sweden.")),
    ActivityType("literacy", _l("Mother-tongue literacy"), _l("Learning to read and write in your own language.")),
    ActivityType(
        "parent_group",
        _l("Parent group"),
        _l("Meetings with other parents about children, school and family life in Sweden."),
    ),
    ActivityType(
        "voluntary",
        _l("Voluntary-organisation activity"),
        _l("An activity run by a voluntary organisation, such as language cafés."),
    ),
    ActivityType(
        "adult_education",
        _l("Adult education (komvux)"),
        _l("School subjects for adults, at the municipal adult education."),
    ),
    ActivityType("vocational_course", _l("Vocational course"), _l("A course that trains you for a profession.")),
    ActivityType(
        "health_support", _l("Health and rehabilitation"), _l("Care or rehabilitation that is part of your plan.")
    ),
    ActivityType("caseworker_meeting", _l("Meeting with your caseworker"), _l("A meeting to follow up your plan.")),
)

GOAL_TEMPLATES: tuple[GoalTemplate, ...] = (
    GoalTemplate("pass_sfi_b", "short", _l("Pass SFI course B")),
    GoalTemplate("pass_sfi_c", "short", _l("Pass SFI course C")),
    GoalTemplate("pass_sfi_d", "short", _l("Pass SFI course D")),
    GoalTemplate("complete_civic_orientation", "short", _l("Complete civic orientation")),
    GoalTemplate("validate_education", "short", _l("Have my education validated")),
    GoalTemplate("get_internship", "short", _l("Get an internship in my field")),
    GoalTemplate("read_write", "short", _l("Read and write in my own language")),
    GoalTemplate("health_check", "short", _l("Take care of my health")),
    GoalTemplate("driving_licence", "short", _l("Get a Swedish driving licence")),
    GoalTemplate("work_in_profession", "long", _l("Work in my profession")),
    GoalTemplate("any_job", "long", _l("Have a job and support myself")),
    GoalTemplate("study_university", "long", _l("Study at university")),
    GoalTemplate("complete_adult_education", "long", _l("Complete adult upper-secondary education")),
    GoalTemplate("vocational_training", "long", _l("Train for a new profession")),
    GoalTemplate("start_business", "long", _l("Start my own business")),
)

ACTIVITY_TYPES_BY_KEY = {t.key: t for t in ACTIVITY_TYPES}
GOAL_TEMPLATES_BY_KEY = {t.key: t for t in GOAL_TEMPLATES}


def activity_label(key: str) -> str:
    """The activity type's name in the current locale."""
    entry = ACTIVITY_TYPES_BY_KEY.get(key)
    return str(entry.label) if entry else key


def goal_label(key: str) -> str:
    """The goal's text in the current locale."""
    entry = GOAL_TEMPLATES_BY_KEY.get(key)
    return str(entry.label) if entry else key


@dataclass(frozen=True)
class Reason:
    key: str
    label: LazyString


# Why one occurrence is cancelled or moved: the newcomer reads the reason in their language,
# so it is chosen from this list rather than typed in the caseworker's language.
OCCURRENCE_REASONS: tuple[Reason, ...] = (
    Reason("public_holiday", _l("Public holiday")),
    Reason("provider_closed", _l("The school or workplace is closed")),
    Reason("teacher_away", _l("The teacher or supervisor is away")),
    Reason("caseworker_meeting", _l("A meeting with your caseworker at the same time")),
    Reason("other", _l("Another reason; ask your caseworker")),
)
OCCURRENCE_REASONS_BY_KEY = {r.key: r for r in OCCURRENCE_REASONS}


def occurrence_reason_label(key: str | None) -> str:
    """The reason an occurrence changed, in the current locale ('' when none was given)."""
    entry = OCCURRENCE_REASONS_BY_KEY.get(key or "")
    return str(entry.label) if entry else ""


# What came of a request to talk to a person; recorded when a caseworker closes it.
HANDOFF_OUTCOMES: tuple[Reason, ...] = (
    Reason("answered", _l("Answered in writing")),
    Reason("called", _l("Talked on the phone")),
    Reason("meeting_booked", _l("Meeting booked")),
    Reason("referred", _l("Referred to another authority")),
    Reason("no_contact", _l("Could not reach the person")),
)
HANDOFF_OUTCOMES_BY_KEY = {r.key: r for r in HANDOFF_OUTCOMES}


def handoff_outcome_label(key: str | None) -> str:
    """A closed request's outcome, in the current locale."""
    entry = HANDOFF_OUTCOMES_BY_KEY.get(key or "")
    return str(entry.label) if entry else ""
