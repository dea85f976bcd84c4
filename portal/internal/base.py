"""The /internal/v1 blueprint. Every route needs the bearer token, checked before anything else."""

from __future__ import annotations

from flask import Blueprint, abort

from portal.extensions import csrf
from portal.internal.auth import bearer_token, token_is_valid
from portal.security import check_for_nul

bp = Blueprint("internal", __name__, url_prefix="/internal/v1")
# The action server sends a bearer token, never a cookie, so CSRF cannot apply.
csrf.exempt(bp)


@bp.before_request
def _require_token():
    """Every internal route needs the token."""
    if not token_is_valid(bearer_token()):
        abort(401)
    check_for_nul()
