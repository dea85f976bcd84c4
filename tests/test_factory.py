from __future__ import annotations

import pytest

from portal import create_app
from portal.config import DevelopmentConfig, ProductionConfig, TestConfig


def test_factory_uses_the_config_it_is_given():
    assert not create_app(DevelopmentConfig).testing
    assert create_app(TestConfig).testing


def test_factory_accepts_a_dict_of_overrides():
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": "sqlite://", "DEV_PAGES": True})
    assert app.testing and app.config["SQLALCHEMY_DATABASE_URI"] == "sqlite://"


def test_default_database_is_a_sqlite_file_in_the_instance_folder(monkeypatch):
    monkeypatch.delenv("DATABASE_URL", raising=False)

    class Local(DevelopmentConfig):
        SQLALCHEMY_DATABASE_URI = None

    app = create_app(Local)
    assert app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite:///")
    assert app.instance_path in app.config["SQLALCHEMY_DATABASE_URI"]


@pytest.mark.parametrize("given", ["postgres://u@h/db", "postgresql://u@h/db"])
def test_postgres_urls_are_served_by_psycopg3(given):
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": given})
    assert app.config["SQLALCHEMY_DATABASE_URI"] == "postgresql+psycopg://u@h/db"


def test_production_refuses_to_start_without_its_secrets():
    with pytest.raises(RuntimeError, match="SECRET_KEY must be set.*INTERNAL_API_TOKEN must be set"):
        create_app(ProductionConfig)


def test_twilio_backend_refuses_to_start_without_the_auth_token():
    with pytest.raises(RuntimeError, match="TWILIO_AUTH_TOKEN"):
        create_app(
            {
                "TESTING": True,
                "SQLALCHEMY_DATABASE_URI": "sqlite://",
                "SMS_BACKEND": "twilio",
                "TWILIO_AUTH_TOKEN": None,
            }
        )
    app = create_app(
        {"TESTING": True, "SQLALCHEMY_DATABASE_URI": "sqlite://", "SMS_BACKEND": "twilio", "TWILIO_AUTH_TOKEN": "t"}
    )
    assert app.config["SMS_BACKEND"] == "twilio"


def test_production_has_no_development_pages(monkeypatch):
    class Prod(ProductionConfig):
        SECRET_KEY = "x" * 40
        INTERNAL_API_TOKEN = "y" * 40
        SQLALCHEMY_DATABASE_URI = "sqlite://"

    app = create_app(Prod)
    assert "dev.outbox" not in app.view_functions
    assert app.test_client().get("/dev/outbox").status_code == 404
    assert app.config["SESSION_COOKIE_SECURE"] is True


def test_healthz_reports_the_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json == {"status": "ok", "database": "ok"}


def test_healthz_is_503_when_the_database_is_unreachable():
    app = create_app(
        {
            **{k: getattr(TestConfig, k) for k in dir(TestConfig) if k.isupper()},
            "SQLALCHEMY_DATABASE_URI": "postgresql://nobody@127.0.0.1:1/none",
        }
    )
    response = app.test_client().get("/healthz")
    assert response.status_code == 503
    assert response.json["database"] == "unreachable"
