"""The newcomer's forms about their own data."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, RadioField, SelectField
from wtforms.validators import DataRequired

from portal.forms import Form


class ErasureRequestForm(Form):
    # A box to tick, so that one tap on a small screen never asks for an erasure by mistake.
    understood = BooleanField(
        _l("I understand what will be erased and what the municipality must keep."),
        validators=[DataRequired(message=_l("Please tick the box to show that you have read this."))],
    )


class ReminderForm(Form):
    """The newcomer's reminder choice; the choices are filled in by the view (times in their locale)."""

    evening = BooleanField(_l("The evening before"))
    evening_hour = SelectField(_l("At what time in the evening"), coerce=int)
    hours_before = SelectField(_l("Also some hours before"), coerce=int)


class ChannelForm(Form):
    """Where the newcomer's reminders and notices go (portal.whatsapp)."""

    channel = RadioField(
        _l("Send my reminders and messages by"),
        choices=[("sms", "SMS"), ("whatsapp", "WhatsApp")],
        validators=[DataRequired()],
    )
