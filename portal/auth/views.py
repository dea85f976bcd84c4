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
            if exc.reason == "not_swedish_mobile":
                form.phone.errors.append(_("Please write a Swedish mobile number. Codes can only be sent to those."))
            else:
                form.phone.errors.append(_("That does not look like a mobile number. Please check it."))
            return render_template("auth/signin.html", form=form), 422
        session[PENDING_KEY] = result.phone_digest
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
        return render_template("auth/code.html", form=form), 422
    return render_template("auth/code.html", form=form), (422 if form.errors else 200)


@bp.post("/signout")
def signout():
    form = ConfirmForm()
    if form.validate_on_submit() and current_user.is_authenticated:
        sessions.end_session(current_user._get_current_object())
        flash(_("You are signed out."))
    return redirect(url_for("main.home"))
