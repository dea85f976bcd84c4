"""Ankomst portal: the Flask application factory."""

from __future__ import annotations

import os
from typing import Any

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from portal.config import Config, config_from_env


def create_app(config: type[Config] | dict[str, Any] | None = None) -> Flask:
    """Build the portal app. `config` is a config class or a dict of overrides for tests."""
    app = Flask(__name__, instance_relative_config=True)
    if isinstance(config, dict):
        app.config.from_object(config_from_env())
        app.config.update(config)
    else:
        app.config.from_object(config or config_from_env())
    os.makedirs(app.instance_path, mode=0o700, exist_ok=True)
    if not app.config.get("SQLALCHEMY_DATABASE_URI"):
        app.config["SQLALCHEMY_DATABASE_URI"] = "sqlite:///" + os.path.join(app.instance_path, "ankomst.sqlite")
    app.config["SQLALCHEMY_DATABASE_URI"] = _psycopg3_url(app.config["SQLALCHEMY_DATABASE_URI"])
    _refuse_unsafe_production(app)
    _private_sqlite_file(app.config["SQLALCHEMY_DATABASE_URI"])

    if app.config["TRUSTED_PROXY_COUNT"] > 0:
        # Only behind a proxy we run: otherwise anyone could forge X-Forwarded-For and dodge limits.
        n = app.config["TRUSTED_PROXY_COUNT"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=n, x_proto=n, x_host=n, x_port=n)  # type: ignore[method-assign]

    from portal import logs

    logs.install_redaction()
    _init_extensions(app)
    register_blueprints(app)

    from portal import errors, i18n, security, templating
    from portal.services import fragments

    fragments.init_app(app)
    i18n.init_app(app)
    security.init_app(app)
    errors.init_app(app)
    templating.init_app(app)

    from portal.cli import register_cli

    register_cli(app)
    return app


def _init_extensions(app: Flask) -> None:
    from portal import i18n
    from portal.extensions import babel, csrf, db, limiter, login_manager, migrate

    db.init_app(app)
    if app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        _enable_sqlite_foreign_keys(app)
    migrate.init_app(
        app,
        db,
        directory=os.path.join(os.path.dirname(app.root_path), "migrations"),
        render_as_batch=True,
        compare_type=True,
    )
    babel.init_app(app, locale_selector=i18n.select_locale, timezone_selector=lambda: "Europe/Stockholm")
    csrf.init_app(app)
    limiter.init_app(app)
    login_manager.init_app(app)

    from portal.services import sessions

    login_manager.user_loader(sessions.load_principal)
    login_manager.login_view = "auth.signin"
    login_manager.login_message = None


def register_blueprints(app: Flask) -> None:
    """Register one blueprint per user-facing area."""
    from portal import (
        api,
        auth,
        chat,
        dev,
        editor,
        help,
        info,
        internal,
        main,
        objections,
        plan,
        planning,
        staff,
        survey,
        webhooks,
    )

    app.register_blueprint(main.bp)
    app.register_blueprint(auth.bp)
    app.register_blueprint(staff.bp)
    app.register_blueprint(planning.bp)
    app.register_blueprint(plan.bp)
    app.register_blueprint(objections.bp)
    app.register_blueprint(objections.staff_bp)
    app.register_blueprint(info.bp)
    app.register_blueprint(editor.bp)
    app.register_blueprint(api.bp)
    app.register_blueprint(internal.bp)
    app.register_blueprint(webhooks.bp)
    app.register_blueprint(chat.bp)
    app.register_blueprint(help.bp)
    app.register_blueprint(survey.bp)
    if app.config["DEV_PAGES"] and app.config.get("ANKOMST_ENV") != "production":
        app.register_blueprint(dev.bp)


def _psycopg3_url(url: str) -> str:
    # DATABASE_URL is often given as postgres:// or postgresql://; we ship psycopg 3.
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def _private_sqlite_file(url: str) -> None:
    """An SQLite database file holds personal data: only its owner may read it (0600)."""
    from sqlalchemy.engine import make_url

    from portal.logs import create_private_file

    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite" and parsed.database and parsed.database != ":memory:":
        create_private_file(parsed.database)


def _enable_sqlite_foreign_keys(app: Flask) -> None:
    from sqlalchemy import event
    from sqlalchemy.engine import Engine

    @event.listens_for(Engine, "connect")
    def _fk_on(dbapi_connection, _record):  # pragma: no cover - trivial
        if type(dbapi_connection).__module__.startswith("sqlite3"):
            dbapi_connection.execute("PRAGMA foreign_keys=ON")


def _refuse_unsafe_production(app: Flask) -> None:
    if app.config.get("SMS_BACKEND") == "twilio" and not app.config.get("TWILIO_AUTH_TOKEN"):
        # Without the token no webhook signature can be checked: refuse rather than trust anyone.
        raise RuntimeError("SMS_BACKEND=twilio needs TWILIO_AUTH_TOKEN in the environment")
    if app.config.get("ANKOMST_ENV") != "production" or app.config.get("TESTING"):
        return
    from portal.config import KNOWN_DEVELOPMENT_SECRETS, PRODUCTION_SECRETS

    problems = []
    for key in PRODUCTION_SECRETS:
        if not app.config.get(key):
            problems.append(f"{key} must be set in the environment")
    for key in (*PRODUCTION_SECRETS, "TWILIO_AUTH_TOKEN", "IDENTITY_NUMBER_KEY"):
        if app.config.get(key) in KNOWN_DEVELOPMENT_SECRETS:
            problems.append(f"{key} is a public development value")
    if app.config.get("DEV_PAGES"):
        problems.append("DEV_PAGES must be off")
    if problems:
        # ANKOMST_ENV unset means production: `make run` and the tests say development/test.
        raise RuntimeError("refusing to start in production: " + "; ".join(problems))
