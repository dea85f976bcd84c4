"""Which part of the plan an objection is about: the whole plan, or one of the person's activities.

Over SMS the person answers from a numbered list of their own current activities ("0" or the
last number is the whole plan), or with words that name one ("the internship"). The list comes
from the portal each time, so it is always the person's own plan.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from actions.conversation import Turn

WHOLE_PLAN = "plan"
MAX_LISTED = 6


def fold_text(text: str) -> str:
    """Lower case, without diacritics or punctuation, single spaces: how names and phrases are compared."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    bare = unicodedata.normalize("NFC", "".join(c for c in decomposed if not unicodedata.combining(c)))
    return " ".join(re.sub(r"[^\w\s]", " ", bare).split())


def plan_activities(plan: dict[str, Any] | None) -> list[dict[str, Any]]:
    """Return the activities of the plan that can be objected to one by one (they have an id)."""
    return [a for a in (plan or {}).get("activities", []) if a.get("id") is not None][:MAX_LISTED]


def ask_target(turn: Turn, activities: list[dict[str, Any]], *, again: bool) -> None:
    """Ask which activity the objection is about, with the cancel word in the first question."""
    _ = turn.messages._
    # The cancel word is a catalogue entry ("avbryt", "إلغاء"); in English it is "never mind",
    # because Twilio itself takes a bare CANCEL (or STOP) as an opt-out from all our messages.
    intro = (
        _("Sorry, I did not understand. Answer with a number:")
        if again
        else _(
            "Which part of your plan do you object to? Answer with a number. Write %(word)s to stop.", word=_("cancel")
        )
    )
    lines = [intro]
    lines += [f"{number}. {activity['title']}" for number, activity in enumerate(activities, 1)]
    whole_plan = _("The whole plan")
    lines.append(f"{len(activities) + 1}. {whole_plan}")
    turn.say("\n".join(lines))


def parse_target(text: str, activities: list[dict[str, Any]]) -> str | None:
    """Return "plan" or "activity:<id>" for an answer like "2", "٢" or "praktik"; None if unclear."""
    number = re.fullmatch(r"\D{0,4}?(\d+)\W*", text.strip())
    if number:
        index = int(number.group(1))
        if index == 0 or index == len(activities) + 1:
            return WHOLE_PLAN
        if 1 <= index <= len(activities):
            return f"activity:{activities[index - 1]['id']}"
        return None
    answer = f" {fold_text(text)} "
    named = [a for a in activities if any(_named_in(name, answer) for name in _names(a["title"]))]
    if len(named) == 1:
        return f"activity:{named[0]['id']}"
    return None


def _named_in(name: str, answer: str) -> bool:
    """Whether the answer names the activity: the name as a whole word, or at the start of a word
    with an ending (Somali "praktikta", Sorani "praktikakam", Swedish "praktiken"); a long name
    also with its last letter changed (Russian "стажировку" for "стажировка")."""
    if f" {name} " in answer or (len(name) >= 5 and f" {name}" in answer):
        return True
    return len(name) >= 6 and " " not in name and f" {name[:-1]}" in answer


def _names(title: str) -> set[str]:
    """The ways a person names an activity: its whole title, the title without what is in
    brackets, and what is in brackets, which is the Swedish name every translation keeps
    ("Swedish for immigrants (SFI)", "Internship (praktik)")."""
    inside = re.findall(r"\(([^)]*)\)", title)
    outside = re.sub(r"\([^)]*\)", " ", title)
    return {name for name in map(fold_text, [title, outside, *inside]) if len(name) >= 3}
