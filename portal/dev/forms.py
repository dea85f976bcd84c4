from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Regexp

from portal.forms import Form


class SimulatorForm(Form):
    phone = StringField(
        _l("Phone number (E.164, for example +46701234567)"),
        validators=[
            DataRequired(message=_l("Please write your mobile number.")),
            Regexp(r"^\+[1-9]\d{6,14}$", message=_l("Write the number with + and the country code.")),
        ],
        render_kw={"dir": "ltr", "inputmode": "tel", "autocomplete": "off"},
    )
    message = TextAreaField(
        _l("Message"),
        validators=[DataRequired(message=_l("Please write a message.")), Length(max=1600)],
        render_kw={"rows": 3, "dir": "auto"},
    )
    whatsapp = BooleanField(_l("Send as a WhatsApp message"))
