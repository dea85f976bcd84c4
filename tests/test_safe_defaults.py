"""Safe by default: unset, ANKOMST_ENV means production, and production refuses to start with any
public development secret, without a secret it needs, or with the development pages on."""

from __future__ import annotations

import pytest

from portal import create_app
from portal.config import (
    CONFIGS,
    KNOWN_DEVELOPMENT_SECRETS,
    DevelopmentConfig,
    ProductionConfig,
    TestConfig,
    config_from_env,
)

GOOD = {"SECRET_KEY": "k" * 48, "INTERNAL_API_TOKEN": "i" * 48, "SQLALCHEMY_DATABASE_URI": "sqlite://"}


@pytest.fixture
def production(monkeypatch):
    """ANKOMST_ENV unset, as on a server where nobody set it."""
    monkeypatch.delenv("ANKOMST_ENV", raising=False)


def test_unset_means_production(production):
    assert config_from_env() is ProductionConfig


@pytest.mark.parametrize(("name", "config"), [("development", DevelopmentConfig), ("test", TestConfig)])
def test_development_and_test_are_named_explicitly(monkeypatch, name, config):
    monkeypatch.setenv("ANKOMST_ENV", name)
    assert config_from_env() is config and name == config.ANKOMST_ENV


def test_an_unknown_environment_name_is_refused(monkeypatch):
    monkeypatch.setenv("ANKOMST_ENV", "prod")
    with pytest.raises(RuntimeError, match="ANKOMST_ENV"):
        config_from_env()


def test_production_has_no_secret_defaults():
    assert ProductionConfig.SECRET_KEY is None or ProductionConfig.SECRET_KEY not in KNOWN_DEVELOPMENT_SECRETS
    assert "TWILIO_AUTH_TOKEN" not in vars(ProductionConfig)


def test_production_starts_with_real_secrets_and_has_no_dev_pages(production):
    app = create_app(GOOD)
    assert app.config["ANKOMST_ENV"] == "production"
    assert not any(rule.rule.startswith("/dev/") for rule in app.url_map.iter_rules())
    assert app.test_client().get("/dev/sms").status_code == 404
    assert app.config["SESSION_COOKIE_SECURE"] is True


@pytest.mark.parametrize("key", ["SECRET_KEY", "INTERNAL_API_TOKEN"])
def test_production_refuses_to_start_without_a_secret_it_needs(production, key):
    with pytest.raises(RuntimeError, match=f"{key} must be set"):
        create_app({**GOOD, key: None})


@pytest.mark.parametrize("key", ["SECRET_KEY", "INTERNAL_API_TOKEN", "TWILIO_AUTH_TOKEN"])
@pytest.mark.parametrize("value", sorted(KNOWN_DEVELOPMENT_SECRETS))
def test_production_refuses_every_known_development_secret(production, key, value):
    with pytest.raises(RuntimeError, match=f"{key} is a public development value"):
        create_app({**GOOD, key: value})


def test_every_secret_in_the_development_and_test_configs_is_known():
    for config in (DevelopmentConfig, TestConfig):
        for key in ("SECRET_KEY", "INTERNAL_API_TOKEN", "TWILIO_AUTH_TOKEN"):
            value = getattr(config, key)
            assert value is None or value in KNOWN_DEVELOPMENT_SECRETS, (config.__name__, key)


def test_production_refuses_the_development_pages(production):
    with pytest.raises(RuntimeError, match="DEV_PAGES"):
        create_app({**GOOD, "DEV_PAGES": True})


def test_development_has_the_dev_pages_and_public_secrets(monkeypatch):
    monkeypatch.setenv("ANKOMST_ENV", "development")
    app = create_app({"SQLALCHEMY_DATABASE_URI": "sqlite://"})
    assert app.config["ANKOMST_ENV"] == "development" and app.config["DEV_PAGES"]
    assert any(rule.rule == "/dev/sms" for rule in app.url_map.iter_rules())
    assert app.config["SECRET_KEY"] in KNOWN_DEVELOPMENT_SECRETS


def test_every_config_names_its_environment():
    assert {name: config.ANKOMST_ENV for name, config in CONFIGS.items()} == {
        "development": "development",
        "test": "test",
        "production": "production",
    }
