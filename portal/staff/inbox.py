"""/staff/inbox: the staff member's notifications (new objections, requests, deadlines, escalations)."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy.exc import SQLAlchemyError

from portal import notifications
from portal.access import current_staff_user, staff_required
from portal.extensions import db
from portal.forms import Form
from portal.models import MailMode
from portal.notifications.inbox import kind_label
from portal.staff.forms import MailModeForm
from portal.staff.views import bp


@bp.app_context_processor
def inject_inbox_count():
    """The unread count in the staff header, on every page a staff member sees."""
    if current_user.is_authenticated and getattr(current_user, "kind", None) == "staff":
        try:
            return {"inbox_unread": notifications.unread_count(current_user)}
        except SQLAlchemyError:
            # An error page while the database is down must still render: no count then.
            db.session.rollback()
    return {}


@bp.get("/inbox")
@staff_required()
def inbox():
    staff = current_staff_user()
    return render_template(
        "staff/inbox.html",
        items=[(n, kind_label(n.kind)) for n in notifications.inbox_for(staff)],
        form=Form(),
        mail_form=MailModeForm(formdata=None, mail_mode=notifications.mail_mode_for(staff).value),
    )


@bp.get("/inbox/<int:notification_id>")
@staff_required()
def open_notification(notification_id: int):
    """Open a notification (the e-mail's link): mark it read and go to what it is about."""
    target = notifications.open_notification(current_staff_user(), notification_id)
    if target is None:
        abort(404)
    return redirect(target)


@bp.post("/inbox/read")
@staff_required()
def mark_all_read():
    if not Form().validate_on_submit():
        abort(400)
    notifications.mark_all_read(current_staff_user())
    flash(_("All notifications are marked as read."))
    return redirect(url_for("staff.inbox"))


@bp.post("/inbox/mail")
@staff_required()
def mail_mode():
    form = MailModeForm()
    if not form.validate_on_submit():
        abort(400)
    notifications.set_mail_mode(current_staff_user(), MailMode(form.mail_mode.data))
    flash(_("Your choice is saved."))
    return redirect(url_for("staff.inbox"))
