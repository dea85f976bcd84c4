"""Forms on the caseworker's people pages."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import RadioField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length

from portal.forms import Form
from portal.services.tasks import NOTE_MAX_LENGTH


class ErasureConfirmForm(Form):
    # Kept in the audit log with the erasure: how the request came in, never personal details.
    reason = StringField(
        _l("Reason"),
        validators=[DataRequired(message=_l("Please write a reason.")), Length(max=200)],
        description=_l("How the request came in and how you checked it, for the audit log. No personal details."),
    )


class TaskAssignForm(Form):
    assignee = SelectField(_l("Assign to"), coerce=int)


class TaskDoneForm(Form):
    # Staff only: what was done, for the colleague who picks up the case next.
    note = TextAreaField(
        _l("What was done"),
        validators=[DataRequired(message=_l("Write what was done.")), Length(max=NOTE_MAX_LENGTH)],
    )


class MailModeForm(Form):
    # The inbox always shows everything; this is only about e-mail.
    mail_mode = RadioField(
        _l("E-mail about notifications"),
        choices=[
            ("each", _l("One e-mail for each notification")),
            ("daily", _l("One e-mail a day with a summary")),
            ("off", _l("No e-mail; I look at this page")),
        ],
        validators=[DataRequired()],
    )


class HandoffReplyForm(Form):
    # Sent as written, after a label in the newcomer's language that says it is in Swedish.
    text = TextAreaField(
        _l("Your answer, in Swedish"),
        validators=[DataRequired(message=_l("Write your answer.")), Length(max=800)],
        description=_l("The newcomer gets it by SMS, with a line in their language saying it is from you, in Swedish."),
    )


class HandoffCloseForm(Form):
    # No outcome is chosen for the caseworker: closing is a decision, never one click.
    outcome = SelectField(_l("What came of it"), validators=[DataRequired(message=_l("Choose what came of it."))])
    note = TextAreaField(_l("Note for colleagues (optional)"), validators=[Length(max=1000)])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from portal.catalogues import HANDOFF_OUTCOMES

        self.outcome.choices = [("", _l("Choose"))] + [(o.key, str(o.label)) for o in HANDOFF_OUTCOMES]


class IdentityNumberForm(Form):
    # Optional; validated and encrypted by services.identity_numbers. Empty removes it.
    identity_number = StringField(
        _l("Personnummer or samordningsnummer"),
        validators=[Length(max=20)],
        description=_l("YYYYMMDD-NNNN. Leave empty to remove it. Showing it in full is logged."),
    )
