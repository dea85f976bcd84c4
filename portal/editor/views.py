from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from wtforms.fields.choices import SelectChoice

from portal.access import current_staff_user, staff_required
from portal.content.files import ContentFormatError
from portal.content.markdown import render_markdown, render_sections
from portal.data import content as data
from portal.editor.forms import LocalSectionForm, RevisionForm, field_for, problem_message
from portal.forms import ConfirmForm
from portal.languages import BY_CODE, LANGUAGES, SOURCE_LANGUAGE
from portal.models import ContentModule, Role
from portal.services import content as service
from portal.services.search import unanswered

bp = Blueprint("editor", __name__, url_prefix="/editor")


def _module_or_404(slug: str, language: str) -> ContentModule:
    module = data.get_module(slug)
    if module is None or language not in BY_CODE:
        abort(404)
    return module


def _regional_editor():
    staff = current_staff_user()
    if not service.can_edit_regional(staff):
        abort(403)
    return staff


@bp.get("/")
@staff_required(Role.EDITOR)
def overview():
    staff = current_staff_user()
    return render_template(
        "editor/overview.html",
        matrix=service.status_matrix(),
        languages=LANGUAGES,
        regional=service.can_edit_regional(staff),
        municipalities=service.local_municipalities(staff),
    )


@bp.route("/<slug>/<lang>", methods=["GET", "POST"])
@staff_required(Role.EDITOR)
def edit(slug: str, lang: str):
    module = _module_or_404(slug, lang)
    staff = _regional_editor()
    state = service.module_state(module, lang)
    draft = data.get_pending_draft(module, lang)
    form = RevisionForm(obj=draft or state.revision)
    if request.method == "GET" and state.revision is None and draft is None:
        form.review_status.data = "unreviewed-draft"
    if request.method == "GET" and (draft or state.revision):
        form.review_status.data = str((draft or state.revision).review_status)
    if request.method == "GET":
        form.minor.data = False
    form.body.render_kw = {**(form.body.render_kw or {}), "lang": lang, "dir": BY_CODE[lang].direction}
    form.title.render_kw = {"lang": lang, "dir": BY_CODE[lang].direction}
    form.summary.render_kw = {**(form.summary.render_kw or {}), "lang": lang, "dir": BY_CODE[lang].direction}
    preview = None
    status = 200
    if request.method == "POST":
        if form.preview.data:
            form.validate()
            preview = render_sections(form.body.data or "")
            status = 422 if form.errors else 200
        elif form.validate():
            values = service.RevisionInput(
                title=form.title.data,
                summary=form.summary.data,
                body=form.body.data,
                review_status=form.review_status.data,
                minor=form.minor.data,
                matches_current_source=form.matches_source.data,
            )
            try:
                service.save_revision(module, lang, values, staff=staff, publish=bool(form.publish.data))
            except ContentFormatError as error:
                for problem in error.problems:
                    form[field_for(problem)].errors = [*form[field_for(problem)].errors, problem_message(problem)]
            else:
                flash(_("The text is published.") if form.publish.data else _("The draft is saved."))
                return redirect(url_for("editor.edit", slug=slug, lang=lang))
            status = 422
        else:
            status = 422
    return (
        render_template(
            "editor/edit.html",
            module=module,
            language=BY_CODE[lang],
            state=state,
            draft=draft,
            form=form,
            preview=preview,
            is_source=lang == SOURCE_LANGUAGE,
            source=data.get_published_revision(module, SOURCE_LANGUAGE),
            source_from=(
                data.find_revision_by_body(module, SOURCE_LANGUAGE, state.revision.source_revision)
                if state.is_stale
                else None
            ),
        ),
        status,
    )


@bp.get("/<slug>/<lang>/history")
@staff_required(Role.EDITOR)
def history(slug: str, lang: str):
    module = _module_or_404(slug, lang)
    revisions = data.list_revisions(module, lang)
    current = data.get_published_revision(module, lang)
    return render_template(
        "editor/history.html",
        module=module,
        language=BY_CODE[lang],
        revisions=revisions,
        current=current,
        regional=service.can_edit_regional(current_staff_user()),
        confirm=ConfirmForm(),
    )


