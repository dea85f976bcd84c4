"""The objection workflow: transitions, deadlines, reviewer independence, notifications, input."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest
from flask_babel import get_locale
from sqlalchemy import func, select

from portal.bidi import strip_isolates
from portal.extensions import db
from portal.models import (
    AuditEvent,
    Membership,
    Objection,
    ObjectionStatus,
    OrganisationKind,
    Outcome,
    Role,
    SmsMessage,
)
from portal.services import objections
from portal.services.objections import TRANSITIONS, Action, ObjectionError, ObjectionInput
from tests.factories import (
    create_decided_objection,
    create_objection,
    create_objectionable_plan,
    create_organisation,
    create_person,
    create_staff,
)

S = ObjectionStatus
# Noon in Stockholm on a Monday; deadlines are calendar days in Sweden.
T0 = datetime(2026, 11, 2, 11, 0, tzinfo=UTC)
ARABIC = re.compile(r"[\u0600-\u06FF]")


@pytest.fixture
def caseworker(region):
    return create_staff(region["sodertalje"], Role.CASEWORKER, name="Elin Berg")


@pytest.fixture
def reviewer(region):
    return create_staff(region["region"], Role.REVIEWER, name="Per Sjöberg")


@pytest.fixture
def person(region, caseworker):
    person = create_person(region["sodertalje"], language="ar")
    create_objectionable_plan(person, caseworker)
    return person


def _sms_count(person) -> int:
    return db.session.scalar(
        select(func.count())
        .select_from(SmsMessage)
        .where(SmsMessage.person_id == person.id, SmsMessage.purpose == "objection")
    )


def _last_sms(person) -> SmsMessage:
    return db.session.scalar(
        select(SmsMessage)
        .where(SmsMessage.person_id == person.id, SmsMessage.purpose == "objection")
        .order_by(SmsMessage.id.desc())
        .limit(1)
    )


# --- the state machine ---------------------------------------------------------------------------

EXPECTED = {
    (S.SUBMITTED, Action.ACKNOWLEDGE): S.ACKNOWLEDGED,
    (S.ACKNOWLEDGED, Action.START_REVIEW): S.UNDER_REVIEW,
    (S.UNDER_REVIEW, Action.DECIDE): S.DECIDED,
    (S.DECIDED, Action.ESCALATE): S.ESCALATED,
    (S.SUBMITTED, Action.ESCALATE): S.ESCALATED,
    (S.ACKNOWLEDGED, Action.ESCALATE): S.ESCALATED,
    (S.UNDER_REVIEW, Action.ESCALATE): S.ESCALATED,
    (S.ESCALATED, Action.START_INDEPENDENT_REVIEW): S.UNDER_INDEPENDENT_REVIEW,
    (S.UNDER_INDEPENDENT_REVIEW, Action.FINAL_DECIDE): S.FINAL_DECISION,
}


def test_the_transition_table_is_exactly_the_workflow():
    assert TRANSITIONS == EXPECTED


def _bring_to(status, person, caseworker, reviewer, now):
    """An objection in `status`, got there through the service; overdue where escalation needs it."""
    objection = create_objection(person, now=now)
    path = {
        S.SUBMITTED: [],
        S.ACKNOWLEDGED: ["ack"],
        S.UNDER_REVIEW: ["ack", "review"],
        S.DECIDED: ["ack", "review", "decide"],
        S.ESCALATED: ["ack", "review", "decide", "escalate"],
        S.UNDER_INDEPENDENT_REVIEW: ["ack", "review", "decide", "escalate", "take"],
        S.FINAL_DECISION: ["ack", "review", "decide", "escalate", "take", "final"],
    }[status]
    for step in path:
        if step == "ack":
            objections.acknowledge(objection, caseworker, now=now)
        elif step == "review":
            objections.start_review(objection, caseworker, now=now)
        elif step == "decide":
            objections.decide(
                objection,
                caseworker,
                outcome="rejected",
                grounds=["rules_followed"],
                reasons="The plan follows the rules.",
                now=now,
            )
        elif step == "escalate":
            objections.escalate(objection, person, now=now)
        elif step == "take":
            objections.start_independent_review(objection, reviewer, now=now)
        elif step == "final":
            objections.final_decide(
                objection,
                reviewer,
                outcome="rejected",
                grounds=["rules_followed"],
                reasons="The plan also follows the rules.",
                now=now,
            )
    assert objection.status == status
    return objection


def _do(action, objection, person, caseworker, reviewer, now):
    if action == Action.ACKNOWLEDGE:
        objections.acknowledge(objection, caseworker, now=now)
    elif action == Action.START_REVIEW:
        objections.start_review(objection, caseworker, now=now)
    elif action == Action.DECIDE:
        objections.decide(
            objection,
            caseworker,
            outcome="partly_upheld",
            grounds=["rules_followed"],
            reasons="Some of it is right: SFI moves.",
            now=now,
        )
    elif action == Action.ESCALATE:
        objections.escalate(objection, person, now=now)
    elif action == Action.START_INDEPENDENT_REVIEW:
        objections.start_independent_review(objection, reviewer, now=now)
    elif action == Action.FINAL_DECIDE:
        objections.final_decide(
            objection,
            reviewer,
            outcome="upheld",
            grounds=["rules_followed"],
            reasons="Upheld: the internship moves.",
            now=now,
        )


@pytest.mark.parametrize("action", list(Action), ids=str)
@pytest.mark.parametrize("status", list(ObjectionStatus), ids=str)
def test_only_allowed_transitions_happen(app, person, caseworker, reviewer, status, action):
    objection = _bring_to(status, person, caseworker, reviewer, T0)
    # Late enough that an undecided case may be escalated, early enough for a decided one.
    later = T0 + timedelta(days=15)
    events_before = len(objection.events)
    expected = EXPECTED.get((status, action))
    if expected is None:
        with pytest.raises(ObjectionError) as error:
            _do(action, objection, person, caseworker, reviewer, later)
        reviewer_action = action in (Action.START_INDEPENDENT_REVIEW, Action.FINAL_DECIDE)
        # A reviewer cannot even reach a case that was never escalated.
        refusal = "no_access" if reviewer_action and objection.escalated_at is None else "not_allowed"
        assert error.value.code == refusal
        db.session.refresh(objection)
        assert objection.status == status
        assert len(objection.events) == events_before
    else:
        _do(action, objection, person, caseworker, reviewer, later)
        db.session.refresh(objection)
        assert objection.status == expected
        assert objection.events[-1].status == expected and objection.events[-1].action == action.value


def test_every_transition_is_timestamped_and_audited(app, person, caseworker, reviewer):
    objection = _bring_to(S.FINAL_DECISION, person, caseworker, reviewer, T0)
    assert [e.action for e in objection.events] == [
        "submit",
        "acknowledge",
        "start_review",
        "decide",
        "escalate",
        "start_independent_review",
        "final_decide",
    ]
    assert all(e.at == T0 for e in objection.events)
    actions = db.session.scalars(
        select(AuditEvent.action).where(AuditEvent.object_type == "objection", AuditEvent.object_id == objection.id)
    ).all()
    assert actions == [f"objection.{a}" for a in ["file", *[e.action for e in objection.events[1:]]]]
    staff_events = {e.action: e.actor_staff_id for e in objection.events}
    assert staff_events["decide"] == caseworker.id and staff_events["final_decide"] == reviewer.id
    assert staff_events["escalate"] is None  # the newcomer did it


# --- deadlines -----------------------------------------------------------------------------------


def test_a_decision_is_due_fourteen_days_after_filing_in_stockholm(app, person):
    # 23:30 UTC on 1 November is already 2 November in Stockholm.
    objection = create_objection(person, now=datetime(2026, 11, 1, 23, 30, tzinfo=UTC))
    assert objection.due_date == datetime(2026, 11, 16).date()


def test_the_decision_days_come_from_the_config(config, person):
    config["OBJECTION_DECISION_DAYS"] = 5
    objection = create_objection(person, now=T0)
    assert objection.due_date == datetime(2026, 11, 7).date()


@pytest.mark.parametrize(
    ("days_after_filing", "overdue"),
    [(0, False), (13, False), (14, False), (15, True), (40, True)],
)
def test_an_open_case_is_overdue_only_after_its_due_date(app, person, days_after_filing, overdue):
    objection = create_objection(person, now=T0)
    today = objection.due_date - timedelta(days=14) + timedelta(days=days_after_filing)
    assert objections.is_overdue(objection, today) is overdue


def test_a_decided_case_is_never_overdue(app, person, caseworker):
    objection = create_decided_objection(person, caseworker, now=T0)
    assert objections.is_overdue(objection, objection.due_date + timedelta(days=100)) is False


def test_an_escalated_case_is_due_again_fourteen_days_after_escalation(app, person, caseworker):
    objection = create_decided_objection(person, caseworker, now=T0)
    objections.escalate(objection, person, now=T0 + timedelta(days=3))
    assert objection.review_due_date == datetime(2026, 11, 19).date()
    assert objection.current_due_date == objection.review_due_date
    assert not objections.is_overdue(objection, objection.review_due_date)
    assert objections.is_overdue(objection, objection.review_due_date + timedelta(days=1))


@pytest.mark.parametrize(("days_after_decision", "allowed"), [(0, True), (21, True), (22, False)])
def test_escalation_is_possible_within_the_configured_days_of_the_decision(
    app, person, caseworker, days_after_decision, allowed
):
    objection = create_decided_objection(person, caseworker, now=T0)
    when = T0 + timedelta(days=days_after_decision)
    assert objections.can_escalate(objection, objections.stockholm_date(when)) is allowed
    if allowed:
        objections.escalate(objection, person, now=when)
        assert objection.status == S.ESCALATED
    else:
        with pytest.raises(ObjectionError) as error:
            objections.escalate(objection, person, now=when)
        assert error.value.code == "escalation_closed"
        assert objection.status == S.DECIDED


def test_a_case_upheld_in_full_cannot_be_escalated(app, person, caseworker):
    objection = create_decided_objection(person, caseworker, outcome="upheld", now=T0)
    with pytest.raises(ObjectionError) as error:
        objections.escalate(objection, person, now=T0)
    assert error.value.code == "upheld"


def test_an_undecided_case_can_be_escalated_only_once_it_is_overdue(app, person):
    objection = create_objection(person, now=T0)
    with pytest.raises(ObjectionError) as error:
        objections.escalate(objection, person, now=T0 + timedelta(days=14))
    assert error.value.code == "not_overdue"
    objections.escalate(objection, person, now=T0 + timedelta(days=15))
    assert objection.status == S.ESCALATED


# --- reviewer independence -----------------------------------------------------------------------


def _escalated(person, caseworker):
    objection = create_decided_objection(person, caseworker, now=T0)
    objections.escalate(objection, person, now=T0)
    return objection


def test_the_caseworker_who_decided_can_never_decide_the_escalation(app, region, person, caseworker):
    # Even when they also hold the reviewer role at the region.
    caseworker.memberships.append(Membership(organisation=region["region"], role=Role.REVIEWER))
    db.session.commit()
    objection = _escalated(person, caseworker)
    assert not objections.is_independent(caseworker, objection)
    with pytest.raises(ObjectionError) as error:
        objections.start_independent_review(objection, caseworker)
    assert error.value.code == "not_independent"
    assert objection.status == S.ESCALATED


def test_a_reviewer_who_made_a_version_of_the_plan_is_not_independent(app, region, person, caseworker):
    other = create_staff(region["region"], Role.REVIEWER)
    objection = _escalated(person, caseworker)
    # `other` once edited this plan (as a caseworker they no longer are).
    db.session.add(
        AuditEvent(
            action="plan.goal_add", actor_staff_id=other.id, object_type="plan", object_id=objection.plan_id, details={}
        )
    )
    db.session.commit()
    with pytest.raises(ObjectionError) as error:
        objections.start_independent_review(objection, other)
    assert error.value.code == "not_independent"


def test_a_reviewer_who_is_also_a_caseworker_for_the_person_is_not_independent(app, region, person, caseworker):
    both = create_staff(region["region"], Role.REVIEWER)
    both.memberships.append(Membership(organisation=region["sodertalje"], role=Role.CASEWORKER))
    db.session.commit()
    objection = _escalated(person, caseworker)
    assert not objections.is_independent(both, objection)


def test_a_reviewer_must_be_at_the_region_above_the_person(app, region, person, caseworker):
    municipal = create_staff(region["botkyrka"], Role.REVIEWER)
    other_region = create_organisation("vastra-gotaland", OrganisationKind.REGION)
    elsewhere = create_staff(other_region, Role.REVIEWER)
    objection = _escalated(person, caseworker)
    for staff in (municipal, elsewhere):
        with pytest.raises(ObjectionError) as error:
            objections.start_independent_review(objection, staff)
        assert error.value.code == "no_access"


def test_only_the_reviewer_who_took_the_case_decides_it(app, region, person, caseworker, reviewer):
    second = create_staff(region["region"], Role.REVIEWER)
    objection = _escalated(person, caseworker)
    objections.start_independent_review(objection, reviewer)
    with pytest.raises(ObjectionError) as error:
        objections.final_decide(
            objection, second, outcome="upheld", grounds=["rules_followed"], reasons="I would uphold it, it is too far."
        )
    assert error.value.code == "not_assigned"
    decision = objections.final_decide(
        objection, reviewer, outcome="upheld", grounds=["rules_followed"], reasons="Upheld after review."
    )
    assert decision.decided_by_id == reviewer.id and objection.status == S.FINAL_DECISION


def test_a_reviewer_cannot_touch_a_case_that_was_not_escalated(app, person, reviewer):
    objection = create_objection(person, now=T0)
    with pytest.raises(ObjectionError) as error:
        objections.start_independent_review(objection, reviewer)
    assert error.value.code == "no_access"


def test_a_caseworker_of_another_organisation_cannot_act(app, region, person):
    stranger = create_staff(region["botkyrka"], Role.CASEWORKER)
    objection = create_objection(person, now=T0)
    with pytest.raises(ObjectionError) as error:
        objections.acknowledge(objection, stranger)
    assert error.value.code == "no_access"
    assert objection.status == S.SUBMITTED


# --- decisions -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("grounds", "code"),
    [([], "grounds_empty"), (["rules_followed", "because_i_say_so"], "grounds_unknown")],
)
@pytest.mark.parametrize("stage", ["first", "independent"])
def test_a_decision_needs_catalogued_grounds_and_nothing_changes_without(
    app, person, caseworker, reviewer, grounds, code, stage
):
    if stage == "independent":
        objection = _bring_to(S.UNDER_INDEPENDENT_REVIEW, person, caseworker, reviewer, T0)
        decide, staff = objections.final_decide, reviewer
    else:
        objection = _bring_to(S.UNDER_REVIEW, person, caseworker, None, T0)
        decide, staff = objections.decide, caseworker
    status, decisions, sms_before = objection.status, len(objection.decisions), _sms_count(person)
    with pytest.raises(ObjectionError) as error:
        decide(objection, staff, outcome="rejected", grounds=grounds, reasons="The plan follows the rules.", now=T0)
    assert (error.value.code, error.value.field) == (code, "grounds")
    db.session.refresh(objection)
    assert objection.status == status and len(objection.decisions) == decisions
    assert _sms_count(person) == sms_before


def test_the_grounds_are_kept_in_the_order_chosen_each_once(app, person, caseworker):
    objection = _bring_to(S.UNDER_REVIEW, person, caseworker, None, T0)
    keys = ["travel_considered", "rules_followed", "travel_considered"]
    decision = objections.decide(objection, caseworker, outcome="rejected", grounds=keys, reasons="x" * 20, now=T0)
    db.session.expire_all()
    assert db.session.get(type(decision), decision.id).grounds == ["travel_considered", "rules_followed"]


@pytest.mark.parametrize("reasons", ["", "   \n  ", None, "x" * 8001])
def test_a_decision_without_reasons_is_refused_and_nothing_changes(app, person, caseworker, reasons):
    objection = _bring_to(S.UNDER_REVIEW, person, caseworker, None, T0)
    sms_before = _sms_count(person)
    with pytest.raises(ObjectionError) as error:
        objections.decide(objection, caseworker, outcome="rejected", grounds=["rules_followed"], reasons=reasons)
    assert error.value.field == "reasons"
    db.session.refresh(objection)
    assert objection.status == S.UNDER_REVIEW and objection.decisions == []
    assert _sms_count(person) == sms_before


def test_an_upheld_decision_needs_the_plan_version_that_carries_it_out(app, person, caseworker):
    objection = _bring_to(S.UNDER_REVIEW, person, caseworker, None, T0)
    with pytest.raises(ObjectionError) as error:
        objections.decide(
            objection,
            caseworker,
            outcome="upheld",
            grounds=["rules_followed"],
            reasons="You are right about the travel.",
        )
    assert error.value.code == "plan_version_needed"
    # A version from before the objection does not carry it out.
    old = objection.plan.versions[0]
    with pytest.raises(ObjectionError) as error:
        objections.decide(
            objection,
            caseworker,
            outcome="upheld",
            grounds=["rules_followed"],
            reasons="You are right about the travel.",
            plan_version_id=old.id,
        )
    assert error.value.code == "plan_version"
    decision = create_decided_objection(person, caseworker, outcome="upheld").first_decision
    assert decision.outcome == Outcome.UPHELD and decision.plan_version is not None
    assert decision.plan_version.number > decision.objection.plan_version_number


def test_the_language_of_the_reasons_is_recorded(app, person, caseworker):
    objection = _bring_to(S.UNDER_REVIEW, person, caseworker, None, T0)
    decision = objections.decide(
        objection,
        caseworker,
        outcome="rejected",
        grounds=["rules_followed"],
        reasons="Skolan ligger på rimligt avstånd och resan betalas av kommunen enligt reglerna.",
    )
    assert decision.reasons_language == "sv"


# --- notifications -------------------------------------------------------------------------------


def test_every_step_sends_an_sms_in_the_persons_language(app, person, caseworker, reviewer, monkeypatch):
    """The body is composed under the person's locale (spied on), and the dates in it are Arabic."""
    composed_in: list[str] = []
    real_sms_body = objections.sms_body

    def spy(objection, action):
        composed_in.append(str(get_locale()))
        return real_sms_body(objection, action)

    monkeypatch.setattr(objections.notices, "sms_body", spy)
    objection = create_objection(person, now=T0)
    bodies = [_last_sms(person).body]
    for step in (
        lambda: objections.acknowledge(objection, caseworker, now=T0),
        lambda: objections.start_review(objection, caseworker, now=T0),
        lambda: objections.decide(
            objection,
            caseworker,
            outcome="rejected",
            grounds=["rules_followed"],
            reasons="The plan follows the rules.",
            now=T0,
        ),
        lambda: objections.escalate(objection, person, now=T0),
        lambda: objections.start_independent_review(objection, reviewer, now=T0),
        lambda: objections.final_decide(
            objection,
            reviewer,
            outcome="rejected",
            grounds=["rules_followed"],
            reasons="The plan follows the rules.",
            now=T0,
        ),
    ):
        step()
        bodies.append(_last_sms(person).body)
    assert composed_in == ["ar"] * 7
    assert len(set(bodies)) == 7, "one SMS per step"
    assert all(objection.display_case_number in body for body in bodies)
    # Steps that name a date write it in Arabic (month names come from CLDR, not our catalogues).
    dated = [bodies[i] for i in (0, 1, 2, 3, 4, 5)]
    assert all(ARABIC.search(body) for body in dated), dated


