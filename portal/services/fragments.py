"""Rendered parts of pages, cached in each process and keyed by what they show.

Why: a newcomer's plan and coming activities are the pages they open most, often several times
a day, and rendering them (goals, activities, every occurrence of every activity, each label
translated) costs ten times more than everything else on the page. The plan changes rarely.

How it stays correct without anyone invalidating anything: a fragment's key holds the plan's
id, creation time, revision and last update. Every change to a plan bumps its revision and
touches its row (`portal.services.plans`), and each request reads that row first, so a change
made through any process is shown at once by every process. What the key does not cover (a
provider's name, a catalogue label after a deploy) is stale for at most FRAGMENT_CACHE_SECONDS.

Why in the process and not in Redis: a hit costs microseconds instead of a network round trip,
and fragments hold personal data that should not travel or outlive the process. Access control
happens before the cache is asked: the key comes from the signed-in person's own plan.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from cachetools import TTLCache
from flask import Flask, current_app, render_template
from markupsafe import Markup

T = TypeVar("T")
_EXTENSION = "ankomst_fragments"


class FragmentCache:
    """A bounded, time-limited cache of rendered fragments; size 0 turns it off.

    Least recently used fragments go first when it is full (cachetools.TTLCache).
    """

    def __init__(self, maxsize: int, ttl: float) -> None:
        self._cache: TTLCache[Hashable, Any] | None = TTLCache(maxsize, ttl) if maxsize > 0 else None
        # gunicorn's threaded workers share the cache; cachetools caches are not thread-safe.
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def get_or_build(self, key: Hashable, build: Callable[[], T]) -> T:
        if self._cache is None:
            return build()
        with self._lock:
            found = self._cache.get(key, _MISSING)
        if found is not _MISSING:
            self.hits += 1
            return found
        self.misses += 1
        value = build()  # outside the lock: two threads may build the same fragment once each
        if value is not None:  # "not found" is not kept: unknown keys must not crowd out real pages
            with self._lock:
                self._cache[key] = value
        return value

    def clear(self) -> None:
        if self._cache is not None:
            with self._lock:
                self._cache.clear()


_MISSING = object()


def init_app(app: Flask) -> None:
    app.extensions[_EXTENSION] = FragmentCache(app.config["FRAGMENT_CACHE_SIZE"], app.config["FRAGMENT_CACHE_SECONDS"])


def fragment_cache() -> FragmentCache:
    return current_app.extensions[_EXTENSION]


def render_fragment(template: str, **context: Any) -> Markup:
    """A template rendered on its own, to be cached and placed in a page as it is."""
    return Markup(render_template(template, **context))  # noqa: S704 - the template's own autoescaped output


def cached(key: Hashable, build: Callable[[], T]) -> T:
    """The fragment for `key`, built by `build()` when it is not cached yet."""
    return fragment_cache().get_or_build(key, build)
