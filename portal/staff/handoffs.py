"""/staff/handoffs: newcomers who asked the assistant for a person, with their language marked."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _

from portal.access import current_staff_user, staff_required
from portal.data.conversations import list_messages, list_open_handoffs
from portal.data.people import visible_org_ids
from portal.forms import Form
from portal.models import Role
from portal.reminders.replies import cannot_come_by_handoff
from portal.services import handoffs
from portal.staff.forms import HandoffCloseForm, HandoffReplyForm
from portal.staff.views import bp


@bp.get("/handoffs")
@staff_required(Role.CASEWORKER)
def handoff_requests():
    staff = current_staff_user()
    found = list_open_handoffs(visible_org_ids(staff, Role.CASEWORKER))
    handoffs.record_list(len(found))
    # Requests made by replying 0 to a reminder say which occurrence the person cannot come to.
    cannot_come = cannot_come_by_handoff([h.id for h in found])
    return render_template("staff/handoffs.html", handoffs=found, form=Form(), cannot_come=cannot_come)


def _handoff_or_404(handoff_id: int):
    handoff = handoffs.get_handoff_for_staff(current_staff_user(), handoff_id)
    if handoff is None:
        handoffs.record_read_denied(handoff_id)
        abort(404)
    return handoff


def _render_handoff(handoff, status: int = 200, **forms):
    messages = list_messages(handoff.conversation, limit=30) if handoff.conversation else []
    return render_template(
        "staff/handoff.html",
        handoff=handoff,
        messages=messages,
        reply_form=forms.get("reply_form") or HandoffReplyForm(formdata=None),
        close_form=forms.get("close_form") or HandoffCloseForm(formdata=None),
    ), status


@bp.get("/handoffs/<int:handoff_id>")
@staff_required(Role.CASEWORKER)
def handoff(handoff_id: int):
    found = _handoff_or_404(handoff_id)
    handoffs.record_read(found)
    return _render_handoff(found)


@bp.post("/handoffs/<int:handoff_id>/reply")
@staff_required(Role.CASEWORKER)
def reply_to_handoff(handoff_id: int):
    found = _handoff_or_404(handoff_id)
    if found.person is None:
        abort(404)  # a stranger's request has no reply form: the reception calls them back
    form = HandoffReplyForm()
    if not form.validate_on_submit():
        return _render_handoff(found, 422, reply_form=form)
    result = handoffs.reply_to_handoff(current_staff_user(), found, form.text.data)
    if result.sent_by_sms:
        flash(_("Your answer was sent to %(name)s.", name=found.person.name))
    elif result.message is not None and found.channel == "chat":
        flash(_("Your answer is in the chat. %(name)s gets no SMS: call them if it is urgent.", name=found.person.name))
    else:
        flash(_("The SMS could not be sent to %(name)s. Please call them.", name=found.person.name))
    return redirect(url_for("staff.handoff", handoff_id=found.id, _anchor="conversation"))


@bp.post("/handoffs/<int:handoff_id>/close")
@staff_required(Role.CASEWORKER)
def close_handoff(handoff_id: int):
    found = _handoff_or_404(handoff_id)
    form = HandoffCloseForm()
    if not form.validate_on_submit():
        # The list's "Mark as handled" opens this page: choosing an outcome is the confirmation.
        return _render_handoff(found, 200 if not form.outcome.data else 422, close_form=form)
    handoffs.close_handoff(current_staff_user(), found.id, form.outcome.data, form.note.data)
    flash(_("The request is marked as handled."))
    return redirect(url_for("staff.handoff_requests"))
