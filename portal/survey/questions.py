"""The survey's questions: one catalogue, read by the web form, the SMS and the figures.

Modelled on SCB's NKI: three overall questions on a 1-10 scale (satisfaction overall, against
expectations, against the ideal), then one question per factor. Every text is a catalogue
entry, so each reaches the person in their language.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l

MILESTONES = ("three_months", "closed")
SCALE = range(1, 11)


@dataclass(frozen=True)
class Question:
    key: str  # the SurveyResponse column
    text: object  # a lazy string
    overall: bool
    weight: float = 0.0  # the overall questions' weights in the index; they add up to 1


QUESTIONS: tuple[Question, ...] = (
    Question(
        "overall_satisfied",
        _l("All in all, how satisfied are you with your introduction? 1 is very dissatisfied, 10 very satisfied."),
        True,
        1 / 3,
    ),
    Question(
        "overall_expectations",
        _l("How well did the introduction meet your expectations? 1 is far below, 10 far above."),
        True,
        1 / 3,
    ),
    Question(
        "overall_ideal",
        _l("Think of an ideal introduction. How close is yours? 1 is very far, 10 very close."),
        True,
        1 / 3,
    ),
    Question("factor_information", _l("How good was the information you got? 1 is very bad, 10 very good."), False),
    Question(
        "factor_together",
        _l("Was your plan made together with you? 1 is not at all, 10 completely."),
        False,
    ),
    Question(
        "factor_available",
        _l("Could you reach your caseworker when you needed to? 1 is never, 10 always."),
        False,
    ),
    Question(
        "factor_goals",
        _l("Did your activities match your goals? 1 is not at all, 10 completely."),
        False,
    ),
    Question(
        "factor_object",
        _l("Did you know you could object to your plan, and how? 1 is not at all, 10 completely."),
        False,
    ),
)
OVERALL = tuple(q for q in QUESTIONS if q.overall)
FACTORS = tuple(q for q in QUESTIONS if not q.overall)
