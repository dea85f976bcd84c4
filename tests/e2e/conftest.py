"""The real Rasa and action server, started once for the end-to-end tests.

The portal under test is served on a free port (on the test database), the action server
talks to it with the internal token, and Rasa talks to the action server. If the bot is not
set up or not trained, every end-to-end test fails with what to run: they never skip.
"""

from __future__ import annotations

import pytest

from testkit.stack import AssistantStack, missing_bot, serve_app


@pytest.fixture(scope="session")
def assistant_stack(_app_session):
    problem = missing_bot()
    if problem:
        pytest.fail(problem, pytrace=False)
    portal = serve_app(_app_session)
    try:
        # Answers, not latency: the action server may wait longer for the portal than in production.
        stack = AssistantStack.start(
            portal_url=portal.url,
            token=_app_session.config["INTERNAL_API_TOKEN"],
            extra_env={"ANKOMST_PORTAL_TIMEOUT": "30"},
        )
    except RuntimeError as error:
        portal.stop()
        pytest.fail(f"The real assistant did not start: {error}", pytrace=False)
    yield stack
    stack.stop()
    portal.stop()


@pytest.fixture
def live_assistant(app, assistant_stack):
    """Point the portal at the real Rasa for one test (and back afterwards)."""
    keys = ("RASA_URL", "RASA_TIMEOUT", "SMS_REPLY_DEADLINE")
    saved = {key: app.config[key] for key in keys}
    # Generous limits: these tests check answers, not latency (bench/sms_latency does that).
    app.config.update(RASA_URL=assistant_stack.rasa_url, RASA_TIMEOUT=30.0, SMS_REPLY_DEADLINE=30.0)
    yield assistant_stack
    from portal.services.conversations import wait_for_background

    wait_for_background()
    app.config.update(saved)
