"""Forms on the caseworker's people pages."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import StringField
from wtforms.validators import DataRequired, Length

from portal.forms import Form


class ErasureConfirmForm(Form):
    # Kept in the audit log with the erasure: how the request came in, never personal details.
    reason = StringField(
        _l("Reason"),
        validators=[DataRequired(message=_l("Please write a reason.")), Length(max=200)],
        description=_l("How the request came in and how you checked it, for the audit log. No personal details."),
    )
