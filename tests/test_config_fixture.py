"""The `config` fixture: what a test sets in the shared app's config is undone after it."""

from __future__ import annotations

import pytest

from tests.helpers import AppConfig


def test_a_value_set_through_config_is_put_back_and_a_new_key_removed(app):
    monkeypatch = pytest.MonkeyPatch()
    days = app.config["OBJECTION_DECISION_DAYS"]
    config = AppConfig(app, monkeypatch)
    config["OBJECTION_DECISION_DAYS"] = days + 3
    config.update(OBJECTION_DECISION_DAYS=days + 5, ANKOMST_TEST_ONLY_KEY="x")
    assert app.config["OBJECTION_DECISION_DAYS"] == config["OBJECTION_DECISION_DAYS"] == days + 5
    assert app.config["ANKOMST_TEST_ONLY_KEY"] == "x"
    monkeypatch.undo()
    assert app.config["OBJECTION_DECISION_DAYS"] == days
    assert "ANKOMST_TEST_ONLY_KEY" not in app.config


def test_the_fixture_writes_into_the_app_the_test_uses(app, config):
    config["OBJECTION_DECISION_DAYS"] = 5
    assert app.config["OBJECTION_DECISION_DAYS"] == 5
