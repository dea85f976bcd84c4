"""Schemathesis against the OpenAPI document of /api/v1 and /internal/v1, in-process on the WSGI app.

The document is loaded from where clients read it (/api/v1/openapi.json), so what is fuzzed is
what is published. Every operation gets at least FUZZ_EXAMPLES generated requests, positive and
negative, signed in as it needs (the newcomer's session cookie for /api/v1/me/*, the bearer token
for /internal/v1). Path ids are drawn from seeded objects half the time, so requests reach a
real plan, objections and conversations and not only the 404 branch.

Each case must pass: no server error (status < 500, and no exception out of the app), a status
the document lists, the documented content type, a body that matches the documented schema, and
a 4xx for a request that breaks the document (negative cases). FUZZ_EXAMPLES can be lowered
locally through the environment; `make test` runs the full 1000 on PostgreSQL and 100 on SQLite
(scripts/test_all.sh).
"""

from __future__ import annotations

import os
from urllib.parse import quote

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.core.parameters import ParameterLocation
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    response_schema_conformance,
    status_code_conformance,
)

import portal.api
import portal.internal  # noqa: F401 - registers the internal paths in the document
from portal.api.openapi import build_spec
from portal.extensions import limiter
from portal.languages import CODES
from portal.models import ReasonCode, Role
from portal.services import calendar_feed
from portal.services.content import sync_from_files
from tests.content_fixtures import small_tree
from tests.factories import (
    create_conversation,
    create_decided_objection,
    create_objection,
    create_objectionable_plan,
    create_person,
    create_staff,
)
from tests.helpers import sign_in_newcomer

FUZZ_EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "1000"))
TOKEN = "test-internal-token"
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    negative_data_rejection,
]
# Generated requests carry only the documented parameters (the API ignores unknown query parameters, as
# HTTP APIs do) and never made-up credentials: every case is signed in as the operation requires.
CONFIG = schemathesis.Config.from_dict(
    {"generation": {"allow-extra-parameters": False, "with-security-parameters": False}}
)
OPERATIONS = sorted(
    (path, method) for path, item in build_spec()["paths"].items() for method in item if method != "servers"
)
assert portal.api  # the import registers the public routes' description


@pytest.fixture
def seeded(app, client, region, tmp_path):
    """A newcomer with an active plan, objections, conversations and a calendar feed, and two content modules."""
    sync_from_files(small_tree(tmp_path))
    caseworker = create_staff(region["sodertalje"], Role.CASEWORKER)
    person = create_person(region["sodertalje"], language="ar")
    create_objectionable_plan(person, caseworker)
    objections = [create_objection(person), create_decided_objection(person, caseworker, reason="wrong_level")]
    stranger = create_person(region["botkyrka"], language="so")
    create_objectionable_plan(stranger, create_staff(region["botkyrka"]))
    foreign = create_objection(stranger)
    conversations = [
        create_conversation(channel="sms", person=person),
        create_conversation(channel="chat", person=person, language="fa"),
        create_conversation(channel="sms", phone="+46709999999", language="so"),
        create_conversation(channel="sms", person=person, phone="+46708888888"),  # the number changed hands
    ]
    sign_in_newcomer(client, person)
    return {
        "cookie": client.get_cookie("ankomst_session").value,
        "cid": [c.public_id for c in conversations],
        "case_number": [o.display_case_number for o in [*objections, foreign]],
        "slug": ["halsa-och-vard", "boende"],
        "token": [calendar_feed.create_feed(person)],  # the calendar feed, documented as text/calendar
    }


# Bodies a generator seldom hits by chance (a real language code, a real reason): mixed into the positive
# cases so filing, handoff and language changes also succeed and their answers are checked.
_TEXT = st.text(min_size=0, max_size=300)
_LIKELY_BODIES = {
    "/v1/conversations/{cid}/language": st.one_of(
        st.fixed_dictionaries({"language": st.sampled_from([*CODES, "AR", "fa-AF", "xx"])}),
        st.fixed_dictionaries(
            {"choice": st.one_of(st.sampled_from(["3", "٣", "²", "arabic", "عربي", "soomaali"]), _TEXT)}
        ),
    ),
    "/v1/conversations/{cid}/objections": st.fixed_dictionaries(
        {
            "reason": st.sampled_from([r.value for r in ReasonCode]),
            "text": _TEXT,
            "idempotency_key": st.text(min_size=6, max_size=70),
        },
        optional={
            "target": st.one_of(st.just("plan"), _TEXT),
            "wanted": _TEXT,
            "interpreter": st.booleans(),
            "phone_call": st.booleans(),
        },
    ),
    "/v1/conversations/{cid}/handoff": st.fixed_dictionaries({}, optional={"note": st.one_of(st.none(), _TEXT)}),
}


