"""`flask notifications sweep`: deadlines, digests and anything missed (the way without Redis)."""

from __future__ import annotations

import click
from flask.cli import with_appcontext


@click.group()
def notifications() -> None:
    """Staff notifications (inbox and e-mail)."""


@notifications.command("sweep")
@with_appcontext
def sweep_command() -> None:
    """Tell staff about deadlines and anything missed, and send due digests. Without REDIS_URL, run it from cron."""
    from portal.notifications import sweep

    counts = sweep()
    click.echo(", ".join(f"{name}: {count}" for name, count in sorted(counts.items())))
