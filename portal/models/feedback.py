"""'Was this page helpful?' on the civic-information pages: anonymous answers, counted.

One row per answer with the module, the page language, yes or no and the day; no person, no
session, no address, no free text (free text would invite personal details). Editors see the
counts per module and language (issue 14, item 6).
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from portal.models.base import Base


class PageFeedback(Base):
    __tablename__ = "page_feedback"

    id: Mapped[int] = mapped_column(primary_key=True)
    module_slug: Mapped[str] = mapped_column(String(80), index=True)
    language: Mapped[str] = mapped_column(String(8))
    helpful: Mapped[bool]
    answered_on: Mapped[date]  # the day only: the time of day could help tell a reader apart
