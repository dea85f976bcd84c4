"""Schedule questions through a real Rasa server and the real action server (see test_conversations.py).

The person's words reach the portal in the body of POST schedule/query; the portal (here the
contract portal) reads the day words, and the reply lists that day with the link to all.
"""

from __future__ import annotations

import pytest

from tests.bot.contract_portal import PUBLIC_SCHEDULE_URL
from tests.bot.test_conversations import MODEL, assistant  # noqa: F401 - the fixture

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not MODEL.exists(), reason="no trained model; run train_if_changed.sh"),
]

FRIDAY = {
    "question": {
        "span": "day",
        "first_day": "2026-11-27",
        "last_day": "2026-11-27",
        "day_word": "weekday",
        "activity_types": [],
        "kind_label": None,
    },
    "days": [
        {
            "date": "2026-11-27",
            "activities": [
                {
                    "title": "Praktik",
                    "starts_at": "2026-11-27T13:00:00+01:00",
                    "ends_at": "2026-11-27T16:00:00+01:00",
                    "place": "Coop Södertälje",
                    "provider": None,
                    "map_url": None,
                }
            ],
        }
    ],
    "next": None,
}


def test_a_weekday_question_gets_that_days_activities_not_the_next_one(assistant):  # noqa: F811
    assistant.portal.add_conversation("c-friday", schedule_answer=FRIDAY, next_activity=None)

    replies = assistant("c-friday", "vad har jag på fredag")

    assert replies == [
        "Your activities on fre 27 november:\n13:00-16:00: Praktik, Coop Södertälje\n"
        f"All your activities: {PUBLIC_SCHEDULE_URL}"
    ]
    (request,) = assistant.portal.requests_to("POST", "/c-friday/schedule/query")
    assert request.body["text"] == "vad har jag på fredag"
