"""`flask content sync|export|revision|reindex|source-approval`: the files ↔ database bridge for civic information."""

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
