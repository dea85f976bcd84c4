"""The editors' view of 'Was this page helpful?': yes and no per module and language (issue 14, item 6)."""

from __future__ import annotations

from flask import render_template

from portal.access import staff_required
from portal.data import content as data
from portal.data.feedback import feedback_counts
from portal.editor.base import bp, module_title
from portal.languages import BY_CODE
from portal.models import Role


@bp.get("/feedback")
@staff_required(Role.EDITOR)
def feedback():
    """The counts, the modules with most 'not helpful' first: where a text needs work."""
    titles = {}
    for row in (counts := feedback_counts()):
        if row.module_slug not in titles:
            module = data.get_module(row.module_slug)
            titles[row.module_slug] = module_title(module) if module else row.module_slug
    return render_template("editor/feedback.html", counts=counts, titles=titles, languages=BY_CODE)
