"""The region's approved link sites, kept by its administrators (editors' links must go to them)."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _

from portal.access import current_staff_user, staff_required
from portal.editor.base import bp
from portal.editor.forms import LinkDomainForm
from portal.forms import ConfirmForm
from portal.models import Role
from portal.services import audit
from portal.services.content import link_domains


@bp.route("/link-domains", methods=["GET", "POST"])
@staff_required(Role.ADMIN)
def link_domains_page():
    form = LinkDomainForm()
    status = 200
    if form.validate_on_submit():
        try:
            domain = link_domains.add_domain(form.domain.data, staff=current_staff_user())
        except ValueError:
            form.domain.errors = [_("Write a site such as www.1177.se.")]
            status = 422
        else:
            audit.record("content.link_domain.add", object_type="link_domain", domain=domain)
            flash(_("The site is added."))
            return redirect(url_for("editor.link_domains_page"))
    elif form.is_submitted():
        status = 422
    return (
        render_template(
            "editor/link_domains.html",
            form=form,
            remove=ConfirmForm(),
            domains=link_domains.allowed_domains(),
            in_use=link_domains.domains_in_use(),
        ),
        status,
    )


@bp.post("/link-domains/remove/<domain>")
@staff_required(Role.ADMIN)
def remove_link_domain(domain: str):
    if not ConfirmForm().validate_on_submit():
        abort(400)
    if not link_domains.remove_domain(domain):
        abort(404)
    audit.record("content.link_domain.remove", object_type="link_domain", domain=domain)
    flash(_("The site is removed."))
    return redirect(url_for("editor.link_domains_page"))
