"""The front-desk figures offices push to head office (core/figures; F-02)."""

from __future__ import annotations

from datetime import date

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.figures.registry import COUNT, figure_register

WORKORDERS_OVERDUE = "frontdesk.workorders_overdue"


def workorders_overdue(start: date, end: date):
    """F-02: the work orders open now and, of them, overdue now — in all and by department (one query);
    measured only for the month holding today (a present state, like complaints.open_now)."""
    from core.calendar import local
    from modules.frontdesk.selectors import workorder_queue

    now = timezone.now()
    if not start <= local(now).date() <= end:
        return None
    per_department = (workorder_queue(role="", open_only=True).order_by().values_list("department")
                      .annotate(open=Count("pk"), overdue=Count("pk", filter=Q(due_at__lt=now))))
    rows, total_open, total_overdue = [], 0, 0
    for department, n_open, n_overdue in per_department:
        total_open += n_open
        total_overdue += n_overdue
        rows.append((f"department:{department}", n_overdue))
    return [("", total_overdue), ("open", total_open), *rows]


def register() -> None:
    figure_register(name=WORKORDERS_OVERDUE, label=_("逾期工单数"), kind=COUNT, compute=workorders_overdue)
