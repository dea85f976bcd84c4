"""A confirmation step for destructive staff actions (removing an activity, closing a request, a transfer).

The action's own form posts without `confirm`; the view then answers with this page, which posts
the same fields again with `confirm=yes`. No JavaScript is needed, and a slip of the finger on a
list of 60 people no longer removes anything.
"""

from __future__ import annotations

from flask import render_template, request


def confirmed() -> bool:
    """The request carries the answer of the confirmation page."""
    return request.form.get("confirm") == "yes"


def confirm_page(
    *, title: str, question: str, action: str, fields: dict[str, object], confirm_label: str, cancel_url: str
) -> str:
    """The page that asks before an action; its form posts `fields` back to `action` with confirm=yes."""
    return render_template(
        "staff/confirm.html",
        title=title,
        question=question,
        action=action,
        fields=fields,
        confirm_label=confirm_label,
        cancel_url=cancel_url,
    )