def test_the_receipt_is_swedish_for_a_swedish_speaker_and_not_for_an_arabic_one(app, region, caseworker):
    swede = create_person(region["sodertalje"], language="sv")
    create_objectionable_plan(swede, caseworker)
    create_objection(swede, now=T0)
    assert "november" in _last_sms(swede).body
    arab = create_person(region["sodertalje"], language="ar")
    create_objectionable_plan(arab, caseworker)
    create_objection(arab, now=T0)
    assert "november" not in _last_sms(arab).body and "نوفمبر" in _last_sms(arab).body


def test_no_sms_goes_to_someone_who_opted_out_but_the_case_moves_on(app, person, caseworker):
    person.sms_opted_out_at = T0
    db.session.commit()
    objection = create_objection(person, now=T0)
    objections.acknowledge(objection, caseworker)
    assert _sms_count(person) == 0 and objection.status == S.ACKNOWLEDGED


@pytest.mark.parametrize("language", ["en", "ar", "ti"])
def test_the_decision_sms_carries_the_outcome_and_grounds_in_the_persons_language_but_not_the_free_text(
    app, region, caseworker, language
):
    # Issue 14: the SMS says what was decided and why, in the person's language; the
    # caseworker's own words (which may name a diagnosis or a family matter) stay behind sign-in.
    from portal.i18n import in_language
    from portal.services.objection_text import ground_text, outcome_label

    person = create_person(region["sodertalje"], language=language)
    create_objectionable_plan(person, caseworker)
    objection = create_objection(person, now=T0)
    objections.acknowledge(objection, caseworker, now=T0)
    objections.start_review(objection, caseworker, now=T0)
    objections.decide(
        objection,
        caseworker,
        outcome="rejected",
        grounds=["travel_considered", "no_alternative_now"],
        reasons="Resan tar 40 minuter och betalas av kommunen.",
        now=T0,
    )
    body = strip_isolates(_last_sms(person).body)
    with in_language(person.preferred_language):
        expected = [outcome_label("rejected"), ground_text("travel_considered"), ground_text("no_alternative_now")]
        review = objections.review_word()
    for text in expected:
        assert strip_isolates(text) in body
    assert body.index(strip_isolates(expected[1])) < body.index(strip_isolates(expected[2]))
    assert "Resan" not in body and "40 minuter" not in body
    assert f"{review} {objection.display_case_number}" in body


