"""A translator marks one section checked beside the Swedish, on the edit page (issue 16, item 3)."""

from __future__ import annotations

from flask import abort, flash, redirect, request, url_for
from flask_babel import gettext as _

from portal.access import current_staff_user, staff_required
from portal.editor.base import bp, module_or_404
from portal.forms import ConfirmForm
from portal.languages import SOURCE_LANGUAGE
from portal.models import Role
from portal.services import content
from portal.services.content.reviews import NotTranslator, SelfReview


@bp.post("/<slug>/<lang>/sections/review")
@staff_required(Role.EDITOR)
def review_section(slug: str, lang: str):
    module = module_or_404(slug, lang)
    if lang == SOURCE_LANGUAGE:
        abort(404)  # the Swedish is the source: its review is the whole text's (editor.confirm_review)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    anchor = request.form.get("anchor", "")
    try:
        content.review_section(
            module,
            lang,
            anchor,
            staff=current_staff_user(),
            revision_id=request.form.get("revision_id", type=int) or 0,
            source_revision=request.form.get("source_revision", ""),
        )
    except NotTranslator:
        abort(403, description=_("Only a translator of this language can confirm the review."))
    except SelfReview:
        abort(403, description=_("You wrote this section, so another translator must check it."))
    except content.TextChanged:
        flash(_("The text changed while you had it open. Read the section again before you mark it checked."))
    except content.NotAllowed:
        abort(404)
    else:
        flash(_("The section is marked as checked."))
    return redirect(url_for("editor.edit", slug=slug, lang=lang, _anchor=f"review-{anchor.lstrip('#') or 'intro'}"))
