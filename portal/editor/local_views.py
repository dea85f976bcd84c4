"""Municipalities' local sections: their own editors write them, in any language."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from wtforms.fields.choices import SelectChoice

from portal.access import current_staff_user, staff_required
from portal.content.files import ContentFormatError
from portal.content.markdown import render_markdown
from portal.data import content as data
from portal.editor.base import bp
from portal.editor.forms import LocalSectionForm, problem_message
from portal.languages import LANGUAGES
from portal.models import Role
from portal.services import content


@bp.get("/local")
@staff_required(Role.EDITOR)
def local_sections():
    staff = current_staff_user()
    sections = content.list_local_sections_for_editor(staff)
    return render_template(
        "editor/local_list.html",
        sections=sections,
        states={s.id: content.local_state(s) for s in sections},
        municipalities=content.local_municipalities(staff),
        titles=content.module_titles(),
    )


@bp.route("/local/new", methods=["GET", "POST"])
@bp.route("/local/<int:section_id>", methods=["GET", "POST"])
@staff_required(Role.EDITOR)
def local_section(section_id: int | None = None):
    staff = current_staff_user()
    section = None
    if section_id is not None:
        section = content.get_local_section_for_editor(section_id, staff)
        if section is None:
            # 404 whether it is missing or another municipality's: do not reveal which.
            abort(404)
    municipalities = content.local_municipalities(staff)
    if not municipalities:
        abort(403, description=_("Only editors of a municipality can write local sections."))
    form = LocalSectionForm(obj=section)
    titles = content.module_titles()
    form.module.choices = [SelectChoice(m.slug, titles.get(m.slug, m.slug)) for m in data.list_modules()]
    form.municipality.choices = [SelectChoice(m.id, m.name) for m in municipalities]
    form.language.choices = [SelectChoice(lang.code, lang.native_name) for lang in LANGUAGES]
    sources = content.swedish_local_sections(staff)
    form.source.choices = [SelectChoice(0, _("(not a translation)"))] + [
        SelectChoice(s.id, f"{s.title} ({s.municipality.name})") for s in sources if not section or s.id != section.id
    ]
    if request.method == "GET" and section is not None:
        form.module.data = section.module.slug
        form.municipality.data = section.municipality_id
        form.source.data = section.source_section_id or 0
    elif request.method == "GET":
        # "Translate" from the list: the new section starts as a translation of that Swedish one.
        source = next((s for s in sources if s.id == request.args.get("source", type=int)), None)
        if source is not None:
            form.module.data, form.municipality.data, form.source.data = (
                source.module.slug,
                source.municipality_id,
                source.id,
            )
            form.title.data, form.body.data = source.title, source.body
    preview = None
    status = 200
    if request.method == "POST":
        if form.preview.data:
            form.validate()
            preview = render_markdown(form.body.data or "")
            status = 422 if form.errors else 200
        elif form.validate():
            values = content.LocalInput(
                module_slug=form.module.data,
                municipality_id=form.municipality.data,
                language=form.language.data,
                title=form.title.data,
                body=form.body.data,
                published=form.published.data,
                source_section_id=form.source.data or None,
                matches_source=form.matches_source.data,
            )
            try:
                saved = content.save_local_section(section, values, staff=staff)
            except content.NotAllowed:
                abort(403, description=_("You can only write local sections of your own municipality."))
            except ContentFormatError as error:
                form.body.errors = [problem_message(p) for p in error.problems]
                status = 422
            except content.WrongSource:
                form.source.errors = [_("Choose a Swedish local section of the same municipality and topic.")]
                status = 422
            else:
                flash(_("The local section is saved."))
                return redirect(url_for("editor.local_section", section_id=saved.id))
        else:
            status = 422
    return (
        render_template(
            "editor/local_edit.html",
            form=form,
            section=section,
            preview=preview,
            state=content.local_state(section) if section else None,
        ),
        status,
    )
