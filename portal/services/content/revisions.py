"""Editor writes to regional text: drafts, publishing, review, a second editor's approval, revert."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime

from portal.bidi import strip_isolates
from portal.content.files import ContentFormatError, Problem, body_revision, validate_body, validate_metadata
from portal.data import content as data
from portal.extensions import db
from portal.languages import SOURCE_LANGUAGE
from portal.local_time import stockholm_today
from portal.models import ContentModule, ContentRevision, ReviewStatus, RevisionStatus, StaffUser, utcnow
from portal.services import audit, search
from portal.services.content.link_domains import domain_problems
from portal.services.content.permissions import NotAllowed, can_edit_regional
from portal.services.content.reviews import NotTranslator, SelfReview, is_translator, review_whole_text
from portal.services.content.sources import section_hashes
from portal.services.content.sync import _add_revision
from portal.services.content.task_mail import notify_new_tasks
from portal.services.content.tasks import reconcile_tasks


@dataclass
class RevisionInput:
    title: str
    summary: str
    body: str
    review_status: str = ReviewStatus.UNREVIEWED.value
    minor: bool = False  # Swedish only: translations made from the previous text stay current
    matches_current_source: bool = False  # translations: made from the current Swedish text


def check_revision_input(values: RevisionInput) -> list[Problem]:
    """The format rules of docs/content-format.md applied to an editor's input."""
    meta = {
        "title": values.title,
        "summary": values.summary,
        "source_revision": "0" * 12,
        "review_status": values.review_status,
        "last_updated": stockholm_today().isoformat(),
    }
    problems = validate_metadata(meta, path="editor") + validate_body(values.body, path="editor")
    return problems + domain_problems(values.body)


class EditConflict(Exception):
    """The text was saved against an older revision than the published one: nothing was saved.

    `base` is the revision the editor started from (None if there was no text yet) and
    `theirs` the one published since; with the editor's own text they make the three-way view.
    `own_draft` is set when "theirs" is the editor's own draft, saved from another tab or
    window after this form was opened: the same person, but the same risk of losing text.
    """

    def __init__(self, base: ContentRevision | None, theirs: ContentRevision | None, *, own_draft: bool = False):
        super().__init__("edit conflict")
        self.base = base
        self.theirs = theirs
        self.own_draft = own_draft


def draft_stamp(draft: ContentRevision | None) -> str:
    """What an edit form carries to know which save of the editor's own draft it started from."""
    if draft is None or draft.created_at is None:
        return ""
    return f"{draft.id}:{draft.created_at.strftime('%Y%m%d%H%M%S%f')}"


class ScheduleInPast(ValueError):
    """A publish time that has already passed: refused rather than published at once by surprise."""


class SaveOutcome(enum.StrEnum):
    DRAFT = "draft"
    PUBLISHED = "published"
    AWAITING_APPROVAL = "awaiting-approval"  # a Swedish change waits for a second editor
    SCHEDULED = "scheduled"  # approved where needed, and published at its publish_at
    UNCHANGED = "unchanged"  # the same text as the published one: no new revision
    REVIEW_REQUESTED = "review-requested"  # the writer cannot confirm their own review
    REVIEWED = "reviewed"  # another editor confirmed the published text's review


@dataclass(frozen=True)
class SaveResult:
    revision: ContentRevision
    outcome: SaveOutcome


def _same_text(revision: ContentRevision, title: str, summary: str, body: str, source: str) -> bool:
    return (revision.title, revision.summary, revision.body, revision.source_revision) == (
        title,
        summary,
        body,
        source,
    )


def save_revision(
    module: ContentModule,
    language: str,
    values: RevisionInput,
    *,
    staff: StaffUser,
    publish: bool,
    base_revision_id: int | None = None,
) -> ContentRevision:
    """`submit_revision`, for callers that only need the revision."""
    return submit_revision(
        module, language, values, staff=staff, publish=publish, base_revision_id=base_revision_id
    ).revision


