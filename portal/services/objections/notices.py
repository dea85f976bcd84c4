"""The SMS a newcomer gets at each step of their case, in their language (and the staff notifications)."""

from __future__ import annotations

from flask_babel import format_date, gettext

from portal.clients.sms import send_sms
from portal.i18n import in_language
from portal.models import Decision, Objection, Outcome
from portal.services.objection_text import ground_text, outcome_label
from portal.services.objections.rules import escalation_deadline


def notify(objection: Objection, action: str) -> None:
    """Tell the newcomer by SMS, in their language, where their case is now; and staff who must act."""
    from portal.notifications import notify_objection_step

    person = objection.person
    with in_language(person.preferred_language):
        body = sms_body(objection, action)
    send_sms(person, body, purpose="objection")
    # A new objection reaches the caseworkers, an escalation the independent reviewers.
    notify_objection_step(objection, action)


def review_word() -> str:
    """The word that, with a case number, asks for an independent review by SMS (current locale)."""
    # Translators: one word a person texts back, with the case number, to ask for an independent
    # review of a decision. It must be in the review words of portal/channels/triage/requests.py.
    return gettext("review")


def sms_body(objection: Objection, action: str) -> str:
    """The SMS for one step, in the current locale. It names the case and the next date only."""
    case = objection.display_case_number
    due = format_date(objection.current_due_date, "long")
    if action == "submit":
        return gettext(
            "Ankomst: We have received your objection. Your case number is %(case)s. We will answer by %(date)s.",
            case=case,
            date=due,
        )
    if action == "acknowledge":
        return gettext(
            "Ankomst: A caseworker has seen your objection %(case)s. We will answer by %(date)s.", case=case, date=due
        )
    if action == "start_review":
        return gettext(
            "Ankomst: A caseworker is now reviewing your objection %(case)s. We will answer by %(date)s.",
            case=case,
            date=due,
        )
    if action == "decide":
        deadline = escalation_deadline(objection)
        decision = objection.first_decision
        outcome, grounds = _decision_words(decision)
        if decision is not None and decision.outcome != Outcome.UPHELD and deadline is not None:
            # People with only SMS ask for the review by answering this message; the assistant's
            # triage knows the review word of every language (portal/channels/triage/requests.py).
            return _tidy(
                gettext(
                    "Ankomst: There is a decision on your objection %(case)s. %(outcome)s. %(grounds)s Sign in to "
                    "Ankomst to read the caseworker's own words. If you do not agree, you can ask for an independent "
                    'review until %(date)s: reply "%(word)s %(case)s".',
                    case=case,
                    outcome=outcome,
                    grounds=grounds,
                    date=format_date(deadline, "long"),
                    word=review_word(),
                )
            )
        return _tidy(
            gettext(
                "Ankomst: There is a decision on your objection %(case)s. %(outcome)s. %(grounds)s Sign in to Ankomst "
                "to read the caseworker's own words.",
                case=case,
                outcome=outcome,
                grounds=grounds,
            )
        )
    if action == "escalate":
        return gettext(
            "Ankomst: Your objection %(case)s has been sent to an independent reviewer. We will answer by %(date)s.",
            case=case,
            date=due,
        )
    if action == "start_independent_review":
        return gettext(
            "Ankomst: An independent reviewer is now reviewing your objection %(case)s. We will answer by %(date)s.",
            case=case,
            date=due,
        )
    if action == "final_decide":
        outcome, grounds = _decision_words(objection.final_decision)
        return _tidy(
            gettext(
                "Ankomst: There is a final decision on your objection %(case)s. %(outcome)s. %(grounds)s Sign in to "
                "Ankomst to read the reviewer's own words.",
                case=case,
                outcome=outcome,
                grounds=grounds,
            )
        )
    raise ValueError(f"no SMS for action {action!r}")


def _decision_words(decision: Decision | None) -> tuple[str, str]:
    """The outcome and the catalogued grounds of a decision, in the current locale.

    The SMS carries these and not the decider's own words (issue 14, item 3): the grounds are
    catalogue sentences with no personal detail, translated, while the free text may name a
    diagnosis or a family matter, is often in Swedish only, and an SMS is read by whoever holds
    the phone. The free text stays behind sign-in.
    """
    if decision is None:
        return "", ""
    return outcome_label(decision.outcome), " ".join(ground_text(key) for key in decision.grounds)


def _tidy(body: str) -> str:
    # A decision without grounds (made before grounds existed) leaves an empty placeholder.
    return " ".join(body.split())
