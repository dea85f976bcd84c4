from __future__ import annotations

from actions.plan import ActionAskAcknowledge, ActionPlanSummary
from tests.bot.snapshots import tracker_snapshot

CID = "c-ZmFrZUNvbnZlcnNhdGlvbg"
PLAN = {
    "status": "active",
    "status_label": "aktiv",
    "hours_per_week": 32.5,
    "awaiting_acknowledgement": False,
    "goals": [
        {"title": "Lära mig svenska", "horizon": "short"},
        {"title": "Praktik i vården", "horizon": "short"},
        {"title": "Arbeta som undersköterska", "horizon": "long"},
    ],
    "activities": [{"title": "SFI", "hours_per_week": 15}],
    "url": "/plan",
}


def test_plan_summary_gives_status_local_hours_short_goals_and_a_link(portal, run_action):
    portal.add_conversation(CID, plan=PLAN)

    texts, _ = run_action(ActionPlanSummary(), tracker_snapshot(CID, language="sv"))

    assert texts[0].splitlines() == [
        "Your plan: aktiv, 32,5 hours a week.",
        "Goals now: Lära mig svenska och Praktik i vården.",
        "Read the whole plan at /plan",
    ]


def test_plan_waiting_for_approval_asks_the_person_to_read_and_sign(portal, run_action):
    portal.add_conversation(CID, plan={**PLAN, "awaiting_acknowledgement": True, "goals": []})

    texts, _ = run_action(ActionPlanSummary(), tracker_snapshot(CID, language="en"))

    assert texts[0].splitlines()[-1] == "The plan waits for your approval. Read and sign it at /plan"


def test_person_without_a_plan_is_told_it_is_made_together_with_them(portal, run_action):
    portal.add_conversation(CID, plan=None)

    texts, _ = run_action(ActionPlanSummary(), tracker_snapshot(CID, language="sv"))

    assert texts == ["You do not have a plan yet. Your caseworker makes it together with you."]


def test_asking_whether_to_sign_says_what_confirming_means_and_that_the_plan_waits(portal, run_action):
    portal.add_conversation(CID, plan={**PLAN, "awaiting_acknowledgement": True})

    texts, _ = run_action(ActionAskAcknowledge(), tracker_snapshot(CID, intent="ask_acknowledge", language="en"))

    assert texts == [
        "You confirm that you have read your plan. Confirming does not take away your right to object: "
        "you can still object to the plan or to one activity.",
        "Your plan waits for you. Read it and approve it at /plan",
    ]


def test_asking_whether_to_sign_a_plan_that_waits_for_nothing_says_so(portal, run_action):
    portal.add_conversation(CID, plan=PLAN)

    texts, _ = run_action(ActionAskAcknowledge(), tracker_snapshot(CID, intent="ask_acknowledge", language="en"))

    assert texts[-1] == "Your plan does not wait for anything from you now. Read it at /plan"


def test_asking_whether_to_sign_without_a_plan_says_there_is_none_yet(portal, run_action):
    portal.add_conversation(CID, plan=None)

    texts, _ = run_action(ActionAskAcknowledge(), tracker_snapshot(CID, intent="ask_acknowledge", language="en"))

    assert texts == ["You do not have a plan yet. Your caseworker makes it together with you."]
