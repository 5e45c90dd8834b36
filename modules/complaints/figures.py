"""The complaint figures offices push to head office (core/figures; C-17, C-18)."""

from __future__ import annotations

from datetime import date

from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.figures.registry import COUNT, RATE, figure_register, rate_rows

ON_TIME = "complaints.on_time_rate"
RECEIVED = "complaints.received"
OPEN_NOW = "complaints.open_now"


def on_time(start: date, end: date):
    """C-17: the one on-time rate (selectors.complaint_on_time_rate) of the month, with its counts."""
    from modules.complaints.selectors import complaint_on_time_rate

    figures = complaint_on_time_rate(start, end)
    return rate_rows(numerator=figures["on_time"], denominator=figures["total"])


def received(start: date, end: date):
    """C-18: the complaints received in the month, in all and by class, category and channel (one query
    per breakdown)."""
    from modules.complaints.models import Complaint

    qs = Complaint.objects.filter(received_at__date__gte=start, received_at__date__lte=end)
    rows = [("", qs.count()), ("collective", qs.filter(collective=True).count())]
    for field in ("classification", "category", "channel"):
        for value, n in qs.order_by().values_list(field).annotate(n=Count("id")):
            rows.append((f"{field}:{value or '-'}", n))
    return rows


def open_now(start: date, end: date):
    """The complaints open now, in all, overdue, and by status; measured only for the month holding today."""
    from core.calendar import local
    from modules.complaints.models import OPEN_STATUSES, Complaint

    today = local(timezone.now()).date()
    if not start <= today <= end:
        return None
    qs = Complaint.objects.filter(status__in=OPEN_STATUSES)
    rows = [("", qs.count()), ("overdue", qs.filter(step_overdue=True).count())]
    rows += [(f"status:{s}", n) for s, n in qs.order_by().values_list("status").annotate(n=Count("id"))]
    return rows


def register() -> None:
    figure_register(name=ON_TIME, label=_("投诉按时回复率"), kind=RATE, compute=on_time)
    figure_register(name=RECEIVED, label=_("受理投诉数"), kind=COUNT, compute=received)
    figure_register(name=OPEN_NOW, label=_("未结投诉数"), kind=COUNT, compute=open_now)
