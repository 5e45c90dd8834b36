"""Shared helpers of the duty pages: run a service, report its error as a page message."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.http import Http404

from core.errors import ApplicationError
from core.moments import date_in_range
from core.permissions import has_perm
from core.web import error_message
from modules.duty.forms import PeriodQuery
from modules.duty.hooks import source_url


def run(request, service, ok_message: str, **kwargs):
    """Call `service(user=request.user, **kwargs)`; a refused step becomes a message, not a 500."""
    try:
        result = service(user=request.user, **kwargs)
    except ApplicationError as exc:
        messages.error(request, error_message(exc))
        return None
    messages.success(request, ok_message)
    return result


def attempt(request, service, **kwargs):
    """Call `service(user=request.user, **kwargs)`; returns (result, None), or (None, status) after
    putting the refusal on the page — the caller shows the page again with what was typed."""
    try:
        return service(user=request.user, **kwargs), None
    except ApplicationError as exc:
        if exc.status == 404:
            raise Http404(exc.message) from exc
        messages.error(request, error_message(exc))
        return None, exc.status


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
    return [{"entry": e, "url": source_url(e.source_type, e.source_id),
             "link_url": source_url(e.link_type, e.link_id)} for e in entries]


def blocking_rows(instance) -> list[dict]:
    """D-05: the important unfinished work blocking the handover of `instance`, each with its place in
    the shift's log and its source record (if any)."""
    from django.urls import reverse

    from modules.duty import selectors

    shift_url = reverse("duty:shift", args=[instance.pk])
    return [{**row, "anchor": f"{shift_url}#entry-{row['entry'].pk}"}
            for row in with_source(selectors.blocking_items(instance=instance))]


def handover_context(instance) -> dict:
    """D-04/D-05 on the shift page: the blocking work, who is expected next, and how early a handover
    opened now would be (a warning, D-04: the outgoing staff tidy up only near the end)."""
    from modules.duty import selectors

    if instance.pk is None:
        return {"blocking": [], "expected_next": None, "early_warning": ""}
    return {"blocking": blocking_rows(instance), "expected_next": selectors.expected_next(instance=instance),
            "early_warning": early_warning(selectors.handover_early_by(instance=instance))}


def early_warning(early) -> str:
    """D-04/D-05: the words of the early-handover warning ("" when it is not early)."""
    from django.utils.translation import gettext as _

    if early is None:
        return ""
    hours, minutes = divmod(int(early.total_seconds()) // 60, 60)
    return _("距本班结束还有 %(hours)d 小时 %(minutes)d 分钟，现在交接偏早；下一班的人员可能尚未到岗。") % {
        "hours": hours, "minutes": minutes}
