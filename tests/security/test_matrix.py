"""The security matrix, generated from the app's url_map: every route × every role × the three
municipalities × objects that belong to someone else.

Invariants checked on every cell:
- nobody reaches another municipality's or another person's object (no 2xx, and a refused
  write changes nothing);
- anonymous visitors reach only public pages; each role reaches only its own area;
- every state-changing form route refuses a request without a CSRF token;
- every response carries the security headers.

The policy is written per area (endpoint prefix), the routes come from url_map, so a new route
is covered the day it is added; a route in no area fails the test until someone decides.
"""

from __future__ import annotations

import secrets

import pytest
from sqlalchemy import func, select, text

from portal.extensions import db
from portal.models import Role, StaffNotification
from portal.models.task import Task, TaskKind
from portal.services.erasure import request_erasure
from tests.factories import (
    create_conversation,
    create_handoff,
    create_objection,
    create_objectionable_plan,
    create_person,
    create_staff,
)
from tests.helpers import sign_in_newcomer, sign_in_staff

MUNICIPALITIES = ["stockholm", "sodertalje", "botkyrka"]
FOREIGN = {"stockholm": "sodertalje", "sodertalje": "botkyrka", "botkyrka": "stockholm"}
# URL parameters that name personal data; the matrix fills them with someone else's object.
PRIVATE_PARAMS = {
    "person_id", "activity_id", "case", "case_number", "cid", "handoff_id", "token", "task_id", "draft_id",
    "notification_id",
}  # fmt: skip
# Who may get a 2xx on an endpoint, by endpoint or endpoint prefix. "public" = anyone.
AREAS: list[tuple[str, set[str]]] = [
    ("static", {"public"}),
    ("main.", {"public"}),
    ("info.", {"public"}),
    ("chat.", {"public"}),
    ("api.", {"public"}),
    ("auth.", {"public"}),
    ("staff.signin", {"public"}),
    ("staff.totp", {"public"}),
    ("staff.enrol", {"public"}),
    ("dev.", {"public"}),  # registered only with DEV_PAGES (never in production; see test_factory)
    ("webhooks.", set()),  # Twilio signature required
    ("internal.", set()),  # bearer token required
    ("plan.feed", set()),  # secret token required
    ("plan.", {"newcomer"}),
    ("objections.", {"newcomer"}),
    ("staff.dashboard", {"caseworker", "editor", "reviewer", "coordinator", "admin"}),
    ("staff.people", {"caseworker"}),
    ("staff.person", {"caseworker"}),
    ("staff.handoff_requests", {"caseworker"}),
    ("staff.close_handoff", {"caseworker"}),
    ("staff.handoff", {"caseworker"}),
    ("staff.reply_to_handoff", {"caseworker"}),
    ("staff.set_person_identity_number", {"caseworker"}),
    ("staff.show_person_identity_number", {"caseworker"}),
    ("staff.assign_task", {"caseworker"}),
    ("staff.complete_task", {"caseworker"}),
    ("staff.erasure_requests", {"caseworker"}),
    # Every staff member has an inbox; a notification is only ever its own staff member's.
    ("staff.inbox", {"caseworker", "editor", "reviewer", "coordinator", "admin"}),
    ("staff.open_notification", {"caseworker", "editor", "reviewer", "coordinator", "admin"}),
    ("staff.mark_all_read", {"caseworker", "editor", "reviewer", "coordinator", "admin"}),
    ("staff.mail_mode", {"caseworker", "editor", "reviewer", "coordinator", "admin"}),
    ("staff.message_costs", {"caseworker", "editor", "admin"}),
    ("staff.confirm_erasure", {"caseworker"}),
    ("planning.", {"caseworker"}),
    ("casework.reviews", {"reviewer"}),
    ("casework.review_case", {"reviewer"}),
    ("casework.final_decide", {"reviewer"}),
    ("casework.start_independent_review", {"reviewer"}),
    ("casework.follow_up", {"coordinator"}),
    ("casework.", {"caseworker"}),
    # The region's approved link sites: its administrators (tests/editor/test_editorial_work.py).
    ("editor.link_domains_page", {"admin"}),
    ("editor.remove_link_domain", {"admin"}),
    ("editor.", {"editor"}),
    # A reception's contact details: its own municipality's editors and admins (tests/help).
    ("help.staff_contacts", {"editor", "admin"}),
    ("help.edit_contact", {"editor", "admin"}),
    ("help.", {"public"}),
    # The satisfaction survey: coordinators read the figures, a newcomer answers (tests/survey).
    ("survey.satisfaction", {"coordinator"}),
    ("survey.", {"newcomer"}),
]
CSRF_EXEMPT = ("webhooks.", "internal.", "api.")


