"""The person's activities: the next one, a day they name, a week, or the coming days.

The portal reads the day words ("tomorrow", "fredag", "بكرة", "next week", "next internship")
in the conversation's language on the Europe/Stockholm calendar, and answers with the
activities of those days. These actions only word the answer, and fit a list to the SMS
budget the portal gives, line by line, so the count of what is left out is always right and
the link to the full list is always there.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from actions.conversation import PortalAction, Turn
from actions.i18n import Messages
from actions.sms_budget import fit_lines

SCHEDULE_DAYS = 7
# Even without an SMS budget (a web chat), a long list ends with a link rather than scrolling on.
MAX_SCHEDULE_LINES = 10


def describe_activity(
    messages: Messages,
    activity: dict[str, Any],
    *,
    date: str | None = "full",
    with_end: bool = True,
    with_place: bool = True,
) -> str:
    """Return one line for an activity: when, what and where.

    ``date`` is "full" (``mån 23 november``), "short" (``mån 23``, within one week) or None
    (the time alone, within one day); ``with_end`` and ``with_place`` make shorter lines.
    """
    _ = messages._
    end = activity.get("ends_at") if with_end else None
    if date is None:
        when = messages.time_range(activity["starts_at"], end)
    else:
        when = messages.when(activity["starts_at"], end, short=date == "short")
    if with_place and activity.get("place"):
        return _("%(when)s: %(title)s, %(place)s", when=when, title=activity["title"], place=activity["place"])
    return _("%(when)s: %(title)s", when=when, title=activity["title"])


# Ways to write a list's lines, fullest first; the one that shows the most lines in the SMS
# budget is used (the link has everything), so a long week in Sorani still shows some of it.
ONE_DAY_LINES = (
    {"date": None},
    {"date": None, "with_place": False},
    {"date": None, "with_end": False, "with_place": False},
)
DAYS_LINES = (
    {"date": "full"},
    {"date": "short"},
    {"date": "short", "with_place": False},
    {"date": "short", "with_end": False, "with_place": False},
)


def next_activity_sentence(messages: Messages, activity: dict[str, Any]) -> str:
    """Return "Your next activity: SFI, Monday 23 November 09:00-12:00 at Komvux."."""
    _ = messages._
    when = messages.when(activity["starts_at"], activity.get("ends_at"))
    if activity.get("place"):
        return _(
            "Your next activity: %(title)s, %(when)s at %(place)s.",
            title=activity["title"],
            when=when,
            place=activity["place"],
        )
    return _("Your next activity: %(title)s, %(when)s.", title=activity["title"], when=when)


def say_next(turn: Turn, answer: dict[str, Any]) -> None:
    """Tell the next activity (of the kind asked about), or that there is none."""
    messages = turn.messages
    activity = answer.get("next")
    if activity is not None:
        turn.say(next_activity_sentence(messages, activity))
        return
    kind = answer["question"].get("kind_label")
    if kind:
        turn.say(messages._("%(activity)s: nothing booked right now.", activity=kind))
    else:
        turn.say(messages._("You have no activities booked right now."))


def _nothing_booked(messages: Messages, question: dict[str, Any], first: dt.date, last: dt.date) -> str:
    _ = messages._
    kind = question.get("kind_label")
    if first == last:
        day = messages.date(first)
        if kind:
            return _("%(activity)s: nothing booked on %(day)s.", activity=kind, day=day)
        return _("You have no activities on %(day)s.", day=day)
    start, end = messages.date(first), messages.date(last)
    if kind:
        return _("%(activity)s: nothing booked from %(first)s to %(last)s.", activity=kind, first=start, last=end)
    return _("You have no activities from %(first)s to %(last)s.", first=start, last=end)


def say_days(turn: Turn, answer: dict[str, Any]) -> None:
    """List the activities of the days asked about, fitted to the SMS budget, with the link to all."""
    messages = turn.messages
    question = answer["question"]
    first = dt.date.fromisoformat(question["first_day"])
    last = dt.date.fromisoformat(question["last_day"])
    activities = [activity for day in answer["days"] for activity in day.get("activities", [])]
    if not activities:
        texts = [_nothing_booked(messages, question, first, last)]
        if answer.get("next"):
            texts.append(next_activity_sentence(messages, answer["next"]))
        turn.say("\n".join(texts))
        return
    one_day = first == last
    if one_day:
        header = messages._("Your activities on %(day)s:", day=messages.date(first))
    else:
        header = messages._(
            "Your activities from %(first)s to %(last)s:", first=messages.date(first), last=messages.date(last)
        )
    variants = [
        [describe_activity(messages, a, **style) for a in activities]
        for style in (ONE_DAY_LINES if one_day else DAYS_LINES)
    ]
    url = answer["url"]

    def tail(left_out: int) -> str:
        if left_out:
            return messages.ngettext(
                "%(n)s more activity: see %(url)s", "%(n)s more activities: see %(url)s", left_out, url=url
            )
        return messages._("All your activities: %(url)s", url=url)

    turn.say(
        fit_lines(header, variants, tail, max_segments=answer.get("sms_max_segments"), max_lines=MAX_SCHEDULE_LINES)
    )


def say_schedule(turn: Turn, answer: dict[str, Any]) -> None:
    """Word the portal's answer to a schedule question."""
    if answer["question"]["span"] == "next":
        say_next(turn, answer)
    else:
        say_days(turn, answer)


class ActionNextActivity(PortalAction):
    """Tell the person their next activity, or the activities of the day they name."""

    def name(self) -> str:
        return "action_next_activity"

    def respond(self, turn: Turn) -> None:
        say_schedule(turn, turn.api.schedule_question(turn.cid, turn.text, default="next"))


class ActionSchedule(PortalAction):
    """List the person's activities for the days they name, or for the coming week."""

    def name(self) -> str:
        return "action_schedule"

    def respond(self, turn: Turn) -> None:
        answer = turn.api.schedule_question(turn.cid, turn.text, default="coming", days=SCHEDULE_DAYS)
        say_schedule(turn, answer)
