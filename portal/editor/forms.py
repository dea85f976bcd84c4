"""Editor forms. Format problems from portal.content.files are shown as translated messages."""

from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, DateTimeLocalField, HiddenField, SelectField, StringField, SubmitField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, Optional, ValidationError

from portal.bidi import strip_isolates
from portal.content.files import SUMMARY_MAX, TITLE_MAX, Problem, validate_body
from portal.services.content.link_domains import domain_problems

REVIEW_CHOICES = [
    SelectChoice("unreviewed-draft", _l("Not yet reviewed by a fluent speaker")),
    SelectChoice("reviewed", _l("Reviewed and approved by a fluent speaker")),
]


def base_revision_id(value: str | None) -> int | None:
    """The hidden base revision as the service takes it: None when the form did not carry one."""
    if value is None or value == "":
        return None
    # Anything but a plain number cannot be a revision this form was given: treat it as "no text
    # yet", which is refused as a conflict whenever a text exists.
    return int(value) if value.isascii() and value.isdigit() and len(value) < 12 else 0


def field_for(problem: Problem) -> str:
    """The form field a format problem belongs to."""
    for name in ("title", "summary", "review_status"):
        if problem.kind.startswith(name):
            return name
    return "body"


def problem_message(problem: Problem) -> str:
    """A format problem as a sentence in the editor's language, with its line."""
    messages = {
        "heading_level": _("Line %(line)s: use '## ' for sections; '# ' is not allowed."),
        "raw_html": _("Line %(line)s: HTML is not allowed. Write Markdown only."),
        "image": _("Line %(line)s: images are not allowed."),
        "link_not_https": _("Line %(line)s: links must go to a web address that starts with https://."),
        "anchor_missing": _("Line %(line)s: a '## ' heading must end in an anchor such as {#my-section}."),
        "heading_empty": _("Line %(line)s: the heading has no text."),
        "anchor_invalid": _("Line %(line)s: an anchor may only use a-z, 0-9 and hyphens."),
        "anchor_duplicate": _("Line %(line)s: this anchor is already used in the text."),
        "link_domain": _(
            "Line %(line)s: this link goes to a site that is not on the region's list of approved sites. "
            "Link to an official site, or ask an administrator to add this one."
        ),
        "link_unclosed": _("Line %(line)s: a link is not closed. Write it as [text](https://...)."),
        "emphasis_unclosed": _("Line %(line)s: bold text is opened with '**' and not closed."),
        "no_sections": _("The text needs at least one section that starts with '## '."),
        "section_empty": _("Line %(line)s: this section is empty."),
        "body_too_long": _("The text is too long."),
        "title_empty": _("Please write a title."),
        "title_too_long": _("The title is too long."),
        "summary_empty": _("Please write a summary."),
        "summary_too_long": _("The summary can be at most 160 characters."),
        "summary_not_plain": _("The summary must be one line of plain text, without Markdown or HTML."),
        "review_status_invalid": _("Please choose a review status."),
    }
    template = messages.get(problem.kind)
    if template is None:
        return problem.message
    return template % {"line": problem.line or 1}


class BodyChecked:
    """Validate Markdown with the content format rules (docs/content-format.md)."""

    def __init__(self, *, sections_required: bool = True):
        self.sections_required = sections_required

    def __call__(self, form, field) -> None:
        # The isolates a right-to-left textarea shows are not part of the text (portal.bidi).
        body = strip_isolates(field.data or "")
        problems = validate_body(body, path="editor") + domain_problems(body)
        if not self.sections_required:
            problems = [p for p in problems if p.kind != "no_sections"]
        if problems:
            raise ValidationError(" ".join(problem_message(p) for p in problems[:5]))


class RevisionForm(FlaskForm):
    title = StringField(
        _l("Title"),
        validators=[DataRequired(message=_l("Please write a title.")), Length(max=TITLE_MAX)],
    )
    summary = TextAreaField(
        _l("Summary"),
        description=_l("At most 160 characters of plain text. It is also sent by SMS."),
        validators=[
            DataRequired(message=_l("Please write a summary.")),
            Length(max=SUMMARY_MAX, message=_l("The summary can be at most %(max)d characters.")),
        ],
        render_kw={"rows": 3},
    )
    body = TextAreaField(
        _l("Text"),
        description=_l("Markdown. Each section starts with a heading such as: ## Health centres {#vardcentral}"),
        validators=[DataRequired(message=_l("Please write the text.")), BodyChecked()],
        render_kw={"rows": 24},
    )
    review_status = SelectField(_l("Review status"), choices=REVIEW_CHOICES)
    # The published revision this text was based on ("0": none yet); a save against a newer one
    # is refused as an edit conflict (portal.services.content.EditConflict).
    base_revision = HiddenField()
    # Which save of the editor's own draft the form was opened on: a save from another tab
    # since then is a conflict, not a silent overwrite (portal.services.content.draft_stamp).
    draft_stamp = HiddenField()
    # Stockholm time; empty publishes at once. A Swedish change still needs its second editor.
    publish_at = DateTimeLocalField(
        _l("Publish later (optional)"),
        description=_l("Date and time, Stockholm time. Leave empty to publish at once."),
        format=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
        validators=[Optional()],
    )
    minor = BooleanField(_l("Minor change: the translations stay current"))
    matches_source = BooleanField(_l("This translation now matches the current Swedish text"))
    preview = SubmitField(_l("Preview"))
    save = SubmitField(_l("Save draft"))
    publish = SubmitField(_l("Publish"))


class LocalSectionForm(FlaskForm):
    module = SelectField(_l("Topic"))
    municipality = SelectField(_l("Municipality"), coerce=int)
    language = SelectField(_l("Language"))
    title = StringField(
        _l("Heading"), validators=[DataRequired(message=_l("Please write a heading.")), Length(max=TITLE_MAX)]
    )
    body = TextAreaField(
        _l("Text"),
        description=_l("Markdown. Links must start with https://."),
        validators=[DataRequired(message=_l("Please write the text.")), BodyChecked(sections_required=False)],
        render_kw={"rows": 12},
    )
    published = BooleanField(_l("Published: readers in the municipality can see it"))
    # A translation of the municipality's Swedish local section: then it can be stale, as
    # regional translations are (portal.services.content.local).
    source = SelectField(_l("Translation of"), coerce=int, default=0)
    matches_source = BooleanField(_l("This translation now matches the current Swedish text"))
    preview = SubmitField(_l("Preview"))
    save = SubmitField(_l("Save"))


class LinkDomainForm(FlaskForm):
    domain = StringField(
        _l("Site"),
        description=_l("Write a site such as www.1177.se."),
        validators=[DataRequired(message=_l("Write a site such as www.1177.se.")), Length(max=253)],
        render_kw={"dir": "ltr", "autocomplete": "off"},
    )
    add = SubmitField(_l("Add"))
