"""A short summary of the person's introduction plan, with a link to the whole plan."""

from __future__ import annotations

from actions.conversation import PLAN_PATH, PortalAction, Turn

MAX_GOALS = 3


class ActionPlanSummary(PortalAction):
    """Summarise the person's plan: status, hours a week, short-term goals and a link."""

    def name(self) -> str:
        return "action_plan_summary"

    def respond(self, turn: Turn) -> None:
        messages = turn.messages
        _ = messages._
        plan = turn.api.plan(turn.cid)
        if plan is None:
            turn.say(_("You do not have a plan yet. Your caseworker makes it together with you."))
            return
        url = plan.get("url") or PLAN_PATH
        lines = []
        if plan.get("hours_per_week") is not None:
            lines.append(
                _(
                    "Your plan: %(status)s, %(hours)s hours a week.",
                    status=plan["status_label"],
                    hours=messages.number(plan["hours_per_week"]),
                )
            )
        else:
            lines.append(_("Your plan: %(status)s.", status=plan["status_label"]))
        goals = [g["title"] for g in plan.get("goals", []) if g.get("horizon") == "short"]
        if goals:
            lines.append(_("Goals now: %(goals)s.", goals=messages.list(goals[:MAX_GOALS])))
        if plan.get("awaiting_acknowledgement"):
            lines.append(_("The plan waits for your approval. Read and sign it at %(url)s", url=url))
        else:
            lines.append(_("Read the whole plan at %(url)s", url=url))
        turn.say("\n".join(lines))


class ActionAskAcknowledge(PortalAction):
    """Say what confirming the plan means, whether it waits for the person, and where to do it."""

    def name(self) -> str:
        return "action_ask_acknowledge"

    def respond(self, turn: Turn) -> None:
        _ = turn.messages._
        plan = turn.api.plan(turn.cid)
        if plan is None:
            turn.say(_("You do not have a plan yet. Your caseworker makes it together with you."))
            return
        url = plan.get("url") or PLAN_PATH
        turn.say(
            _(
                "You confirm that you have read your plan. Confirming does not take away your right to object: "
                "you can still object to the plan or to one activity."
            )
        )
        if plan.get("awaiting_acknowledgement"):
            turn.say(_("Your plan waits for you. Read it and approve it at %(url)s", url=url))
        else:
            turn.say(_("Your plan does not wait for anything from you now. Read it at %(url)s", url=url))