@pytest.mark.parametrize("language", ["en", "ar", "so", "ti", "uk"])
def test_the_decision_sms_says_how_to_ask_for_the_review_by_sms_in_the_persons_language(
    app, region, caseworker, language
):
    from portal.channels.triage import asks_for_review, case_number

    person = create_person(region["sodertalje"], language=language)
    create_objectionable_plan(person, caseworker)
    objection = create_decided_objection(person, caseworker, now=T0)
    body = _last_sms(person).body
    # The reply it asks for, sent back as it is, is read as a request for that case's review.
    reply = body.rsplit(":", 1)[1].strip(' ".“”«»')
    assert case_number(reply) == objection.display_case_number
    assert asks_for_review(reply, with_case=True)


def test_every_languages_review_word_is_read_by_the_triage(app):
    from flask_babel import force_locale

    from portal.channels.triage import asks_for_review
    from portal.languages import LANGUAGES

    for language in LANGUAGES:
        with force_locale(language.babel_locale):
            word = objections.review_word()
        assert asks_for_review(f"{word} K7QX-3M2A", with_case=True), language.code


# --- case numbers --------------------------------------------------------------------------------


def test_case_numbers_are_eight_crockford_characters_and_shown_with_a_hyphen(app, person):
    numbers = {create_objection(person).case_number for _ in range(5)}
    assert len(numbers) == 5
    for number in numbers:
        assert re.fullmatch(r"[0-9ABCDEFGHJKMNPQRSTVWXYZ]{8}", number)
    assert Objection(case_number="K7QX3M2A").display_case_number == "K7QX-3M2A"


