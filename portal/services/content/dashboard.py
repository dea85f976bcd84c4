"""The editor's start page: the matrix with each cell's next action, the translator's tasks, broken links."""

from __future__ import annotations

from dataclasses import dataclass

from portal.models import StaffUser
from portal.services.content.links import BrokenLink, broken_links
from portal.services.content.states import MATRIX_FILTERS, MATRIX_SORTS, MatrixRow, matrix_counts, status_matrix
from portal.services.content.tasks import TaskNotice, notices_for, open_task_counts, translator_languages


@dataclass(frozen=True)
class Dashboard:
    rows: list[MatrixRow]
    counts: dict[str, dict[str, int]]  # {status: {language: n}}, over every module
    todo: int  # cells whose next action is this editor's
    my_languages: list[str]  # the languages they translate into (none: every language is theirs)
    notices: list[TaskNotice]  # their inbox: open tasks in their languages
    task_counts: dict[str, int]  # open tasks per language, for the whole team
    broken: list[BrokenLink]


def editor_dashboard(staff: StaffUser, *, show: str | None = None, sort: str | None = None) -> Dashboard:
    """What the editor sees first. A translator's "to do" is their languages (and approvals);
    an editor who translates nothing is shown every language's next actions."""
    languages = translator_languages(staff)
    everything = status_matrix(editor_id=staff.id, my_languages=languages or None)
    rows = everything
    if show in MATRIX_FILTERS or sort in MATRIX_SORTS:
        rows = status_matrix(
            editor_id=staff.id,
            my_languages=languages or None,
            show=show if show in MATRIX_FILTERS else None,
            sort=sort if sort in MATRIX_SORTS else "standard",
        )
    return Dashboard(
        rows=rows,
        counts=matrix_counts(everything),
        todo=sum(cell.for_me for row in everything for cell in row.cells),
        my_languages=languages,
        notices=notices_for(staff),
        task_counts=open_task_counts(),
        broken=broken_links(),
    )
