"""The editor blueprint and what its views share: the request limit, the module lookup, who may edit."""

from __future__ import annotations

from flask import Blueprint, abort, request
from flask_babel import gettext as _

from portal.access import current_staff_user
from portal.content.files import BODY_MAX, TITLE_MAX
from portal.data import content as data
from portal.languages import BY_CODE, SOURCE_LANGUAGE
from portal.models import ContentModule
from portal.services import content

bp = Blueprint("editor", __name__, url_prefix="/editor")

# The text limit (BODY_MAX characters) is the same in every script, so the request must carry
# that many characters of any script: 4 bytes each in UTF-8 at worst, each byte sent as "%XX".
# The app-wide limit (MAX_CONTENT_LENGTH) is far lower, so a long Arabic text got a bare 413.
EDITOR_MAX_REQUEST = (BODY_MAX + 2 * TITLE_MAX) * 4 * 3 + 64 * 1024


@bp.url_value_preprocessor
def _allow_whole_texts(endpoint: str | None, values: dict | None) -> None:
    # A URL value preprocessor, because it runs before every before_request hook, and the CSRF
    # check in one of those reads the form with whatever limit is set by then.
    if request.method == "POST":
        request.max_content_length = EDITOR_MAX_REQUEST


def module_or_404(slug: str, language: str) -> ContentModule:
    module = data.get_module(slug)
    if module is None or language not in BY_CODE:
        abort(404)
    return module


def regional_editor():
    staff = current_staff_user()
    if not content.can_edit_regional(staff):
        abort(
            403,
            description=_(
                "Only editors of the region can change the regional text. You can read the status, "
                "and write the local sections of your own municipality."
            ),
        )
    return staff


def module_title(module: ContentModule) -> str:
    source = data.get_published_revision(module, SOURCE_LANGUAGE)
    return source.title if source else module.slug
