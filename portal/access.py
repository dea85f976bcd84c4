"""Who may open what: decorators for newcomer and staff pages."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from flask import abort, redirect, request, url_for
from flask_babel import gettext
from flask_login import current_user

from portal.models import Person, Role, StaffUser


def current_person() -> Person | None:
    """The signed-in newcomer, or None."""
    user = current_user._get_current_object() if current_user else None
    return user if isinstance(user, Person) else None


def current_staff_user() -> StaffUser | None:
    """The signed-in staff member, or None."""
    user = current_user._get_current_object() if current_user else None
    return user if isinstance(user, StaffUser) else None


def newcomer_required(view: Callable[..., Any]) -> Callable[..., Any]:
    """Only a signed-in newcomer; others are sent to the SMS-code sign-in."""

    @wraps(view)
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        if current_person() is None:
            if current_staff_user() is not None:
                abort(403)
            return redirect(url_for("auth.signin", next=request.full_path.rstrip("?")))
        return view(*args, **kwargs)

    return wrapped


def staff_required(*roles: Role) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Only signed-in staff holding one of `roles` (any role when none are given)."""

    def decorator(view: Callable[..., Any]) -> Callable[..., Any]:
        @wraps(view)
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            staff = current_staff_user()
            if staff is None:
                if current_person() is not None:
                    abort(403)
                return redirect(url_for("staff.signin", next=request.full_path.rstrip("?")))
            if roles and not any(staff.has_role(role) for role in roles):
                # Say why: a staff member who lands here should know it is their role, not a fault.
                abort(403, description=gettext("Your account does not have the role this page is for."))
            return view(*args, **kwargs)

        return wrapped

    return decorator