def _strategy(operation):
    modes = [GenerationMode.POSITIVE]
    if operation.path_parameters or operation.query or operation.body:
        modes.append(GenerationMode.NEGATIVE)
    return st.one_of([operation.as_strategy(generation_mode=mode) for mode in modes])


@pytest.mark.parametrize(("path", "method"), OPERATIONS, ids=[f"{m.upper()} {p}" for p, m in OPERATIONS])
def test_every_operation_answers_as_documented_and_never_with_a_server_error(app, seeded, path, method):
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app, config=CONFIG)
    operation = schema[path][method]
    headers = {"Authorization": f"Bearer {TOKEN}"}
    cookies = {"ankomst_session": seeded["cookie"]}
    known = {name: values for name, values in seeded.items() if name in ("cid", "case_number", "slug", "token")}
    statuses: list[int] = []

    @settings(
        max_examples=FUZZ_EXAMPLES,
        derandomize=True,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(case=_strategy(operation), data=st.data())
    def fuzz(case, data):
        positive = case.meta is None or case.meta.generation.mode == GenerationMode.POSITIVE
        if positive and path in _LIKELY_BODIES and data.draw(st.booleans(), label="likely body"):
            case.body = data.draw(_LIKELY_BODIES[path], label="body")
        path_info = case.meta.components.get(ParameterLocation.PATH) if case.meta else None
        path_is_negated = path_info is not None and path_info.mode == GenerationMode.NEGATIVE
        for name in list(case.path_parameters or {}) if not path_is_negated else []:
            if name in known and data.draw(st.booleans(), label=f"known {name}"):
                case.path_parameters[name] = data.draw(st.sampled_from(known[name]), label=name)
        limiter.reset()
        with app.app_context():
            # The operation's own server (/internal for the assistant's paths): Werkzeug's client
            # would otherwise put every path under the document's first server, /api/v1.
            response = case.call_and_validate(
                base_url=operation.base_url, headers=headers, cookies=cookies, checks=CHECKS
            )
        statuses.append(response.status_code)

    fuzz()
    # The fuzzing reached the code behind the checks: some requests succeeded, not only 4xx.
    if operation.path_parameters or operation.query or operation.body:
        assert len(statuses) >= FUZZ_EXAMPLES
    assert any(200 <= status < 300 for status in statuses), sorted(set(statuses))


# Strings that Python's str.isdigit() or int() read differently from what a client means; a
# generator seldom draws them, so every integer parameter gets them too.
NUMBERISH = ["²", "١٤", "٣", "1_0", " 7", "7 ", "+7", "-0", "0x10", "1e3", "９", "7\x00", "", "99999999999999999999"]
INTEGER_PARAMETERS = [
    ("/api/v1/me/schedule", "days"),
    ("/api/v1/search?q=v%C3%A5rd", "limit"),
    ("/internal/v1/search?q=v%C3%A5rd", "limit"),
    ("/internal/v1/conversations/{cid}/schedule", "days"),
]


@pytest.mark.parametrize(("url", "name"), INTEGER_PARAMETERS)
def test_integer_parameters_refuse_lookalike_numbers_without_a_server_error(app, client, seeded, url, name):
    url = url.replace("{cid}", seeded["cid"][0])
    answers = {}
    for value in NUMBERISH:
        separator = "&" if "?" in url else "?"
        response = client.get(f"{url}{separator}{name}={quote(value)}", headers={"Authorization": f"Bearer {TOKEN}"})
        answers[value] = response.status_code
    assert all(status < 500 for status in answers.values()), answers
    assert answers["7\x00"] in (400, 422) and answers["0x10"] in (400, 422), answers
