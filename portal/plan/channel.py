"""/plan/channel: the newcomer chooses SMS or WhatsApp for their reminders and messages.

Shown on the reminders page only when WhatsApp is configured. WhatsApp needs the person to
have written to us there within 24 hours, or an approved template; otherwise the message goes
by SMS (portal.whatsapp), so choosing WhatsApp never costs a reminder.
"""

from __future__ import annotations

from flask import abort, flash, redirect, url_for
from flask_babel import gettext as _

from portal.access import current_person, newcomer_required
from portal.plan.forms import ChannelForm
from portal.plan.views import bp
from portal.services import people
from portal.whatsapp import routing


@bp.app_template_global()
def message_channel_form() -> ChannelForm | None:
    """The channel choice for the signed-in newcomer's page, or None when WhatsApp is off."""
    person = current_person()
    if person is None or not routing.enabled():
        return None
    return ChannelForm(formdata=None, channel=person.message_channel)


@bp.post("/plan/channel")
@newcomer_required
def message_channel():
    form = ChannelForm()
    if not form.validate_on_submit() or not routing.enabled():
        abort(400)
    people.set_channel(current_person(), form.channel.data)
    flash(_("Your choice is saved."))
    return redirect(url_for("plan.reminders"))
