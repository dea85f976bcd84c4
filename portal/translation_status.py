"""The honest review status of each UI catalogue, read from locales/review-status.yml.

A catalogue counts as reviewed only when a named fluent speaker reviewed it on a date; every
other catalogue is a machine draft and the reader sees a short notice saying so.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import yaml

STATUS_FILE = Path(__file__).resolve().parent.parent / "locales" / "review-status.yml"


@functools.cache
def load_review_status() -> dict[str, Any]:
    """The parsed review-status file (cached: it changes only with a deploy)."""
    if not STATUS_FILE.exists():
        return {}
    return yaml.safe_load(STATUS_FILE.read_text(encoding="utf-8")) or {}


def catalogue_is_reviewed(code: str) -> bool:
    entry = load_review_status().get("catalogues", {}).get(code, {})
    return entry.get("status") == "reviewed" and bool(entry.get("reviewer")) and bool(entry.get("reviewed_on"))
