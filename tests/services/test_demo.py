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


def test_the_demo_caseload_flags_the_newcomers_without_a_plan_and_no_demo_plan_is_late(app):
    from sqlalchemy import select

    from portal.models import StaffUser
    from portal.services.caseload import build_caseload
    from portal.services.demo import staff_email
    from portal.services.objections import stockholm_date

    assert seed(if_empty=True)
    today = stockholm_date()
    for local in ("handlaggare.stockholm", "handlaggare.sodertalje", "handlaggare.botkyrka"):
        staff = app.extensions["sqlalchemy"].session.scalar(
            select(StaffUser).where(StaffUser.email == staff_email(local))
        )
        caseload = build_caseload(staff, today)
        for row in caseload.rows:
            assert (row.plan is None) == row.plan_overdue, (local, row.person.name)
            assert "late_activity_plan" not in {w.kind for w in row.warnings}, (local, row.person.name)
        assert caseload.counts["overdue"] >= 1


def test_the_demo_receptions_are_on_the_contact_page_with_tappable_numbers(app, client):
    from portal.services.contacts import is_dialable
    from portal.services.demo import CONTACTS

    seed()
    seed()  # seeding again adds no second contact
    soup = check_page(client.get("/contact?lang=fa"))
    cards = soup.select(".contact-card")
    assert len(cards) == len(CONTACTS)
    for _slug, phone, *_rest in CONTACTS:
        assert is_dialable(phone)
        assert soup.select_one(f'a[href="tel:{"".join(c for c in phone if c.isdigit())}"]') is not None
