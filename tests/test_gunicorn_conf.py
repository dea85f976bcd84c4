"""gunicorn.conf.py: every worker builds the search models before it takes requests."""

from __future__ import annotations

import logging
import runpy
from pathlib import Path
from types import SimpleNamespace

import pytest

from portal.services.content import sync_from_files
from portal.services.search import ranking
from tests.content_fixtures import small_tree

HOOKS = runpy.run_path(str(Path(__file__).resolve().parents[1] / "gunicorn.conf.py"))


@pytest.fixture
def cold(monkeypatch):
    monkeypatch.setattr(ranking, "_cache", {})
    return ranking._cache


def test_a_worker_builds_every_languages_search_models_before_its_first_request(app, tmp_path, cold):
    sync_from_files(small_tree(tmp_path))
    built = []
    real_build = ranking._build

    def counting_build(language):
        built.append(language)
        return real_build(language)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(ranking, "_build", counting_build)
        HOOKS["post_worker_init"](SimpleNamespace(wsgi=app))
        assert "sv" in built and {language for _url, language in cold} >= {"sv", "en"}
        # The first question then uses the models already built.
        built.clear()
        ranking.search("tandläkare", "sv")
        assert built == []


def test_a_worker_starts_even_when_the_models_cannot_be_built(app, cold, caplog, monkeypatch):
    def broken(language):
        raise RuntimeError("no content yet")

    monkeypatch.setattr(ranking, "_build", broken)
    with caplog.at_level(logging.WARNING, logger="portal.search"):
        HOOKS["post_worker_init"](SimpleNamespace(wsgi=app))
    assert caplog.text.count("not warmed") == 12
