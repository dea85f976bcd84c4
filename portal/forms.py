"""Forms shared across areas. Labels use lazy_gettext: they are defined at import time."""

from __future__ import annotations

from functools import cache

from babel import support
from flask import current_app
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField, StringField
from wtforms.i18n import messages_path
from wtforms.validators import DataRequired, Length


class Form(FlaskForm):
    """The base of every Ankomst form.

    Hidden fields (the CSRF token, revisions) render without an id: a page often holds several
    forms, and repeated ids are invalid HTML that confuses assistive technology.
    """

    class Meta(FlaskForm.Meta):
        def render_field(self, field, render_kw):
            if field.type in ("CSRFTokenField", "HiddenField"):
                render_kw = {**render_kw, "id": False}
            return super().render_field(field, render_kw)

        def get_translations(self, form):
            if not current_app.config.get("WTF_I18N_ENABLED", True):
                return super().get_translations(form)
            return _wtforms_catalogue(str(get_locale()))


@cache
def _wtforms_catalogue(locale: str) -> support.NullTranslations:
    """WTForms' own messages in `locale`. Flask-WTF reads this file on every request that builds
    a form (most pages: sign-out is a form); it does not change while we run, so read it once."""
    return support.Translations.load(messages_path(), [locale], domain="wtforms")


class PhoneForm(Form):
    phone = StringField(
        _l("Your mobile number"),
        validators=[DataRequired(message=_l("Please write your mobile number.")), Length(max=32)],
        description=_l("For example 070 123 45 67. A number from another country starts with + and its country code."),
        render_kw={"autocomplete": "tel", "inputmode": "tel", "dir": "ltr"},
    )


class CodeForm(Form):
    code = StringField(
        _l("The 6-digit code from the SMS"),
        validators=[DataRequired(message=_l("Please write the code from the SMS.")), Length(max=12)],
        render_kw={"autocomplete": "one-time-code", "inputmode": "numeric", "dir": "ltr"},
    )


class StaffPasswordForm(Form):
    email = EmailField(
        _l("Email"),
        validators=[DataRequired(message=_l("Please write your email.")), Length(max=254)],
        render_kw={"autocomplete": "username", "dir": "ltr"},
    )
    password = PasswordField(
        _l("Password"),
        validators=[DataRequired(message=_l("Please write your password.")), Length(max=200)],
        render_kw={"autocomplete": "current-password", "dir": "ltr"},
    )


class TotpForm(Form):
    code = StringField(
        _l("Code from your authenticator app"),
        validators=[DataRequired(message=_l("Please write the code.")), Length(max=12)],
        render_kw={"autocomplete": "one-time-code", "inputmode": "numeric", "dir": "ltr"},
    )


class ConfirmForm(Form):
    """A form with only the CSRF token, for buttons such as "sign out"."""
