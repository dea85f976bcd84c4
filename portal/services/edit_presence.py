"""Who has a text open in the editor: the advisory "being edited by X since 10:42" notice.

Advisory only. Lost text is prevented by the revision check on save
(portal.services.content.EditConflict); this only tells an editor before they start that
someone else is working on the same text. A mark expires PRESENCE_MINUTES after that editor
last opened the text, so a closed tab stops warning others by itself.
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from portal.extensions import db
from portal.models import ContentModule, StaffUser, utcnow
from portal.models.content import EditPresence

PRESENCE_MINUTES = 20


def mark_editing(module: ContentModule, language: str, staff: StaffUser) -> list[EditPresence]:
    """Note that `staff` has the text open now; return the other editors who have it open."""
    now = utcnow()
    expired = now - timedelta(minutes=PRESENCE_MINUTES)
    mine = db.session.scalar(
        select(EditPresence).where(
            EditPresence.module_id == module.id, EditPresence.language == language, EditPresence.staff_id == staff.id
        )
    )
    if mine is None:
        try:
            with db.session.begin_nested():
                db.session.add(EditPresence(module_id=module.id, language=language, staff_id=staff.id))
        except IntegrityError:
            pass  # the same editor's other tab made it a moment ago: that one is as good
    else:
        if mine.seen_at < expired:
            mine.started_at = now
        mine.seen_at = now
    others = list(
        db.session.scalars(
            select(EditPresence)
            .where(
                EditPresence.module_id == module.id,
                EditPresence.language == language,
                EditPresence.staff_id != staff.id,
                EditPresence.seen_at >= expired,
            )
            .order_by(EditPresence.started_at)
        )
    )
    db.session.commit()
    return others
