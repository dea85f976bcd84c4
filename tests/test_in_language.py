"""The one wrapper of force_locale: a block written in a person's or staff member's language."""

from __future__ import annotations

import pytest
from flask_babel import get_locale

from portal.i18n import in_language


@pytest.mark.parametrize(("code", "locale"), [("ar", "ar"), ("prs", "fa_AF"), ("en", "en")])
def test_a_block_is_written_in_the_language_asked_for(app, code, locale):
    with app.test_request_context("/"), in_language(code):
        assert str(get_locale()) == locale


@pytest.mark.parametrize("code", [None, "", "klingon"])
def test_an_unknown_language_writes_in_swedish(app, code):
    # The request itself asks for Arabic, so Swedish comes from the helper's default, not the page's.
    with app.test_request_context("/", headers={"Accept-Language": "ar"}):
        assert str(get_locale()) == "ar"
        with in_language(code):
            assert str(get_locale()) == "sv"
