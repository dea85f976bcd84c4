"""Caseworker forms for building a plan. Choices come from the translated catalogues."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import (
    DateField,
    HiddenField,
    IntegerField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
    TimeField,
)
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from portal.catalogues import ACTIVITY_TYPES, GOAL_TEMPLATES
from portal.forms import Form
from portal.languages import LANGUAGES


class MultiCheckboxField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


def _language_choices():
    return [(lang.code, lang.native_name) for lang in LANGUAGES]


def weekday_choices():
    from babel.dates import get_day_names
    from flask_babel import get_locale

    names = get_day_names("wide", locale=get_locale())
    return [(str(i + 1), names[i]) for i in range(7)]


class RevisionForm(Form):
    revision = HiddenField()

    def expected_revision(self) -> int | None:
        try:
            return int(self.revision.data)
        except (TypeError, ValueError):
            return None


class CreatePlanForm(Form):
    start_date = DateField(_l("Start date of the introduction"), validators=[InputRequired(_l("Please give a date."))])


class GoalForm(RevisionForm):
    template_key = SelectField(_l("Goal"), validators=[DataRequired(_l("Please choose a goal."))])
    target_date = DateField(_l("Target date"), validators=[Optional()])
    # Named apart from the activity form's note fields: both forms share the plan page.
    goal_note = TextAreaField(_l("Note (optional)"), validators=[Optional(), Length(max=1000)])
    goal_note_language = SelectField(_l("Language of the note"), default="sv")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Whole sentences with a placeholder: an f-string around _l() is never extracted, so
        # "(short term)" stayed English on every page.
        self.template_key.choices = [
            (
                t.key,
                _l("%(goal)s (long term)", goal=t.label)
                if t.horizon == "long"
                else _l("%(goal)s (short term)", goal=t.label),
            )
            for t in GOAL_TEMPLATES
        ]
        self.goal_note_language.choices = _language_choices()


class ActivityForm(RevisionForm):
    type_key = SelectField(_l("Activity"), validators=[DataRequired(_l("Please choose an activity."))])
    provider_id = SelectField(_l("Provider"), coerce=int, validators=[Optional()])
    place = StringField(_l("Place (address)"), validators=[Optional(), Length(max=200)])
    weekdays = MultiCheckboxField(_l("Days"), validators=[DataRequired(_l("Please choose at least one day."))])
    start_time = TimeField(_l("Start time"), validators=[InputRequired(_l("Please give a time such as 09:00."))])
    duration_minutes = IntegerField(
        _l("Length in minutes"),
        validators=[
            InputRequired(_l("Please give the length in minutes.")),
            NumberRange(min=15, max=720, message=_l("The length must be between 15 and 720 minutes.")),
        ],
    )
    start_date = DateField(_l("First date"), validators=[InputRequired(_l("Please give a date."))])
    end_date = DateField(_l("Last date"), validators=[InputRequired(_l("Please give a date."))])
    note = TextAreaField(_l("Note (optional)"), validators=[Optional(), Length(max=1000)])
    note_language = SelectField(_l("Language of the note"), default="sv")

    def __init__(self, *args, providers=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.type_key.choices = [(t.key, str(t.label)) for t in ACTIVITY_TYPES]
        self.provider_id.choices = [(0, _l("No provider"))] + [(p.id, p.name) for p in providers]
        self.weekdays.choices = weekday_choices()
        self.note_language.choices = _language_choices()


class OccurrenceForm(RevisionForm):
    original_date = DateField(_l("Date of the occurrence"), validators=[InputRequired(_l("Please give a date."))])
    action = RadioField(
        _l("What happens"),
        choices=[("cancel", _l("Cancel this occurrence")), ("move", _l("Move it to another date"))],
        default="cancel",
    )
    new_date = DateField(_l("New date"), validators=[Optional()])
    new_time = TimeField(_l("New start time"), validators=[Optional()])
    # Catalogued, so the newcomer reads the reason in their own language.
    reason = SelectField(_l("Reason"), validators=[DataRequired(_l("Please choose a reason."))])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.reason.choices = reason_choices()


def reason_choices():
    from portal.catalogues import OCCURRENCE_REASONS

    return [("", _l("Choose a reason"))] + [(r.key, str(r.label)) for r in OCCURRENCE_REASONS]


class StatusForm(RevisionForm):
    status = HiddenField()


class RemoveForm(RevisionForm):
    item_id = HiddenField()


class TransferForm(Form):
    # The first choice is empty (0): a transfer is never one click on a preselected place.
    to_org = SelectField(
        _l("Move to"),
        coerce=int,
        validators=[NumberRange(min=1, message=_l("Please choose another municipality or district."))],
    )
    # For the receiving caseworkers: where the person stands and what is under way.
    handover_note = TextAreaField(
        _l("Handover note"),
        validators=[
            DataRequired(_l("Write a handover note for the new caseworker.")),
            Length(min=20, max=2000, message=_l("Write at least a few sentences for the new caseworker.")),
        ],
        description=_l("What the new caseworker needs to know: open questions, bookings, interpreter. Staff only."),
    )


class TemplateForm(RevisionForm):
    template = SelectField(_l("Template"), validators=[DataRequired(_l("Please choose a template."))])


class CopyPlanForm(RevisionForm):
    source_person = SelectField(
        _l("Copy from the plan of"),
        coerce=int,
        validators=[NumberRange(min=1, message=_l("Please choose a person."))],
    )


class SaveTemplateForm(Form):
    name = StringField(
        _l("Name of the template"),
        validators=[DataRequired(_l("Please give the template a name.")), Length(max=120)],
        description=_l("Saved for your municipality without names, notes or dates of this person."),
    )


class HolidayForm(RevisionForm):
    occurrences = MultiCheckboxField(_l("Occurrences on public holidays"))


class PaperSignatureForm(RevisionForm):
    signed_on = DateField(_l("Date of the signature"), validators=[InputRequired(_l("Please give a date."))])
