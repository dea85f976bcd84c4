"""The demo data shows first contact too: a newcomer still on a foreign SIM signs in."""

from __future__ import annotations

from portal.services.demo import seed
from tests.helpers import check_page, code_from_outbox


def test_the_demo_newcomer_on_a_ukrainian_sim_signs_in_and_reads_ukrainian(app, client):
    assert seed(if_empty=True)
    assert client.post("/signin", data={"phone": "+380 67 174 00 12"}).status_code == 302
    response = client.post("/signin/code", data={"code": code_from_outbox("+380671740012")})
    assert response.status_code == 302 and "/signin" not in response.location
    check_page(client.get("/plan"), lang="uk")