def allowed_roles(endpoint: str) -> set[str]:
    for prefix, roles in AREAS:
        if (
            endpoint == prefix
            or (prefix.endswith(".") and endpoint.startswith(prefix))
            or endpoint.startswith(prefix + "_")
            or endpoint == prefix.rstrip(".")
        ):
            return roles
    raise AssertionError(f"route {endpoint} belongs to no area in the security matrix: decide who may open it")


def _world(region, municipality: str):
    """Actors in `municipality`, and a person with a plan, objection, conversation and handoff elsewhere."""
    foreign_org = region[FOREIGN[municipality]]
    foreign_caseworker = create_staff(foreign_org, Role.CASEWORKER)
    victim = create_person(foreign_org, language="ar")
    plan = create_objectionable_plan(victim, foreign_caseworker)
    objection = create_objection(victim, target="plan")
    conversation = create_conversation(person=victim)
    handoff = create_handoff(victim)
    request_erasure(victim)  # pending: a foreign confirmation would erase them
    task = Task(kind=TaskKind.NO_PLAN, subject_key=f"matrix:{victim.id}", person_id=victim.id)
    db.session.add(task)
    db.session.commit()
    own_org = region[municipality]
    own_caseworker = create_staff(own_org, Role.CASEWORKER)
    newcomer = create_person(own_org, language="so")
    create_objectionable_plan(newcomer, own_caseworker)
    actors = {
        "anonymous": None,
        "newcomer": newcomer,
        "caseworker": own_caseworker,
        "editor": create_staff(own_org, Role.EDITOR),
        "reviewer": create_staff(region["region"], Role.REVIEWER),
        "coordinator": create_staff(region["region"], Role.COORDINATOR),
        "admin": create_staff(region["region"], Role.ADMIN),
    }
    values = {
        "person_id": victim.id,
        "activity_id": plan.activities[0].id,
        "case": objection.case_number,
        "case_number": objection.case_number,
        "cid": conversation.public_id,
        "handoff_id": handoff.id,
        "task_id": task.id,
        # The foreign caseworker's notification of the victim's objection (portal.notifications).
        "notification_id": db.session.scalar(
            select(StaffNotification.id).where(StaffNotification.staff_id == foreign_caseworker.id)
        ),
        "draft_id": 1,  # an editor's own draft; another's is a 404 (tests/editor/test_editors_at_work.py)
        "token": secrets.token_urlsafe(24),
        "slug": "halsa-och-vard",
        "lang": "sv",
        "code": "ar",
        "filename": "ankomst.css",
        "revision_id": 1,
        "section_id": 1,
        "domain": "www.1177.se",
        "query_id": 1,  # an editor's no-answer query: aggregated, no personal data
    }
    return actors, values


def _build_url(app, rule, values) -> str:
    missing = set(rule.arguments) - set(values)
    assert not missing, f"the matrix has no value for {missing} in {rule.rule}: add one"
    with app.test_request_context():
        from flask import url_for

        return url_for(rule.endpoint, **{name: values[name] for name in rule.arguments})


