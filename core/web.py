"""Helpers for the server-rendered views: permission gate and ApplicationError → form errors."""

from __future__ import annotations

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.http import Http404

from core.errors import ApplicationError
from core.permissions import has_perm


def require_perm(perm: str):
    """The view needs `perm` for the user's role on this host; without it the page does not exist."""

    def decorator(view):
        @login_required
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            membership = getattr(request, "membership", None)
            if membership is None or not has_perm(membership.role, perm):
                raise Http404("no such page")
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def error_message(exc: ApplicationError) -> str:
    """One page message for a service's error: its message, then what the named fields add that the
    message does not already say (a service often repeats its message on the field; shown once)."""
    extra: list[str] = []
    for messages in (exc.fields or {}).values():
        for text in (str(m) for m in (messages if isinstance(messages, list) else [messages])):
            if text and text.strip("。. ") not in exc.message and text not in extra:
                extra.append(text)
    return exc.message + (f"（{'；'.join(extra)}）" if extra else "")


def apply_error(form, exc: ApplicationError) -> None:
    """Show a service's error on the form: on the named fields, else as a form-wide error."""
    placed = False
    for field, messages in (exc.fields or {}).items():
        target = field if field in form.fields else None
        for message in messages if isinstance(messages, list) else [messages]:
            form.add_error(target, message)
            placed = True
    if not placed:
        form.add_error(None, exc.message)