def test_a_new_case_number_has_two_digits_and_two_letters_so_it_is_read_in_any_form(app):
    from portal.channels.triage import case_number

    for _ in range(300):
        number = objections.new_case_number()
        assert sum(ch.isdigit() for ch in number) >= 2 and sum(ch.isalpha() for ch in number) >= 2
        shown = Objection(case_number=number).display_case_number
        assert case_number(shown) == shown


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("K7QX-3M2A", "K7QX3M2A"),
        ("k7qx3m2a", "K7QX3M2A"),
        (" k7qx 3m2a ", "K7QX3M2A"),
        ("O1IL-oilL", "01110111"),  # O reads as 0, I and L as 1
        ("K7QX-3M2", None),
        ("K7QX-3M2AB", None),
        ("K7QX-3M2U", None),  # U is not in Crockford's alphabet
        ("", None),
        (None, None),
        ("'; drop table", None),
    ],
)
def test_case_number_input_is_normalised(raw, expected):
    assert objections.normalise_case_number(raw) == expected


# --- filing and bad input ------------------------------------------------------------------------


def _input(**overrides) -> ObjectionInput:
    fields = {
        "target": "plan",
        "reason": "too_far",
        "text": "It takes two hours to get there.",
        "idempotency_key": "key-0123456789",
    }
    fields.update(overrides)
    return ObjectionInput(**fields)


