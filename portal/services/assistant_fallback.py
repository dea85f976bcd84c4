"""The portal's own numbered menu, for when the assistant (Rasa or its action server) is down or slow.

    1 my next activity · 2 my plan · 3 my objections · 4 talk to a person

It answers with the same service functions as the internal API (services.assistant_api), in
the conversation's language, so the facts are the same as the assistant's. A case number
sent while the menu is open gets that case's status.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

from flask import current_app
from flask_babel import gettext

from portal.channels.sms_text import portal_url
from portal.models import Conversation
from portal.services import assistant_api
from portal.services.assistant_api import AssistantError, in_language
from portal.services.objections import normalise_case_number
from portal.services.plan_text import day_label, hours_label, time_label

CHOICES = ("1", "2", "3", "4")


def _url(path: str) -> str:
    return portal_url(path, current_app.config.get("PUBLIC_BASE_URL"))


def menu_text(conversation: Conversation) -> str:
    """The menu, in the conversation's language."""
    with in_language(conversation):
        lines = [
            gettext("The assistant cannot answer just now. Reply with a number:"),
            "1 " + gettext("My next activity"),
            "2 " + gettext("My plan"),
            "3 " + gettext("My objections"),
            "4 " + gettext("Talk to a person"),
        ]
        return "\n".join(lines)


def is_menu_answer(text: str) -> bool:
    """A digit of the menu, or a case number: what the menu itself answers."""
    cleaned = text.strip().rstrip(".)")
    return cleaned in CHOICES or _looks_like_case_number(text)


def _looks_like_case_number(text: str) -> bool:
    # A word such as "tomorrow" also reads as 8 base32 characters; a case number people copy
    # has its hyphen or digits.
    raw = text.strip()
    return (
        len(raw.split()) == 1
        and ("-" in raw or any(ch.isdigit() for ch in raw))
        and normalise_case_number(raw) is not None
    )


def answer(conversation: Conversation, text: str) -> str:
    """The reply to a menu digit or a case number, in the conversation's language."""
    cleaned = text.strip().rstrip(".)")
    handlers: dict[str, Callable[[Conversation], str]] = {
        "1": _next_activity,
        "2": _plan,
        "3": _objections,
        "4": _handoff,
    }
    with in_language(conversation):
        try:
            if cleaned in handlers:
                return handlers[cleaned](conversation)
            return _case_status(conversation, text.strip())
        except AssistantError as error:
            if error.error == "not_identified" and cleaned == "4":
                return _reception(conversation)
            if error.error == "not_identified":
                return gettext(
                    "I can only tell you about your own plan when you write from the mobile number you "
                    "registered with us. You can also sign in at %(url)s",
                    url=_url("/signin"),
                )
            return error.message


def _when(starts_at: str) -> tuple[str, str]:
    moment = datetime.fromisoformat(starts_at)
    return day_label(moment.date()), time_label(moment)


def _next_activity(conversation: Conversation) -> str:
    activity = assistant_api.next_activity(conversation)["activity"]
    if activity is None:
        return gettext("You have no activities planned.")
    day, time = _when(activity["starts_at"])
    if activity["place"]:
        return gettext(
            "Your next activity: %(title)s, %(day)s at %(time)s, %(place)s.",
            title=activity["title"],
            day=day,
            time=time,
            place=activity["place"],
        )
    return gettext("Your next activity: %(title)s, %(day)s at %(time)s.", title=activity["title"], day=day, time=time)


def _plan(conversation: Conversation) -> str:
    plan = assistant_api.plan_summary(conversation)["plan"]
    if plan is None:
        return gettext("You have no plan yet. Your caseworker will make it together with you.")
    text = gettext(
        "Your plan: %(status)s, %(hours)s. Read it at %(url)s",
        status=plan["status_label"],
        hours=hours_label(plan["hours_per_week"]),
        url=_url(plan["url"]),
    )
    if plan["awaiting_acknowledgement"]:
        text += "\n" + gettext("Your plan has changed. Please read it and confirm.")
    return text


def _objections(conversation: Conversation) -> str:
    cases = assistant_api.list_objections(conversation)["objections"]
    if not cases:
        return gettext("You have no objections.")
    lines = [
        gettext(
            "%(case)s: %(status)s, decision by %(date)s",
            case=case["case_number"],
            status=case["status_label"],
            date=day_label(date.fromisoformat(case["due_date"])),
        )
        for case in cases[:3]
    ]
    lines.append(gettext("Send a case number to see what has happened in that case."))
    return "\n".join(lines)


def _case_status(conversation: Conversation, case_number: str) -> str:
    case = assistant_api.objection_status(conversation, case_number)
    return gettext(
        "Case %(case)s: %(status)s. Decision by %(date)s.",
        case=case["case_number"],
        status=case["status_label"],
        date=day_label(date.fromisoformat(case["due_date"])),
    )


def _reception(conversation: Conversation) -> str:
    """A stranger who chose 4: the reception's contact (their request already waits there by SMS)."""
    from portal.services.reception import can_queue, contact_for, reception_for

    contact = contact_for(reception_for(conversation))
    if contact.name is None or not contact.phone:
        return gettext(
            "We can connect you with a caseworker only when you write from the mobile number you "
            "registered with us. You can also contact your municipality."
        )
    reach = f"{contact.phone} ({contact.hours})" if contact.hours else contact.phone
    if can_queue(conversation):
        return gettext(
            "We cannot see who you are, so your request has gone to the reception of %(organisation)s, "
            "which can contact you on this number. You can also call them: %(contact)s",
            organisation=contact.name,
            contact=reach,
        )
    return gettext(
        "We cannot see who you are, so we cannot ask a caseworker. Call the reception of %(organisation)s: %(contact)s",
        organisation=contact.name,
        contact=reach,
    )


def _handoff(conversation: Conversation) -> str:
    assistant_api.request_handoff(conversation, {"note": None})
    return gettext("We have asked a caseworker to contact you. It can take a few working days.")
