"""The sentence memory of the published texts (issue 16): which Swedish sentences changed since a
translation was made, the reviewed translations of Swedish sentences, and a module's PO file.

The alignment itself is pure (portal/services/content/sentences.py); this module finds the
revisions to align: the current Swedish, the Swedish a translation was made from, and the
translations a translator reviewed.
"""

from __future__ import annotations

from babel.messages.catalog import Catalog

from portal.content.files import ContentDocument
from portal.data import content as data
from portal.languages import SOURCE_LANGUAGE
from portal.models import ContentModule, ContentRevision, ReviewStatus
from portal.services.content import po_files
from portal.services.content.sentences import SentenceChange, body_units, sentence_changes


def document_of(revision: ContentRevision) -> ContentDocument:
    """A stored revision as the content file it would be."""
    return ContentDocument(
        title=revision.title,
        summary=revision.summary,
        source_revision=revision.source_revision,
        review_status=ReviewStatus(revision.review_status).value,
        last_updated=revision.last_updated,
        body=revision.body,
    )


def made_from(module: ContentModule, translation: ContentRevision) -> ContentRevision | None:
    """The Swedish revision a translation was made from, when it is not the current Swedish (None if unknown)."""
    source = data.get_published_revision(module, SOURCE_LANGUAGE)
    if source is None or translation.source_revision == source.body_revision:
        return None
    return data.find_revision_by_body(module, SOURCE_LANGUAGE, translation.source_revision)


def changed_sentences_by_section(
    module: ContentModule, translation: ContentRevision
) -> dict[str, list[SentenceChange]]:
    """For the editor: per section anchor, the Swedish sentences changed or added since the
    translation was made, each with the old Swedish and the translation it had. The other
    sentences, and their translations, stay as they are."""
    source = data.get_published_revision(module, SOURCE_LANGUAGE)
    old = made_from(module, translation)
    if source is None or old is None:
        return {}
    marks: dict[str, list[SentenceChange]] = {}
    for change in sentence_changes(old.body, source.body, translation.body):
        if change.status != "same":
            anchor = change.key.split("/", 1)[0]
            marks.setdefault("" if anchor == "_" else anchor, []).append(change)
    return marks


def reviewed_memory(module: ContentModule, language: str) -> dict[str, str]:
    """Swedish sentences and their reviewed translations, from this module's reviewed revisions
    (a newer review wins), so a sentence that comes back is offered as it was reviewed."""
    memory: dict[str, str] = {}
    for revision in data.list_published_revisions(module, language):  # newest first
        if revision.review_status != ReviewStatus.REVIEWED:
            continue
        swedish = data.find_revision_by_body(module, SOURCE_LANGUAGE, revision.source_revision)
        if swedish is None:
            continue
        for unit in body_units(swedish.body, revision.body):
            if unit.translation and not unit.questions:
                memory.setdefault(unit.source, unit.translation)
    return memory


def swedish_text(slug: str, body_revision: str) -> ContentDocument | None:
    """A Swedish text by its body revision, from the history in the database (None if not there)."""
    module = data.get_module(slug)
    revision = data.find_revision_by_body(module, SOURCE_LANGUAGE, body_revision) if module else None
    return document_of(revision) if revision is not None else None


def export_published(module: ContentModule, language: str) -> Catalog | None:
    """The published text of a module in one language as a PO catalogue (None without a Swedish text)."""
    source = data.get_published_revision(module, SOURCE_LANGUAGE)
    if source is None:
        return None
    translation = data.get_published_revision(module, language) if language != SOURCE_LANGUAGE else source
    old = made_from(module, translation) if translation is not None else None
    return po_files.export_module(
        module.slug,
        language,
        document_of(source),
        document_of(translation) if translation is not None else None,
        made_from=document_of(old) if old is not None else None,
        memory=reviewed_memory(module, language) if language != SOURCE_LANGUAGE else None,
    )
