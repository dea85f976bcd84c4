"""The regional texts: the status matrix, editing with preview, drafts, approval, review, history, revert."""

from __future__ import annotations

from datetime import UTC, datetime

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import format_datetime, format_decimal, format_number
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from portal.access import current_staff_user, staff_required
from portal.bidi import isolate_markdown_source, strip_isolates
from portal.content.files import BODY_MAX, ContentFormatError
from portal.content.markdown import render_sections
from portal.data import content as data
from portal.editor.base import bp, module_or_404, module_title, regional_editor
from portal.editor.forms import RevisionForm, base_revision_id, field_for, problem_message
from portal.forms import ConfirmForm
from portal.languages import BY_CODE, LANGUAGES, SOURCE_LANGUAGE
from portal.local_time import STOCKHOLM
from portal.models import ContentModule, ReviewStatus, RevisionStatus, Role
from portal.services import content
from portal.services import edit_presence as presence
from portal.services.content.dashboard import editor_dashboard
from portal.services.content.readability import LIX_LIMIT, section_readability
from portal.services.content.reviews import minor_change_touches

SAVED_MESSAGES = {
    content.SaveOutcome.PUBLISHED: _l("The text is published."),
    content.SaveOutcome.DRAFT: _l("Your draft is saved. Only you can see and publish it."),
    content.SaveOutcome.AWAITING_APPROVAL: _l(
        "The change is saved and waits for another editor to approve it before it is published."
    ),
    content.SaveOutcome.UNCHANGED: _l("Nothing changed: the text is the same as the published one."),
    content.SaveOutcome.REVIEW_REQUESTED: _l(
        "You wrote this text, so another editor must confirm that a fluent speaker reviewed it."
    ),
    content.SaveOutcome.REVIEWED: _l("The review is recorded."),
}


@bp.get("/")
@staff_required(Role.EDITOR)
def overview():
    staff = current_staff_user()
    show = request.args.get("show") if request.args.get("show") in content.MATRIX_FILTERS else None
    sort = request.args.get("sort") if request.args.get("sort") in content.MATRIX_SORTS else None
    return render_template(
        "editor/overview.html",
        board=editor_dashboard(staff, show=show, sort=sort),
        show=show,
        sort=sort,
        languages=LANGUAGES,
        by_code=BY_CODE,
        regional=content.can_edit_regional(staff),
        municipalities=content.local_municipalities(staff),
    )


@bp.get("/tasks")
@staff_required(Role.EDITOR)
def tasks():
    """The translators' worklist: open tasks per language, theirs first; ?lang= for one language."""
    staff = current_staff_user()
    lang = request.args.get("lang") if request.args.get("lang") in BY_CODE else None
    mine = content.translator_languages(staff)
    shown = [lang] if lang else (mine or None)
    return render_template(
        "editor/tasks.html",
        tasks=content.open_tasks(shown),
        counts=content.open_task_counts(),
        done=content.recently_done(shown or [code for code in BY_CODE]),
        lang=lang,
        mine=mine,
        languages=[language for language in LANGUAGES if language.code != SOURCE_LANGUAGE],
        by_code=BY_CODE,
        titles=content.module_titles(),
    )