def submit_revision(
    module: ContentModule,
    language: str,
    values: RevisionInput,
    *,
    staff: StaffUser,
    publish: bool,
    base_revision_id: int | None = None,
    draft_stamp_seen: str | None = None,
    publish_at: datetime | None = None,
) -> SaveResult:
    """Save the editor's text as their own draft, or publish it (or send it for approval).

    `base_revision_id` is the published revision the editor's form was based on (0: there was
    none); when another one has been published since, EditConflict is raised and nothing is
    saved. None skips the check (callers that build on the newest text themselves).
    Text equal to the published text makes no new revision. A translation marked reviewed by
    its writer waits for another editor to confirm; a Swedish change that is not minor waits
    for a second editor's approval when the region says so (source_approval_required).

    `draft_stamp_seen` is the `draft_stamp` of the editor's own draft when the form opened
    (None skips the check): a save over a draft saved since, from another tab, is a conflict
    too. `publish_at` (UTC) publishes later: the revision waits as "scheduled" (after the
    second editor's approval where one is needed) and `schedule.publish_due` publishes it.
    """
    if publish_at is not None and publish_at <= utcnow():
        raise ScheduleInPast
    if not can_edit_regional(staff):
        raise NotAllowed
    values = RevisionInput(
        title=strip_isolates(values.title),
        summary=strip_isolates(values.summary),
        body=strip_isolates(values.body),
        # A review waiting for confirmation is still the writer's claim that it was reviewed.
        review_status=(
            ReviewStatus.REVIEWED.value
            if values.review_status == ReviewStatus.AWAITING_REVIEW
            else str(values.review_status)
        ),
        minor=values.minor,
        matches_current_source=values.matches_current_source,
    )
    problems = check_revision_input(values)
    if problems:
        raise ContentFormatError(problems)
    data.lock_module(module)
    current = data.get_published_revision(module, language)
    if base_revision_id is not None and base_revision_id != (current.id if current else 0):
        raise EditConflict(data.get_revision(base_revision_id) if base_revision_id else None, current)
    body = values.body.replace("\r\n", "\n").strip() + "\n"
    title, summary = values.title.strip(), values.summary.strip()
    if language == SOURCE_LANGUAGE:
        source = body_revision(body)
    else:
        current_source = data.get_published_revision(module, SOURCE_LANGUAGE)
        if (values.matches_current_source or current is None) and current_source is not None:
            source = current_source.body_revision
        else:
            source = current.source_revision if current else "0" * 12
    draft = data.get_pending_draft(module, language, author_id=staff.id)
    if draft_stamp_seen is not None and draft_stamp_seen != draft_stamp(draft):
        raise EditConflict(current, draft, own_draft=True)
    wants_review = ReviewStatus(values.review_status) != ReviewStatus.UNREVIEWED
    if current is not None and _same_text(current, title, summary, body, source):
        if draft is not None:
            db.session.delete(draft)  # it says what is published already; nothing is lost
        outcome = SaveOutcome.UNCHANGED
        if wants_review and current.review_status != ReviewStatus.REVIEWED:
            outcome = _review(current, staff)
        db.session.commit()
        return SaveResult(current, outcome)
    minor = bool(values.minor) and language == SOURCE_LANGUAGE and current is not None
    needs_approval = publish and language == SOURCE_LANGUAGE and not minor and data.source_approval_required()
    fields = {
        "title": title,
        "summary": summary,
        "body": body,
        "body_revision": body_revision(body),
        "section_hashes": section_hashes(body),
        "source_revision": source,
        # The writer of a text cannot be its reviewer: their "reviewed" waits for someone else.
        "review_status": ReviewStatus.AWAITING_REVIEW if wants_review else ReviewStatus.UNREVIEWED,
        "minor": minor,
        "author_staff_id": staff.id,
        "last_updated": stockholm_today(),
        "created_at": utcnow(),
        "base_revision_id": current.id if current else None,
        "publish_at": publish_at if publish else None,
    }
    if publish and not needs_approval and publish_at is not None:
        revision = draft or ContentRevision(module=module, language=language, origin="editor")
        if draft is None:
            db.session.add(revision)
        for name, value in fields.items():
            setattr(revision, name, value)
        revision.status = RevisionStatus.SCHEDULED
        revision.published_by_staff_id = staff.id
        outcome = SaveOutcome.SCHEDULED
    elif publish and not needs_approval:
        if draft is not None:
            db.session.delete(draft)  # published now; another editor's draft stays theirs
        # Always a new row: the newest published id is the current text, whenever the draft began.
        revision = ContentRevision(
            module=module,
            language=language,
            origin="editor",
            status=RevisionStatus.PUBLISHED,
            published_at=utcnow(),
            published_by_staff_id=staff.id,
            **fields,
        )
        db.session.add(revision)
        outcome = SaveOutcome.PUBLISHED
    else:
        revision = draft or ContentRevision(module=module, language=language, origin="editor")
        if draft is None:
            db.session.add(revision)
        for name, value in fields.items():
            setattr(revision, name, value)
        revision.status = RevisionStatus.AWAITING_APPROVAL if needs_approval else RevisionStatus.DRAFT
        outcome = SaveOutcome.AWAITING_APPROVAL if needs_approval else SaveOutcome.DRAFT
    db.session.flush()
    action = {
        SaveOutcome.PUBLISHED: "content.publish",
        SaveOutcome.AWAITING_APPROVAL: "content.submit_for_approval",
        SaveOutcome.SCHEDULED: "content.schedule",
    }.get(outcome, "content.save_draft")
    audit.record(
        action,
        actor=staff,
        object_type="content_revision",
        object_id=revision.id,
        module=module.slug,
        language=language,
        minor=revision.minor,
    )
    if outcome == SaveOutcome.PUBLISHED:
        search.index_module(module, language)
        reconcile_tasks(module)
    db.session.commit()
    notify_new_tasks()
    return SaveResult(revision, outcome)


