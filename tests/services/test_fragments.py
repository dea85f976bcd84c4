"""The per-process fragment cache: bounded, time-limited, and off when its size is 0."""

from __future__ import annotations

from portal.services.fragments import FragmentCache


def test_a_fragment_is_built_once_and_then_served_from_the_cache():
    cache = FragmentCache(maxsize=10, ttl=60)
    built = []
    for _ in range(3):
        assert cache.get_or_build("k", lambda: built.append(1) or "html") == "html"
    assert len(built) == 1
    assert (cache.hits, cache.misses) == (2, 1)


def test_size_zero_turns_the_cache_off():
    cache = FragmentCache(maxsize=0, ttl=60)
    built = []
    for _ in range(3):
        cache.get_or_build("k", lambda: built.append(1) or "html")
    assert len(built) == 3


def test_not_found_is_not_kept():
    cache = FragmentCache(maxsize=10, ttl=60)
    built = []
    for _ in range(2):
        assert cache.get_or_build("missing", lambda: built.append(1)) is None
    assert len(built) == 2


def test_the_least_recently_used_fragment_goes_first_when_full():
    cache = FragmentCache(maxsize=2, ttl=60)
    cache.get_or_build("a", lambda: "A")
    cache.get_or_build("b", lambda: "B")
    cache.get_or_build("a", lambda: "A")  # a is used again: b is now the oldest
    cache.get_or_build("c", lambda: "C")
    assert cache.get_or_build("a", lambda: "rebuilt") == "A"
    assert cache.get_or_build("b", lambda: "rebuilt") == "rebuilt"
