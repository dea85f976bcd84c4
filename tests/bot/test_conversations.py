"""Whole conversations through a real Rasa server, the real action server and a local portal.

Rasa, the action server and the contract portal run on 127.0.0.1, and messages go in the way
the portal sends them: POST /webhooks/rest/webhook with the conversation id and its language.
Needs a trained model (bot/scripts/train_if_changed.sh); skipped without one. Messages that
start with "/" name the intent directly (Rasa's intent trigger), so a flow test does not depend
on how the NLU data happens to classify a phrase; the others are phrases from the training data.
"""

from __future__ import annotations

import json
import os
import subprocess
import time
import urllib.request
from pathlib import Path
from typing import Any

import pytest

from testkit.ports import free_port
from tests.bot.contract_portal import TOKEN, ContractPortal

REPO = Path(__file__).resolve().parents[2]
BOT = REPO / "bot"
MODEL = BOT / "models" / "ankomst.tar.gz"
STARTUP_SECONDS = 300

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not MODEL.exists(), reason="no trained model; run train_if_changed.sh"),
]


def wait_until(check, process: subprocess.Popen, what: str) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{what} exited with {process.returncode}")
        try:
            if check():
                return
        except OSError:
            pass
        time.sleep(1)
    raise TimeoutError(f"{what} did not start in {STARTUP_SECONDS} s")


def get_json(url: str) -> Any:
    with urllib.request.urlopen(url, timeout=5) as reply:
        return json.load(reply)


