"""An independent review of a decision, asked for by SMS.

The decision SMS tells the person to reply with the review word of their language and the case
number; the portal's triage reads that (or "appeal" alone) and sends ``request_review``. Without
a case number the person's one case that can be reviewed now is meant; with several, they are
asked which. The portal's objection service decides whether it is still possible and says why
not, in the person's language. The portal also sends its own receipt SMS for the step.
"""

from __future__ import annotations

import re
from typing import Any

from rasa_sdk.events import EventType, FollowupAction

from actions import portal_api
from actions.conversation import PortalAction, Turn, say_not_identified, say_portal_unavailable
from actions.objections import normalise_case_number

MAX_REASON_CHARS = 1000  # the portal's WANTED_MAX_LENGTH; longer words are cut, not refused
_CASE_IN_TEXT = re.compile(r"\b[0-9A-Za-z]{4}-[0-9A-Za-z]{4}\b")


def _reason(text: str) -> str | None:
    """The person's words without the case number: why they ask, if they said."""
    words = _CASE_IN_TEXT.sub(" ", text).strip(" ,.:;-").split()
    # "review K7QX-3M2A" alone says nothing more than the keyword.
    return " ".join(words)[:MAX_REASON_CHARS] if len(words) > 1 else None


class ActionRequestReview(PortalAction):
    """Send one of the person's decided cases to an independent reviewer, or say why it cannot go."""

    def name(self) -> str:
        return "action_request_review"

    def respond(self, turn: Turn) -> list[EventType] | None:
        _ = turn.messages._
        raw = turn.triage.get("case_number") or next(turn.tracker.get_latest_entity_values("case_number"), None)
        try:
            cases = None if raw else turn.api.objections(turn.cid)
            if cases == []:
                # "I want to appeal it" from someone who never objected is about the plan itself:
                # the objection form starts, as for "I want to object" (it checks for a plan).
                return [FollowupAction("action_start_objection")]
            case = normalise_case_number(raw) if raw else self._only_reviewable_case(turn, cases or [])
            if case is None:
                return None
            result = turn.api.escalate(turn.cid, case, _reason(turn.text))
        except portal_api.NotIdentified:
            say_not_identified(turn)
            return None
        except portal_api.NotFound:
            turn.say(_("I cannot find case %(case_number)s. Check the number and try again.", case_number=raw))
            return None
        except portal_api.Invalid as refused:
            # The portal's reason, already in the person's language ("the time has passed").
            turn.say(refused.message or _("Sorry, that did not work. Please try again in a while."))
            return None
        except portal_api.PortalUnavailable:
            say_portal_unavailable(turn)
            return None
        turn.say(
            _(
                "Your objection %(case_number)s now goes to an independent reviewer, who answers by %(date)s.",
                case_number=result["case_number"],
                date=turn.messages.long_date(result["due_date"]),
            )
        )
        return None

    @staticmethod
    def _only_reviewable_case(turn: Turn, cases: list[dict[str, Any]]) -> str | None:
        """The one of these cases that can be reviewed now; otherwise say what to do and return None."""
        _ = turn.messages._
        open_cases = [c for c in cases if c.get("can_escalate")]
        if len(open_cases) == 1:
            return open_cases[0]["case_number"]
        if not open_cases:
            turn.say(
                _(
                    "None of your objections can go to an independent review now. A review can be asked for "
                    'after a decision, or when a decision is late. Write "status" to see your cases.'
                )
            )
            return None
        numbers = turn.messages.list([c["case_number"] for c in open_cases])
        turn.say(
            _(
                'Which case? Write "%(word)s" and its number, for example "%(word)s %(example)s". Your cases: '
                "%(numbers)s.",
                # The same word as in the decision SMS (the shared catalogue's entry "review").
                word=_("review"),
                example=open_cases[0]["case_number"],
                numbers=numbers,
            )
        )
        return None
