"""The person's upcoming activities: the next one, and the coming week."""

from __future__ import annotations

from typing import Any

from actions.conversation import SCHEDULE_PATH, PortalAction, Turn
from actions.i18n import Messages

SCHEDULE_DAYS = 7
# An SMS reply is split into at most three segments, so a long week is cut short with a link.
MAX_SCHEDULE_LINES = 5


def describe_activity(messages: Messages, activity: dict[str, Any]) -> str:
    """Return one line for an activity: when, what and where."""
    _ = messages._
    when = messages.when(activity["starts_at"], activity.get("ends_at"))
    if activity.get("place"):
        return _("%(when)s: %(title)s, %(place)s", when=when, title=activity["title"], place=activity["place"])
    return _("%(when)s: %(title)s", when=when, title=activity["title"])


class ActionNextActivity(PortalAction):
    """Tell the person when and where their next activity is."""

    def name(self) -> str:
        return "action_next_activity"

    def respond(self, turn: Turn) -> None:
        _ = turn.messages._
        activity = turn.api.next_activity(turn.cid)
        if activity is None:
            turn.say(_("You have no activities booked right now."))
            return
        when = turn.messages.when(activity["starts_at"], activity.get("ends_at"))
        if activity.get("place"):
            turn.say(
                _(
                    "Your next activity: %(title)s, %(when)s at %(place)s.",
                    title=activity["title"],
                    when=when,
                    place=activity["place"],
                )
            )
        else:
            turn.say(_("Your next activity: %(title)s, %(when)s.", title=activity["title"], when=when))


class ActionSchedule(PortalAction):
    """List the person's activities for the coming week."""

    def name(self) -> str:
        return "action_schedule"

    def respond(self, turn: Turn) -> None:
        messages = turn.messages
        days = turn.api.schedule(turn.cid, days=SCHEDULE_DAYS)
        activities = [activity for day in days for activity in day.get("activities", [])]
        if not activities:
            turn.say(
                messages.ngettext(
                    "You have no activities in the next %(n)s day.",
                    "You have no activities in the next %(n)s days.",
                    SCHEDULE_DAYS,
                )
            )
            return
        lines = [
            messages.ngettext(
                "Your activities in the next %(n)s day:", "Your activities in the next %(n)s days:", SCHEDULE_DAYS
            )
        ]
        lines += [describe_activity(messages, a) for a in activities[:MAX_SCHEDULE_LINES]]
        hidden = len(activities) - MAX_SCHEDULE_LINES
        if hidden > 0:
            lines.append(
                messages.ngettext(
                    "%(n)s more activity: see %(url)s", "%(n)s more activities: see %(url)s", hidden, url=SCHEDULE_PATH
                )
            )
        turn.say("\n".join(lines))
