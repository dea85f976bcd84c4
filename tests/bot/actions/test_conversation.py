from __future__ import annotations

import pytest

from actions.civic import ActionCivicAnswer
from actions.conversation import conversation_language
from actions.handoff import ActionHandoff
from actions.objections import ActionObjectionStatus, ActionStartObjection
from actions.plan import ActionPlanSummary
from actions.portal_api import PortalClient
from actions.schedule import ActionNextActivity, ActionSchedule
from tests.bot.snapshots import tracker_snapshot

CID = "c-ZmFrZUNvbnZlcnNhdGlvbg"
SORRY = "Sorry, I cannot reach the service right now. Please try again in a while."
PORTAL_ACTIONS = [
    ActionNextActivity(),
    ActionSchedule(),
    ActionPlanSummary(),
    ActionObjectionStatus(),
    ActionHandoff(),
    ActionCivicAnswer(),
    ActionStartObjection(),
]


@pytest.mark.parametrize("action", PORTAL_ACTIONS, ids=lambda a: a.name())
def test_unreachable_portal_gets_a_short_apology_instead_of_a_crash(portal_down, run_action, action):
    texts, _ = run_action(action, tracker_snapshot(CID, text="hej", language="sv"))

    assert texts == [SORRY]


@pytest.mark.parametrize("action", PORTAL_ACTIONS, ids=lambda a: a.name())
def test_portal_server_error_gets_the_same_apology(portal, run_action, action):
    portal.add_conversation(CID)
    portal.fail_with_status = 500

    texts, _ = run_action(action, tracker_snapshot(CID, text="hej", language="sv"))

    assert texts == [SORRY]


def test_malformed_portal_answer_is_logged_and_apologised_for(portal, run_action, caplog):
    portal.add_conversation(CID, next_activity={"title": "SFI"})  # no starts_at

    texts, _ = run_action(ActionNextActivity(), tracker_snapshot(CID, language="sv"))

    assert texts == [SORRY]
    assert "action failed" in caplog.text


def test_language_set_in_this_turn_wins_over_the_messages_metadata(portal):
    tracker = tracker_snapshot(
        CID,
        language="sv",
        slots={"language": "ar"},
        events_after_user=[{"event": "slot", "name": "language", "value": "ar"}],
    )

    assert conversation_language(tracker, PortalClient()) == "ar"


def test_metadata_language_wins_over_an_old_slot_value(portal):
    tracker = tracker_snapshot(CID, language="ti", slots={"language": "ar"})

    assert conversation_language(tracker, PortalClient()) == "ti"
    assert portal.requests == []


def test_unknown_language_everywhere_falls_back_to_swedish(portal_down):
    tracker = tracker_snapshot(CID, language="xx")

    assert conversation_language(tracker, PortalClient()) == "sv"


def test_conversation_unknown_to_the_portal_gets_the_apology(portal, run_action):
    texts, _ = run_action(ActionNextActivity(), tracker_snapshot("c-unknown", language="sv"))

    assert texts == [SORRY]
