"""The sign-in code limits hold under parallel requests, on PostgreSQL and on SQLite.

Each test fires 20 attempts at once from threads, each with its own database connection, on a
database of its own (a throwaway PostgreSQL database, or an SQLite file): the tries per code
are counted by one conditional UPDATE, and code requests for a number take that number's
throttle row lock, so at most the limit passes however the attempts interleave.
"""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import create_engine, func, select, text

from portal import create_app
from portal.extensions import db
from portal.models import Organisation, Person, SignInCode, SmsMessage
from portal.phones import phone_digest
from portal.services import newcomer_signin
from tests.conftest import _config_dict
from tests.factories import create_person, create_region
from tests.helpers import code_from_outbox

PG_ADMIN = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
PARALLEL = 20
PHONE = "+46701112299"


@pytest.fixture(params=["postgresql", "sqlite"])
def race_app(request, tmp_path) -> Iterator[Flask]:
    """An app on a database of its own, with enough connections for every thread."""
    if request.param == "sqlite":
        url, options = f"sqlite:///{tmp_path / 'race.sqlite'}", {"connect_args": {"timeout": 30}}
    else:
        name = f"ankomst_race_{uuid.uuid4().hex[:8]}"
        admin = create_engine(PG_ADMIN, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        url, options = f"postgresql+psycopg://postgres@127.0.0.1:5432/{name}", {"pool_size": PARALLEL + 2}
    app = create_app({**_config_dict(), "SQLALCHEMY_DATABASE_URI": url, "SQLALCHEMY_ENGINE_OPTIONS": options})
    with app.app_context():
        db.create_all()
        region = create_region()
        create_person(region["sodertalje"], phone=PHONE)
    try:
        yield app
    finally:
        with app.app_context():
            db.session.remove()
            db.engine.dispose()
        if request.param == "postgresql":
            with admin.connect() as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            admin.dispose()


def in_parallel(app: Flask, fn: Callable[[int], Any], n: int = PARALLEL) -> list[Any]:
    """Run fn(0..n-1) in n threads released at the same moment; each has its own app context."""
    barrier = threading.Barrier(n)
    results: list[Any] = [None] * n
    errors: list[BaseException] = []

    def run(i: int) -> None:
        with app.app_context():
            try:
                barrier.wait(timeout=30)
                results[i] = fn(i)
            except BaseException as error:  # reported below, in the test's thread
                errors.append(error)
            finally:
                db.session.remove()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(n)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors, errors
    return results


def _count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def test_twenty_parallel_code_requests_send_at_most_five_codes(race_app):
    in_parallel(race_app, lambda i: newcomer_signin.request_code(PHONE))
    with race_app.app_context():
        limit = race_app.config["SIGNIN_CODES_PER_NUMBER_PER_HOUR"]
        assert _count(SignInCode) == limit == 5
        assert _count(SmsMessage) == limit


def test_twenty_parallel_requests_for_an_unknown_number_record_at_most_five(race_app):
    in_parallel(race_app, lambda i: newcomer_signin.request_code("+46709990000"))
    with race_app.app_context():
        assert _count(SignInCode) == 5 and _count(SmsMessage) == 0


@pytest.fixture
def one_code(race_app) -> tuple[str, str]:
    """A code sent to PHONE: (the phone digest the sign-in page keeps, the code)."""
    with race_app.app_context():
        newcomer_signin.request_code(PHONE)
        return phone_digest(PHONE), code_from_outbox(PHONE)


@pytest.fixture
def checked_codes(monkeypatch) -> list[str]:
    """Every code whose hash is actually checked, in order (a try that was not counted is not checked)."""
    seen: list[str] = []
    lock = threading.Lock()
    verify = newcomer_signin.verify_secret

    def counting(stored: str, given: str) -> bool:
        with lock:
            seen.append(given)
        return verify(stored, given)

    monkeypatch.setattr(newcomer_signin, "verify_secret", counting)
    return seen


def test_twenty_parallel_wrong_codes_count_five_tries_and_the_right_code_then_fails(race_app, one_code, checked_codes):
    digest, code = one_code
    wrong = f"{(int(code) + 1) % 1_000_000:06d}"
    results = in_parallel(race_app, lambda i: newcomer_signin.verify_code(digest, wrong))
    with race_app.app_context():
        assert results == [None] * PARALLEL
        assert db.session.scalar(select(SignInCode.attempts)) == 5
        assert len(checked_codes) == 5
        # The 21st try, with the right code, is refused: the tries are used up.
        assert newcomer_signin.verify_code(digest, code) is None
        assert len(checked_codes) == 5


def test_twenty_parallel_tries_with_the_right_code_sign_in_exactly_once(race_app, one_code, checked_codes):
    digest, code = one_code
    results = in_parallel(race_app, lambda i: newcomer_signin.verify_code(digest, code))
    signed_in = [r for r in results if r is not None]
    assert len(signed_in) == 1 and isinstance(signed_in[0], Person)
    assert len(checked_codes) <= 5


def test_twelve_wrong_codes_in_parallel_with_the_right_one_among_them_never_pass_five_tries(
    race_app, one_code, checked_codes
):
    digest, code = one_code
    wrong = f"{(int(code) + 7) % 1_000_000:06d}"
    # The probe: 12 wrong codes at once and the right one as the 13th.
    results = in_parallel(race_app, lambda i: newcomer_signin.verify_code(digest, code if i == 12 else wrong), 13)
    with race_app.app_context():
        assert db.session.scalar(select(SignInCode.attempts)) <= 5
    assert len(checked_codes) <= 5
    # Whether the right code was among the five counted tries is down to the scheduler; if it
    # was not, it must have been refused.
    assert sum(r is not None for r in results) == (1 if code in checked_codes else 0)


def test_twenty_parallel_sign_ins_from_one_country_send_no_more_than_its_cap(race_app):
    race_app.config["SIGNIN_CODES_PER_COUNTRY"] = "5 per hour"  # this app is the test's own
    phones = [f"+3806712345{i:02d}" for i in range(PARALLEL)]
    with race_app.app_context():
        organisation = db.session.scalar(select(Organisation).limit(1))
        for phone in phones:
            create_person(organisation, phone=phone)
    in_parallel(race_app, lambda i: newcomer_signin.request_code(phones[i]))
    with race_app.app_context():
        assert _count(SmsMessage) == 5
        assert _count(SignInCode) == 5
