"""The bot's copy of the segment arithmetic (bot/actions/sms_budget.py) agrees with the portal's.

The action server cannot import the portal, so it keeps a copy; this test, in the portal's
environment, loads the copy by its path and checks it against the original, and checks that
a list the bot fitted passes the portal's own fitting untouched, count and link included.
"""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest

from portal.channels.sms_text import fit_sms
from portal.clients.sms import segments

BUDGET_MODULE = Path(__file__).resolve().parents[2] / "bot" / "actions" / "sms_budget.py"


@pytest.fixture(scope="module")
def bot_budget():
    spec = importlib.util.spec_from_file_location("bot_sms_budget", BUDGET_MODULE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_bots_alphabet_is_the_portals(bot_budget):
    assert bot_budget.GSM7_BASIC == segments.GSM7_BASIC
    assert bot_budget.GSM7_EXTENDED == segments.GSM7_EXTENDED


@pytest.mark.parametrize(
    "text",
    [
        "",
        "a" * 160,
        "a" * 161,
        "å" * 307,
        "[" * 81,
        "Pris: 100 €",
        "م" * 70,
        "م" * 135,
        "ሰኑይ 9:00 ቅ.ቀ. – 12:00 ድ.ቀ.: SFI",
        "👍" * 40,
        "Твої заняття з пн, 23 листопада по нд, 29 листопада:",
        "Don’t forget SFI on Monday",
    ],
)
def test_the_bot_counts_segments_as_the_portal_does(bot_budget, text):
    assert bot_budget.count_segments(text) == segments.count_segments(text).segments
    assert bot_budget.is_gsm7(text) == segments.is_gsm7(text)


LINES = {
    "sv": "tis 24 november 09:00-12:00: Svenska för invandrare (SFI), Komvux Södertälje",
    "ti": "ሰሉ፣ 24 ሕዳ 9:00 ቅ.ቀ.\u2009–\u200912:00 ድ.ቀ.: ሽወደንኛ ንስደተኛታት (SFI), Komvux Södertälje",
    "uk": "вт, 24 листопада, 09:00-12:00: Шведська для іммігрантів (SFI), Komvux Södertälje",
    "ar": "الثلاثاء، 24 نوفمبر، 9:00 ص\u2009–\u200912:00 م: اللغة السويدية للمهاجرين (SFI)، Komvux",
}


@pytest.mark.parametrize("language", sorted(LINES))
@pytest.mark.parametrize("count", [1, 3, 7, 12])
@pytest.mark.parametrize("budget", [1, 2, 3])
def test_a_list_the_bot_fitted_reaches_the_phone_as_it_was_with_an_honest_count(bot_budget, language, count, budget):
    url = "https://ankomst.example.se/plan/upcoming"
    lines = [LINES[language].replace("24", str(10 + n)) for n in range(count)]

    def tail(left_out: int) -> str:
        return f"{left_out} more: {url}" if left_out else f"All: {url}"

    text = bot_budget.fit_lines("Your week:", [lines], tail, max_segments=budget, max_lines=10)
    sent = fit_sms([text], max_segments=budget, public_base_url="https://ankomst.example.se")

    # Isolates around numbers and links in Arabic (portal.bidi) are invisible; the lines are not changed.
    *shown, last = sent.replace("\u2066", "").replace("\u2069", "").splitlines()
    left_out = int(re.match(r"(\d+) more", last).group(1)) if "more" in last else 0
    assert len(shown) - 1 + left_out == count, sent  # the header, what is shown, what is counted
    assert last.endswith("ankomst.example.se/plan/upcoming")
    assert shown[1:] == lines[: len(shown) - 1]  # whole lines, none cut by the portal
