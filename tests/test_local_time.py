"""The region's clock: "today" is Stockholm's date, not the server's."""

from __future__ import annotations

import ast
from datetime import UTC, datetime
from pathlib import Path

import portal.local_time as local_time


class _FrozenDatetime(datetime):
    moment = datetime(2026, 6, 30, 22, 30, tzinfo=UTC)  # 00:30 on 1 July in Stockholm (CEST)

    @classmethod
    def now(cls, tz=None):
        return cls.moment.astimezone(tz) if tz else cls.moment.replace(tzinfo=None)


def test_today_turns_at_midnight_in_stockholm_not_in_utc(monkeypatch):
    monkeypatch.setattr(local_time, "datetime", _FrozenDatetime)
    assert local_time.stockholm_today().isoformat() == "2026-07-01"


def test_planning_views_do_not_use_the_servers_date():
    for path in Path("portal/planning").glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        calls = [
            node
            for node in ast.walk(tree)
            if isinstance(node, ast.Attribute) and node.attr == "today" and getattr(node.value, "id", "") == "date"
        ]
        assert not calls, f"{path} uses date.today(); use portal.local_time.stockholm_today()"
