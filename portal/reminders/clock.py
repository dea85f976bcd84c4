"""The reminders' clock: real time, unless a bench or a test runs it at an offset.

`bench/reminders` makes 18:00 come a minute after it starts by setting an offset in its own
processes. RQ's scheduler keeps real time, so a job for a moment on this clock is scheduled at
`wall(moment)`. In the portal and the worker the offset is always zero.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from portal.models import utcnow

_offset = timedelta(0)


def now() -> datetime:
    """The current time on the reminders' clock (UTC, aware)."""
    return utcnow() + _offset


def wall(moment: datetime) -> datetime:
    """The real time at which `moment` on the reminders' clock comes."""
    return moment - _offset


def set_offset(offset: timedelta) -> None:
    """Run the clock `offset` ahead of real time (benchmarks and tests only)."""
    global _offset
    _offset = offset