def test_filing_freezes_the_target_and_the_plan_version(app, person, caseworker):
    plan = objections.objectionable_plan(person)
    activity = plan.activities[0]
    objection, created = objections.file_objection(person, _input(target=f"activity:{activity.id}"))
    assert created
    assert objection.snapshot["target"]["type"] == "sfi" and objection.snapshot["target"]["id"] == activity.id
    assert objection.plan_version_number == plan.versions[-1].number
    assert str(activity.id) in objection.snapshot["plan"]["activities"]
    # The plan changes afterwards; the case keeps what was objected to.
    from portal.services import plans

    plans.remove_activity(plan, caseworker, activity.id, None)
    db.session.refresh(objection)
    assert objection.snapshot["target"]["type"] == "sfi"


def test_a_double_submit_returns_the_same_case_and_sends_one_receipt(app, person):
    first, created = objections.file_objection(person, _input())
    second, created_again = objections.file_objection(person, _input(text="Changed my mind about the words."))
    assert created and not created_again
    assert first.id == second.id
    assert db.session.scalar(select(func.count()).select_from(Objection)) == 1
    assert _sms_count(person) == 1


def test_the_same_key_from_another_person_is_another_case(app, region, person, caseworker):
    other = create_person(region["sodertalje"])
    create_objectionable_plan(other, caseworker)
    mine, _ = objections.file_objection(person, _input())
    theirs, created = objections.file_objection(other, _input())
    assert created and mine.id != theirs.id


