"""What a search returns: one hit per module, and the results in a language."""

from __future__ import annotations

from dataclasses import dataclass

from flask import url_for
from markupsafe import Markup

# How sure search is of its best result (GET /internal/v1/search, the search page).
CONFIDENT = "confident"
MIDDLING = "middling"  # offer two or three topics
NONE = "none"  # say so, offer a person and the module list


@dataclass(frozen=True)
class SearchHit:
    slug: str
    title: str
    summary: str
    section_anchor: str
    section_title: str
    snippet: str
    snippet_html: Markup
    language: str
    local: bool
    score: float
    municipality_slug: str | None = None
    section_id: int | None = None  # the index row, for the answer sentences

    @property
    def url(self) -> str:
        """The reader page of the module, at the section."""
        params = {"kommun": self.municipality_slug} if self.municipality_slug else {}
        return url_for("info.module", slug=self.slug, _anchor=self.section_anchor or None, **params)

    def as_dict(self) -> dict[str, object]:
        """The JSON shape of docs/internal-api.md, plus the language of the text."""
        return {
            "slug": self.slug,
            "title": self.title,
            "summary": self.summary,
            "section_anchor": self.section_anchor,
            "section_title": self.section_title,
            "snippet": self.snippet,
            "url": self.url,
            "language": self.language,
            "local": self.local,
        }


@dataclass(frozen=True)
class SearchResults:
    query: str
    language: str  # the language the results are in
    requested_language: str
    hits: list[SearchHit]
    confidence: str = NONE

    @property
    def fell_back(self) -> bool:
        """True when the reader's language had nothing good and these are Swedish results."""
        return self.language != self.requested_language
