"""Dates in running text end in one period, not two (issue 14, item 5: "21 грудня 2026 р..")."""

from __future__ import annotations

from datetime import date

import pytest
from flask_babel import force_locale, format_date, gettext

from portal.i18n import drop_year_abbreviation
from portal.services.plan_text import day_label


@pytest.mark.parametrize(("locale", "expected"), [("uk", "21 грудня 2026"), ("ru", "21 декабря 2026")])
def test_a_ukrainian_or_russian_long_date_has_no_year_abbreviation(app, locale, expected):
    with app.test_request_context(), force_locale(locale):
        assert format_date(date(2026, 12, 21), "long") == expected
        assert day_label(date(2026, 12, 21)).endswith(expected)
        sentence = gettext("We will answer by %(date)s.", date=format_date(date(2026, 12, 21), "long"))
        assert not sentence.endswith("..")


def test_dropping_twice_changes_nothing_and_other_locales_keep_their_patterns(app):
    drop_year_abbreviation()
    with app.test_request_context():
        with force_locale("uk"):
            assert format_date(date(2026, 12, 21), "long") == "21 грудня 2026"
        with force_locale("sv"):
            assert format_date(date(2026, 12, 21), "long") == "21 december 2026"
