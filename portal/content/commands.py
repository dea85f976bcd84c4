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


@content.command("export-po")
@click.argument("language")
@click.argument("module")
@click.option("--path", type=click.Path(file_okay=False, path_type=Path), help="The content folder.")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), help="The PO file to write (default: print).")
def export_po_command(language: str, module: str, path: Path | None, out: Path | None) -> None:
    """Export a module's file in one language (or `ui`: the UI catalogue) to PO for Poedit or Weblate.

    Sentences changed in Swedish since the translation was made are fuzzy, with the old Swedish
    beside them when the database has it; the termbase's terms are notes for translators.
    """
    from portal.content.catalogue import BY_SLUG
    from portal.languages import BY_CODE
    from portal.services.content import DEFAULT_CONTENT_DIR, po_files
    from portal.services.content.translation_memory import swedish_text

    if language not in BY_CODE:
        raise click.ClickException(f"unknown language {language!r}")
    if module == "ui":
        catalog = po_files.export_ui(language)
    elif module in BY_SLUG:
        try:
            source, translation = po_files.read_module_files(path or DEFAULT_CONTENT_DIR, module, language)
        except ContentFormatError as error:
            raise click.ClickException(str(error)) from None
        stale = translation is not None and translation.source_revision != source.revision
        old = swedish_text(module, translation.source_revision) if stale and translation else None
        if stale and old is None:
            click.echo(
                "note: the Swedish this was translated from is not in the database: every entry is fuzzy", err=True
            )
        catalog = po_files.export_module(module, language, source, translation, made_from=old)
    else:
        raise click.ClickException(f"unknown module slug {module!r} (or `ui` for the UI catalogue)")
    data = po_files.catalog_bytes(catalog)
    if out is None:
        click.echo(data.decode("utf-8"), nl=False)
    else:
        out.write_bytes(data)
        click.echo(f"wrote {out}", err=True)


@content.command("import-po")
@click.argument("language")
@click.argument("module")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--path", type=click.Path(file_okay=False, path_type=Path), help="The content folder.")
def import_po_command(language: str, module: str, file: Path, path: Path | None) -> None:
    """Import a translated PO file into the module's file in one language (or `ui`: the UI catalogue).

    The file is checked first: a changed placeholder, link or number, broken Markdown, a
    variant the termbase forbids, or a Swedish text that changed since the export refuses it,
    and nothing is written. Load the module file with `flask content sync` afterwards.
    """
    from portal.content.catalogue import BY_SLUG
    from portal.languages import BY_CODE
    from portal.services.content import DEFAULT_CONTENT_DIR, po_files

    if language not in BY_CODE:
        raise click.ClickException(f"unknown language {language!r}")
    if module != "ui" and module not in BY_SLUG:
        raise click.ClickException(f"unknown module slug {module!r} (or `ui` for the UI catalogue)")
    try:
        catalog = po_files.read_catalog(file.read_bytes(), language)
        if module == "ui":
            count = po_files.import_ui(catalog, language)
            click.echo(f"{language} UI catalogue: {count} message(s) changed; run `make locales` to compile")
            return
        result = po_files.import_module_file(catalog, path or DEFAULT_CONTENT_DIR, module, language)
    except po_files.PoImportError as error:
        for problem in error.problems:
            click.echo(f"error: {problem}", err=True)
        raise click.ClickException(f"{len(error.problems)} problem(s) found; nothing was written") from None
    except ContentFormatError as error:
        raise click.ClickException(str(error)) from None
    if result.complete:
        state = "matches the current Swedish"
    else:
        state = f"{len(result.fuzzy)} fuzzy, {len(result.untranslated)} untranslated: still made from the older Swedish"
    click.echo(f"{module}/{language}.md: {len(result.changed)} entr(ies) changed; {state}")


@content.command("glossary")
@click.argument("language")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), help="The CSV file to write (default: print).")
def glossary_command(language: str, out: Path | None) -> None:
    """Write a language's termbase as a glossary CSV (Weblate imports it as a glossary)."""
    from portal.languages import BY_CODE
    from portal.services.content import po_checks

    if language not in BY_CODE:
        raise click.ClickException(f"unknown language {language!r}")
    text = po_checks.glossary_csv(language)
    if out is None:
        click.echo(text, nl=False)
    else:
        out.write_text(text, encoding="utf-8")
        click.echo(f"wrote {out}", err=True)
