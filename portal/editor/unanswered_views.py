"""Searches with no good answer: what readers asked that the texts do not answer, and adding it as a question."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from portal.access import current_staff_user, staff_required
from portal.editor.base import bp, regional_editor
from portal.forms import ConfirmForm
from portal.languages import BY_CODE, LANGUAGES
from portal.models import Role
from portal.services import content
from portal.services.search import unanswered


@bp.get("/unanswered")
@staff_required(Role.EDITOR)
def unanswered_queries():
    language = request.args.get("lang") if request.args.get("lang") in BY_CODE else None
    rows = unanswered.unanswered_report(language)
    staff = current_staff_user()
    regional = content.can_edit_regional(staff)
    choices = {code: unanswered.section_choices(code) for code in {r.language for r in rows}} if regional else {}
    return render_template(
        "editor/unanswered.html",
        rows=rows,
        choices=choices,
        language=language,
        languages=LANGUAGES,
        regional=regional,
        form=ConfirmForm(),
        min_count=unanswered.MIN_COUNT,
        retention_days=unanswered.RETENTION_DAYS,
    )


@bp.post("/unanswered/<int:query_id>")
@staff_required(Role.EDITOR)
def add_unanswered_question(query_id: int):
    staff = regional_editor()
    if not ConfirmForm().validate_on_submit():
        abort(400)
    added = unanswered.add_question(staff, query_id, request.form.get("target", ""))
    if added is None:
        abort(404)
    flash(_("The question was added to the draft. Check it and publish."))
    return redirect(url_for("editor.edit", slug=added[0], lang=added[1]))
