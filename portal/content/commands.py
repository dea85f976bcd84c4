"""`flask content …`: the civic information from the command line (files, search, approval, schedule, links, tasks)."""

from __future__ import annotations

from pathlib import Path

import click

from portal.content.files import ContentFormatError


@click.group()
def content() -> None:
    """Load, export and inspect the civic-information modules."""


@content.command()
@click.option("--path", type=click.Path(file_okay=False, path_type=Path), help="The content folder.")
@click.option("--reindex", is_flag=True, help="Rebuild the whole search index too.")
def sync(path: Path | None, reindex: bool) -> None:
    """Load content/samhallsinfo/<slug>/<lang>.md as revisions (all or nothing; safe to repeat)."""
    from portal.services.content import sync_from_files

    try:
        report = sync_from_files(path, reindex=reindex)
    except ContentFormatError as error:
        for problem in error.problems:
            click.echo(f"error: {problem}", err=True)
        raise click.ClickException(f"{len(error.problems)} problem(s) found; nothing was loaded") from None
    for warning in report.warnings:
        click.echo(f"warning: {warning}", err=True)
    for slug, language in report.database_ahead:
        click.echo(
            f"note: {slug}/{language}.md is older than the published text in the database; "
            "run `flask content export` to update the file",
            err=True,
        )
    click.echo(
        f"content sync: {len(report.created)} new revision(s), {report.unchanged} unchanged, "
        f"{report.indexed} section(s) indexed"
    )


@content.command()
@click.option("--path", type=click.Path(file_okay=False, path_type=Path), help="The content folder.")
def export(path: Path | None) -> None:
    """Write the current published revisions back to the files."""
    from portal.services.content import export_to_files

    written = export_to_files(path)
    for file in written:
        click.echo(f"wrote {file}")
    click.echo(f"content export: {len(written)} file(s) changed")


@content.command()
@click.argument("slug")
@click.option("--path", type=click.Path(file_okay=False, path_type=Path), help="The content folder.")
def revision(slug: str, path: Path | None) -> None:
    """Print the revision of a module's Swedish file (what translations cite as source_revision)."""
    from portal.services.content import file_revision

    try:
        click.echo(file_revision(slug, path))
    except KeyError:
        raise click.ClickException(f"unknown module slug {slug!r}") from None
    except ContentFormatError as error:
        raise click.ClickException(str(error)) from None


@content.command()
def reindex() -> None:
    """Rebuild the search index from the published content."""
    from portal.extensions import db
    from portal.services.search import engine, rebuild_index

    count = rebuild_index()
    db.session.commit()
    click.echo(f"search index: {count} section(s) indexed with {engine().name}")


@content.command("source-approval")
@click.argument("setting", type=click.Choice(["on", "off", "show"]))
@click.option("--region", "region_slug", help="The region's slug (default: every region).")
def source_approval(setting: str, region_slug: str | None) -> None:
    """Whether a Swedish change that is not minor needs a second editor's approval (on by default)."""
    from portal.services.content import set_source_approval

    try:
        regions = set_source_approval(None if setting == "show" else setting == "on", region_slug)
    except LookupError as error:
        raise click.ClickException(str(error)) from None
    for slug, required in regions:
        click.echo(f"{slug}: second editor's approval {'on' if required else 'off'}")


@content.command("publish-due")
def publish_due_command() -> None:
    """Publish the scheduled texts whose time has come. Without REDIS_URL, run it from cron every minute."""
    from portal.services.content.schedule import publish_due

    counts = publish_due()
    click.echo(f"published: {counts['published']}, returned to their writers as drafts: {counts['returned']}")


@content.command("check-links")
def check_links_command() -> None:
    """Check every external link in published content (on the queue, or now without REDIS_URL)."""
    from portal.services.content.links import broken_links, check_all_links

    count = check_all_links()
    click.echo(f"links queued for checking: {count}; broken at last check: {len(broken_links())}")


@content.command("tasks")
def tasks_command() -> None:
    """Make the translators' tasks for every stale translation (after `sync`), and close the done ones."""
    from portal.services.content.tasks import open_task_counts, reconcile_all

    made = reconcile_all()
    counts = ", ".join(f"{code}: {n}" for code, n in open_task_counts().items() if n)
    click.echo(f"tasks made: {made}; open: {counts or 'none'}")


@content.command("translator")
@click.argument("email")
@click.argument("languages", nargs=-1)
def translator_command(email: str, languages: tuple[str, ...]) -> None:
    """Set the languages a staff member translates into (none: show them), e.g. `translator a@b.se ar fa`."""
    from sqlalchemy import select

    from portal.extensions import db
    from portal.models import StaffUser
    from portal.services.content.tasks import set_translator_languages, translator_languages

    staff = db.session.scalar(select(StaffUser).where(StaffUser.email == email))
    if staff is None:
        raise click.ClickException(f"no staff member with the e-mail {email!r}")
    if languages:
        try:
            set_translator_languages(staff, list(languages))
        except ValueError as error:
            raise click.ClickException(str(error)) from None
    click.echo(f"{email}: {' '.join(translator_languages(staff)) or 'no languages'}")


@content.command("link-domains")
@click.argument("action", type=click.Choice(["show", "add", "remove", "in-use"]))
@click.argument("domains", nargs=-1)
def link_domains_command(action: str, domains: tuple[str, ...]) -> None:
    """The region's approved link sites: show, add or remove them; `in-use` lists the sites linked now.

    An empty list allows any https site. Start a list with `add $(flask content link-domains in-use)`.
    """
    from portal.services.content import link_domains

    if action == "in-use":
        click.echo("\n".join(link_domains.domains_in_use()))
        return
    for text in domains:
        try:
            if action == "add":
                link_domains.add_domain(text)
            elif action == "remove" and not link_domains.remove_domain(text):
                click.echo(f"not on the list: {text}")
        except ValueError as error:
            raise click.ClickException(str(error)) from None
    listed = link_domains.allowed_domains()
    click.echo("\n".join(listed) if listed else "no list: any https site is allowed")
