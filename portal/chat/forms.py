from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import TextAreaField
from wtforms.validators import DataRequired, Length

from portal.forms import Form

MESSAGE_MAX_CHARS = 1000


class ChatForm(Form):
    message = TextAreaField(
        _l("Your message"),
        validators=[
            DataRequired(message=_l("Please write a message.")),
            Length(max=MESSAGE_MAX_CHARS, message=_l("Please write at most %(max)d characters.")),
        ],
        render_kw={"rows": 2, "dir": "auto", "maxlength": MESSAGE_MAX_CHARS, "autocomplete": "off"},
    )