@bp.get("/<slug>/<lang>/diff")
@staff_required(Role.EDITOR)
def diff(slug: str, lang: str):
    module = _module_or_404(slug, lang)
    old = service.get_module_revision(module, request.args.get("from", type=int) or 0)
    new = service.get_module_revision(module, request.args.get("to", type=int) or 0)
    if old is None or new is None or old.language != lang or new.language != lang:
        abort(404)
    return render_template(
        "editor/diff.html",
        module=module,
        language=BY_CODE[lang],
        old=old,
        new=new,
        lines=service.diff_revisions(old, new),
    )


@bp.post("/<slug>/<lang>/revert/<int:revision_id>")
@staff_required(Role.EDITOR)
def revert(slug: str, lang: str, revision_id: int):
    module = _module_or_404(slug, lang)
    staff = _regional_editor()
    old = service.get_module_revision(module, revision_id)
    if old is None or old.language != lang or not ConfirmForm().validate_on_submit():
        abort(404 if old is None else 400)
    service.revert_to(old, staff=staff)
    flash(_("The older text is published again."))
    return redirect(url_for("editor.history", slug=slug, lang=lang))


# -- searches with no good answer ---------------------------------------------------------


@bp.get("/unanswered")
@staff_required(Role.EDITOR)
def unanswered_queries():
    language = request.args.get("lang") if request.args.get("lang") in BY_CODE else None
    rows = unanswered.unanswered_report(language)
    staff = current_staff_user()
    regional = service.can_edit_regional(staff)
    choices = {code: unanswered.section_choices(code) for code in {r.language for r in rows}} if regional else {}
    return render_template(
        "editor/unanswered.html",
        rows=rows,
        choices=choices,
        language=language,
        languages=LANGUAGES,
        regional=regional,
        form=ConfirmForm(),
        min_count=unanswered.MIN_COUNT,
        retention_days=unanswered.RETENTION_DAYS,
    )


@bp.post("/unanswered/<int:query_id>")
@staff_required(Role.EDITOR)
def add_unanswered_question(query_id: int):
    staff = _regional_editor()
    if not ConfirmForm().validate_on_submit():
        abort(400)
    added = unanswered.add_question(staff, query_id, request.form.get("target", ""))
    if added is None:
        abort(404)
    flash(_("The question was added to the draft. Check it and publish."))
    return redirect(url_for("editor.edit", slug=added[0], lang=added[1]))


# -- local sections ------------------------------------------------------------------------


@bp.get("/local")
@staff_required(Role.EDITOR)
def local_sections():
    staff = current_staff_user()
    return render_template(
        "editor/local_list.html",
        sections=service.list_local_sections_for_editor(staff),
        municipalities=service.local_municipalities(staff),
    )


@bp.route("/local/new", methods=["GET", "POST"])
@bp.route("/local/<int:section_id>", methods=["GET", "POST"])
@staff_required(Role.EDITOR)
def local_section(section_id: int | None = None):
    staff = current_staff_user()
    section = None
    if section_id is not None:
        section = service.get_local_section_for_editor(section_id, staff)
        if section is None:
            # 404 whether it is missing or another municipality's: do not reveal which.
            abort(404)
    municipalities = service.local_municipalities(staff)
    if not municipalities:
        abort(403)
    form = LocalSectionForm(obj=section)
    form.module.choices = [SelectChoice(m.slug, m.slug) for m in data.list_modules()]
    form.municipality.choices = [SelectChoice(m.id, m.name) for m in municipalities]
    form.language.choices = [SelectChoice(lang.code, lang.native_name) for lang in LANGUAGES]
    if request.method == "GET" and section is not None:
        form.module.data = section.module.slug
        form.municipality.data = section.municipality_id
    preview = None
    status = 200
    if request.method == "POST":
        if form.preview.data:
            form.validate()
            preview = render_markdown(form.body.data or "")
            status = 422 if form.errors else 200
        elif form.validate():
            values = service.LocalInput(
                module_slug=form.module.data,
                municipality_id=form.municipality.data,
                language=form.language.data,
                title=form.title.data,
                body=form.body.data,
                published=form.published.data,
            )
            try:
                saved = service.save_local_section(section, values, staff=staff)
            except service.NotAllowed:
                abort(403)
            except ContentFormatError as error:
                form.body.errors = [problem_message(p) for p in error.problems]
                status = 422
            else:
                flash(_("The local section is saved."))
                return redirect(url_for("editor.local_section", section_id=saved.id))
        else:
            status = 422
    return render_template("editor/local_edit.html", form=form, section=section, preview=preview), status
