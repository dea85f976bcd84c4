from __future__ import annotations

from datetime import UTC, datetime

import pytest

from portal.models import Role
from tests.factories import create_objectionable_plan, create_person, create_staff

# Noon in Stockholm on a Monday; deadlines are calendar days in Sweden.
T0 = datetime(2026, 11, 2, 11, 0, tzinfo=UTC)


@pytest.fixture
def caseworker(region):
    return create_staff(region["sodertalje"], Role.CASEWORKER, name="Elin Berg", email="elin@sodertalje.example")


@pytest.fixture
def reviewer(region):
    return create_staff(region["region"], Role.REVIEWER, name="Per Sjöberg", email="per@region.example")


@pytest.fixture
def person(region, caseworker):
    person = create_person(region["sodertalje"], language="ar", name="Fatima Al-Sayed")
    create_objectionable_plan(person, caseworker)
    return person
