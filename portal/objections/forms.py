"""Objection forms. Labels use lazy_gettext: they are defined at import time.

Radio and select fields skip WTForms' own choice check (its message is English only); the
service checks the values and the view puts its translated message on the field.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, HiddenField, RadioField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, Optional

from portal.models.objection import REASONS_MAX_LENGTH, TEXT_MAX_LENGTH, WANTED_MAX_LENGTH
from portal.planning.forms import MultiCheckboxField

_TOO_LONG = _l("Please write at most %(max)d characters.")


class ObjectionForm(FlaskForm):
    target = RadioField(
        _l("What do you object to?"),
        choices=[],
        validate_choice=False,
        validators=[InputRequired(message=_l("Choose something that is in your plan."))],
    )
    reason = RadioField(
        _l("Why do you object?"),
        choices=[],
        validate_choice=False,
        validators=[InputRequired(message=_l("Choose the reason that fits best."))],
    )
    wanted = TextAreaField(
        _l("What do you want instead?"),
        description=_l("For example another time, another place or another activity. You can leave this empty."),
        validators=[Optional(), Length(max=WANTED_MAX_LENGTH, message=_TOO_LONG)],
        render_kw={"dir": "auto", "rows": 3},
    )
    text = TextAreaField(
        _l("Tell us more"),
        description=_l("Write in your own words, in any language."),
        validators=[
            DataRequired(message=_l("Please write why you object. You can write in any language.")),
            Length(max=TEXT_MAX_LENGTH, message=_TOO_LONG),
        ],
        render_kw={"dir": "auto", "rows": 6},
    )
    text_language = SelectField(
        _l("Which language did you write in?"), choices=[], validate_choice=False, validators=[Optional()]
    )
    interpreter = BooleanField(_l("I want an interpreter"))
    phone_call = BooleanField(_l("I want a phone call"))
    idempotency_key = HiddenField()


class EscalationForm(FlaskForm):
    text = TextAreaField(
        _l("Why do you want an independent review?"),
        description=_l("You can leave this empty."),
        validators=[Optional(), Length(max=WANTED_MAX_LENGTH, message=_TOO_LONG)],
        render_kw={"dir": "auto", "rows": 3},
    )


class DecisionForm(FlaskForm):
    outcome = RadioField(
        _l("Decision"), choices=[], validate_choice=False, validators=[InputRequired(message=_l("Choose a decision."))]
    )
    grounds = MultiCheckboxField(
        _l("Grounds"),
        description=_l(
            "Choose one or more. The newcomer reads them in their own language, on the case page and in the SMS."
        ),
        choices=[],
        validate_choice=False,
        validators=[
            DataRequired(
                message=_l("Choose at least one ground. The newcomer reads the grounds in their own language.")
            )
        ],
    )
    reasons = TextAreaField(
        _l("Reasons"),
        description=_l("The newcomer reads the reasons. Write plainly; say what happens next."),
        validators=[
            DataRequired(message=_l("Write the reasons for the decision. The newcomer will read them.")),
            Length(max=REASONS_MAX_LENGTH, message=_TOO_LONG),
        ],
        render_kw={"dir": "auto", "rows": 8},
    )
    plan_version = SelectField(
        _l("Plan version that carries out the decision"),
        description=_l("Needed when the objection is upheld: change the plan first, then choose the new version."),
        choices=[],
        validate_choice=False,
        validators=[Optional()],
    )


class QueueFilterForm(FlaskForm):
    """The caseworker's queue filters; a GET form, so no CSRF token."""

    class Meta:
        csrf = False

    status = SelectField(_l("Status"), choices=[], validate_choice=False, validators=[Optional()])
    overdue = BooleanField(_l("Only overdue cases"))
    language = SelectField(_l("Language"), choices=[], validate_choice=False, validators=[Optional()])


class FollowUpFilterForm(FlaskForm):
    class Meta:
        csrf = False

    period = SelectField(_l("Objections filed"), choices=[], validate_choice=False, validators=[Optional()])


class CaseLookupForm(FlaskForm):
    """Find one of your own cases by its number (the number from the SMS)."""

    class Meta:
        csrf = False

    case = StringField(
        _l("Case number"),
        description=_l("For example K7QX-3M2A"),
        validators=[DataRequired(message=_l("Please write the case number.")), Length(max=20)],
        render_kw={"autocomplete": "off", "dir": "ltr", "autocapitalize": "characters"},
    )
