"""Development pages: the SMS outbox, the mail outbox and the SMS simulator."""

from __future__ import annotations

from flask import Blueprint, redirect, render_template, session, url_for

from portal.data.conversations import get_sms_conversation, list_messages
from portal.data.outbox import list_mail, list_sent_sms
from portal.dev.forms import SimulatorForm
from portal.dev.simulator import simulate_inbound_sms

bp = Blueprint("dev", __name__, url_prefix="/dev")
SIMULATOR_KEY = "dev_sms_phone"
SIMULATOR_RESULT_KEY = "dev_sms_result"


@bp.get("/outbox")
def outbox():
    return render_template("dev/outbox.html", messages=list_sent_sms())


@bp.get("/mail")
def mail_outbox():
    """The e-mails the local mail backend recorded (staff notifications), newest first."""
    return render_template("dev/mail.html", messages=list_mail())


@bp.route("/sms", methods=["GET", "POST"])
def sms_simulator():
    """Text the assistant as a phone would: signed like Twilio, through the real webhook."""
    form = SimulatorForm(phone=session.get(SIMULATOR_KEY))
    if form.validate_on_submit():
        # The number stays in the session, not the URL: access logs must not hold it.
        session[SIMULATOR_KEY] = form.phone.data.strip()
        result = simulate_inbound_sms(form.phone.data.strip(), form.message.data, whatsapp=form.whatsapp.data)
        session[SIMULATOR_RESULT_KEY] = result
        return redirect(url_for(".sms_simulator", _anchor="latest"))
    phone = session.get(SIMULATOR_KEY)
    conversation = get_sms_conversation(phone) if phone else None
    result = session.pop(SIMULATOR_RESULT_KEY, None)
    return render_template(
        "dev/sms.html",
        form=form,
        messages=list_messages(conversation) if conversation else [],
        result=result,
        phone=phone,
    ), (422 if form.errors else 200)
