"""The region's allow-list of link domains, and the check of a text's links against it.

An empty list allows any https site, so a region that has not set one up loses nothing. The
check applies where editors write (regional texts and local sections); the module files in git
are reviewed there and are not checked against a database list. A host matches a listed domain
exactly or as a subdomain ("www.1177.se" matches "1177.se"); "1177.se.example.com" does not.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from markdown_it import MarkdownIt
from sqlalchemy import select

from portal.content.files import Problem
from portal.data import content as data
from portal.extensions import db
from portal.models import LinkDomain, StaffUser

_parser = MarkdownIt("commonmark")
_DOMAIN = re.compile(r"^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")


def normalise_domain(text: str) -> str | None:
    """ "https://www.1177.se/x" or "WWW.1177.SE" -> "www.1177.se"; None if it is not a domain."""
    value = text.strip().lower()
    if "://" in value:
        value = urlsplit(value).hostname or ""
    value = value.strip(".").split("/")[0]
    return value if _DOMAIN.match(value) else None


def allowed_domains() -> list[str]:
    """The region's list, sorted (the first region's: the portal serves one region)."""
    region = next(iter(data.list_regions()), None)
    if region is None:
        return []
    return list(
        db.session.scalars(
            select(LinkDomain.domain).where(LinkDomain.region_id == region.id).order_by(LinkDomain.domain)
        )
    )


def host_allowed(host: str, domains: list[str]) -> bool:
    host = host.lower().rstrip(".")
    return any(host == d or host.endswith("." + d) for d in domains)


def domain_problems(body: str, path: str = "editor") -> list[Problem]:
    """A problem per https link whose site is not on the region's list (none when the list is empty)."""
    domains = allowed_domains()
    if not domains:
        return []
    problems = []
    line = 1
    for token in _parser.parse(body):
        if token.map:
            line = token.map[0] + 1
        for child in token.children or ():
            href = str(child.attrs.get("href") or "") if child.type == "link_open" else ""
            host = urlsplit(href).hostname if href.startswith("https://") else None
            if host and not host_allowed(host, domains):
                problems.append(
                    Problem(path, line, "link_domain", f"{host} is not on the region's list of link domains")
                )
    return problems


def add_domain(text: str, *, staff: StaffUser | None = None) -> str:
    """Add a domain to the region's list; returns it normalised. ValueError if it is not a domain."""
    domain = normalise_domain(text)
    region = next(iter(data.list_regions()), None)
    if domain is None or region is None:
        raise ValueError(f"not a domain: {text!r}")
    if domain not in allowed_domains():
        db.session.add(LinkDomain(region_id=region.id, domain=domain, added_by_id=staff.id if staff else None))
        db.session.commit()
    return domain


def remove_domain(text: str) -> bool:
    """Remove a domain from the region's list; False if it was not there."""
    domain = normalise_domain(text) or text.strip().lower()
    rows = db.session.scalars(select(LinkDomain).where(LinkDomain.domain == domain)).all()
    for row in rows:
        db.session.delete(row)
    db.session.commit()
    return bool(rows)


def domains_in_use() -> list[str]:
    """The https sites the published texts link to now: what a new list should start from."""
    from portal.services.content.links import external_links

    hosts = {urlsplit(url).hostname for url in external_links() if url.startswith("https://")}
    return sorted(h for h in hosts if h)
