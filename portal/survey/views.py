"""The newcomer's survey page: the questions of the milestone that is due, answered once."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _

from portal.access import current_person, newcomer_required
from portal.local_time import stockholm_today
from portal.survey.forms import SurveyForm, answers
from portal.survey.questions import QUESTIONS
from portal.survey.service import due_milestone, save_answers

bp = Blueprint("survey", __name__)


@bp.route("/survey", methods=["GET", "POST"])
@newcomer_required
def answer():
    person = current_person()
    today = stockholm_today()
    milestone = due_milestone(person, today)
    if milestone is None:
        return render_template("survey/none.html")
    form = SurveyForm()
    if form.validate_on_submit():
        if not save_answers(person, milestone, answers(form), today):  # answered already, perhaps in another tab
            return render_template("survey/none.html")
        flash(_("Thank you. Your answers are saved without your name."))
        return redirect(url_for("survey.answer"))
    return render_template("survey/form.html", form=form, milestone=milestone, questions=QUESTIONS)
