"""Fixtures for the bot's tests: importable ``bot/actions``, a real local portal, trackers.

These tests run in the bot's own environment (Python 3.10 + Rasa):
    bot/.venv/bin/python -m pytest tests/bot
tests/bot/pytest.ini keeps pytest from loading the portal's tests/conftest.py (Flask), and the
portal's own run skips this folder, because its environment has no Rasa.
"""

from __future__ import annotations

import asyncio
import socket
import sys
from pathlib import Path
from typing import Any

import pytest

BOT_DIR = Path(__file__).resolve().parents[2] / "bot"
if str(BOT_DIR) not in sys.path:
    sys.path.insert(0, str(BOT_DIR))

try:
    import rasa_sdk  # noqa: F401
except ImportError:  # the portal's environment: nothing here can run there
    collect_ignore_glob = ["*"]


@pytest.fixture
def portal(monkeypatch: pytest.MonkeyPatch):
    """A running contract portal that the actions reach through ANKOMST_PORTAL_URL."""
    from tests.bot.contract_portal import TOKEN, ContractPortal

    server = ContractPortal().start()
    monkeypatch.setenv("ANKOMST_PORTAL_URL", server.url)
    monkeypatch.setenv("ANKOMST_INTERNAL_TOKEN", TOKEN)
    yield server
    server.stop()


@pytest.fixture
def portal_down(monkeypatch: pytest.MonkeyPatch) -> str:
    """Point the actions at a local port where nothing listens."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    url = f"http://127.0.0.1:{port}"
    monkeypatch.setenv("ANKOMST_PORTAL_URL", url)
    return url


@pytest.fixture(autouse=True)
def no_catalogues(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Use an empty locales folder, so replies are the English msgids unless a test adds a .mo."""
    from actions import i18n

    monkeypatch.setenv("ANKOMST_LOCALES_DIR", str(tmp_path / "locales"))
    i18n.clear_cache()


@pytest.fixture(scope="session")
def domain() -> dict[str, Any]:
    """The domain as the action server receives it."""
    import yaml

    return yaml.safe_load((BOT_DIR / "domain.yml").read_text())


@pytest.fixture
def run_action(domain: dict[str, Any]):
    """Run an action on a tracker; return (reply texts, events)."""
    from rasa_sdk.executor import CollectingDispatcher

    def run(action: Any, tracker: Any) -> tuple[list[str], list[dict[str, Any]]]:
        dispatcher = CollectingDispatcher()
        events = asyncio.run(action.run(dispatcher, tracker, domain))
        return [m["text"] for m in dispatcher.messages], events

    return run
