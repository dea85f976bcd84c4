"""The newcomer's survey page: the questions of the milestone that is due, answered once."""

from __future__ import annotations

from datetime import datetime

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from sqlalchemy.exc import IntegrityError

from portal.access import current_person, newcomer_required
from portal.extensions import db
from portal.services.schedule import STOCKHOLM
from portal.survey.forms import SurveyForm, answers
from portal.survey.questions import QUESTIONS
from portal.survey.service import SurveyError, due_milestone, submit

bp = Blueprint("survey", __name__)


@bp.route("/survey", methods=["GET", "POST"])
@newcomer_required
def answer():
    person = current_person()
    today = datetime.now(STOCKHOLM).date()
    milestone = due_milestone(person, today)
    if milestone is None:
        return render_template("survey/none.html")
    form = SurveyForm()
    if form.validate_on_submit():
        try:
            submit(person, milestone, answers(form), today)
        except (SurveyError, IntegrityError):  # answered already, perhaps in another tab at once
            db.session.rollback()
            return render_template("survey/none.html")
        db.session.commit()
        flash(_("Thank you. Your answers are saved without your name."))
        return redirect(url_for("survey.answer"))
    return render_template("survey/form.html", form=form, milestone=milestone, questions=QUESTIONS)
