"""Fixtures as in flaskr: `app`, `client`, `db`. The database is SQLite in memory by default,
or PostgreSQL when TEST_DATABASE_URL says so (`make test` runs the suite on both)."""

from __future__ import annotations

import os
import secrets

# Unset, ANKOMST_ENV means production; the tests say what they are before the portal is imported.
os.environ.setdefault("ANKOMST_ENV", "test")

import pytest  # noqa: E402
from flask.testing import FlaskClient  # noqa: E402
from itsdangerous import URLSafeTimedSerializer  # noqa: E402
from sqlalchemy import create_engine, text  # noqa: E402

from portal import create_app  # noqa: E402
from portal.config import TestConfig  # noqa: E402
from portal.extensions import db as _db  # noqa: E402
from portal.extensions import limiter  # noqa: E402
from portal.services.fragments import fragment_cache  # noqa: E402

# The stand-ins for Rasa and Twilio, for every folder (one conftest, not a copy per folder).
from tests.servers import fake_rasa, fake_twilio, rasa_down  # noqa: E402, F401 - fixtures


def _database_url() -> str:
    """The test database; under pytest-xdist each worker gets a PostgreSQL database of its own.

    Tests empty every table after themselves, so two workers on one database would empty each
    other's tables (and deadlock on TRUNCATE). SQLite in memory is per process already.
    """
    url = os.environ.get("TEST_DATABASE_URL", "sqlite://")
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if not url.startswith("postgres") or not worker:
        return url
    from sqlalchemy.engine import make_url

    base = make_url(url)
    own = f"{base.database}_{worker}"
    admin = create_engine(base.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        if not conn.scalar(text("SELECT 1 FROM pg_database WHERE datname = :name"), {"name": own}):
            conn.execute(text(f'CREATE DATABASE "{own}"'))
    admin.dispose()
    return base.set(database=own).render_as_string(hide_password=False)


DATABASE_URL = _database_url()
IS_POSTGRES = DATABASE_URL.startswith("postgres")


@pytest.fixture(scope="session")
def _app_session():
    app = create_app({**_config_dict(), "SQLALCHEMY_DATABASE_URI": DATABASE_URL})
    app.test_client_class = CsrfClient
    with app.app_context():
        _db.drop_all()
        _db.create_all()
    yield app
    with app.app_context():
        _db.session.remove()
        _db.drop_all()


def _config_dict() -> dict:
    return {k: getattr(TestConfig, k) for k in dir(TestConfig) if k.isupper()}


@pytest.fixture
def app(_app_session):
    app = _app_session
    with app.app_context():
        yield app
        _db.session.remove()
        _empty_tables()
        fragment_cache().clear()
    limiter.reset()


def _empty_tables() -> None:
    tables = list(reversed(_db.metadata.sorted_tables))
    if IS_POSTGRES:
        names = ", ".join(f'"{t.name}"' for t in tables)
        _db.session.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
    else:
        for table in tables:
            _db.session.execute(table.delete())
    _db.session.commit()


@pytest.fixture
def db(app):
    return _db


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def config(app, monkeypatch):
    """Set the app's config for one test; every value is restored after it (tests.helpers.AppConfig)."""
    from tests.helpers import AppConfig

    return AppConfig(app, monkeypatch)


@pytest.fixture
def region(app):
    """The demo region: Stockholm (with two districts), Södertälje, Botkyrka."""
    from tests.factories import create_region

    return create_region()


class CsrfClient(FlaskClient):
    """A test client that adds a valid CSRF token to form posts, as a browser form would.

    CSRF stays on in the test config; pass `csrf=False` to post without a token.
    """

    def csrf_token(self) -> str:
        with self.session_transaction() as sess:
            if "csrf_token" not in sess:
                sess["csrf_token"] = secrets.token_hex(20)
            raw = sess["csrf_token"]
        return URLSafeTimedSerializer(self.application.secret_key, salt="wtf-csrf-token").dumps(raw)

    def open(self, *args, csrf: bool = True, **kwargs):
        method = str(kwargs.get("method", "GET")).upper()
        data = kwargs.get("data")
        if (
            csrf
            and method in ("POST", "PUT", "PATCH", "DELETE")
            and isinstance(data, dict)
            and "csrf_token" not in data
        ):
            kwargs["data"] = {**data, "csrf_token": self.csrf_token()}
        # Each request gets its own app context (its own `g` and database session), as in
        # production; otherwise the fixture's long-lived context would leak `g` between requests.
        with self.application.app_context():
            return super().open(*args, **kwargs)
