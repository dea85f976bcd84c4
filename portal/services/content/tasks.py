"""Translators' tasks: a Swedish change that leaves a translation stale makes a task for that language.

Tasks are reconciled from the state of the texts (`reconcile_tasks`), as the caseworkers'
tasks are swept from the cases: every place that publishes calls it before its commit, so a
task is never missed because one path forgot to make it, and never made twice (one per module,
language and Swedish body revision). A task closes itself when the translation is current
again: "translated" when a translation made from the current Swedish is published, with who
did it; "superseded" when the Swedish changed again (the newer task says what to do);
"not needed" when a revert or a minor change made the translation current.

Who is told: the staff with that language in TranslatorLanguage, on the editor start page and
at /editor/tasks, and by e-mail (portal.services.content.task_mail) after the publish commits.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from portal.data import content as data
from portal.extensions import db
from portal.languages import CODES, SOURCE_LANGUAGE
from portal.models import (
    ContentModule,
    StaffUser,
    TaskClosed,
    TranslationTask,
    TranslatorLanguage,
    utcnow,
)
from portal.services.content.reviews import reconcile_reviews
from portal.services.content.sources import source_text
from portal.services.content.states import TranslationStatus, translation_state
from portal.services.content.task_mail import notify_new_tasks, remember_new


def reconcile_tasks(module: ContentModule) -> list[TranslationTask]:
    """Open a task per stale translation of `module`, close the ones no longer needed; return new ones.

    Does not commit: the caller's publish and its tasks are one transaction. The translations'
    section reviews are reconciled first (a change may have un-reviewed a section).
    """
    reconcile_reviews(module)
    source = source_text(module)
    current = source.current
    open_tasks: dict[str, list[TranslationTask]] = {}
    for task in db.session.scalars(
        select(TranslationTask).where(TranslationTask.module_id == module.id, TranslationTask.done_at.is_(None))
    ):
        open_tasks.setdefault(task.language, []).append(task)
    made = []
    for code in CODES:
        if code == SOURCE_LANGUAGE:
            continue
        revision = data.get_published_revision(module, code)
        state = translation_state(revision, source, code)
        tasks = open_tasks.get(code, [])
        if state.status == TranslationStatus.STALE and current is not None:
            # The change that made the work: a later minor change (spelling, a link) is no new task.
            made_by = source.chain[-1]
            key = made_by.body_revision
            for task in tasks:
                if task.source_revision != key:
                    _close(task, TaskClosed.SUPERSEDED)
            if not any(t.source_revision == key for t in tasks):
                task = db.session.scalar(
                    select(TranslationTask).where(
                        TranslationTask.module_id == module.id,
                        TranslationTask.language == code,
                        TranslationTask.source_revision == key,
                    )
                )
                if task is None:
                    task = TranslationTask(module=module, language=code, source_revision=key)
                    db.session.add(task)
                else:  # the Swedish came back to a text seen before (a revert): the task opens again
                    task.done_at = task.done_by_id = task.done_revision_id = task.closed = None
                    task.created_at = utcnow()
                task.source_revision_id = made_by.id
                made.append(task)
        else:
            for task in tasks:
                translated = (
                    revision is not None
                    and current is not None
                    and revision.source_revision in source.chain_hashes
                    and revision.created_at is not None
                    and revision.id != task.done_revision_id
                    and (task.source_revision_id is None or revision.id > task.source_revision_id)
                )
                if translated:
                    _close(
                        task,
                        TaskClosed.TRANSLATED,
                        by=revision.published_by_staff_id or revision.author_staff_id,
                        revision_id=revision.id,
                    )
                else:
                    _close(task, TaskClosed.NOT_NEEDED)
    db.session.flush()
    remember_new([task.id for task in made])
    return made


def _close(task: TranslationTask, why: TaskClosed, *, by: int | None = None, revision_id: int | None = None) -> None:
    task.done_at = utcnow()
    task.closed = why
    task.done_by_id = by
    task.done_revision_id = revision_id


def reconcile_all() -> int:
    """Reconcile every module (after loading files, or from the scheduled sweep); the tasks made."""
    made = sum(len(reconcile_tasks(module)) for module in data.list_modules())
    db.session.commit()
    notify_new_tasks()
    return made


def translator_languages(staff: StaffUser) -> list[str]:
    """The languages this staff member translates into, in the order of the language list."""
    mine = set(db.session.scalars(select(TranslatorLanguage.language).where(TranslatorLanguage.staff_id == staff.id)))
    return [code for code in CODES if code in mine]


def set_translator_languages(staff: StaffUser, languages: list[str]) -> None:
    """Replace the languages this staff member translates into (unknown codes are refused)."""
    unknown = [code for code in languages if code not in CODES or code == SOURCE_LANGUAGE]
    if unknown:
        raise ValueError(f"not a translation language: {', '.join(unknown)}")
    db.session.execute(TranslatorLanguage.__table__.delete().where(TranslatorLanguage.staff_id == staff.id))
    for code in dict.fromkeys(languages):
        db.session.add(TranslatorLanguage(staff_id=staff.id, language=code))
    db.session.commit()


def translators_of(language: str) -> list[StaffUser]:
    """Whom a task in this language is for."""
    return list(
        db.session.scalars(
            select(StaffUser)
            .join(TranslatorLanguage, TranslatorLanguage.staff_id == StaffUser.id)
            .where(TranslatorLanguage.language == language)
            .order_by(StaffUser.name)
        )
    )


def open_tasks(languages: list[str] | None = None) -> list[TranslationTask]:
    """Open tasks, oldest first (of some languages if given): the worklist."""
    stmt = select(TranslationTask).where(TranslationTask.done_at.is_(None))
    if languages is not None:
        stmt = stmt.where(TranslationTask.language.in_(languages))
    return list(db.session.scalars(stmt.order_by(TranslationTask.created_at, TranslationTask.id)))


def open_task_counts() -> dict[str, int]:
    """How many open tasks each language has."""
    rows = db.session.execute(
        select(TranslationTask.language, func.count())
        .where(TranslationTask.done_at.is_(None))
        .group_by(TranslationTask.language)
    )
    counts = dict.fromkeys([c for c in CODES if c != SOURCE_LANGUAGE], 0)
    counts.update({language: count for language, count in rows})
    return counts


def open_task_for(module: ContentModule, language: str) -> TranslationTask | None:
    return db.session.scalar(
        select(TranslationTask).where(
            TranslationTask.module_id == module.id,
            TranslationTask.language == language,
            TranslationTask.done_at.is_(None),
        )
    )


def recently_done(languages: list[str], limit: int = 10) -> list[TranslationTask]:
    """The last tasks closed in these languages: what the team did."""
    return list(
        db.session.scalars(
            select(TranslationTask)
            .where(TranslationTask.done_at.is_not(None), TranslationTask.language.in_(languages))
            .order_by(TranslationTask.done_at.desc())
            .limit(limit)
        )
    )


@dataclass(frozen=True)
class TaskNotice:
    """What a translator is told: how many tasks wait in their languages."""

    language: str
    count: int


def notices_for(staff: StaffUser) -> list[TaskNotice]:
    """The staff member's inbox line per language with open tasks."""
    counts = open_task_counts()
    return [TaskNotice(code, counts.get(code, 0)) for code in translator_languages(staff) if counts.get(code)]