@pytest.mark.parametrize(
    ("overrides", "field", "code"),
    [
        ({"text": ""}, "text", "text_empty"),
        ({"text": "   \n\t "}, "text", "text_empty"),
        ({"text": "x" * 4001}, "text", "text_too_long"),
        ({"wanted": "y" * 1001}, "wanted", "wanted_too_long"),
        ({"reason": "i_just_dont_like_it"}, "reason", "reason"),
        ({"reason": ""}, "reason", "reason"),
        ({"target": "activity:999999"}, "target", "target"),
        ({"target": "goal:abc"}, "target", "target"),
        ({"target": ""}, "target", "target"),
        ({"text_language": "xx"}, "text_language", "language"),
        ({"idempotency_key": ""}, "idempotency_key", "idempotency_key"),
        ({"idempotency_key": "k" * 65}, "idempotency_key", "idempotency_key"),
    ],
)
def test_bad_input_is_refused_with_a_field_and_nothing_is_saved(app, person, overrides, field, code):
    with pytest.raises(ObjectionError) as error:
        objections.file_objection(person, _input(**overrides))
    assert (error.value.field, error.value.code) == (field, code)
    with app.test_request_context("/?lang=en"):
        assert error.value.message.endswith(".")  # a sentence for the reader
    assert db.session.scalar(select(func.count()).select_from(Objection)) == 0
    assert _sms_count(person) == 0


