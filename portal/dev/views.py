from __future__ import annotations

from flask import Blueprint, render_template
from sqlalchemy import select

from portal.extensions import db
from portal.models import SmsMessage

bp = Blueprint("dev", __name__, url_prefix="/dev")


@bp.get("/outbox")
def outbox():
    messages = db.session.scalars(
        select(SmsMessage).where(SmsMessage.direction == "out").order_by(SmsMessage.id.desc()).limit(100)
    ).all()
    return render_template("dev/outbox.html", messages=messages)
