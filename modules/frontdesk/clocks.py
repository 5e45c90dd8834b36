"""The work-order clock (F-02), declared to the core engine from `apps.ready()`: an open order past
its due time is overdue once per due time (`overdue_for` holds the due time last reported)."""

from __future__ import annotations

from django.db.models import F, Q

from core.clocks import Clock, Threshold, clock_register


def register() -> None:
    from modules.frontdesk.models import WorkOrder
    from modules.frontdesk.models import work as wo
    from modules.frontdesk.services import overdue

    clock_register(Clock(
        name="frontdesk.workorder",
        rows=lambda: WorkOrder.objects.filter(status__in=wo.OPEN_STATUSES),
        thresholds=(Threshold(name="overdue", passed=lambda now, lead: Q(due_at__lt=now),
                              pending=Q(overdue_for__isnull=True) | ~Q(overdue_for=F("due_at")),
                              handle=lambda row, now: overdue.workorder_overdue_mark(row, now)),),
        key=overdue.overdue_key,
    ))