def test_an_item_in_another_persons_plan_is_not_in_mine(app, region, person, caseworker):
    other = create_person(region["sodertalje"])
    other_plan = create_objectionable_plan(other, caseworker)
    with pytest.raises(ObjectionError) as error:
        objections.file_objection(person, _input(target=f"activity:{other_plan.activities[0].id}"))
    assert error.value.code == "target"


def test_there_is_nothing_to_object_to_before_the_plan_is_shown(app, region, caseworker):
    person = create_person(region["sodertalje"])
    create_objectionable_plan(person, caseworker, status="draft")
    with pytest.raises(ObjectionError) as error:
        objections.file_objection(person, _input())
    assert error.value.code == "no_plan"


def test_the_text_language_is_detected_or_taken_as_stated(app, person):
    detected, _ = objections.file_objection(
        person, _input(text="أريد أن أغير مكان التدريب لأنه بعيد جدا عن بيتي", idempotency_key="k-detected-1")
    )
    stated, _ = objections.file_objection(
        person, _input(text="Too far.", text_language="en", idempotency_key="k-stated-01")
    )
    short, _ = objections.file_objection(person, _input(text="Nej!", idempotency_key="k-short-001"))
    assert (detected.text_language, detected.text_language_source) == ("ar", "detected")
    assert (stated.text_language, stated.text_language_source) == ("en", "stated")
    assert (short.text_language, short.text_language_source) == ("ar", "assumed")  # the person's language


@pytest.mark.parametrize("reasons", [".", "Nej.", "x" * 19, "  ok  " + " " * 30])
def test_a_decision_without_real_reasons_is_refused(app, person, caseworker, reviewer, reasons):
    objection = _bring_to(S.UNDER_REVIEW, person, caseworker, reviewer, T0)
    with pytest.raises(objections.ObjectionError) as error:
        objections.decide(
            objection, caseworker, outcome="rejected", grounds=["rules_followed"], reasons=reasons, now=T0
        )
    assert error.value.code == "reasons_too_short" and error.value.field == "reasons"
    assert objection.decisions == [] and objection.status == S.UNDER_REVIEW
    objections.decide(objection, caseworker, outcome="rejected", grounds=["rules_followed"], reasons="x" * 20, now=T0)
    assert objection.status == S.DECIDED