@pytest.fixture(scope="module")
def assistant(tmp_path_factory):
    """Start the contract portal, the action server and Rasa; yield a function to chat."""
    portal = ContractPortal().start()
    rasa_port, actions_port = free_port(), free_port()
    workdir = tmp_path_factory.mktemp("rasa")
    endpoints = workdir / "endpoints.yml"
    endpoints.write_text(f'action_endpoint:\n  url: "http://127.0.0.1:{actions_port}/webhook"\n')
    env = {
        **os.environ,
        "ANKOMST_PORTAL_URL": portal.url,
        "ANKOMST_INTERNAL_TOKEN": TOKEN,
        "ANKOMST_LOCALES_DIR": str(workdir / "no-locales"),
        "TF_CPP_MIN_LOG_LEVEL": "2",
    }
    rasa_bin = str(BOT / ".venv" / "bin" / "rasa")
    log = (workdir / "servers.log").open("w")
    actions = subprocess.Popen(
        [rasa_bin, "run", "actions", "--actions", "actions", "--port", str(actions_port)],
        cwd=BOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    rasa = subprocess.Popen(
        [
            rasa_bin,
            "run",
            "--enable-api",
            "--model",
            str(MODEL),
            "--endpoints",
            str(endpoints),
            "--credentials",
            str(BOT / "credentials.yml"),
            "-i",
            "127.0.0.1",
            "--port",
            str(rasa_port),
        ],
        cwd=workdir,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        wait_until(lambda: get_json(f"http://127.0.0.1:{actions_port}/health"), actions, "action server")
        wait_until(lambda: get_json(f"http://127.0.0.1:{rasa_port}/status").get("model_file"), rasa, "rasa")

        def say(cid: str, message: str, language: str = "sv", **metadata: Any) -> list[str]:
            payload = {"sender": cid, "message": message, "metadata": {"language": language, **metadata}}
            body = json.dumps(payload).encode()
            request = urllib.request.Request(
                f"http://127.0.0.1:{rasa_port}/webhooks/rest/webhook",
                data=body,
                headers={"Content-Type": "application/json"},
            )
            with urllib.request.urlopen(request, timeout=60) as reply:
                return [m.get("text", "") for m in json.load(reply)]

        say.portal = portal  # type: ignore[attr-defined]
        yield say
    finally:
        for process in (rasa, actions):
            process.terminate()
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
        log.close()
        portal.stop()


PLAN = {
    "status": "active",
    "status_label": "Aktiv",
    "hours_per_week": 15,
    "awaiting_acknowledgement": False,
    "goals": [],
    "activities": [{"id": 7, "title": "SFI", "hours_per_week": 12}, {"id": 8, "title": "Praktik", "hours_per_week": 3}],
    "url": "/plan",
}


def test_objection_is_filed_over_sms_with_a_number_and_words(assistant):
    assistant.portal.add_conversation("c-objection", plan=PLAN)

    question = assistant("c-objection", "jag vill klaga på min plan")[0]
    assert question.splitlines()[1:] == ["1. SFI", "2. Praktik", "3. The whole plan"]
    assert assistant("c-objection", "2")[0].startswith("Why do you object?")
    assert assistant("c-objection", "5") == ["Tell me in a few words what is wrong."]
    assert assistant("c-objection", "Bussen tar två timmar") == [
        "What do you want instead? Write it in your own words."
    ]
    assert assistant("c-objection", "Praktik närmare Södertälje") == [
        "Your objection: Too far away. You want: Praktik närmare Södertälje",
        "Shall I send it to your caseworker? Answer yes or no.",
    ]
    replies = assistant("c-objection", "ja")

    assert replies == ["Your objection is sent. Case number: K7QX-0001.", "You get an answer by 6 december 2026."]
    (request,) = assistant.portal.requests_to("POST", "/objections")
    assert request.body["reason"] == "too_far"
    assert request.body["wanted"] == "Praktik närmare Södertälje"
    assert request.body["text"] == "Bussen tar två timmar"
    assert request.body["target"] == "activity:8"


def test_appealing_with_nothing_to_review_starts_the_objection_and_it_can_be_filed(assistant):
    assistant.portal.add_conversation("c-appeal", plan=PLAN, person="person-appeal")  # never objected

    question = assistant("c-appeal", "/request_review", language="en")[0]
    assert question.splitlines()[1:] == ["1. SFI", "2. Praktik", "3. The whole plan"]
    assert assistant("c-appeal", "1", language="en")[0].startswith("Why do you object?")


def test_a_short_question_right_after_the_objections_gets_that_answer_again(assistant):
    assistant.portal.add_conversation("c-follow-up", plan=PLAN, person="person-follow-up")
    assistant.portal.add_objection("person-follow-up", "K7QX-3M2A", "submitted", "Submitted")

    listed = assistant("c-follow-up", "/objection_status", language="en")
    assert "K7QX-3M2A" in listed[0]
    # the NLU could not place it (the intent trigger stands for that); the words are the person's
    again = assistant("c-follow-up", "/nlu_fallback", language="en", text="how long does it take?")

    assert again == listed
    assert assistant("c-follow-up", "/greet", language="en")[0] == "Hello! I am the Ankomst assistant."


def test_thanks_the_nlu_missed_is_answered_once(assistant):
    assistant.portal.add_conversation("c-thanks-once")

    replies = assistant("c-thanks-once", "/nlu_fallback", language="en", text="spasibi bratan")

    assert replies == ["You are welcome!"]


def test_objecting_again_inside_the_form_answers_the_question_and_starts_nothing_over(assistant):
    assistant.portal.add_conversation("c-object-again", plan=PLAN, person="person-object-again")

    assistant("c-object-again", "/file_objection", language="en", text="i want to complain about my plan")
    # the portal's triage reads this as file_objection too; it names the part asked for
    reply = assistant("c-object-again", "/file_objection", language="en", text="I complain about Praktik, too far")

    assert reply[0].startswith("Why do you object?")


def test_yes_send_it_read_as_cancel_at_the_confirmation_sends_the_objection_once(assistant):
    assistant.portal.add_conversation("c-yes-send", plan=PLAN, person="person-yes-send")

    assistant("c-yes-send", "/file_objection", language="en", text="I want to complain about my plan")
    assistant("c-yes-send", "3", language="en")
    assistant("c-yes-send", "5", language="en")
    assistant("c-yes-send", "The bus takes two hours", language="en")
    assert assistant("c-yes-send", "Praktik closer to home", language="en")[-1].startswith("Shall I send it")
    # the NLU's reading of "yes pls send it" ("send" is in the cancel examples), set explicitly
    replies = assistant("c-yes-send", "/cancel", language="en", text="Yes pls send it")

    assert replies[0].startswith("Your objection is sent. Case number:")
    assert len(assistant.portal.requests_to("POST", "c-yes-send/objections")) == 1


def test_yes_send_it_before_the_last_question_keeps_the_objection_and_asks_again(assistant):
    assistant.portal.add_conversation("c-yes-early", plan=PLAN, person="person-yes-early")

    assistant("c-yes-early", "/file_objection", language="en", text="I want to complain about my plan")
    assistant("c-yes-early", "3", language="en")
    assistant("c-yes-early", "5", language="en")
    replies = assistant("c-yes-early", "/cancel", language="en", text="yes send it")

    assert replies == ["Tell me in a few words what is wrong."]
    assert assistant("c-yes-early", "The bus takes two hours", language="en") == [
        "What do you want instead? Write it in your own words."
    ]


def test_objection_is_dropped_when_the_person_says_no_to_the_summary(assistant):
    assistant.portal.add_conversation("c-changed-mind", plan=PLAN)

    assistant("c-changed-mind", "I want to complain about my plan", language="en")
    assistant("c-changed-mind", "3", language="en")
    assistant("c-changed-mind", "my kids preschool closes at 3", language="en")
    assistant("c-changed-mind", "A later SFI class", language="en")
    replies = assistant("c-changed-mind", "no", language="en")

    assert replies == ["OK, I did not send anything. You can object again at any time."]
    assert not assistant.portal.objections.get("person-1", [])[1:]


def test_unidentified_person_is_not_led_into_the_objection_form(assistant):
    assistant.portal.add_conversation("c-anonymous", person=None)

    replies = assistant("c-anonymous", "jag vill klaga på min plan")

    assert "registered phone" in replies[0]
    assert assistant("c-anonymous", "hej")[0] == "Hello! I am the Ankomst assistant."


def test_language_named_in_the_message_is_switched_at_once(assistant):
    assistant.portal.add_conversation("c-arabic")

    replies = assistant("c-arabic", "عربي", language="sv")

    assert replies == ["OK, I will write in العربية from now on. To go back, write: svenska"]
    assert assistant.portal.conversations["c-arabic"].language == "ar"


def test_a_request_without_a_language_says_how_to_ask_and_changes_nothing(assistant):
    assistant.portal.add_conversation("c-menu")

    replies = assistant("c-menu", "/choose_language")

    assert replies[0].startswith("I write in svenska. To change, write the language you want")
    assert assistant.portal.conversations["c-menu"].language == "sv"


def test_no_objection_form_without_a_plan(assistant):
    assistant.portal.add_conversation("c-no-plan")

    replies = assistant("c-no-plan", "/file_objection")

    assert replies[0].startswith("You do not have a plan yet, so there is nothing to object to.")
    assert assistant("c-no-plan", "/greet")[0] == "Hello! I am the Ankomst assistant."


@pytest.mark.parametrize(
    ("escape", "first_reply"),
    [
        ("/talk_to_human", "I have asked a caseworker to contact you."),
        ("/emergency", "If you or someone else is in danger right now, call 112"),
        ("/objection_status", "You have"),
        ("/cancel", "OK, nothing more is happening."),
        ("/thanks", "You are welcome!"),
        ("/goodbye", "Goodbye! Write again whenever you need."),
    ],
)
def test_a_message_for_something_else_leaves_the_objection_form_and_files_nothing(assistant, escape, first_reply):
    cid = f"c-escape-{escape.strip('/')}"
    assistant.portal.add_conversation(cid, plan=PLAN)
    assistant(cid, "/file_objection")
    assistant(cid, "1")

    replies = assistant(cid, escape)

    if escape == "/emergency":
        # In an emergency the number comes first and alone: the form is dropped without a word.
        assert replies[0].startswith(first_reply)
    else:
        assert replies[0] == "I did not send your objection. You can object again at any time."
        assert replies[1].startswith(first_reply)
    assert assistant.portal.requests_to("POST", f"/conversations/{cid}/objections") == []
    assert assistant(cid, "/greet")[0] == "Hello! I am the Ankomst assistant."


def test_an_interpreter_question_right_after_an_emergency_gets_the_number_and_is_noted(assistant):
    cid = "c-emergency-interpreter"
    assistant.portal.add_conversation(cid, plan=PLAN)
    assistant(cid, "/emergency")

    replies = assistant(cid, "/ask_interpreter")

    assert "call 112" in replies[0]
    assert any(reply.startswith("I have noted that you need an interpreter") for reply in replies[1:])


def test_next_activity_question_in_arabic_gets_an_arabic_date(assistant):
    assistant.portal.add_conversation(
        "c-next",
        language="ar",
        next_activity={
            "title": "SFI",
            "starts_at": "2026-11-23T09:00:00+01:00",
            "ends_at": "2026-11-23T12:00:00+01:00",
            "place": "Komvux",
            "provider": "Komvux",
            "map_url": None,
        },
    )

    replies = assistant("c-next", "/ask_next_activity", language="ar")

    assert replies[0].startswith("Your next activity: SFI, الاثنين، 23 نوفمبر")


def test_message_that_was_not_understood_gets_the_help_menu(assistant):
    assistant.portal.add_conversation("c-lost")

    replies = assistant("c-lost", "/nlu_fallback")

    assert replies[-1].startswith("I can help with your activities")


def test_no_to_the_first_objection_question_cancels_the_form(assistant):
    assistant.portal.add_conversation("c-cancel", plan=PLAN)

    assistant("c-cancel", "/file_objection")
    replies = assistant("c-cancel", "/deny")

    assert replies == ["OK, I did not send anything. You can object again at any time."]
    assert assistant("c-cancel", "/greet")[0] == "Hello! I am the Ankomst assistant."


def test_help_in_the_middle_of_the_objection_form_answers_and_asks_again(assistant):
    assistant.portal.add_conversation("c-interrupt", plan=PLAN)

    assistant("c-interrupt", "/file_objection")
    replies = assistant("c-interrupt", "/help")

    assert replies[0].startswith("I can help with your activities")
    assert replies[1].startswith("Which part of your plan do you object to? Answer with a number.")


def test_answer_that_fits_no_reason_gets_the_list_again_with_an_apology(assistant):
    assistant.portal.add_conversation("c-unclear", plan=PLAN)

    assistant("c-unclear", "/file_objection")
    assistant("c-unclear", "1")
    replies = assistant("c-unclear", "/nlu_fallback", language="sv", text="lila elefanter")

    assert replies[0].startswith("Sorry, I did not understand. Answer with a number from 1 to 8:")
