"""Civic-information flows: file sync and export, staleness, the reader's view, editor writes.

Staleness is computed, never stored: a translation records the Swedish body revision it was
made from (`source_revision`). It is current when that revision is the current Swedish one,
or one that a later *minor* Swedish change replaced; otherwise it is stale, and comparing
the per-section hashes of the two Swedish revisions says which sections changed.

One module per concern: ``sync`` (the module files in and out), ``sources`` (the Swedish
history and its changed sections), ``states`` (each translation's state and the status
matrix), ``reader`` (what the reader sees), ``permissions`` (who may edit what),
``revisions`` (editor writes, review and approval), ``diffs`` (comparing texts),
``reviews`` (translators' reviews, section by section), ``readability`` (LIX of the Swedish),
``local`` (municipalities' local sections), ``tasks`` (translators' tasks), ``schedule``
(publishing at a set time) and ``links`` (the link checker). This package re-exports the names
its callers use.
"""

from portal.services.content.diffs import diff_revisions, diff_texts, form_text, revision_text, side_by_side
from portal.services.content.local import (
    LocalInput,
    WrongSource,
    get_local_section_for_editor,
    list_local_sections_for_editor,
    local_state,
    save_local_section,
    swedish_local_sections,
)
from portal.services.content.permissions import NotAllowed, can_edit_regional, local_municipalities
from portal.services.content.reader import module_cards, module_for_reader, municipality_for_reader
from portal.services.content.reviews import TextChanged, is_translator, review_section, unit_reviews
from portal.services.content.revisions import (
    EditConflict,
    NotTranslator,
    RevisionInput,
    SaveOutcome,
    ScheduleInPast,
    SelfReview,
    SubmissionOutdated,
    approve_submission,
    confirm_review,
    discard_draft,
    draft_stamp,
    get_module_revision,
    may_confirm_review,
    revert_to,
    save_revision,
    set_source_approval,
    submit_revision,
)
from portal.services.content.sources import ChangedSection
from portal.services.content.states import (
    MATRIX_FILTERS,
    MATRIX_SORTS,
    NextAction,
    TranslationStatus,
    matrix_counts,
    module_state,
    module_titles,
    status_matrix,
)
from portal.services.content.sync import (
    DEFAULT_CONTENT_DIR,
    export_to_files,
    file_revision,
    public_review_status,
    sync_from_files,
)
from portal.services.content.tasks import (
    notices_for,
    open_task_counts,
    open_task_for,
    open_tasks,
    recently_done,
    reconcile_tasks,
    translator_languages,
)

__all__ = [
    "ChangedSection",
    "DEFAULT_CONTENT_DIR",
    "EditConflict",
    "LocalInput",
    "MATRIX_FILTERS",
    "MATRIX_SORTS",
    "NextAction",
    "ScheduleInPast",
    "NotAllowed",
    "NotTranslator",
    "RevisionInput",
    "SaveOutcome",
    "SelfReview",
    "SubmissionOutdated",
    "TextChanged",
    "TranslationStatus",
    "WrongSource",
    "approve_submission",
    "can_edit_regional",
    "confirm_review",
    "diff_revisions",
    "diff_texts",
    "discard_draft",
    "draft_stamp",
    "export_to_files",
    "file_revision",
    "form_text",
    "is_translator",
    "get_local_section_for_editor",
    "get_module_revision",
    "list_local_sections_for_editor",
    "local_state",
    "local_municipalities",
    "matrix_counts",
    "may_confirm_review",
    "module_cards",
    "module_for_reader",
    "module_state",
    "module_titles",
    "municipality_for_reader",
    "notices_for",
    "open_task_counts",
    "open_task_for",
    "open_tasks",
    "reconcile_tasks",
    "recently_done",
    "translator_languages",
    "unit_reviews",
    "public_review_status",
    "revert_to",
    "review_section",
    "revision_text",
    "save_local_section",
    "save_revision",
    "set_source_approval",
    "side_by_side",
    "status_matrix",
    "submit_revision",
    "swedish_local_sections",
    "sync_from_files",
]
