from __future__ import annotations

from flask import Blueprint, current_app, flash, redirect, render_template, session, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal.extensions import limiter
from portal.forms import CodeForm, ConfirmForm, PhoneForm
from portal.phones import InvalidPhoneNumber
from portal.services import newcomer_signin, sessions
from portal.urls import requested_next, safe_next

bp = Blueprint("auth", __name__)
PENDING_KEY = "signin_pending"
MASKED_KEY = "signin_masked"  # the masked number for the code page, never the number itself


def _ip_limit() -> str:
    return current_app.config["SIGNIN_IP_LIMIT"]


def _code_ip_limit() -> str:
    return current_app.config["SIGNIN_CODE_IP_LIMIT"]


@bp.route("/signin", methods=["GET", "POST"])
@limiter.limit(_ip_limit, methods=["POST"])
def signin():
    nxt = requested_next()
    form = PhoneForm()
    if form.validate_on_submit():
        try:
            result = newcomer_signin.request_code(form.phone.data)
        except InvalidPhoneNumber as exc:
            form.phone.errors.append(_phone_error(exc.reason))
            return render_template("auth/signin.html", form=form), 422
        session[PENDING_KEY] = result.phone_digest
        session[MASKED_KEY] = result.masked_number
        if nxt:
            session["signin_next"] = nxt
        return redirect(url_for("auth.code"))
    status = 422 if form.errors else 200
    return render_template("auth/signin.html", form=form), status


@bp.route("/signin/code", methods=["GET", "POST"])
@limiter.limit(_code_ip_limit, methods=["POST"])
def code():
    digest = session.get(PENDING_KEY)
    if not digest:
        return redirect(url_for("auth.signin"))
    form = CodeForm()
    if form.validate_on_submit():
        person = newcomer_signin.verify_code(digest, form.code.data)
        if person is not None:
            nxt = session.get("signin_next")
            sessions.start_session(person)
            return redirect(safe_next(nxt) or url_for("main.home"))
        form.code.errors.append(_("The code is wrong or too old. Check the SMS, or ask for a new code."))
        return render_template("auth/code.html", form=form, masked_number=session.get(MASKED_KEY)), 422
    status = 422 if form.errors else 200
    return render_template("auth/code.html", form=form, masked_number=session.get(MASKED_KEY)), status


def _phone_error(reason: str) -> str:
    if reason == "not_mobile":
        return _("That is not a mobile number. The code comes by SMS, so please write a mobile number.")
    if reason == "country_not_allowed":
        return _(
            "We cannot send codes to numbers from that country. Please write a Swedish mobile number, "
            "or ask your caseworker."
        )
    return _("That does not look like a mobile number. Please check it.")


@bp.post("/signout")
def signout():
    form = ConfirmForm()
    if form.validate_on_submit() and current_user.is_authenticated:
        sessions.end_session(current_user._get_current_object())
        flash(_("You are signed out."))
    return redirect(url_for("main.home"))
