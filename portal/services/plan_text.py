"""Plans in words: change sentences, warnings, statuses and times, in the current locale.

Every function here uses the locale that is active (the request's, or one set with
flask_babel.force_locale for SMS and the assistant), so the same code serves all channels.
"""

from __future__ import annotations

from datetime import date, datetime, time
from typing import TYPE_CHECKING, Any

from babel.dates import format_date, format_skeleton, get_day_names
from babel.numbers import format_decimal
from flask_babel import format_time, get_locale, gettext, ngettext

from portal.catalogues import activity_label, goal_label, occurrence_reason_label
from portal.models import PlanStatus
from portal.services.schedule import STOCKHOLM, HoursPeriod

if TYPE_CHECKING:
    from portal.services.plans import PlanError


def status_label(status: str) -> str:
    labels = {
        PlanStatus.DRAFT: gettext("Draft"),
        PlanStatus.PROPOSED: gettext("Waiting for you to read and approve"),
        PlanStatus.ACKNOWLEDGED: gettext("Approved by you"),
        PlanStatus.ACTIVE: gettext("Active"),
        PlanStatus.CLOSED: gettext("Closed"),
    }
    return labels.get(PlanStatus(status), str(status))


def staff_status_label(status: str | None) -> str:
    """A plan's status as staff read it: about the newcomer, in the third person ("No plan" for None)."""
    if status is None:
        return gettext("No plan")
    if status == PlanStatus.PROPOSED:
        return gettext("Proposed, not yet approved by the newcomer")
    if status == PlanStatus.ACKNOWLEDGED:
        return gettext("Approved by the newcomer")
    return status_label(status)


def day_label(day: date | str) -> str:
    """A date in full with its weekday ("Monday, May 4, 2026"), in the locale's own order and words.

    The full CLDR format is used because every locale has it with the weekday spelled out;
    skeleton matching falls back to abbreviations in several of our locales.
    """
    if isinstance(day, str):
        day = date.fromisoformat(day)
    return format_date(day, "full", locale=get_locale())


def short_day_label(day: date | str) -> str:
    if isinstance(day, str):
        day = date.fromisoformat(day)
    return format_skeleton("MMMd", day, locale=get_locale())


def time_label(value: time | datetime | str) -> str:
    """A clock time in the locale's format, in Stockholm time."""
    if isinstance(value, str):
        value = time.fromisoformat(value)
    if isinstance(value, time):
        value = datetime.combine(date(2026, 1, 5), value, tzinfo=STOCKHOLM)
    return format_time(value, "short")


def weekdays_label(weekdays: str) -> str:
    """ISO weekday digits ("135") as the locale's day names, joined by the locale's list pattern."""
    from babel.lists import format_list

    names = get_day_names("wide", locale=get_locale())
    # Babel numbers days 0 = Monday.
    return format_list([names[int(d) - 1] for d in weekdays], locale=get_locale())


def number_label(value: float) -> str:
    """A figure in the locale's own format ("27,5" in Swedish), at most one decimal."""
    return format_decimal(value, "#,##0.#", locale=get_locale())


def hours_label(hours: float) -> str:
    # Flask-Babel reserves `num` for the count; the formatted figure gets its own name.
    return ngettext("%(hours)s hour a week", "%(hours)s hours a week", round(hours), hours=number_label(hours))


def hours_period_labels(periods: list[HoursPeriod]) -> list[str]:
    """Hours a week period by period, each a whole sentence ("27 hours a week until 30 June").

    One period needs no dates. Several are told apart by their dates, so a summer term of
    27 hours and an autumn term of 12 are never merged into one figure that no week has.
    """
    if len(periods) <= 1:
        return [hours_label(p.hours) for p in periods]
    labels = []
    for index, period in enumerate(periods):
        hours, count = number_label(period.hours), round(period.hours)
        start, end = short_day_label(period.start), short_day_label(period.end)
        if index == 0:
            labels.append(
                ngettext(
                    "%(hours)s hour a week until %(end)s",
                    "%(hours)s hours a week until %(end)s",
                    count,
                    hours=hours,
                    end=end,
                )
            )
        elif index == len(periods) - 1:
            labels.append(
                ngettext(
                    "%(hours)s hour a week from %(start)s",
                    "%(hours)s hours a week from %(start)s",
                    count,
                    hours=hours,
                    start=start,
                )
            )
        else:
            labels.append(
                ngettext(
                    "%(hours)s hour a week from %(start)s to %(end)s",
                    "%(hours)s hours a week from %(start)s to %(end)s",
                    count,
                    hours=hours,
                    start=start,
                    end=end,
                )
            )
    return labels


