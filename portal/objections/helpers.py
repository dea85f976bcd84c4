"""Template helpers for the objection pages, registered on the app by the objection blueprints."""

from __future__ import annotations

from flask import Blueprint

from portal.services import objection_text, objections


def register_template_helpers(bp: Blueprint) -> None:
    helpers = {
        "describe_target": objections.describe_target,
        "reason_label": objection_text.reason_label,
        "objection_status_label": objection_text.case_status_label,
        "objection_status_text": objection_text.status_label,
        "outcome_label": objection_text.outcome_label,
        "staff_outcome_label": objection_text.staff_outcome_label,
        "ground_text": objection_text.ground_text,
        "objection_timeline": objection_text.timeline,
        "text_language_name": objection_text.text_language_name,
        "objection_overdue": objections.is_overdue,
    }
    for name, func in helpers.items():
        bp.add_app_template_global(func, name)