@bp.route("/<slug>/<lang>", methods=["GET", "POST"])
@staff_required(Role.EDITOR)
def edit(slug: str, lang: str):
    module = module_or_404(slug, lang)
    staff = regional_editor()
    language = BY_CODE[lang]
    state = content.module_state(module, lang)
    draft = data.get_pending_draft(module, lang, author_id=staff.id)
    shown = draft or state.revision
    form = RevisionForm(obj=shown)
    if request.method == "GET":
        reviewed = shown is not None and shown.review_status != ReviewStatus.UNREVIEWED
        form.review_status.data = "reviewed" if reviewed else "unreviewed-draft"
        form.minor.data = bool(draft and draft.minor)
        base = (draft.base_revision_id if draft else state.revision.id if state.revision else None) or 0
        form.base_revision.data = str(base)
        form.draft_stamp.data = content.draft_stamp(draft)
        form.publish_at.data = to_stockholm(draft.publish_at) if draft and draft.publish_at else None
        if language.direction == "rtl" and form.body.data:
            form.body.data = isolate_markdown_source(form.body.data)
    direction = {"lang": lang, "dir": language.direction}
    # In a right-to-left textarea the isolates keep links, anchors and numbers in true order.
    # The browser stops typing at the limit, and the hint says it before anything is sent.
    form.body.render_kw = {
        **(form.body.render_kw or {}),
        **direction,
        "class": "markdown-source",
        "maxlength": BODY_MAX,
    }
    form.title.render_kw = direction
    form.summary.render_kw = {**(form.summary.render_kw or {}), **direction}
    preview = None
    conflict = None
    status = 200
    if request.method == "POST":
        if form.preview.data:
            form.validate()
            preview = render_sections(strip_isolates(form.body.data or ""))
            status = 422 if form.errors else 200
            if status == 200 and language.direction == "rtl":
                # Links and numbers typed since the page opened are isolated too, from now on.
                form.body.data = isolate_markdown_source(form.body.data or "")
        elif form.validate():
            values = content.RevisionInput(
                title=form.title.data,
                summary=form.summary.data,
                body=form.body.data,
                review_status=form.review_status.data,
                minor=form.minor.data,
                matches_current_source=form.matches_source.data,
            )
            try:
                result = content.submit_revision(
                    module,
                    lang,
                    values,
                    staff=staff,
                    publish=bool(form.publish.data),
                    base_revision_id=base_revision_id(form.base_revision.data),
                    draft_stamp_seen=form.draft_stamp.data if form.draft_stamp.raw_data else None,
                    publish_at=from_stockholm(form.publish_at.data) if form.publish_at.data else None,
                )
            except ContentFormatError as error:
                for problem in error.problems:
                    form[field_for(problem)].errors = [*form[field_for(problem)].errors, problem_message(problem)]
                status = 422
            except content.ScheduleInPast:
                form.publish_at.errors = [_("That time has passed. Choose a later time, or leave it empty.")]
                status = 422
            except content.EditConflict as error:
                # Nothing is saved and the editor's text stays in the form. The form is now based
                # on the newest revision (or draft): saving again, after looking, is a deliberate choice.
                conflict = error
                if error.own_draft:
                    form.draft_stamp.data = content.draft_stamp(error.theirs)
                else:
                    form.base_revision.data = str(error.theirs.id if error.theirs else 0)
                status = 409
            else:
                if result.outcome == content.SaveOutcome.SCHEDULED:
                    when = format_datetime(result.revision.publish_at, "short")
                    flash(_("The text will be published on %(time)s.", time=when))
                else:
                    flash(str(SAVED_MESSAGES[result.outcome]))
                went_out = result.outcome in (content.SaveOutcome.PUBLISHED, content.SaveOutcome.SCHEDULED)
                if went_out and lang == SOURCE_LANGUAGE and minor_change_touches(state.revision, result.revision):
                    flash(
                        _(
                            "This minor change touched a number, link, name or term. The translations' sections "
                            "it touched go back to unreviewed until a translator checks them again."
                        )
                    )
                if state.is_stale and not form.matches_source.data and result.outcome == content.SaveOutcome.PUBLISHED:
                    # The box left unticked is how a translation got published and stayed stale unseen.
                    flash(
                        _(
                            "The translation is still marked as made from an older Swedish text. If it now "
                            "matches the current Swedish, tick the box and publish again."
                        )
                    )
                return redirect(url_for("editor.edit", slug=slug, lang=lang))
        else:
            status = 422
    others = presence.mark_editing(module, lang, staff) if request.method == "GET" else []
    return (
        render_template(
            "editor/edit.html",
            module=module,
            module_title=module_title(module),
            language=language,
            state=state,
            draft=draft,
            drafts=data.list_drafts(module, lang),
            staff=staff,
            others=others,
            form=form,
            preview=preview,
            conflict=conflict,
            conflict_diffs=_conflict_diffs(conflict, form) if conflict else None,
            is_source=lang == SOURCE_LANGUAGE,
            source=data.get_published_revision(module, SOURCE_LANGUAGE),
            source_from=(
                data.find_revision_by_body(module, SOURCE_LANGUAGE, state.revision.source_revision)
                if state.is_stale
                else None
            ),
            confirm=ConfirmForm(),
            may_confirm=bool(state.revision and content.may_confirm_review(state.revision, staff)),
            body_max=format_number(BODY_MAX),
            pairs=content.side_by_side(module, state.revision) if state.revision and lang != SOURCE_LANGUAGE else [],
            reviews=_section_reviews(module, state, staff) if lang != SOURCE_LANGUAGE else {},
            translator=lang != SOURCE_LANGUAGE and content.is_translator(staff, lang),
            readability=section_readability(strip_isolates(form.body.data or "")) if lang == SOURCE_LANGUAGE else [],
            lix_limit=LIX_LIMIT,
            decimal=format_decimal,
            task=content.open_task_for(module, lang) if lang != SOURCE_LANGUAGE else None,
        ),
        status,
    )


