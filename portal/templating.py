"""What every template can use: the current language, the list, and review notices."""

from __future__ import annotations

from flask import Flask
from flask_babel import gettext as _
from flask_login import current_user

from portal.i18n import current_language, language_unmatched
from portal.languages import LANGUAGES, get_language, words_for_language
from portal.models import Role
from portal.translation_status import catalogue_is_reviewed


def role_label(role: str) -> str:
    """The translated name of a staff role."""
    labels = {
        Role.CASEWORKER: _("Caseworker"),
        Role.EDITOR: _("Editor"),
        Role.REVIEWER: _("Independent reviewer"),
        Role.COORDINATOR: _("Coordinator"),
        Role.ADMIN: _("Administrator"),
    }
    return labels.get(Role(role), str(role))


def language_name(code: str) -> str:
    """The native name of one of our languages (the code itself if unknown)."""
    lang = get_language(code)
    return lang.native_name if lang else code


def init_app(app: Flask) -> None:
    from portal.bidi import isolate_filter, text_direction
    from portal.catalogues import activity_label, goal_label, handoff_outcome_label, occurrence_reason_label
    from portal.services import plan_text

    # The one way a template isolates numbers, times and addresses in RTL text (portal.bidi).
    app.jinja_env.filters["ltr_runs"] = isolate_filter
    # Someone's own words (a note, an objection, a chat message) read in the direction of most of their letters.
    app.jinja_env.filters["text_dir"] = text_direction
    app.jinja_env.globals.update(
        role_label=role_label,
        language_name=language_name,
        activity_label=activity_label,
        goal_label=goal_label,
        occurrence_reason_label=occurrence_reason_label,
        handoff_outcome_label=handoff_outcome_label,
        weekdays_label=plan_text.weekdays_label,
        time_label=plan_text.time_label,
        day_label=plan_text.day_label,
        hours_label=plan_text.hours_label,
        hours_period_labels=plan_text.hours_period_labels,
        number_label=plan_text.number_label,
        plan_status_label=plan_text.status_label,
        staff_plan_status_label=plan_text.staff_status_label,
        describe_warning=plan_text.describe_warning,
        describe_change=plan_text.describe_change,
    )

    @app.context_processor
    def inject_language():
        lang = current_language()
        return {
            "current_language": lang,
            "languages": LANGUAGES,
            "language_words": words_for_language(lang),
            "language_unmatched": language_unmatched(),
            "ui_reviewed": catalogue_is_reviewed(lang.code),
            "signed_in_kind": getattr(current_user, "kind", None) if current_user.is_authenticated else None,
        }
