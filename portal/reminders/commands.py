"""`flask reminders …`: plan and send reminders by hand or from cron (the way without Redis)."""

from __future__ import annotations

import click
from flask.cli import with_appcontext


@click.group()
def reminders() -> None:
    """Activity reminders by SMS."""


@reminders.command("plan")
@with_appcontext
def plan_command() -> None:
    """Plan everyone's reminders for the coming hours (the planner job does this hourly)."""
    from portal.reminders.planning import plan_reminders

    result = plan_reminders()
    click.echo(", ".join(f"{name}: {count}" for name, count in result.__dict__.items()))


@reminders.command("send-due")
@with_appcontext
def send_due_command() -> None:
    """Plan, then send every reminder whose time has come. Without REDIS_URL, run it from cron every minute."""
    from portal.reminders.planning import plan_reminders
    from portal.reminders.sending import send_due

    plan_reminders()
    counts = send_due()
    click.echo(", ".join(f"{name}: {count}" for name, count in sorted(counts.items())) or "nothing due")