def _section_reviews(module: ContentModule, state, staff) -> dict:
    """Each section's review of the published translation, by anchor ("#head": title and summary)."""
    if state.revision is None:
        return {}
    return {review.anchor: review for review in content.unit_reviews(module, state.revision, staff=staff)}


def to_stockholm(moment: datetime) -> datetime:
    """A stored UTC time as the naive Stockholm wall time a datetime-local field shows."""
    return moment.astimezone(STOCKHOLM).replace(tzinfo=None)


def from_stockholm(wall: datetime) -> datetime:
    """A datetime-local field's Stockholm wall time as UTC (editors think in Swedish time)."""
    return wall.replace(tzinfo=STOCKHOLM).astimezone(UTC)


def _conflict_diffs(conflict: content.EditConflict, form: RevisionForm) -> dict[str, list]:
    """What the other editor changed and what this one changed, each from the text both started from."""
    if conflict.own_draft:
        # The same editor in another tab: "theirs" is that draft, "base" the published text.
        conflict = content.EditConflict(conflict.base, conflict.theirs)
    base = content.revision_text(conflict.base) if conflict.base else ""
    theirs = content.revision_text(conflict.theirs) if conflict.theirs else ""
    yours = content.form_text(form.title.data or "", form.summary.data or "", strip_isolates(form.body.data or ""))
    return {"theirs": content.diff_texts(base, theirs), "yours": content.diff_texts(base, yours)}


def _pending_or_404(module: ContentModule, lang: str, revision_id: int):
    revision = content.get_module_revision(module, revision_id)
    if revision is None or revision.language != lang:
        abort(404)
    return revision


@bp.post("/<slug>/<lang>/drafts/<int:draft_id>/discard")
@staff_required(Role.EDITOR)
def discard(slug: str, lang: str, draft_id: int):
    module = module_or_404(slug, lang)
    staff = regional_editor()
    draft = _pending_or_404(module, lang, draft_id)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    if draft.author_staff_id != staff.id or draft.status not in data.WAITING:
        abort(404)  # another editor's draft is private: do not say it exists
    content.discard_draft(draft, staff=staff)
    flash(_("Your draft is discarded."))
    return redirect(url_for("editor.edit", slug=slug, lang=lang))


@bp.post("/<slug>/<lang>/approve/<int:revision_id>")
@staff_required(Role.EDITOR)
def approve(slug: str, lang: str, revision_id: int):
    module = module_or_404(slug, lang)
    staff = regional_editor()
    submission = _pending_or_404(module, lang, revision_id)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    if submission.status != RevisionStatus.AWAITING_APPROVAL:
        abort(404)
    try:
        content.approve_submission(submission, staff=staff)
    except content.SelfReview:
        abort(403, description=_("You wrote this change, so another editor must approve it."))
    except content.SubmissionOutdated:
        flash(_("The published text changed after this was sent. Its writer must update it first."))
    else:
        flash(_("The text is published."))
    return redirect(url_for("editor.edit", slug=slug, lang=lang))


