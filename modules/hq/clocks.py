"""The result-report clock of head office (C-16/C-17), declared to the core engine from
`apps.ready()`: a forwarded complaint whose result is not reported by `result_due_at` is overdue, once
per due time (`result_overdue_for`). It runs in the hq tenant, fanned out like an office's clocks."""

from __future__ import annotations

from django.db.models import F, Q

from core.clocks import Clock, Threshold, clock_register


def register() -> None:
    from modules.hq.models import HqComplaint
    from modules.hq.services import results

    clock_register(Clock(
        name="hq.result",
        tenant_type="hq",
        due_field="result_due_at",
        rows=lambda: HqComplaint.objects.filter(result_reported_at__isnull=True,
                                                status__in=[HqComplaint.FORWARDED, HqComplaint.COMPLETED]),
        thresholds=(Threshold(name="overdue", passed=lambda now, lead: Q(result_due_at__lt=now),
                              pending=Q(result_overdue_for__isnull=True) | ~Q(result_overdue_for=F("result_due_at")),
                              handle=lambda row, now: results.hq_result_overdue_mark(row, now)),),
        key=results.overdue_key,
    ))