def _fingerprint() -> tuple:
    """A cheap summary of everything a refused write must leave alone."""
    queries = [
        "SELECT COUNT(*), COALESCE(SUM(revision), 0) FROM plan",
        "SELECT COUNT(*) FROM plan_version",
        "SELECT COUNT(*) FROM objection_event",
        "SELECT COALESCE(SUM(responsible_org_id), 0), COALESCE(SUM(LENGTH(name)), 0) FROM person",
        "SELECT COUNT(*), COUNT(confirmed_at) FROM erasure_request",
        "SELECT COUNT(*) FROM content_revision",
        "SELECT COUNT(*) FROM calendar_feed",
        "SELECT COUNT(*), COUNT(done_at), COUNT(assigned_to_id) FROM task",
    ]
    return tuple(tuple(db.session.execute(text(q)).one()) for q in queries)


def _sign_in(client, role, actor):
    if actor is None:
        return
    if role == "newcomer":
        sign_in_newcomer(client, actor)
    else:
        sign_in_staff(client, actor)


@pytest.mark.parametrize("municipality", MUNICIPALITIES)
def test_no_role_reaches_what_is_not_theirs(app, client, region, municipality):
    actors, values = _world(region, municipality)
    rules = [r for r in app.url_map.iter_rules()]
    problems: list[str] = []
    for role, actor in actors.items():
        browser = app.test_client()
        _sign_in(browser, role, actor)
        for rule in rules:
            roles = allowed_roles(rule.endpoint)
            url = _build_url(app, rule, values)
            private = bool(PRIVATE_PARAMS & set(rule.arguments))
            for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
                if rule.endpoint == "auth.signout":
                    continue  # signing yourself out is allowed to everyone
                may_write = not private and ("public" in roles or role in roles)
                before = _fingerprint() if method != "GET" and not may_write else None
                response = browser.open(url, method=method, data={})
                db.session.expire_all()
                ok = 200 <= response.status_code < 300
                cell = f"{role}@{municipality} {method} {rule.rule} -> {response.status_code}"
                for header in ("Content-Security-Policy", "X-Content-Type-Options", "X-Frame-Options"):
                    if header not in response.headers:
                        problems.append(f"{cell}: no {header}")
                if private and ok:
                    problems.append(f"{cell}: reached someone else's object")
                elif ok and "public" not in roles and role not in roles:
                    problems.append(f"{cell}: outside the role's area")
                if before is not None and _fingerprint() != before:
                    problems.append(f"{cell}: a refused or foreign write changed data")
    assert not problems, f"{len(problems)} unauthorised results:\n" + "\n".join(problems[:40])


@pytest.mark.parametrize("role", ["anonymous", "newcomer", "caseworker", "editor", "reviewer"])
def test_every_state_changing_form_route_needs_a_csrf_token(app, region, role):
    actors, values = _world(region, "sodertalje")
    client = app.test_client()
    _sign_in(client, role, actors[role])
    problems = []
    for rule in app.url_map.iter_rules():
        if rule.endpoint.startswith(CSRF_EXEMPT):
            continue
        for method in rule.methods & {"POST", "PUT", "PATCH", "DELETE"}:
            url = _build_url(app, rule, values)
            response = client.open(url, method=method, data={"x": "1"}, csrf=False)
            if response.status_code != 400:
                problems.append(f"{role} {method} {rule.rule} without CSRF -> {response.status_code}")
    assert not problems, "\n".join(problems)


def test_csrf_exempt_routes_require_a_signature_or_token_instead(app, region):
    _, values = _world(region, "sodertalje")
    client = app.test_client()
    for rule in app.url_map.iter_rules():
        if not rule.endpoint.startswith(("webhooks.", "internal.")):
            continue
        for method in rule.methods - {"HEAD", "OPTIONS"}:
            response = client.open(_build_url(app, rule, values), method=method, data={"Body": "hi"})
            assert response.status_code in (401, 403), f"{method} {rule.rule} -> {response.status_code}"


def test_the_matrix_covers_every_route(app):
    endpoints = {r.endpoint for r in app.url_map.iter_rules()}
    for endpoint in endpoints:
        allowed_roles(endpoint)  # raises for a route nobody has classified
    assert db.session.scalar(select(func.count()).select_from(text("person"))) == 0
