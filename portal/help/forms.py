"""The reception's contact details form. Labels use lazy_gettext: they are defined at import time."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import EmailField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from portal.forms import Form
from portal.services.contacts import WEEKDAYS


class ContactForm(Form):
    phone = StringField(
        _l("Reception phone number"),
        description=_l("As people dial it, for example 08-523 010 00. It becomes a link they can tap."),
        validators=[DataRequired(message=_l("Write the reception's phone number.")), Length(max=40)],
        render_kw={"dir": "ltr", "autocomplete": "off", "inputmode": "tel"},
    )
    email = EmailField(_l("E-mail"), validators=[Optional(), Length(max=254)], render_kw={"dir": "ltr"})
    address = TextAreaField(_l("Visiting address"), validators=[Optional(), Length(max=500)], render_kw={"rows": 3})


# One pair of time fields per weekday; a day with both empty is closed. Times are typed as HH:MM
# (the input is type=time where the browser supports it) and shown in each reader's language.
for _day in WEEKDAYS:
    setattr(ContactForm, f"opens_{_day}", StringField(_l("Opens"), render_kw={"type": "time", "dir": "ltr"}))
    setattr(ContactForm, f"closes_{_day}", StringField(_l("Closes"), render_kw={"type": "time", "dir": "ltr"}))