def describe_change(change: dict[str, Any]) -> str:
    """One change record as a sentence in the reader's language."""
    kind = change["kind"]
    activity = activity_label(change["activity"]) if "activity" in change else ""
    goal = goal_label(change["goal"]) if "goal" in change else ""
    if kind == "plan_created":
        return gettext("Your plan was created.")
    if kind == "transferred":
        return gettext(
            "Your plan moved from %(from_org)s to %(to_org)s, with its history.",
            from_org=change["from"],
            to_org=change["to"],
        )
    if kind == "status_changed":
        return gettext("The status of your plan changed to: %(status)s.", status=status_label(change["to"]))
    if kind == "goal_added":
        return gettext("A new goal was added: %(goal)s.", goal=goal)
    if kind == "goal_removed":
        return gettext("A goal was removed: %(goal)s.", goal=goal)
    if kind == "goal_date_changed":
        if change["to"]:
            return gettext(
                "The goal %(goal)s now has the target date %(date)s.", goal=goal, date=day_label(change["to"])
            )
        return gettext("The goal %(goal)s no longer has a target date.", goal=goal)
    if kind == "activity_added":
        return gettext(
            "A new activity was added: %(activity)s, on %(days)s at %(time)s, from %(date)s.",
            activity=activity,
            days=weekdays_label(change["weekdays"]),
            time=time_label(change["time"]),
            date=day_label(change["start"]),
        )
    if kind == "activity_removed":
        return gettext("The activity %(activity)s was removed from your plan.", activity=activity)
    if kind == "activity_rescheduled":
        return gettext(
            "Your %(activity)s moved from %(old_days)s at %(old_time)s to %(new_days)s at %(new_time)s.",
            activity=activity,
            old_days=weekdays_label(change["from_days"]),
            old_time=time_label(change["from_time"]),
            new_days=weekdays_label(change["to_days"]),
            new_time=time_label(change["to_time"]),
        )
    if kind == "activity_duration_changed":
        return gettext(
            "Your %(activity)s now lasts %(minutes)s minutes each time.", activity=activity, minutes=change["to"]
        )
    if kind == "activity_dates_changed":
        return gettext(
            "Your %(activity)s now runs from %(start)s to %(end)s.",
            activity=activity,
            start=day_label(change["to_start"]),
            end=day_label(change["to_end"]),
        )
    if kind == "activity_place_changed":
        return gettext("Your %(activity)s has a new place: %(place)s.", activity=activity, place=change["to"])
    if kind == "occurrence_cancelled":
        if change.get("reason"):
            return gettext(
                "Your %(activity)s on %(date)s is cancelled: %(reason)s.",
                activity=activity,
                date=day_label(change["date"]),
                reason=occurrence_reason_label(change["reason"]),
            )
        return gettext("Your %(activity)s on %(date)s is cancelled.", activity=activity, date=day_label(change["date"]))
    if kind == "occurrence_moved":
        return gettext(
            "Your %(activity)s moved from %(old)s to %(new)s at %(time)s.",
            activity=activity,
            old=day_label(change["from"]),
            new=day_label(change["to"]),
            time=time_label(change["time"]),
        )
    if kind == "occurrence_restored":
        return gettext(
            "Your %(activity)s on %(date)s takes place as planned again.",
            activity=activity,
            date=day_label(change["date"]),
        )
    return gettext("Your plan was changed.")


def describe_warning(kind: str, params: dict[str, Any]) -> str:
    """A plan warning for the caseworker, in the staff member's language."""
    if kind == "under_full_time":
        return gettext(
            "The plan is not full time: %(hours)s hours in a typical week, the goal is %(threshold)s.",
            hours=number_label(params["hours"]),
            threshold=number_label(params["threshold"]),
        )
    if kind == "gap_weeks":
        return ngettext(
            "%(num)d week has no activities (from %(first)s to %(last)s). Is there a summer gap?",
            "%(num)d weeks have no activities (from %(first)s to %(last)s). Is there a summer gap?",
            params["count"],
            first=short_day_label(params["first"]),
            last=short_day_label(params["last"]),
        )
    if kind == "ends_before_autumn":
        return gettext(
            "The plan ends on %(date)s, before the autumn. Plan what happens after the summer.",
            date=day_label(params["date"]),
        )
    if kind == "late_activity_plan":
        return gettext(
            "The activity plan was due within 5 days of arrival, by %(date)s.", date=day_label(params["deadline"])
        )
    return kind


def map_url(place: str) -> str | None:
    """A map search link for a place (OpenStreetMap: no account, no tracking script)."""
    from urllib.parse import quote

    return f"https://www.openstreetmap.org/search?query={quote(place)}" if place.strip() else None


def plan_error_message(error: PlanError) -> str:
    """The translated message for a refused plan change (PlanError.code): the one place for them."""
    messages = {
        "stale": gettext(
            "Someone else changed the plan while you were editing. Your text is kept below; "
            "check the plan and save again."
        ),
        "unknown_goal": gettext("Please choose a goal from the list."),
        "unknown_activity": gettext("Please choose an activity from the list."),
        "goal_before_start": gettext("The target date is before the plan starts."),
        "no_weekdays": gettext("Please choose at least one day."),
        "bad_duration": gettext("The length must be between 15 and 720 minutes."),
        "past_midnight": gettext("The activity would end after midnight. Please check the time and length."),
        "end_before_start": gettext("The last date is before the first date."),
        "too_long": gettext("An activity can run for at most three years. Please check the dates."),
        "no_occurrences": gettext(
            "None of the chosen days falls between the first and the last date. Please check the dates and days."
        ),
        "no_such_occurrence": gettext("The activity does not take place on that date."),
        "move_needs_date": gettext("Please give the new date."),
        "not_in_plan": gettext("That is not part of this plan."),
        "bad_transition": gettext("The plan cannot change to that status now."),
        "empty_plan": gettext("Add at least one activity before you propose the plan."),
        "bad_transfer": gettext("Please choose another municipality or district."),
        "unknown_reason": gettext("Please choose a reason."),
        "unknown_template": gettext("Please choose a template."),
        "unknown_source_plan": gettext("Please choose a person whose plan has activities."),
        "nothing_to_add": gettext("Everything in it is already in the plan or ended before the plan starts."),
        "template_name": gettext("Please give the template a name."),
        "template_exists": gettext("Your municipality already has a template with that name."),
        "nothing_chosen": gettext("Please choose at least one occurrence."),
        "not_proposed": gettext("Propose the plan to the newcomer first."),
        "bad_signing_date": gettext("Please check the date of the signature."),
        "transfer_note": gettext("Write at least a few sentences for the new caseworker."),
    }
    if error.code == "overlap":
        return gettext(
            "The time overlaps with %(activity)s on the same day.", activity=activity_label(error.params["activity"])
        )
    return messages.get(error.code, gettext("The change could not be saved."))
