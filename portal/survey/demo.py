"""Synthetic survey answers for the demo, so a coordinator sees figures instead of "fewer than 5".

Every row is marked `demo=True` and is made by a seeded random generator, so the same demo
comes out each time. The answers are built with differences a coordinator should be able to
find, taken from what seed 003 (Integrationsverket 2002) reported: women rate the activities
matching their goals and the information lower than men, and one municipality's caseworkers
are harder to reach. Nothing here is real data.
"""

from __future__ import annotations

import random
from datetime import date

from sqlalchemy import delete

from portal.extensions import db
from portal.models import SurveyResponse
from portal.survey.questions import FACTORS, MILESTONES

LANGUAGES = ("ar", "ti", "fa", "prs", "so", "uk", "ru", "ckb", "ku", "ps", "en", "sv")
LANGUAGE_WEIGHTS = (30, 15, 10, 10, 10, 8, 5, 4, 3, 3, 1, 1)


def _answer(rng: random.Random, mean: float) -> int:
    return min(10, max(1, round(rng.gauss(mean, 1.8))))


def demo_responses(
    municipality_ids: list[int], *, count: int = 480, today: date, seed: int = 17
) -> list[SurveyResponse]:
    """`count` synthetic answers over the last eight quarters, spread over these municipalities."""
    rng = random.Random(seed)
    responses = []
    for _ in range(count):
        municipality = rng.choice(municipality_ids)
        gender = rng.choices(("woman", "man", "other", "unspecified"), (47, 47, 2, 4))[0]
        milestone = rng.choice(MILESTONES)
        months_ago = rng.randrange(24)
        year, month = divmod(today.year * 12 + today.month - 1 - months_ago, 12)
        # Satisfaction rises a little over time (the service improving), lower for women.
        base = 6.2 + (24 - months_ago) * 0.03 - (0.7 if gender == "woman" else 0.0)
        if municipality == municipality_ids[-1]:
            base -= 0.6
        factors = {
            "factor_information": base - (0.4 if gender == "woman" else 0.0),
            "factor_together": base + 0.3,
            "factor_available": base - (1.2 if municipality == municipality_ids[-1] else 0.0),
            "factor_goals": base - (0.9 if gender == "woman" else 0.0),
            "factor_object": base - 1.0,
        }
        responses.append(
            SurveyResponse(
                milestone=milestone,
                municipality_id=municipality,
                gender=gender,
                language_group=rng.choices(LANGUAGES, LANGUAGE_WEIGHTS)[0],
                months_in_programme=3 if milestone == "three_months" else rng.randrange(12, 25),
                answered_month=date(year, month + 1, 1),
                demo=True,
                overall_satisfied=_answer(rng, base),
                overall_expectations=_answer(rng, base - 0.3),
                overall_ideal=_answer(rng, base - 0.8),
                **{q.key: None if rng.random() < 0.05 else _answer(rng, factors[q.key]) for q in FACTORS},
            )
        )
    return responses


def seed_demo_responses(municipality_ids: list[int], *, today: date) -> int:
    """Replace the demo answers with a fresh set; real answers are never touched. The caller commits."""
    db.session.execute(delete(SurveyResponse).where(SurveyResponse.demo.is_(True)))
    responses = demo_responses(municipality_ids, today=today)
    db.session.add_all(responses)
    return len(responses)
