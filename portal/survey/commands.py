"""`flask survey send-due`: ask the satisfaction survey's first question by SMS where a milestone is due."""

from __future__ import annotations

import click
from flask.cli import with_appcontext


@click.group()
def survey() -> None:
    """The NKI satisfaction survey."""


@survey.command("send-due")
@with_appcontext
def send_due_command() -> None:
    """Ask everyone whose milestone (3 months, plan closed) is due; nothing in quiet hours. Run it from cron."""
    from portal.survey.sms import start_due

    click.echo(f"asked: {start_due()}")
