"""The late-report clock of head office (C-18: each office's monthly complaint report is due by the
catalog's `reports.monthly_due_day` of the next month), declared to the core engine from `apps.ready()`.
It runs in the hq tenant: an expectation still without a submission at its `due_at` is marked late once,
and the quality managers and the office's director are told (modules/reports/hq/services.late_mark)."""

from __future__ import annotations

from django.db.models import Q

from core.clocks import Clock, Threshold, clock_register


def register() -> None:
    from modules.reports.hq import models as m
    from modules.reports.hq import services

    clock_register(Clock(
        name="reports.late",
        tenant_type="hq",
        due_field="due_at",
        rows=lambda: m.ReportExpectation.objects.filter(status=m.EXPECTED),
        thresholds=(Threshold(name="late", pending=Q(late_told_at__isnull=True),
                              handle=lambda row, now: services.late_mark(row, now)),),
        key=services.late_key,
    ))