def may_confirm_review(revision: ContentRevision, staff: StaffUser) -> bool:
    """Whether this staff member may be the second pair of eyes on a text's review.

    Never its writer. A translation only a translator of its language (TranslatorLanguage)
    may review: a review says a fluent speaker checked it, so a regional editor without the
    language may not (issue 16). The Swedish source any other regional editor may.
    """
    if revision.author_staff_id == staff.id:
        return False
    if revision.language == SOURCE_LANGUAGE:
        return can_edit_regional(staff)
    return is_translator(staff, revision.language)


def _review(revision: ContentRevision, staff: StaffUser) -> SaveOutcome:
    """Record that a fluent speaker reviewed the published text (a translation: each section,
    against the current Swedish, portal.services.content.reviews); its writer only asks for it."""
    if not may_confirm_review(revision, staff):
        revision.review_status = ReviewStatus.AWAITING_REVIEW
        return SaveOutcome.REVIEW_REQUESTED
    if revision.language != SOURCE_LANGUAGE:
        if not review_whole_text(revision, staff):
            revision.review_status = ReviewStatus.AWAITING_REVIEW  # a section of theirs waits for another
            return SaveOutcome.REVIEW_REQUESTED
    else:
        revision.review_status = ReviewStatus.REVIEWED
    revision.reviewed_by_staff_id = staff.id
    revision.reviewed_at = utcnow()
    audit.record(
        "content.review",
        actor=staff,
        object_type="content_revision",
        object_id=revision.id,
        module=revision.module.slug,
        language=revision.language,
    )
    return SaveOutcome.REVIEWED


def confirm_review(revision: ContentRevision, *, staff: StaffUser) -> SaveOutcome:
    """A translator of the language (for Swedish, another regional editor) confirms that a fluent
    speaker reviewed the published text; never its writer."""
    if revision.status != RevisionStatus.PUBLISHED or (
        revision.language == SOURCE_LANGUAGE and not can_edit_regional(staff)
    ):
        raise NotAllowed
    if revision.author_staff_id == staff.id:
        raise SelfReview
    if not may_confirm_review(revision, staff):
        raise NotTranslator
    outcome = _review(revision, staff)
    db.session.commit()
    return outcome


def set_source_approval(required: bool | None, region_slug: str | None = None) -> list[tuple[str, bool]]:
    """Set (or, with None, only read) the regions' rule for Swedish changes; [(slug, required)]."""
    regions = [r for r in data.list_regions() if region_slug in (None, r.slug)]
    if region_slug and not regions:
        raise LookupError(f"no region with the slug {region_slug!r}")
    if required is not None:
        for region in regions:
            region.source_approval_required = required
        db.session.commit()
    return [(r.slug, r.source_approval_required) for r in regions]


class SubmissionOutdated(Exception):
    """The published text changed after a change was sent for approval: its writer must update it."""


def approve_submission(submission: ContentRevision, *, staff: StaffUser) -> ContentRevision:
    """A second editor approves a Swedish change awaiting approval: it is published as a new revision.

    A change with a future publish_at is approved now and waits, scheduled, for its time (the
    approver is recorded as the one who published it).
    """
    if not can_edit_regional(staff) or submission.status != RevisionStatus.AWAITING_APPROVAL:
        raise NotAllowed
    if submission.author_staff_id == staff.id:
        raise SelfReview
    module = submission.module
    data.lock_module(module)
    current = data.get_published_revision(module, submission.language)
    if (current.id if current else None) != submission.base_revision_id:
        raise SubmissionOutdated
    if submission.publish_at is not None and submission.publish_at > utcnow():
        submission.status = RevisionStatus.SCHEDULED
        submission.published_by_staff_id = staff.id
        audit.record(
            "content.approve",
            actor=staff,
            object_type="content_revision",
            object_id=submission.id,
            module=module.slug,
            language=submission.language,
            scheduled=True,
        )
        db.session.commit()
        return submission
    revision = publish_copy(submission, published_by_id=staff.id)
    audit.record(
        "content.approve",
        actor=staff,
        object_type="content_revision",
        object_id=revision.id,
        module=module.slug,
        language=revision.language,
    )
    db.session.commit()
    notify_new_tasks()
    return revision


