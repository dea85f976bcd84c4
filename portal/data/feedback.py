"""Named queries for 'Was this page helpful?' (portal.models.feedback)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import case, func, select

from portal.extensions import db
from portal.models import PageFeedback


@dataclass(frozen=True)
class FeedbackCount:
    module_slug: str
    language: str
    helpful: int
    not_helpful: int


def record_feedback(module_slug: str, language: str, helpful: bool, today: date) -> None:
    """Count one anonymous answer."""
    db.session.add(PageFeedback(module_slug=module_slug, language=language, helpful=helpful, answered_on=today))
    db.session.commit()


def feedback_counts() -> list[FeedbackCount]:
    """Yes and no per module and language, the modules with most 'no' first."""
    yes = func.sum(case((PageFeedback.helpful.is_(True), 1), else_=0))
    no = func.sum(case((PageFeedback.helpful.is_(False), 1), else_=0))
    rows = db.session.execute(
        select(PageFeedback.module_slug, PageFeedback.language, yes, no).group_by(
            PageFeedback.module_slug, PageFeedback.language
        )
    ).all()
    counts = [FeedbackCount(slug, lang, int(y or 0), int(n or 0)) for slug, lang, y, n in rows]
    return sorted(counts, key=lambda c: (-c.not_helpful, c.module_slug, c.language))
