"""What editors learn: the searches that found no good answer, per language and ISO week.

Privacy by construction: only the words of the query, the language and the ISO week are
kept, as one counter per distinct query. No person, address, phone number or time of day.
Numbers of four digits or more (phone numbers, personal identity numbers, case numbers) and
anything with an @ are cut out before storing. Editors see a query only once at least
MIN_COUNT searches in the same week asked it, and a week is deleted RETENTION_DAYS after it
ended (on every write, so nothing needs a scheduled job).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import delete, select, update

from portal.content.files import QUESTIONS_FENCE, split_sections
from portal.data import content as data
from portal.extensions import db
from portal.models import StaffUser, UnansweredQuery
from portal.services import content as content_service
from portal.services.search.analysis import query_words

MIN_COUNT = 3
RETENTION_DAYS = 90
MAX_CHARS = 120

_PRIVATE = re.compile(r"\S*@\S*|\S*\d[\d\s\-–]{2,}\d\S*")


def iso_week(day: date) -> str:
    year, week, _weekday = day.isocalendar()
    return f"{year}-W{week:02d}"


def scrub(query: str) -> str | None:
    """The query as it may be kept: lower case, one space, without long numbers and addresses."""
    text = _PRIVATE.sub(" ", (query or "").casefold())
    text = " ".join(text.split())[:MAX_CHARS].strip()
    return text if sum(ch.isalpha() for ch in text) >= 2 else None


def record_unanswered(query: str, language: str, *, today: date | None = None) -> None:
    """Count one search without a good answer in this week, and forget weeks past retention."""
    text = scrub(query)
    if text is None or not query_words(text, language):
        return  # nothing but numbers, greetings or stop words: nothing an editor could answer
    today = today or date.today()
    week = iso_week(today)
    counted = db.session.execute(
        update(UnansweredQuery)
        .where(UnansweredQuery.language == language, UnansweredQuery.week == week, UnansweredQuery.text == text)
        .values(count=UnansweredQuery.count + 1)
    )
    if not counted.rowcount:
        db.session.add(UnansweredQuery(language=language, week=week, text=text, count=1))
    db.session.execute(delete(UnansweredQuery).where(UnansweredQuery.week < _oldest_week_kept(today)))
    db.session.commit()


def _oldest_week_kept(today: date) -> str:
    # ISO week strings sort in time order, so "older than this week" is a string compare.
    return iso_week(today - timedelta(days=RETENTION_DAYS + 7))


@dataclass(frozen=True)
class UnansweredRow:
    id: int
    language: str
    week: str
    text: str
    count: int


def unanswered_report(language: str | None = None, *, today: date | None = None) -> list[UnansweredRow]:
    """The queries asked at least MIN_COUNT times in a week, newest week and commonest first.

    Weeks past retention are left out even before the next write deletes them.
    """
    statement = select(UnansweredQuery).where(
        UnansweredQuery.count >= MIN_COUNT, UnansweredQuery.week >= _oldest_week_kept(today or date.today())
    )
    if language:
        statement = statement.where(UnansweredQuery.language == language)
    statement = statement.order_by(UnansweredQuery.week.desc(), UnansweredQuery.count.desc(), UnansweredQuery.text)
    return [UnansweredRow(q.id, q.language, q.week, q.text, q.count) for q in db.session.scalars(statement)]


def section_choices(language: str) -> list[tuple[str, str]]:
    """Every section of the published text in a language, as (slug#anchor, "Module – Section")."""
    choices = []
    for revision in data.list_current_revisions(language):
        for section in split_sections(revision.body):
            if section.anchor:
                choices.append((f"{revision.module.slug}#{section.anchor}", f"{revision.title} – {section.title}"))
    return choices


def add_question(staff: StaffUser, query_id: int, target: str) -> tuple[str, str] | None:
    """Add a reported query as a question of a section, in that language's draft; (slug, language) or None.

    The draft starts from the editor's own draft or the published text, so the editor checks the
    wording and publishes it like any other change.
    """
    query = db.session.get(UnansweredQuery, query_id)
    slug, _, anchor = target.partition("#")
    module = data.get_module(slug)
    if query is None or module is None:
        return None
    language = query.language
    base = data.get_pending_draft(module, language, author_id=staff.id) or data.get_published_revision(module, language)
    if base is None:
        return None
    body = add_to_section(base.body, anchor, query.text[:1].upper() + query.text[1:])
    if body is None:
        return None
    values = content_service.RevisionInput(
        title=base.title, summary=base.summary, body=body, review_status=str(base.review_status)
    )
    content_service.save_revision(module, language, values, staff=staff, publish=False)
    return slug, language


def add_to_section(body: str, anchor: str, question: str) -> str | None:
    """The body with one more question in a section's questions block (made if missing)."""
    lines = body.rstrip("\n").split("\n")
    sections = [s for s in split_sections(body) if s.anchor]
    index = next((i for i, s in enumerate(sections) if s.anchor == anchor), None)
    if index is None:
        return None
    start = sections[index].line - 1
    end = sections[index + 1].line - 1 if index + 1 < len(sections) else len(lines)
    chunk = lines[start:end]
    while chunk and not chunk[-1].strip():
        chunk.pop()
    opening = f"```{QUESTIONS_FENCE}"
    if opening in chunk:
        closing = next(i for i in range(chunk.index(opening) + 1, len(chunk)) if chunk[i].strip() == "```")
        chunk.insert(closing, question)
    else:
        chunk += ["", opening, question, "```"]
    rest = lines[end:]
    return "\n".join(lines[:start] + chunk + ([""] if rest else []) + rest).rstrip("\n") + "\n"
