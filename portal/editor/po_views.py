"""Files for translators (issue 16): a module's text as a PO file, the termbase as a glossary, and
the Swedish sentences changed since a translation was made, for the side-by-side view."""

from __future__ import annotations

from flask import Response, abort

from portal.access import staff_required
from portal.editor.base import bp, module_or_404
from portal.languages import BY_CODE
from portal.models import ContentModule, ContentRevision, Role
from portal.services.content import po_checks, po_files, translation_memory
from portal.termbase import TERMS_DIR


@bp.context_processor
def _sentence_memory() -> dict:
    return {"changed_sentences": _changed_sentences}


def _changed_sentences(module: ContentModule, translation: ContentRevision | None) -> dict:
    """Per section anchor, the Swedish sentences to translate and check again."""
    if translation is None:
        return {}
    return translation_memory.changed_sentences_by_section(module, translation)


@bp.get("/<slug>/<lang>/translation.po")
@staff_required(Role.EDITOR)
def download_po(slug: str, lang: str):
    module = module_or_404(slug, lang)
    catalog = translation_memory.export_published(module, lang)
    if catalog is None:
        abort(404)
    return Response(
        po_files.catalog_bytes(catalog),
        mimetype="text/x-gettext-translation",
        headers={"Content-Disposition": f'attachment; filename="{module.slug}.{lang}.po"'},
    )


@bp.get("/terms/<lang>.csv")
@staff_required(Role.EDITOR)
def download_glossary(lang: str):
    if lang not in BY_CODE or not (TERMS_DIR / f"{lang}.yml").exists():
        abort(404)
    return Response(
        po_checks.glossary_csv(lang),
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="ankomst-terms.{lang}.csv"'},
    )