def publish_copy(submission: ContentRevision, *, published_by_id: int | None) -> ContentRevision:
    """Publish a waiting revision as a new row (the newest published id is the current text).

    The waiting row is deleted; search and the translators' tasks follow. Does not commit.
    """
    module = submission.module
    revision = ContentRevision(
        module=module,
        language=submission.language,
        title=submission.title,
        summary=submission.summary,
        body=submission.body,
        body_revision=submission.body_revision,
        section_hashes=submission.section_hashes,
        source_revision=submission.source_revision,
        review_status=submission.review_status,
        minor=submission.minor,
        author_staff_id=submission.author_staff_id,
        last_updated=stockholm_today(),
        origin=submission.origin or "editor",
        base_revision_id=submission.base_revision_id,
        status=RevisionStatus.PUBLISHED,
        published_at=utcnow(),
        published_by_staff_id=published_by_id,
    )
    db.session.add(revision)
    db.session.delete(submission)
    db.session.flush()
    search.index_module(module, revision.language)
    reconcile_tasks(module)
    return revision


def discard_draft(draft: ContentRevision, *, staff: StaffUser) -> None:
    """Delete an editor's own draft (or their change awaiting approval, or scheduled); nobody else's."""
    if draft.status not in data.WAITING or draft.author_staff_id != staff.id:
        raise NotAllowed
    audit.record(
        "content.discard_draft",
        actor=staff,
        object_type="content_revision",
        object_id=draft.id,
        module=draft.module.slug,
        language=draft.language,
    )
    db.session.delete(draft)
    db.session.commit()


def revert_to(old: ContentRevision, *, staff: StaffUser) -> ContentRevision:
    """Publish the text of an older revision again, as a new revision (history is kept).

    Reverting to the text that is already published makes no new revision. Pending drafts stay
    with their owners; the editor page tells each owner that the published text changed under
    their draft (ContentRevision.base_revision_id).

    A Swedish revert changes what every translation must say, as any Swedish change does: where
    the region asks for a second editor, it waits for approval like one (it is not minor).
    """
    if not can_edit_regional(staff) or old.status != RevisionStatus.PUBLISHED:
        raise NotAllowed
    data.lock_module(old.module)
    current = data.get_published_revision(old.module, old.language)
    if current is not None and _same_text(current, old.title, old.summary, old.body, old.source_revision):
        return current
    # The old text again, as a new revision: waiting for a second editor, or published at once.
    again = dict(
        title=old.title,
        summary=old.summary,
        body=old.body,
        source_revision=old.source_revision,
        review_status=old.review_status,
        last_updated=stockholm_today(),
        origin=f"revert:{old.id}",
        author_staff_id=staff.id,
        base_revision_id=current.id if current else None,
    )
    if old.language == SOURCE_LANGUAGE and data.source_approval_required():
        submission = _add_revision(old.module, old.language, status=RevisionStatus.AWAITING_APPROVAL, **again)
        db.session.flush()
        audit.record(
            "content.submit_for_approval",
            actor=staff,
            object_type="content_revision",
            object_id=submission.id,
            module=old.module.slug,
            language=old.language,
            reverted_to=old.id,
        )
        db.session.commit()
        return submission
    revision = _add_revision(
        old.module,
        old.language,
        status=RevisionStatus.PUBLISHED,
        reviewed_by_staff_id=old.reviewed_by_staff_id,
        reviewed_at=old.reviewed_at,
        published_by_staff_id=staff.id,
        **again,
    )
    db.session.flush()
    audit.record(
        "content.revert",
        actor=staff,
        object_type="content_revision",
        object_id=revision.id,
        module=old.module.slug,
        language=old.language,
        reverted_to=old.id,
    )
    search.index_module(old.module, old.language)
    reconcile_tasks(old.module)
    db.session.commit()
    notify_new_tasks()
    return revision


def get_module_revision(module: ContentModule, revision_id: int) -> ContentRevision | None:
    """A revision, only if it belongs to this module."""
    revision = data.get_revision(revision_id)
    return revision if revision is not None and revision.module_id == module.id else None
