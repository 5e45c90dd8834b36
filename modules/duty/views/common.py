"""Shared helpers of the duty pages: run a service, report its error as a page message."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.http import Http404

from core.errors import ApplicationError
from core.moments import date_in_range
from core.permissions import has_perm
from modules.duty.forms import PeriodQuery
from modules.duty.hooks import source_url


def error_text(exc: ApplicationError) -> str:
    details = [f"{', '.join(str(m) for m in msgs)}" for msgs in (exc.fields or {}).values()
               if isinstance(msgs, list)]
    return exc.message + (f"（{'；'.join(details)}）" if details else "")


def run(request, service, ok_message: str, **kwargs):
    """Call `service(user=request.user, **kwargs)`; a refused step becomes a message, not a 500."""
    try:
        result = service(user=request.user, **kwargs)
    except ApplicationError as exc:
        messages.error(request, error_text(exc))
        return None
    messages.success(request, ok_message)
    return result


def can(request, perm: str) -> bool:
    membership = getattr(request, "membership", None)
    return membership is not None and has_perm(membership.role, perm)


def must(obj):
    if obj is None:
        raise Http404("no such record")
    return obj


def query_period(request) -> dict:
    """The page's ?day= / ?week= / ?month= / ?print= through a form; a bad value comes back None."""
    return PeriodQuery(request.GET).values()


def parse_month(text: str | None, default: date) -> date:
    try:
        year, month = (int(p) for p in (text or "").split("-")[:2])
        first = date(year, month, 1)
    except (ValueError, OverflowError):
        return default.replace(day=1)
    return first if date_in_range(first) else default.replace(day=1)


def parse_day(text: str | None, default: date) -> date:
    try:
        day = date.fromisoformat(text or "")
    except ValueError:
        return default
    return day if date_in_range(day) else default


def with_source(entries) -> list[dict]:
    """Log entries as rows with the link to their source record (D-06)."""
    return [{"entry": e, "url": source_url(e.source_type, e.source_id)} for e in entries]
