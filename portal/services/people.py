"""A newcomer's own settings."""

from __future__ import annotations

from portal.extensions import db
from portal.models import Person


def set_preferred_language(person: Person, code: str) -> None:
    """Store the language the person chose; their SMS and the assistant follow it."""
    person.preferred_language = code
    db.session.commit()
