"""Telling translators of a new task by e-mail, through the staff e-mail client (issue 15).

One e-mail per new task to each translator of its language whose e-mail choice is "one per
notification"; those who chose a daily summary or none see their tasks on the editor start page
(the daily summary counts the inbox's notifications about people, which a text is not). The
e-mail names the module and the language, which are public, and links to the task list; it
says nothing about anyone. A task is mailed to a translator at most once: the sent message is
recorded with the task's id as its purpose, and a retried job finds it.

Mail goes after the publish's commit (`notify_new_tasks`), as a worker job; without Redis it
is sent at once, in the request.
"""

from __future__ import annotations

from flask import current_app, url_for
from flask_babel import gettext
from sqlalchemy import select

from portal.extensions import db
from portal.models import MailMessage, MailMode, StaffUser, TranslationTask

PENDING_KEY = "new_translation_tasks"
LOCAL_BASE_URL = "http://127.0.0.1:5000"  # as portal.notifications.mail, without PUBLIC_BASE_URL


def remember_new(task_ids: list[int]) -> None:
    """Keep the ids of tasks made in this transaction, to tell after it commits."""
    db.session.info.setdefault(PENDING_KEY, []).extend(task_ids)


def notify_new_tasks() -> None:
    """Queue the e-mails for the tasks made in the transaction just committed."""
    from portal.worker import enqueue

    for task_id in db.session.info.pop(PENDING_KEY, []):
        enqueue(mail_translation_task, task_id)


def _purpose(task: TranslationTask) -> str:
    return f"translation-task:{task.id}"


def _task_url(language: str) -> str:
    base = (current_app.config.get("PUBLIC_BASE_URL") or LOCAL_BASE_URL).rstrip("/")
    with current_app.test_request_context():
        return base + url_for("editor.tasks", lang=language)


def task_mail(task: TranslationTask, title: str) -> tuple[str, str]:
    """Subject and body in the current locale."""
    from portal.templating import language_name

    language = language_name(task.language)
    body = [
        gettext(
            "The Swedish text of “%(module)s” has changed. The translation into %(language)s needs updating.",
            module=title,
            language=language,
        ),
        "",
        gettext("Your translation tasks: %(url)s", url=_task_url(task.language)),
        "",
        gettext("This e-mail holds no personal data. Sign in to Ankomst to read more."),
        gettext("On your inbox page you can choose one e-mail a day, or none."),
    ]
    return gettext("Ankomst: a translation task in %(language)s", language=language), "\n".join(body)


def mail_translation_task(task_id: int) -> int:
    """Worker job: e-mail the task's translators who want one e-mail per notification; how many were sent."""
    from portal.clients.mail import send_mail
    from portal.notifications.inbox import mail_mode_for
    from portal.notifications.mail import in_language_of
    from portal.services.content.tasks import translators_of
    from portal.worker import job_context

    with job_context():
        task = db.session.get(TranslationTask, task_id)
        if task is None or task.done_at is not None:
            return 0
        source = task.source
        title = source.title if source is not None else task.module.slug
        sent = 0
        for staff in translators_of(task.language):
            if mail_mode_for(staff) != MailMode.EACH or _already_sent(staff, task):
                continue
            with in_language_of(staff):
                subject, body = task_mail(task, title)
            send_mail(staff, subject, body, purpose=_purpose(task))
            sent += 1
        return sent


def _already_sent(staff: StaffUser, task: TranslationTask) -> bool:
    return (
        db.session.scalar(
            select(MailMessage.id).where(MailMessage.staff_id == staff.id, MailMessage.purpose == _purpose(task))
        )
        is not None
    )
