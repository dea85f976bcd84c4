from __future__ import annotations

import pytest

from actions import portal_api
from tests.bot.contract_portal import TOKEN

CID = "c-Zm/Fr+ZQ"


def test_every_request_carries_the_bearer_token_from_the_environment(portal):
    portal.add_conversation(CID)

    portal_api.client().conversation(CID)

    assert portal.requests[0].headers["authorization"] == f"Bearer {TOKEN}"


def test_conversation_id_is_quoted_into_one_path_segment(portal):
    portal.add_conversation(CID)

    portal_api.client().conversation(CID)

    assert portal.requests[0].path == "/internal/v1/conversations/c-Zm%2FFr%2BZQ"


def test_wrong_token_is_treated_as_an_unreachable_portal(portal, monkeypatch):
    portal.add_conversation(CID)
    monkeypatch.setenv("ANKOMST_INTERNAL_TOKEN", "wrong")

    with pytest.raises(portal_api.PortalUnavailable) as error:
        portal_api.client().conversation(CID)
    assert error.value.status == 401


@pytest.mark.parametrize(
    ("call", "error", "code"),
    [
        (lambda api: api.schedule_question(CID, "imorgon"), portal_api.NotIdentified, "not_identified"),
        (lambda api: api.objection(CID, "AAAA-BBBB"), portal_api.NotIdentified, "not_identified"),
        (lambda api: api.conversation("nobody"), portal_api.NotFound, "not_found"),
        (lambda api: api.set_language(CID, choice="klingon"), portal_api.Invalid, "invalid"),
    ],
)
def test_portal_errors_become_typed_exceptions(portal, call, error, code):
    portal.add_conversation(CID, person=None)

    with pytest.raises(error) as raised:
        call(portal_api.client())
    assert raised.value.code == code


def test_invalid_value_names_the_field(portal):
    portal.add_conversation(CID)

    with pytest.raises(portal_api.Invalid) as raised:
        portal_api.client().set_language(CID, choice="klingon")
    assert raised.value.field == "language"


def test_slow_portal_times_out_as_unavailable(monkeypatch):
    import socket

    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()  # accepts the connection but never answers
    try:
        url = f"http://127.0.0.1:{listener.getsockname()[1]}"
        api = portal_api.PortalClient(base_url=url, token=TOKEN, timeout=0.2)
        with pytest.raises(portal_api.PortalUnavailable):
            api.conversation(CID)
    finally:
        listener.close()


def test_default_base_url_and_token_work_on_a_laptop_with_nothing_set(monkeypatch):
    monkeypatch.delenv("ANKOMST_PORTAL_URL", raising=False)
    monkeypatch.delenv("ANKOMST_INTERNAL_TOKEN", raising=False)

    api = portal_api.client()

    assert api.base_url == "http://127.0.0.1:5000/internal/v1"
    assert api.token == "dev-internal-token"
    assert api.timeout == 3.0


def test_a_portal_error_is_logged_without_the_conversation_id_or_case_number(portal, caplog):
    portal.add_conversation(CID)
    portal.fail_with_status = 500

    with caplog.at_level("WARNING", logger="actions.portal_api"), pytest.raises(portal_api.PortalUnavailable):
        portal_api.client().objection(CID, "K7QX-3M2A")

    logged = [(r.getMessage(), getattr(r, "path", "")) for r in caplog.records]
    assert logged == [("portal error", "/conversations/{cid}/objections/{case}")]
    assert "Zm" not in str(logged) and "K7QX" not in str(logged)
