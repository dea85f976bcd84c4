"""Command-line tasks: translations, demo data."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import click
from flask import Flask

ROOT = Path(__file__).resolve().parent.parent
LOCALES = ROOT / "locales"
POT = LOCALES / "messages.pot"


def register_cli(app: Flask) -> None:
    from portal.content.commands import content
    from portal.notifications.commands import notifications
    from portal.reminders.commands import reminders
    from portal.survey.commands import survey
    from portal.worker import worker_command

    app.cli.add_command(content)
    app.cli.add_command(survey)
    app.cli.add_command(worker_command)
    app.cli.add_command(translate)
    app.cli.add_command(seed_demo)
    app.cli.add_command(demo_totp)
    app.cli.add_command(retention)
    app.cli.add_command(people)
    app.cli.add_command(reminders)
    app.cli.add_command(notifications)


def _pybabel(*args: str) -> None:
    subprocess.run([sys.executable, "-m", "babel.messages.frontend", *args], check=True, cwd=ROOT)  # noqa: S603 - fixed argv


@click.group()
def translate() -> None:
    """Extract, update and compile the gettext catalogues in locales/."""


@translate.command()
def extract() -> None:
    """Extract messages from the portal and the bot's actions into locales/messages.pot."""
    _pybabel(
        "extract", "-F", "babel.cfg", "-k", "_l", "--no-location", "--sort-output", "--omit-header", "-o", str(POT), "."
    )


@translate.command()
def update() -> None:
    """Merge the .pot into every language's catalogue (creating missing ones)."""
    from portal.languages import LANGUAGES

    for lang in LANGUAGES:
        po = LOCALES / lang.babel_locale / "LC_MESSAGES" / "messages.po"
        if po.exists():
            _pybabel(
                "update",
                "-i",
                str(POT),
                "-d",
                str(LOCALES),
                "-l",
                lang.babel_locale,
                "--no-fuzzy-matching",
                "--ignore-obsolete",
            )
        else:
            _pybabel("init", "-i", str(POT), "-d", str(LOCALES), "-l", lang.babel_locale)
        _clear_header_fuzzy(po)


def _clear_header_fuzzy(po: Path) -> None:
    # `pybabel init` marks the header fuzzy, and `compile` then skips the whole catalogue.
    text = po.read_text(encoding="utf-8")
    head, sep, rest = text.partition('msgid ""')
    if "#, fuzzy" in head:
        po.write_text(head.replace("#, fuzzy\n", "") + sep + rest, encoding="utf-8")


@translate.command()
def compile() -> None:  # noqa: A001 - the command is called "compile"
    """Compile every catalogue to .mo (the portal and the bot read these)."""
    _pybabel("compile", "-d", str(LOCALES), "--statistics")


@click.command("seed-demo")
@click.option("--if-empty", is_flag=True, help="Do nothing when the database already has organisations.")
def seed_demo(if_empty: bool) -> None:
    """Create the demo region, staff of every role, and newcomers."""
    from portal.services.demo import print_credentials, seed

    created = seed(if_empty=if_empty)
    if created:
        click.echo("Demo data created.")
    print_credentials(click.echo)


@click.command("demo-totp")
@click.argument("email")
def demo_totp(email: str) -> None:
    """Print the current TOTP code of a demo staff user (development only)."""
    from flask import current_app

    from portal.services.demo import current_totp

    if not current_app.config.get("DEV_PAGES"):
        raise click.ClickException("demo-totp only works in development")
    click.echo(current_totp(email))


@click.group()
def retention() -> None:
    """Remove personal data that has outlived its retention period."""


@retention.command("run")
@click.option("--enqueue", is_flag=True, help="Run it as a job on the worker queue (and daily after that).")
def retention_run(enqueue: bool) -> None:
    """Purge now (for cron), or hand the job to the worker queue."""
    from portal.services.retention import purge_expired, run_retention
    from portal.worker import enqueue as enqueue_job

    if enqueue:
        enqueue_job(run_retention)
        click.echo("retention job queued")
        return
    counts = purge_expired()
    click.echo(", ".join(f"{name}: {count}" for name, count in counts.items()))


@click.group()
def people() -> None:
    """Requests about a newcomer's own data."""


@people.command("erase")
@click.argument("person_id", type=int)
@click.option("--by", "staff_email", required=True, help="The caseworker who confirms the request.")
@click.option("--reason", required=True, help="How the request came in (kept in the audit log).")
@click.option("--yes", is_flag=True, help="Do not ask again.")
def erase_person_command(person_id: int, staff_email: str, reason: str, yes: bool) -> None:
    """Erase a newcomer's data on their request, confirmed by a caseworker of their organisation."""
    from sqlalchemy import func, select

    from portal.data.people import get_person_for_staff
    from portal.extensions import db
    from portal.models import StaffUser
    from portal.services.erasure import erase_person

    staff = db.session.scalar(select(StaffUser).where(func.lower(StaffUser.email) == staff_email.strip().lower()))
    person = get_person_for_staff(staff, person_id) if staff is not None else None
    if person is None:
        raise click.ClickException("no such person among that caseworker's people")
    if not yes:
        click.confirm(f"Erase person {person_id}? This cannot be undone", abort=True)
    report = erase_person(person, staff, reason)
    click.echo(
        f"erased: {report.conversations} conversations, {report.objections_deleted} objections deleted, "
        f"{report.objections_kept} decided objections kept minimised, {report.plans_deleted} plans deleted, "
        f"rasa trackers: {'not configured' if report.rasa_trackers is None else report.rasa_trackers}"
    )