@bp.post("/<slug>/<lang>/review/<int:revision_id>")
@staff_required(Role.EDITOR)
def confirm_review(slug: str, lang: str, revision_id: int):
    module = module_or_404(slug, lang)
    staff = regional_editor()
    revision = _pending_or_404(module, lang, revision_id)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    try:
        content.confirm_review(revision, staff=staff)
    except content.SelfReview:
        abort(403, description=str(SAVED_MESSAGES[content.SaveOutcome.REVIEW_REQUESTED]))
    except content.NotTranslator:
        abort(403, description=_("Only a translator of this language can confirm the review."))
    except content.NotAllowed:
        abort(404)
    flash(_("The review is recorded."))
    return redirect(url_for("editor.edit", slug=slug, lang=lang))


@bp.get("/<slug>/<lang>/history")
@staff_required(Role.EDITOR)
def history(slug: str, lang: str):
    module = module_or_404(slug, lang)
    # Drafts are their authors' own; they are listed on the edit page, not here.
    revisions = [r for r in data.list_revisions(module, lang) if r.status != RevisionStatus.DRAFT]
    current = data.get_published_revision(module, lang)
    return render_template(
        "editor/history.html",
        module=module,
        module_title=module_title(module),
        language=BY_CODE[lang],
        revisions=revisions,
        current=current,
        regional=content.can_edit_regional(current_staff_user()),
    )


@bp.get("/<slug>/<lang>/diff")
@staff_required(Role.EDITOR)
def diff(slug: str, lang: str):
    module = module_or_404(slug, lang)
    old = content.get_module_revision(module, request.args.get("from", type=int) or 0)
    new = content.get_module_revision(module, request.args.get("to", type=int) or 0)
    if old is None or new is None or old.language != lang or new.language != lang:
        abort(404)
    staff = current_staff_user()
    if any(r.status == RevisionStatus.DRAFT and r.author_staff_id != staff.id for r in (old, new)):
        abort(404)  # another editor's draft is private
    return render_template(
        "editor/diff.html",
        module=module,
        module_title=module_title(module),
        language=BY_CODE[lang],
        old=old,
        new=new,
        lines=content.diff_revisions(old, new),
    )


@bp.route("/<slug>/<lang>/revert/<int:revision_id>", methods=["GET", "POST"])
@staff_required(Role.EDITOR)
def revert(slug: str, lang: str, revision_id: int):
    module = module_or_404(slug, lang)
    staff = regional_editor()
    old = content.get_module_revision(module, revision_id)
    if old is None or old.language != lang or old.status != RevisionStatus.PUBLISHED:
        abort(404)
    current = data.get_published_revision(module, lang)
    form = ConfirmForm()
    if request.method == "POST":
        if not form.validate_on_submit():
            abort(400)
        reverted = content.revert_to(old, staff=staff)
        if reverted.status == RevisionStatus.AWAITING_APPROVAL:
            # A Swedish revert is a Swedish change: it waits for the second editor like any other.
            flash(str(SAVED_MESSAGES[content.SaveOutcome.AWAITING_APPROVAL]))
            return redirect(url_for("editor.edit", slug=slug, lang=lang))
        flash(_("The older text is published again."))
        return redirect(url_for("editor.history", slug=slug, lang=lang))
    # A confirm step: what would change, before anything is published.
    return render_template(
        "editor/revert.html",
        module=module,
        module_title=module_title(module),
        language=BY_CODE[lang],
        old=old,
        current=current,
        drafts=data.list_drafts(module, lang),
        lines=content.diff_revisions(current, old) if current else [],
        form=form,
    )
