"""The survey's web form: one set of 1-10 radio buttons per question of the catalogue."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import RadioField
from wtforms.validators import InputRequired, Optional

from portal.survey.questions import QUESTIONS, SCALE

_CHOICES = [(str(n), str(n)) for n in SCALE]
_REQUIRED = InputRequired(message=_l("Choose a number from 1 to 10."))


class SurveyForm(FlaskForm):
    pass


for _question in QUESTIONS:
    setattr(
        SurveyForm,
        _question.key,
        RadioField(
            _question.text,
            choices=_CHOICES,
            validators=[_REQUIRED] if _question.overall else [Optional()],
        ),
    )


def answers(form: SurveyForm) -> dict[str, int | None]:
    return {q.key: int(form[q.key].data) if form[q.key].data else None for q in QUESTIONS}
