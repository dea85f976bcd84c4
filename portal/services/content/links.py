"""The link checker: every external link in published content, checked on the queue.

A link is checked with HEAD and a short timeout; a server that refuses HEAD (405, 501) is asked
again with GET, reading no body. A link counts as broken on a 4xx/5xx answer, a timeout or a
failed connection; `broken_since` keeps when it first failed, so the dashboard can tell a
moment's outage from a dead page. Only the URL, the status code and a short error kind are
stored: no response text.

Who runs it: `flask worker --with-scheduler` checks once a day (`schedule_link_check`), and
`flask content check-links` does it by hand or from cron. Each link is one job on the queue,
so a slow site holds up one job, not the whole run.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import timedelta

import requests
from flask import current_app
from markdown_it import MarkdownIt
from sqlalchemy import select

from portal.data import content as data
from portal.extensions import db
from portal.models import LinkCheck, utcnow

log = logging.getLogger(__name__)

TIMEOUT_SECONDS = 10
LINK_CHECK_JOB_ID = "content-link-check"
LINK_CHECK_INTERVAL = timedelta(days=1)
USER_AGENT = "Ankomst-link-checker/1 (civic information; checks that links still work)"

_parser = MarkdownIt("commonmark")


@dataclass(frozen=True)
class LinkUse:
    """Where a link is used: a module in one language, or a municipality's local section."""

    module_slug: str
    language: str
    title: str
    local_section_id: int | None = None


def links_in(body: str) -> list[str]:
    """The external (http and https) link targets of a Markdown text, in order, once each."""
    found: dict[str, None] = {}
    for token in _parser.parse(body):
        for child in token.children or ():
            href = str(child.attrs.get("href") or "") if child.type == "link_open" else ""
            if href.startswith(("https://", "http://")):
                found[href] = None
    return list(found)


def external_links() -> dict[str, list[LinkUse]]:
    """Every external link in the published texts and local sections, with where it is used."""
    uses: dict[str, list[LinkUse]] = {}
    for revision in data.list_current_revisions():
        for url in links_in(revision.body):
            uses.setdefault(url, []).append(LinkUse(revision.module.slug, revision.language, revision.title))
    for section in data.list_published_local_sections():
        for url in links_in(section.body):
            uses.setdefault(url, []).append(
                LinkUse(section.module.slug, section.language, section.title, local_section_id=section.id)
            )
    return uses


def probe(url: str, timeout: float = TIMEOUT_SECONDS) -> tuple[int | None, str | None]:
    """(status code, error kind) for one URL: HEAD first, GET without reading the body if HEAD is refused."""
    headers = {"User-Agent": USER_AGENT}
    try:
        response = requests.head(url, timeout=timeout, allow_redirects=True, headers=headers)
        if response.status_code in (405, 501):
            with requests.get(url, timeout=timeout, allow_redirects=True, headers=headers, stream=True) as again:
                return again.status_code, None
        return response.status_code, None
    except requests.Timeout:
        return None, "timeout"
    except requests.TooManyRedirects:
        return None, "too many redirects"
    except requests.exceptions.SSLError:
        return None, "certificate error"
    except requests.ConnectionError:
        return None, "connection failed"
    except requests.RequestException:
        return None, "request failed"


def check_link(url: str) -> LinkCheck:
    """Check one link now and record the result (the queue's job)."""
    status, error = probe(url, timeout=current_app.config.get("LINK_CHECK_TIMEOUT", TIMEOUT_SECONDS))
    ok = error is None and status is not None and status < 400
    row = db.session.scalar(select(LinkCheck).where(LinkCheck.url == url))
    if row is None:
        row = LinkCheck(url=url)
        db.session.add(row)
    now = utcnow()
    row.ok, row.status_code, row.error, row.checked_at = ok, status, error, now
    row.broken_since = None if ok else (row.broken_since or now)
    db.session.commit()
    return row


def run_link_check_job(url: str) -> None:
    from portal.worker import job_context

    with job_context():
        check_link(url)


def check_all_links() -> int:
    """Put a check of every external link in published content on the queue; forget links no longer used."""
    from portal.worker import enqueue

    urls = list(external_links())
    for row in db.session.scalars(select(LinkCheck).where(LinkCheck.url.not_in(urls))):
        db.session.delete(row)
    db.session.commit()
    for url in urls:
        enqueue(run_link_check_job, url)
    return len(urls)


@dataclass(frozen=True)
class BrokenLink:
    check: LinkCheck
    uses: list[LinkUse]


def broken_links() -> list[BrokenLink]:
    """The broken links still used in published content, longest broken first: the dashboard's list."""
    uses = external_links()
    rows = db.session.scalars(select(LinkCheck).where(LinkCheck.ok.is_(False)).order_by(LinkCheck.broken_since))
    return [BrokenLink(row, uses[row.url]) for row in rows if row.url in uses]


def run_link_checker() -> None:
    """The daily job: queue every link's check, then come back tomorrow."""
    from portal.worker import job_context

    with job_context():
        try:
            check_all_links()
        finally:
            schedule_link_check(after=LINK_CHECK_INTERVAL)


def schedule_link_check(after: timedelta | None = None) -> bool:
    """Put the daily link check on the queue; False when there is no queue."""
    if not current_app.config.get("REDIS_URL"):
        return False
    from portal.worker import queue

    if after is None:
        queue().enqueue(run_link_checker, job_id=LINK_CHECK_JOB_ID)
    else:
        queue().enqueue_in(after, run_link_checker, job_id=LINK_CHECK_JOB_ID)
    return True
